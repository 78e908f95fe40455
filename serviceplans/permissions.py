"""Who may do what: every permission rule of the product, in one place.

- Everyone who signs in may **read** plans, tasks, indicators and the dashboard.
- The **performance team** (and superusers) may change everything, in any period, open or closed.
- **Officers** may report on the tasks and indicators they are responsible for, and on those of officers
  who have delegated to them (while the delegation runs).
- **Managers** (the head of a unit) may report on anything in their unit and the units beneath it.
- **Committee clerks** and **members** read only.
- Once a period is **closed**, returns for it are read-only except for the performance team; once it is
  **published**, they are read-only for everyone.
- Once an officer has **submitted** their return for a period (or it is approved), their own tasks and values
  for that period are read-only to them until their manager sends the return back; the manager and the
  performance team can still correct them.
- A return is **decided** (approved or sent back) by a manager: the head of the officer's unit or of any
  unit above it, never the officer themself; the performance team may decide any return.
- A plan moves through its life by the table in ``plans.rules``: its owner or a manager of its unit submits
  it; the performance team approves, publishes, archives, schedules and runs reporting periods, and starts
  next year's plan.

Views ask these functions; they never test groups themselves. An :class:`Actor` is read once per request
(a handful of queries) so checking a whole page of rows costs no more queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from actions.models import Return
from plans.models import Delegation, Officer, OrganisationUnit, ReportingPeriod
from plans.rules import plan_step_allowed
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
    # (officer id, period id) of returns submitted or approved, for the officers acted for: read-only to them
    locked_returns: frozenset[tuple[int, int]] = field(default_factory=frozenset)

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
    acting_for = frozenset({officer.pk, *delegators.values_list("officer_id", flat=True)})
    locked = Return.objects.filter(
        officer_id__in=acting_for, state__in=[Return.State.SUBMITTED, Return.State.APPROVED]
    ).values_list("officer_id", "period_id")
    return Actor(
        user_id=user.pk,
        roles=roles,
        is_superuser=user.is_superuser,
        officer_id=officer.pk,
        acting_for=acting_for,
        managed_units=frozenset(managed),
        locked_returns=frozenset(locked),
    )


def request_actor(request) -> Actor:
    """The actor for ``request.user``, read once per request and kept on the request, so the page and its
    navigation share the same few queries."""
    actor = getattr(request, "_actor", None)
    user_id = getattr(request.user, "pk", None)
    if actor is None or actor.user_id != user_id:
        actor = request._actor = actor_for(request.user)
    return actor


def period_is_open_to(actor: Actor, period: ReportingPeriod) -> bool:
    """Returns for a period can be changed while it is open; once closed only by the performance team (to
    correct them before publishing); once published by no one, because committees have seen them."""
    if period.state == ReportingPeriod.State.PUBLISHED:
        return False
    if actor.runs_everything:
        return True
    return period.state == ReportingPeriod.State.OPEN


def _responsible_for(
    actor: Actor, *, officer_ids: set[int], unit_id: int | None, period_id: int | None = None
) -> bool:
    if actor.runs_everything:
        return True
    if unit_id is not None and unit_id in actor.managed_units:
        return True
    # An officer reports for themself and those who delegated to them, until that return is submitted.
    return any(
        (officer_id, period_id) not in actor.locked_returns for officer_id in officer_ids & actor.acting_for
    )


def task_unit_id(task) -> int | None:
    return task.section.unit_id or task.plan.unit_id


def can_update_task(actor: Actor, task, period: ReportingPeriod) -> bool:
    """May ``actor`` report progress on ``task`` for ``period``? Needs ``task.task_officers`` and
    ``task.section`` / ``task.plan`` read already."""
    officer_ids = {link.officer_id for link in task.task_officers.all()}
    return period_is_open_to(actor, period) and _responsible_for(
        actor, officer_ids=officer_ids, unit_id=task_unit_id(task), period_id=period.pk
    )


def can_enter_value(actor: Actor, indicator, period: ReportingPeriod) -> bool:
    """May ``actor`` enter ``indicator``'s value for ``period``?"""
    officer_ids = {link.officer_id for link in indicator.indicator_officers.all()}
    unit_id = indicator.section.unit_id or indicator.plan.unit_id
    return period_is_open_to(actor, period) and _responsible_for(
        actor, officer_ids=officer_ids, unit_id=unit_id, period_id=period.pk
    )


def return_is_locked_for(actor: Actor, officer_id: int, period: ReportingPeriod) -> bool:
    """Is ``officer_id``'s return for ``period`` submitted (or approved), so read-only to them?"""
    return (officer_id, period.pk) in actor.locked_returns


def can_submit_return(actor: Actor, officer_id: int, period: ReportingPeriod) -> bool:
    """The officer (or their delegate) submits their own return, while the period is open; the performance
    team may submit on anyone's behalf."""
    if period.state != ReportingPeriod.State.OPEN and not actor.runs_everything:
        return False
    return actor.runs_everything or officer_id in actor.acting_for


def can_decide_return(actor: Actor, officer, period: ReportingPeriod | None = None) -> bool:
    """May ``actor`` approve or send back ``officer``'s return? The performance team always; otherwise a
    manager of the officer's unit (its head, or the head of a unit above it), never for their own return."""
    if actor.runs_everything:
        return True
    if actor.officer_id is None or officer.pk == actor.officer_id:
        return False
    return officer.unit_id is not None and officer.unit_id in actor.managed_units


def nearest_manager_id(tree, officer) -> int | None:
    """The officer to tell when ``officer``'s return is late: the head of their unit, or (when they head it
    themselves, or it has no head) of the nearest unit above. ``tree`` is ``plans.selectors.unit_tree()``."""
    unit_id = officer.unit_id
    while unit_id is not None and unit_id in tree.units:
        unit = tree.units[unit_id]
        if unit.head_id is not None and unit.head_id != officer.pk:
            return unit.head_id
        unit_id = unit.parent_id
    return None


def can_move_plan(actor: Actor, plan, action: str) -> bool:
    """May ``actor`` take the plan ``action`` (submit, approve…) now? See ``plans.rules.PLAN_STEPS``."""
    is_owner = actor.officer_id is not None and (
        plan.owner_id == actor.officer_id or plan.unit_id in actor.managed_units
    )
    return plan_step_allowed(action, plan.status, is_owner=is_owner, is_performance=actor.runs_everything)


def can_run_periods(actor: Actor) -> bool:
    """Scheduling, opening, closing and publishing periods, and starting next year's plans."""
    return actor.runs_everything


def can_see_signoff(actor: Actor) -> bool:
    """The sign-off page is for managers (their units) and the performance team (everyone)."""
    return actor.runs_everything or bool(actor.managed_units)


ROLE_NAMES = {
    PERFORMANCE_TEAM: "performance team",
    COMMITTEE_CLERKS: "committee clerk",
    MANAGERS: "manager",
    OFFICERS: "officer",
    MEMBERS: "member",
}
