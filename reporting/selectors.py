"""The dashboard: RAG counts for a period by directorate → service, with exceptions and returns.

Everything is read in a fixed number of queries. Tasks are counted in SQL (one ``GROUP BY`` unit, status and
overdue); indicators' judgements are stored (``indicators.judgements``), so they are counted the same way
(``GROUP BY`` unit and judgement). The groups are read as the database sends them and rolled up the
organisation tree in Python, per unit rather than per row. The same counts place each page of exceptions
(:class:`ExceptionGroups`): only the units on the page are read, a page at a time, one row per task or
indicator with all its reasons.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate

from actions.models import Task
from actions.selectors import with_overdue
from indicators.judgements import join_judgement, judgements_for
from indicators.models import Indicator
from indicators.performance import PeriodPerformance
from indicators.rules import DueState, value_due_state
from plans.models import OrganisationUnit, Plan, PlanSection, ReportingPeriod
from plans.selectors import unit_tree
from serviceplans.periods import FREQUENCY_PERIOD_KINDS, Frequency, Period, period_kind_for

LIVE_PLAN_STATUSES = [Plan.Status.APPROVED, Plan.Status.PUBLISHED]


@dataclass
class UnitRow:
    """One line of the dashboard: a unit with everything beneath it."""

    unit: OrganisationUnit | None
    name: str
    has_children: bool
    tasks: Counter = field(default_factory=Counter)
    indicators: Counter = field(default_factory=Counter)

    @property
    def returns_due(self) -> int:
        return sum(self.tasks.values())

    @property
    def returns_made(self) -> int:
        return self.returns_due - self.tasks["missing"]

    @property
    def values_due(self) -> int:
        return sum(self.indicators.values())


@dataclass(frozen=True)
class TaskException:
    """A task needing attention, once, with every reason: its worst reason first."""

    task: object
    unit_name: str
    reasons: tuple[str, ...]  # of "red", "overdue", "late", "amber", "missing"

    @property
    def reason(self) -> str:
        return self.reasons[0]


@dataclass(frozen=True)
class IndicatorException:
    indicator: object
    unit_name: str
    reason: str  # "red", "amber", "missing"
    performance: PeriodPerformance


@dataclass
class Dashboard:
    period: ReportingPeriod
    periods: list[ReportingPeriod]
    unit: OrganisationUnit | None
    trail: list[OrganisationUnit]
    rows: list[UnitRow]  # the units on this page of the table (and chart)
    unit_rows: Page  # of UnitRow: a council with many directorates or services shows them a page at a time
    totals: UnitRow
    task_exceptions: Page  # of TaskException
    indicator_exceptions: Page  # of IndicatorException


def _a_period_ends_with(period: Period, kind) -> bool:
    """Does a period of ``kind`` (month, quarter, half, year) end when ``period`` ends, in its year?"""
    return any(p.end == period.end for p in Period.for_year(period.year, kind))


def _plans_reporting_at(period: Period) -> Q:
    """The condition (on a task's plan) for the plan to ask for a return for a period ending when ``period``
    ends: its years cover the period's financial year, and it reports by periods of a kind one of which ends
    then. Written on the plans' columns, not as a list of plans, so a query using it is the same size
    however many plans the council holds."""
    year = period.year.start_year

    def reports(frequency: str) -> bool:
        return _a_period_ends_with(period, period_kind_for(frequency))

    known = list(Frequency.values)
    reporting = Q(plan__reporting_frequency__in=[f for f in known if reports(f)])
    if reports(""):  # a word not among the choices reports by quarters, as period_kind_for reads it
        reporting |= ~Q(plan__reporting_frequency__in=known)
    return reporting & Q(plan__first_year__lte=year, plan__first_year__gt=year - F("plan__years"))


def _missing_reason(period: ReportingPeriod, today: date) -> str:
    state = value_due_state(period=period.period, today=today, deadline=period.deadline)
    return "late" if state == DueState.LATE else "missing"


REASON_ORDER = ["red", "overdue", "late", "amber", "missing"]


# A task's or indicator's unit: its section's, else its plan's (the name, for the exceptions' lists).
UNIT_NAME = Coalesce("section__unit__name", "plan__unit__name")


def _tasks_due(
    judged: Period, *, unit: OrganisationUnit | None, tree, ending: list[ReportingPeriod]
) -> QuerySet[Task]:
    """Tasks of live plans that ask for a return for a period ending when ``judged`` ends, beneath ``unit``,
    each with ``unit_key`` (its section's unit, else its plan's) and ``period_status`` (its update's status
    for the period, or None). Not the unit's name: counting needs no join to the units (the exceptions add it).

    ``ending`` are the periods that end when ``judged`` does, shortest first: each task's update for one of
    them is joined (one row at most each: one update per task and period), and the first found is its
    status, as a task's return for the shortest period is the one that counts. A join per period, not a
    subquery per task, so counting a county's tasks reads each update once."""
    tasks = Task.objects.filter(_plans_reporting_at(judged), plan__status__in=LIVE_PLAN_STATUSES)
    if unit is not None:
        ids = tree.descendant_ids(unit.pk)
        tasks = tasks.filter(
            Q(section__unit_id__in=ids) | Q(section__unit__isnull=True, plan__unit_id__in=ids)
        )
    joins = {
        f"update_{index}": FilteredRelation("updates", condition=Q(updates__period_id=period.pk))
        for index, period in enumerate(ending)
    }
    statuses = [F(f"{name}__status") for name in joins]
    if len(statuses) > 1:
        period_status = Coalesce(*statuses, output_field=CharField())
    elif statuses:
        period_status = statuses[0]
    else:
        period_status = Value(None, output_field=CharField())
    return (
        with_overdue(tasks, judged.end)
        .annotate(**joins)
        .annotate(
            unit_key=Coalesce("section__unit_id", "plan__unit_id"),
            period_status=period_status,
        )
        .order_by()
    )


def _task_exceptions(tasks: QuerySet[Task], judged: Period, missing: str) -> QuerySet[Task]:
    """The tasks that are red, amber, overdue or without an update, worst first (then by unit); ``tasks``
    carry ``is_overdue`` (:func:`actions.selectors.with_overdue`, the one overdue rule)."""
    return (
        tasks.select_related("plan", "section")
        .annotate(unit_name=UNIT_NAME, reason_rank=_task_reason_rank_sql(missing))
        .filter(reason_rank__isnull=False)
        .order_by("reason_rank", "unit_name", "pk")
    )


def _task_reason_rank_sql(missing: str) -> Case:
    """Where a task stands among the exceptions (the worst reason first), or None if it is not one."""
    return Case(
        When(period_status="red", then=Value(REASON_ORDER.index("red"))),
        When(Q(is_overdue=True), then=Value(REASON_ORDER.index("overdue"))),
        When(period_status="amber", then=Value(REASON_ORDER.index("amber"))),
        When(period_status__isnull=True, then=Value(REASON_ORDER.index(missing))),
        default=None,
        output_field=IntegerField(),
    )


def _task_reasons(task, missing: str) -> tuple[str, ...]:
    reasons = []
    if task.period_status in ("red", "amber"):
        reasons.append(task.period_status)
    if task.period_status is None:
        reasons.append(missing)
    if task.is_overdue:
        reasons.append("overdue")
    return tuple(sorted(reasons, key=REASON_ORDER.index))


def _indicators_due(judged: Period, *, unit: OrganisationUnit | None, tree) -> QuerySet:
    """Indicators of live plans covering the period, collected at periods ending when it ends, beneath
    ``unit``, each with ``unit_key`` (its section's unit, else its plan's) and its stored judgement for the
    period (``judged_rag``…: :func:`indicators.judgements.join_judgement`)."""
    year = judged.year.start_year
    frequencies = [
        frequency for frequency, kind in FREQUENCY_PERIOD_KINDS.items() if _a_period_ends_with(judged, kind)
    ]
    indicators = Indicator.objects.filter(
        plan__status__in=LIVE_PLAN_STATUSES,
        plan__first_year__lte=year,
        plan__first_year__gt=year - F("plan__years"),
        collection_frequency__in=frequencies,
    )
    if unit is not None:
        ids = tree.descendant_ids(unit.pk)
        indicators = indicators.filter(
            Q(section__unit_id__in=ids) | Q(section__unit__isnull=True, plan__unit_id__in=ids)
        )
    return (
        join_judgement(indicators, judged)
        .annotate(unit_key=Coalesce("section__unit_id", "plan__unit_id"))
        .order_by()
    )


def _indicator_exceptions(indicators: QuerySet) -> QuerySet:
    """The indicators that are red, amber or without a value (and no reason given for it), worst first (then
    by unit), each with ``reason`` and ``reason_rank``."""
    reason = Case(
        When(judged_rag="red", then=Value("red")),
        When(judged_rag="amber", then=Value("amber")),
        When(judged_rag="no_data", judged_no_data_reason="", then=Value("missing")),
        default=None,
        output_field=CharField(),
    )
    rank = Case(
        *(
            When(exception_reason=name, then=Value(REASON_ORDER.index(name)))
            for name in ("red", "amber", "missing")
        ),
        output_field=IntegerField(),
    )
    return (
        indicators.annotate(exception_reason=reason, unit_name=UNIT_NAME)
        .filter(exception_reason__isnull=False)
        .annotate(reason_rank=rank)
        .order_by("reason_rank", "unit_name", "pk")
    )


def _plain_rows(grouped: QuerySet, names: list[str]) -> list[tuple]:
    """The rows of ``grouped`` (a ``values_list`` of ``names``: groups and their counts) as the database sends
    them, without Django's conversion of every value in Python: ids, status words, counts and flags need none
    (a flag may come as 1 or 0, which reads the same), and a county's dashboard counts tens of thousands of
    groups."""
    try:
        sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # a condition no row can meet (no live plan asks for a return): nothing to count
        return []
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]
    if columns != names:  # in the order asked for, whatever order the SQL chose
        where = [columns.index(name) for name in names]
        rows = [tuple(row[i] for i in where) for row in rows]
    return rows


