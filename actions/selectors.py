"""Reads for tasks and their updates, with every join they need."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import Exact

from indicators.models import IndicatorOfficer, IndicatorValue
from plans.models import Officer, OrganisationUnit, Plan, ReportingPeriod, Return
from plans.rules import return_is_due
from plans.selectors import UnitNode, open_periods_in_plan, return_members
from serviceplans.periods import frequency_for, period_kind_for, return_months, return_title

from .models import ProgressUpdate, Task, TaskOfficer
from .rules import FINISHED_STATUSES


def tasks_in_scope() -> QuerySet[Task]:
    """Tasks with their plan, section and units, for lists and roll-ups."""
    return Task.objects.select_related("plan", "plan__unit", "section", "section__unit", "objective")


def with_overdue(tasks: QuerySet[Task], cutoff: date) -> QuerySet[Task]:
    """The tasks with ``latest_status`` (the latest status reported for a period ending on or before
    ``cutoff``) and ``is_overdue``: :func:`actions.rules.task_is_overdue`, the same rule in SQL.

    ``is_overdue`` asks its own question of the latest update (is it finished?) once, and only of tasks due
    before the cutoff, so counting a council's tasks by it does not read every task's updates twice over."""
    so_far = ProgressUpdate.objects.filter(task=OuterRef("pk"), period__end_date__lte=cutoff).order_by(
        "-period__end_date", "-period__start_date"
    )
    finished = so_far.annotate(
        finished=Case(When(status__in=list(FINISHED_STATUSES), then=Value(True)), default=Value(False))
    ).values("finished")[:1]
    return tasks.annotate(
        latest_status=Subquery(so_far.values("status")[:1], output_field=CharField()),
        is_overdue=Case(
            When(
                Q(due_date__lt=cutoff)
                & Q(Exact(Coalesce(Subquery(finished, output_field=BooleanField()), Value(False)), False)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def task_for_page() -> QuerySet[Task]:
    """Everything the task page shows: officers, milestones, priorities and every update with its history."""
    return tasks_in_scope().prefetch_related(
        Prefetch("task_officers", TaskOfficer.objects.select_related("officer")),
        "milestones",
        "priorities",
        Prefetch(
            "updates",
            ProgressUpdate.objects.select_related("period", "updated_by").order_by("period__start_date"),
        ),
    )


def update_versions(task: Task) -> QuerySet:
    """Every saved version of every update of the task, newest first, with who saved it."""
    return (
        ProgressUpdate.history.filter(task_id=task.pk)
        .select_related("history_user", "period")
        .order_by("-history_date")
    )


def periods_for_returns(plan) -> list[ReportingPeriod]:
    """The open periods in which ``plan`` asks for returns: quarters for a quarterly plan, half-years for a
    half-yearly one, within the years the plan covers."""
    return open_periods_in_plan(plan, period_kind_for(plan.reporting_frequency))


@dataclass(frozen=True)
class TaskReturn:
    """A task an officer reports on in an open period, with this period's update and the one before."""

    task: Task
    period: ReportingPeriod
    update: ProgressUpdate | None
    previous: ProgressUpdate | None


def my_task_returns(officer_ids: frozenset[int], periods: list[ReportingPeriod]) -> list[TaskReturn]:
    """The returns due from these officers (themselves and those who delegated to them) in open periods."""
    if not officer_ids or not periods:
        return []
    tasks = (
        tasks_in_scope()
        .filter(
            task_officers__officer_id__in=officer_ids,
            plan__status__in=[Plan.Status.APPROVED, Plan.Status.PUBLISHED],
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "updates", ProgressUpdate.objects.select_related("period").order_by("period__start_date")
            )
        )
    )
    returns = []
    for task in tasks:
        for period in periods:
            if not task.plan.reports_in(period):
                continue
            updates = list(task.updates.all())
            this = next((u for u in updates if u.period_id == period.pk), None)
            earlier = [u for u in updates if u.period.end_date < period.start_date]
            returns.append(TaskReturn(task, period, this, earlier[-1] if earlier else None))
    returns.sort(
        key=lambda r: (
            r.update is not None,
            r.period.start_date,
            r.task.plan_id,
            r.task.section.order,
            r.task.order,
        )
    )
    return returns


# -- returns: what each officer owes in a period, and where their sign-off stands ----------------------------

REPORTING_PLAN_STATUSES = [Plan.Status.APPROVED, Plan.Status.PUBLISHED]


