"""Who may enter an indicator's value (the principles are in ``serviceplans.permissions``)."""

from plans.models import ReportingPeriod
from plans.permissions import period_is_open_to
from serviceplans.permissions import Actor, responsible_for


def can_enter_value(actor: Actor, indicator, period: ReportingPeriod) -> bool:
    """May ``actor`` enter ``indicator``'s value for ``period``?"""
    officer_ids = {link.officer_id for link in indicator.indicator_officers.all()}
    unit_id = indicator.section.unit_id or indicator.plan.unit_id
    return period_is_open_to(actor, period) and responsible_for(
        actor, officer_ids=officer_ids, unit_id=unit_id, period_end=period.end_date
    )