def _task_reason_rank(status: str | None, overdue: bool, missing: str) -> int | None:
    """Where a group of tasks (their status for the period, overdue or not) stands among the exceptions: the
    rank :func:`_task_exceptions` gives each of them in SQL, or None for tasks that are no exception."""
    if status == "red":
        return REASON_ORDER.index("red")
    if overdue:
        return REASON_ORDER.index("overdue")
    if status == "amber":
        return REASON_ORDER.index("amber")
    if status is None:
        return REASON_ORDER.index(missing)
    return None


def _indicator_reason_rank(rag: str, explained: bool) -> int | None:
    """The rank :func:`_indicator_exceptions` gives a group of indicators in SQL, or None for no exception."""
    if rag in ("red", "amber"):
        return REASON_ORDER.index(rag)
    if rag == "no_data" and not explained:
        return REASON_ORDER.index("missing")
    return None


class ExceptionGroups:
    """The exceptions of a dashboard in their order (worst reason first, then by unit name, then by id),
    read a page at a time using the counts already made. The counts say how many exceptions each unit has
    for each reason, so which units' exceptions fall on a page is known before reading it: only those units'
    rows are read (through the index on their plan sections), not every exception ranked and sorted again.

    ``exceptions`` are the tasks or indicators that are exceptions, with ``reason_rank``, ``unit_name`` and
    ``unit_key`` (their section's unit, else their plan's); the groups are added with :meth:`add` as the counts
    come. Names sort by their characters (as Python and SQLite compare them; PostgreSQL is told to do the
    same), so the counts and the SQL agree on the order; units of the same name are one group, their
    exceptions in id order together, as in one sorted list."""

    def __init__(self, exceptions: QuerySet, tree):
        self.exceptions = exceptions
        self.tree = tree
        self.units: dict[tuple[int, str], Counter] = {}  # (rank, unit name) → unit → how many

    def add(self, rank: int | None, unit_id: int, number: int) -> None:
        if rank is None:
            return
        key = (rank, self.tree.units[unit_id].name)
        counts = self.units.get(key)
        if counts is None:  # not setdefault: a county's thousands of groups would make a Counter each
            counts = self.units[key] = Counter()
        counts[unit_id] += number

    def __len__(self) -> int:
        return sum(counts.total() for counts in self.units.values())

    def __getitem__(self, index: slice) -> list:
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        order = sorted(self.units)
        wanted, before, first, seen = [], 0, 0, 0
        for number, key in enumerate(order):  # the groups on the page, and what comes before the first
            size = self.units[key].total()
            if seen + size > start and seen < stop:
                if not wanted:
                    before, first = seen, number
                wanted.append(key)
            seen += size
        if not wanted:
            return []
        units = set().union(*(self.units[key] for key in wanted))
        sections = PlanSection.objects.filter(
            Q(unit_id__in=units) | Q(unit__isnull=True, plan__unit_id__in=units)
        ).values("pk")
        # These units' exceptions in order; those in groups before the page's first are read past (the counts
        # say how many), then those of the page's groups, earlier pages' share of the first group skipped.
        passed = sum(n for key in order[:first] for unit_id, n in self.units[key].items() if unit_id in units)
        by_name = F("unit_name")
        if connections[self.exceptions.db].vendor == "postgresql":
            by_name = Collate(by_name, "C")
        rows = self.exceptions.filter(section_id__in=sections).order_by("reason_rank", by_name, "pk")
        offset = passed + start - before
        return list(rows[offset : offset + stop - start])