@dataclass
class ReturnRow:
    """One officer's return for one period: what they owe, what they have done, and its sign-off."""

    officer: Officer
    period: ReportingPeriod
    record: Return | None
    tasks_due: int = 0
    tasks_done: int = 0
    values_due: int = 0
    values_done: int = 0
    #: the periods whose updates and values the return holds (the quarter, and the months, half-year and
    #: year ending in it): see :func:`plans.selectors.return_members`
    members: list[ReportingPeriod] = field(default_factory=list)
    #: the kinds of period something is owed for in this return ("quarter", "half", "month", "year")
    kinds: frozenset[str] = frozenset()

    @property
    def state(self) -> str:
        return self.record.state if self.record else Return.State.NOT_STARTED

    @property
    def state_label(self) -> str:
        return Return.State(self.state).label

    @property
    def missing(self) -> int:
        return self.tasks_due - self.tasks_done + self.values_due - self.values_done

    @property
    def is_due(self) -> bool:
        return return_is_due(self.record.state if self.record else None)

    @property
    def title(self) -> str:
        """“Return for 2026/27 Q2 (July to September 2026), includes the half-year update to 30 September”."""
        return return_title(
            self.period.period, includes=[p.period for p in self.members if p.kind in self.kinds]
        )

    @property
    def months(self) -> str:
        """“July to September 2026”."""
        return return_months(self.period.period)

    @property
    def done_words(self) -> str:
        """What is done, in one phrase every page uses: “1 of 2 task updates, 3 of 4 values”."""
        return done_words(self.tasks_done, self.tasks_due, self.values_done, self.values_due)


def done_words(tasks_done: int, tasks_due: int, values_done: int, values_due: int) -> str:
    """“1 of 2 task updates, 3 of 4 values”: a return's count, the same on every page and in reminders (a
    part with nothing due is left out)."""
    words = []
    if tasks_due or not values_due:
        words.append(f"{tasks_done} of {tasks_due} task update{'' if tasks_due == 1 else 's'}")
    if values_due:
        words.append(f"{values_done} of {values_due} value{'' if values_due == 1 else 's'}")
    return ", ".join(words)


def scoped_officers(queryset, officer_ids, unit_ids, *, field: str = ""):
    """``queryset`` of officers (or of rows with an ``officer``, ``field="officer__"``), only active ones,
    only ``officer_ids`` and only in ``unit_ids`` when given."""
    if officer_ids is not None:
        queryset = queryset.filter(**{f"{field}pk__in": list(officer_ids)})
    if unit_ids is not None:
        queryset = queryset.filter(**{f"{field}unit_id__in": list(unit_ids)})
    return queryset.filter(**{f"{field}active": True})


@dataclass(frozen=True)
class ReturnsOwed:
    """Who owes a return for a quarter: by officer, [tasks due, tasks done, values due, values done] and the
    kinds of period they owe something for; ``members``, the periods the return holds."""

    members: list[ReportingPeriod]
    counts: dict[int, list[int]]
    kinds: dict[int, set[str]]

    @property
    def kinds_owed(self) -> set[str]:
        """The kinds of period anyone owes something for (what the returns, together, include)."""
        return set().union(*self.kinds.values())


