"""Who may do what: every permission rule of the product, in one place.

- Everyone who signs in may **read** plans, tasks, indicators and the dashboard.
- The **performance team** (and superusers) may change everything, in any period, open or closed.
- **Officers** may report on the tasks and indicators they are responsible for, and on those of officers
  who have delegated to them (while the delegation runs).
- **Managers** (the head of a unit) may report on anything in their unit and the units beneath it.
- **Committee clerks** and **members** read only.
- Once a period is **closed** (or published), returns for it are read-only except for the performance team.

Views ask these functions; they never test groups themselves. An :class:`Actor` is read once per request
(a handful of queries) so checking a whole page of rows costs no more queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from plans.models import Delegation, Officer, OrganisationUnit, ReportingPeriod
from plans.selectors import unit_tree

from .roles import COMMITTEE_CLERKS, MANAGERS, MEMBERS, OFFICERS, PERFORMANCE_TEAM


@dataclass(frozen=True)
class Actor:
    """A signed-in person as the permission rules see them."""

    user_id: int | None
    roles: frozenset[str] = frozenset()
    is_superuser: bool = False
    officer_id: int | None = None
    acting_for: frozenset[int] = field(default_factory=frozenset)  # officer ids: self and delegators
    managed_units: frozenset[int] = field(default_factory=frozenset)  # unit ids headed, and all beneath

    @property
    def runs_everything(self) -> bool:
        return self.is_superuser or PERFORMANCE_TEAM in self.roles

    @property
    def reads_only(self) -> bool:
        return not self.runs_everything and not (self.acting_for or self.managed_units)


def actor_for(user, *, today: date | None = None) -> Actor:
    """Read who ``user`` is: their groups, their officer record, delegations to them and units they head."""
    if user is None or not user.is_authenticated:
        return Actor(user_id=None)
    today = today or date.today()
    roles = frozenset(user.groups.values_list("name", flat=True))
    officer = Officer.objects.filter(user=user).only("pk").first()
    if officer is None:
        return Actor(user_id=user.pk, roles=roles, is_superuser=user.is_superuser)
    delegators = Delegation.objects.filter(delegate=officer).filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=today), Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    headed = list(OrganisationUnit.objects.filter(head=officer).values_list("pk", flat=True))
    managed: set[int] = set()
    if headed:
        tree = unit_tree()
        for unit_id in headed:
            managed |= tree.descendant_ids(unit_id)
    return Actor(
        user_id=user.pk,
        roles=roles,
        is_superuser=user.is_superuser,
        officer_id=officer.pk,
        acting_for=frozenset({officer.pk, *delegators.values_list("officer_id", flat=True)}),
        managed_units=frozenset(managed),
    )


def period_is_open_to(actor: Actor, period: ReportingPeriod) -> bool:
    """Returns for a period can be changed while it is open; after that only by the performance team."""
    if actor.runs_everything:
        return True
    return period.state == ReportingPeriod.State.OPEN


def _responsible_for(actor: Actor, *, officer_ids: set[int], unit_id: int | None) -> bool:
    if actor.runs_everything:
        return True
    if officer_ids & actor.acting_for:
        return True
    return unit_id is not None and unit_id in actor.managed_units


def task_unit_id(task) -> int | None:
    return task.section.unit_id or task.plan.unit_id


def can_update_task(actor: Actor, task, period: ReportingPeriod) -> bool:
    """May ``actor`` report progress on ``task`` for ``period``? Needs ``task.task_officers`` and
    ``task.section`` / ``task.plan`` read already."""
    officer_ids = {link.officer_id for link in task.task_officers.all()}
    return period_is_open_to(actor, period) and _responsible_for(
        actor, officer_ids=officer_ids, unit_id=task_unit_id(task)
    )


def can_enter_value(actor: Actor, indicator, period: ReportingPeriod) -> bool:
    """May ``actor`` enter ``indicator``'s value for ``period``?"""
    officer_ids = {link.officer_id for link in indicator.indicator_officers.all()}
    unit_id = indicator.section.unit_id or indicator.plan.unit_id
    return period_is_open_to(actor, period) and _responsible_for(
        actor, officer_ids=officer_ids, unit_id=unit_id
    )


ROLE_NAMES = {
    PERFORMANCE_TEAM: "performance team",
    COMMITTEE_CLERKS: "committee clerk",
    MANAGERS: "manager",
    OFFICERS: "officer",
    MEMBERS: "member",
}
