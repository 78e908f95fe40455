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

The rules that need only the actor are here, in the shared kernel; each app keeps the rules about its own
things beside them and built on them: ``plans.permissions`` (who someone is, periods, returns, plans),
``actions.permissions`` (tasks), ``indicators.permissions`` (values), ``risks.permissions``,
``reporting.permissions``. Views and the admin ask these functions; they never test groups themselves. An :class:`Actor` is read once per request
(a handful of queries) so checking a whole page of rows costs no more queries.
"""

from dataclasses import dataclass, field
from datetime import date

from .periods import Period, PeriodKind
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
    # (officer id, last day of the quarter) of returns submitted or approved, for the officers acted for:
    # read-only to them, with every period whose updates belong to that quarter's return
    locked_returns: frozenset[tuple[int, date]] = field(default_factory=frozenset)

    @property
    def runs_everything(self) -> bool:
        return self.is_superuser or PERFORMANCE_TEAM in self.roles

    @property
    def reads_only(self) -> bool:
        return not self.runs_everything and not (self.acting_for or self.managed_units)


def return_lock_key(officer_id: int, period_end: date) -> tuple[int, date]:
    """What locks an officer's updates for a period ending on ``period_end``: their return for the quarter
    holding that day (:func:`serviceplans.periods.return_period`), named by the quarter's last day."""
    return (officer_id, Period.containing(period_end, PeriodKind.QUARTER).end)


def responsible_for(
    actor: Actor, *, officer_ids: set[int], unit_id: int | None, period_end: date | None = None
) -> bool:
    """Is ``actor`` answerable for something owned by ``officer_ids`` in unit ``unit_id``: the performance
    team always; a manager of the unit; or an officer (or their delegate) until their return holding the
    period ending on ``period_end`` (its quarter's) is submitted."""
    if actor.runs_everything:
        return True
    if unit_id is not None and unit_id in actor.managed_units:
        return True
    # An officer reports for themself and those who delegated to them, until that return is submitted.
    return any(
        period_end is None or return_lock_key(officer_id, period_end) not in actor.locked_returns
        for officer_id in officer_ids & actor.acting_for
    )


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


def can_run_periods(actor: Actor) -> bool:
    """Scheduling, opening, closing and publishing periods, and starting next year's plans."""
    return actor.runs_everything


def can_see_signoff(actor: Actor) -> bool:
    """The sign-off page is for managers (their units) and the performance team (everyone)."""
    return actor.runs_everything or bool(actor.managed_units)


def can_write_reports(actor: Actor) -> bool:
    """Committee reports are written and published by the performance team and committee clerks (the rest
    of the reporting rules are in ``reporting.permissions``)."""
    return actor.runs_everything or COMMITTEE_CLERKS in actor.roles


ROLE_NAMES = {
    PERFORMANCE_TEAM: "performance team",
    COMMITTEE_CLERKS: "committee clerk",
    MANAGERS: "manager",
    OFFICERS: "officer",
    MEMBERS: "member",
}