def returns_owed(
    period: ReportingPeriod,
    *,
    officer_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
    members: list[ReportingPeriod] | None = None,
) -> ReturnsOwed:
    """Every officer who owes a return for the quarter ``period``, optionally only ``officer_ids`` or officers
    of ``unit_ids``, with how many updates and values they owe and have made (not the return's sign-off).

    Returns are made for quarters (:func:`serviceplans.periods.return_period`): the return holds the task
    updates and indicator values of every period in it (:func:`plans.selectors.return_members`, given as
    ``members`` when the caller has read them): the quarter's update of quarterly plans' tasks, the
    half-year's of half-yearly plans' (in Q2 and Q4), and the values of indicators collected by the month,
    quarter, half-year or year for the periods ending in the quarter, in approved or published plans. Any
    other kind of period has no returns.

    Who owes, and how much: two queries, however many officers (three without ``members``): task links and
    indicator links, counted in SQL. :func:`returns_for_period` makes each one's row from it."""
    if period.kind != "quarter":
        return ReturnsOwed(members=[], counts={}, kinds={})
    members = return_members(period) if members is None else members
    year = period.financial_year
    kinds: dict[str, list[int]] = {}
    for member in members:
        kinds.setdefault(member.kind, []).append(member.pk)
    member_ids = [pk for pks in kinds.values() for pk in pks]
    counts: dict[int, list[int]] = {}
    owed: dict[int, set[str]] = {}  # officer → the kinds of period they owe something for

    def scoped(queryset):
        if officer_ids is not None:
            queryset = queryset.filter(officer_id__in=list(officer_ids))
        if unit_ids is not None:
            queryset = queryset.filter(officer__unit_id__in=list(unit_ids))
        return queryset.filter(officer__active=True)

    def add_up(grouped, *, at: int) -> None:
        """(officer, frequency, due, done) rows into ``counts`` (tasks at 0 and 1, values at 2 and 3)."""
        for officer_id, frequency, due, done in grouped:
            tally = counts.setdefault(officer_id, [0, 0, 0, 0])
            tally[at] += due
            tally[at + 1] += done
            owed.setdefault(officer_id, set()).add(period_kind_for(frequency))

    # Counted in SQL, one row per officer and frequency (not one per task or indicator they answer for), for
    # plans covering the year (first year ≤ year < first year + years).
    task_frequencies = [frequency_for(kind) for kind in kinds if kind in ("quarter", "half")]
    if task_frequencies:
        links = scoped(
            TaskOfficer.objects.filter(
                task__plan__status__in=REPORTING_PLAN_STATUSES,
                task__plan__reporting_frequency__in=task_frequencies,
                task__plan__first_year__lte=year,
                task__plan__first_year__gt=year - F("task__plan__years"),
            )
        ).annotate(
            done=Exists(ProgressUpdate.objects.filter(task=OuterRef("task_id"), period_id__in=member_ids))
        )
        add_up(
            links.values("officer_id", "task__plan__reporting_frequency")
            .annotate(due=Count("pk"), made=Count("pk", filter=Q(done=True)))
            .values_list("officer_id", "task__plan__reporting_frequency", "due", "made")
            .order_by(),
            at=0,
        )
    value_frequencies = {frequency_for(kind): len(pks) for kind, pks in kinds.items()}
    entered = (
        IndicatorValue.objects.filter(indicator=OuterRef("indicator_id"), period_id__in=member_ids)
        .order_by()
        .values("indicator")
        .annotate(number=Count("pk"))
        .values("number")
    )
    # A monthly indicator owes one value for each month opened: ``due`` values, and no more than that made.
    owes = Case(
        *(When(indicator__collection_frequency=f, then=Value(n)) for f, n in value_frequencies.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    made = Coalesce(Subquery(entered, output_field=IntegerField()), 0)
    values = (
        scoped(
            IndicatorOfficer.objects.filter(
                indicator__plan__status__in=REPORTING_PLAN_STATUSES,
                indicator__collection_frequency__in=list(value_frequencies),
                indicator__data_only=False,
                indicator__plan__first_year__lte=year,
                indicator__plan__first_year__gt=year - F("indicator__plan__years"),
            )
        )
        .annotate(owes=owes, entered=made)
        .annotate(made=Least("entered", "owes"))
    )
    add_up(
        values.values("officer_id", "indicator__collection_frequency")
        .annotate(due=Sum("owes"), done=Sum("made"))
        .values_list("officer_id", "indicator__collection_frequency", "due", "done")
        .order_by(),
        at=2,
    )
    return ReturnsOwed(members=members, counts=counts, kinds=owed)


def returns_for_period(
    period: ReportingPeriod,
    *,
    officer_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
    members: list[ReportingPeriod] | None = None,
    owed: ReturnsOwed | None = None,
) -> list[ReturnRow]:
    """Every officer who owes a return for the quarter ``period`` (:func:`returns_owed`, or ``owed`` when the
    caller has counted them with the same scope), optionally only ``officer_ids`` or officers of
    ``unit_ids``, with how many updates and values they have made and their return's sign-off, in unit and
    name order.

    Four queries, however many officers (five without ``members``, two without ``owed``): task links,
    indicator links, officers, returns."""
    if owed is None:
        owed = returns_owed(period, officer_ids=officer_ids, unit_ids=unit_ids, members=members)
    counts, members = owed.counts, owed.members
    rows: dict[int, ReturnRow] = {}
    if not counts:
        return []
    # Read by the same scope as the counts (not by a list of thousands of ids), keeping those who owe.
    officers = scoped_officers(Officer.objects.select_related("unit", "user"), officer_ids, unit_ids)
    records = {
        r.officer_id: r
        for r in scoped_officers(
            Return.objects.filter(period=period).select_related("submitted_by", "decided_by"),
            officer_ids,
            unit_ids,
            field="officer__",
        )
    }
    for officer in officers:
        if officer.pk not in counts:
            continue
        tasks_due, tasks_done, values_due, values_done = counts[officer.pk]
        rows[officer.pk] = ReturnRow(
            officer,
            period,
            records.get(officer.pk),
            tasks_due,
            tasks_done,
            values_due,
            values_done,
            members=members,
            kinds=frozenset(owed.kinds.get(officer.pk, ())),
        )
    return sorted(
        rows.values(), key=lambda r: (r.officer.unit.name if r.officer.unit else "", r.officer.name)
    )


RETURN_STATES = [state.value for state in Return.State]


@dataclass(frozen=True)
class UnitSignoff:
    """A unit's returns in a period, with how many are in each state."""

    unit: OrganisationUnit | None
    rows: list[ReturnRow]

    @property
    def counts(self) -> dict[str, int]:
        counted = dict.fromkeys(RETURN_STATES, 0)
        for row in self.rows:
            counted[row.state] += 1
        return counted


def signoff_by_unit(rows: list[ReturnRow]) -> list[UnitSignoff]:
    """Returns grouped by the officer's unit, units in name order."""
    groups: dict[int | None, list[ReturnRow]] = {}
    units: dict[int | None, OrganisationUnit | None] = {}
    for row in rows:
        groups.setdefault(row.officer.unit_id, []).append(row)
        units[row.officer.unit_id] = row.officer.unit
    return sorted((UnitSignoff(units[key], group) for key, group in groups.items()), key=_unit_name)


def _unit_name(group) -> str:
    """Sign-off's units in name order, officers with no unit first."""
    return group.unit.name if group.unit else ""


@dataclass(frozen=True)
class UnitReturnCounts:
    """A unit's returns in a period counted by state, without a row for each officer."""

    unit: OrganisationUnit | UnitNode | None
    counts: dict[str, int]


def return_counts_by_unit(
    period: ReportingPeriod,
    owed: ReturnsOwed,
    *,
    units: dict[int, OrganisationUnit | UnitNode],
    officer_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
) -> list[UnitReturnCounts]:
    """Each unit's returns for the quarter, counted by state, for the officers who owe one (``owed``, counted
    with the same scope), in unit name order: the same counts as ``signoff_by_unit(returns_for_period(…))``
    from two narrow queries (each officer's unit, each return's state), making no row, officer or return
    object per officer, so the sign-off page's list of units costs the same for a county as for a district.
    ``units`` are the units by id (a lean :func:`plans.selectors.unit_tree`'s)."""
    if not owed.counts:
        return []
    unit_of = scoped_officers(Officer.objects.values_list("pk", "unit_id").order_by(), officer_ids, unit_ids)
    states = dict(
        scoped_officers(
            Return.objects.filter(period=period).values_list("officer_id", "state"),
            officer_ids,
            unit_ids,
            field="officer__",
        )
    )
    grouped: dict[int | None, dict[str, int]] = {}
    for officer_id, unit_id in unit_of:
        if officer_id in owed.counts:
            counted = grouped.setdefault(unit_id, dict.fromkeys(RETURN_STATES, 0))
            counted[states.get(officer_id, Return.State.NOT_STARTED)] += 1
    found = [UnitReturnCounts(units.get(key) if key else None, counted) for key, counted in grouped.items()]
    return sorted(found, key=_unit_name)


def signoff_periods() -> tuple[list[ReportingPeriod], list[ReportingPeriod]]:
    """The quarters a return can be made for (those that have been opened), latest first, and every opened
    period (to find each return's members without another query)."""
    opened = list(
        ReportingPeriod.objects.exclude(state=ReportingPeriod.State.SCHEDULED).order_by(
            "-start_date", "end_date"
        )
    )
    return [p for p in opened if p.kind == "quarter"], opened


def return_versions(
    officer_ids: Iterable[int],
    period_ids: Iterable[int] | None = None,
    *,
    quarter_ends: Iterable[date] | None = None,
) -> QuerySet:
    """Every saved version of these officers' returns (sign-off steps), with who saved it: for the periods
    ``period_ids``, or the quarters ending on ``quarter_ends``, when given."""
    queryset = Return.history.filter(officer_id__in=list(officer_ids))
    if period_ids is not None:
        queryset = queryset.filter(period_id__in=list(period_ids))
    if quarter_ends is not None:
        queryset = queryset.filter(period__end_date__in=list(quarter_ends))
    return queryset.select_related("history_user", "period", "officer").order_by("history_date", "history_id")


def task_history_records(task: Task) -> tuple[list, list]:
    """Every saved version of the task and of its updates, with who saved them (two queries)."""
    tasks = list(Task.history.filter(id=task.pk).select_related("history_user"))
    updates = list(ProgressUpdate.history.filter(task_id=task.pk).select_related("history_user", "period"))
    return tasks, updates


def returns_outstanding(period: ReportingPeriod) -> int:
    """How many officers owing a return in ``period`` have not submitted it (or had it sent back)."""
    done = {Return.State.SUBMITTED, Return.State.APPROVED}
    return sum(1 for row in returns_for_period(period) if row.state not in done)