def _page(queryset: QuerySet | list, count: int, per_page: int, number: int | str) -> Page:
    """One page of ``queryset``, whose length (``count``) is already known from the counts."""
    paginator = Paginator(queryset, per_page)
    paginator.count = count  # a cached property: set, it is not counted again in SQL
    return paginator.get_page(number)


def dashboard(
    *,
    period: ReportingPeriod,
    periods: list[ReportingPeriod],
    unit: OrganisationUnit | None,
    today: date | None = None,
    task_page_number: int | str = 1,
    indicator_page_number: int | str = 1,
    unit_page_number: int | str = 1,
    per_page: int = 25,
    units_per_page: int = 25,
    exceptions: bool = True,
    by_unit: bool = True,
) -> Dashboard:
    """Missing returns and values are “late” once the period's deadline has passed, else just missing.
    The exceptions come a page at a time (``per_page``; a page number out of range gives the last page), and so
    do the units' rows (``units_per_page``) when a unit has many beneath it; the totals count them all. Without
    ``exceptions`` (the performance team's home page), only the exceptions' numbers are read, not a page;
    without ``by_unit``, only the totals are counted (grouped by status alone: no row for each unit)."""
    today = today or date.today()
    tree = unit_tree(lean=True)
    judged = period.period

    if unit is None:
        roots = tree.roots()
        # A single council at the top: start from its directorates.
        top = roots[0] if len(roots) == 1 else None
    else:
        top = unit
    row_units = tree.children_of(top.pk) if top is not None else tree.roots()
    rows = {u.pk: UnitRow(unit=u, name=u.name, has_children=bool(tree.children.get(u.pk))) for u in row_units}
    own_row = UnitRow(unit=top, name=f"{top.name} (directly)" if top else "Council-wide", has_children=False)
    totals = UnitRow(unit=top, name="Total", has_children=False)

    # Each unit in scope → its row: the row of the unit it sits beneath, else the top's own ("directly"). Not
    # worked out when only the totals are wanted: the counts then come grouped by status alone.
    row_of = {}
    if by_unit:
        scope = tree.descendant_ids(top.pk) if top is not None else set(tree.units)
        row_of = dict.fromkeys(scope, own_row) | {
            unit_id: rows[pk] for unit_id, pk in tree.rolled_up(rows).items()
        }

    # Tasks and their returns: counted per unit, status and overdue in one SQL pass, which also gives the
    # number of exceptions, so the exceptions' paginator needs no count of its own; the page is read in SQL.
    # Each group's number goes to its unit's row (the row it rolls up to) and to the totals, or to the totals
    # alone when no rows are wanted (unit None), or nowhere for a unit outside the scope: worked out once per
    # unit and counter, as a county's thousands of units give tens of thousands of groups.
    targets: dict[tuple[int | None, str], tuple] = {}

    def tally(unit_id: int | None, counter: str, key: str, number: int) -> None:
        found = targets.get((unit_id, counter))
        if found is None:
            row = row_of.get(unit_id) if unit_id is not None else None
            if unit_id is None:
                found = (getattr(totals, counter),)
            else:
                found = () if row is None else (getattr(row, counter), getattr(totals, counter))
            targets[(unit_id, counter)] = found
        for counts in found:
            counts[key] += number

    ending = sorted(
        (p for p in periods if p.end_date == judged.end), key=lambda p: p.start_date, reverse=True
    )
    if period not in ending:  # a period not among those listed (a caller's own list) is still counted
        ending.insert(0, period)

    def counted(queryset, *fields):
        """(unit or None, *fields, number) per group: grouped by unit too only when the rows are wanted."""
        names = ["unit_key", *fields, "number"] if by_unit else [*fields, "number"]
        grouped = _plain_rows(queryset.values_list(*names[:-1]).annotate(number=Count("pk")), names)
        return grouped if by_unit else [(None, *group) for group in grouped]

    tasks = _tasks_due(judged, unit=unit, tree=tree, ending=ending)
    missing = _missing_reason(period, today)
    task_exceptions = ExceptionGroups(_task_exceptions(tasks, judged, missing), tree)
    task_exception_count = 0
    for unit_id, status, overdue, number in counted(tasks, "period_status", "is_overdue"):
        tally(unit_id, "tasks", status or "missing", number)
        rank = _task_reason_rank(status, overdue, missing)
        if rank is not None:
            task_exception_count += number
            if by_unit:
                task_exceptions.add(rank, unit_id, number)
    task_page = _page(
        (task_exceptions if by_unit else _task_exceptions(tasks, judged, missing)) if exceptions else [],
        task_exception_count,
        per_page,
        task_page_number,
    )
    task_page.object_list = [
        TaskException(task, task.unit_name, _task_reasons(task, missing)) for task in task_page.object_list
    ]

    # Indicators and their values: stored judgements counted per unit and RAG in SQL, exceptions paged in SQL.
    indicators = _indicators_due(judged, unit=unit, tree=tree)
    indicator_exceptions = ExceptionGroups(_indicator_exceptions(indicators), tree)
    indicator_exception_count = 0
    explained = Case(When(judged_no_data_reason="", then=Value(False)), default=Value(True))
    for unit_id, rag, has_reason, number in counted(
        indicators.annotate(explained=explained), "judged_rag", "explained"
    ):
        tally(unit_id, "indicators", rag, number)
        rank = _indicator_reason_rank(rag, has_reason)
        if rank is not None:
            indicator_exception_count += number
            if by_unit:
                indicator_exceptions.add(rank, unit_id, number)
    indicator_page = _page(
        (indicator_exceptions if by_unit else _indicator_exceptions(indicators)) if exceptions else [],
        indicator_exception_count,
        per_page,
        indicator_page_number,
    )
    shown = list(indicator_page.object_list)
    performances = judgements_for([i.pk for i in shown], judged) if shown else {}
    indicator_page.object_list = [
        IndicatorException(i, i.unit_name, i.exception_reason, performances[i.pk]) for i in shown
    ]

    ordered_rows = list(rows.values()) if by_unit else []
    if own_row.tasks or own_row.indicators:
        ordered_rows.insert(0, own_row)
    unit_rows = Paginator(ordered_rows, units_per_page).get_page(unit_page_number)
    return Dashboard(
        period=period,
        periods=periods,
        unit=unit,
        trail=tree.ancestors(unit.pk) if unit else [],
        rows=list(unit_rows.object_list),
        unit_rows=unit_rows,
        totals=totals,
        task_exceptions=task_page,
        indicator_exceptions=indicator_page,
    )
