"""Who may review and change risks: the same rules as task updates (``serviceplans.permissions``).

- A risk's **owners** (and officers they have delegated to) review it in an open period, until their return
  for the period is submitted; **managers** of the risk's unit (or a unit above it) and the **performance
  team** may review it too. Closed periods are for the performance team only; published ones for no one.
- Risks are **created, changed and closed** by managers of their unit and the performance team.
"""

from plans.models import ReportingPeriod
from plans.permissions import period_is_open_to
from serviceplans.permissions import Actor, responsible_for


def owner_ids(risk) -> set[int]:
    """Needs ``risk.risk_owners`` read already (prefetched) to cost no query."""
    return {link.officer_id for link in risk.risk_owners.all()}


def can_review_risk(actor: Actor, risk, period: ReportingPeriod) -> bool:
    return (
        risk.status == "open"
        and period_is_open_to(actor, period)
        and responsible_for(
            actor, officer_ids=owner_ids(risk), unit_id=risk.unit_id, period_end=period.end_date
        )
    )


def can_manage_risks(actor: Actor, unit_id: int | None) -> bool:
    return actor.runs_everything or (unit_id is not None and unit_id in actor.managed_units)
