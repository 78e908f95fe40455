"""The dashboard: RAG counts for a period by directorate → service, with exceptions and returns.

Everything is read in a fixed number of queries (units, settings, periods, tasks, updates, indicators with
their targets and values) and rolled up the organisation tree in Python, so the dashboard costs the same
whether the council has ten tasks or ten thousand.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from actions.models import ProgressStatus, ProgressUpdate
from actions.selectors import tasks_in_scope
from indicators.performance import IndicatorRecord, PeriodPerformance
from indicators.rules import DueState, Rag, value_due_state
from indicators.selectors import indicators_with_record
from plans.models import CouncilSettings, OrganisationUnit, Plan, ReportingPeriod
from plans.selectors import unit_tree
from serviceplans.periods import Period, period_kind_for

TASK_STATUS_ORDER = ["red", "amber", "green", "completed", "not_started", "not_applicable", "missing"]
INDICATOR_RAG_ORDER = ["red", "amber", "green", "no_data", "no_target", "not_judged"]
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
    task: object
    unit_name: str
    reason: str  # "red", "amber", "overdue", "missing"
    update: ProgressUpdate | None


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
    rows: list[UnitRow]
    totals: UnitRow
    task_exceptions: list[TaskException]
    indicator_exceptions: list[IndicatorException]


def dashboard_periods() -> list[ReportingPeriod]:
    """Quarters, half-years and years that have been opened at least once, newest first."""
    return list(
        ReportingPeriod.objects.filter(kind__in=["quarter", "half", "year"])
        .exclude(state=ReportingPeriod.State.SCHEDULED)
        .order_by("-end_date", "-start_date")
    )


def default_period(periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The latest open period, else the latest one that has been reported on."""
    open_periods = [p for p in periods if p.state == ReportingPeriod.State.OPEN]
    return (open_periods or periods or [None])[0]


def _plan_covers(plan: Plan, period: Period) -> bool:
    return plan.first_year <= period.year.start_year < plan.first_year + plan.years


def _plan_reports_at(plan: Plan, period: Period) -> bool:
    """Does the plan ask for a return for a period ending when ``period`` ends?"""
    if not _plan_covers(plan, period):
        return False
    kind = period_kind_for(plan.reporting_frequency)
    return any(p.end == period.end for p in Period.for_year(period.year, kind))


def _missing_reason(period: ReportingPeriod, today: date) -> str:
    state = value_due_state(period=period.period, today=today, deadline=period.deadline)
    return "late" if state == DueState.LATE else "missing"


def _indicator_due_at(indicator, period: Period) -> bool:
    kind = period_kind_for(indicator.collection_frequency)
    return any(p.end == period.end for p in Period.for_year(period.year, kind))


def dashboard(
    *,
    period: ReportingPeriod,
    periods: list[ReportingPeriod],
    unit: OrganisationUnit | None,
    today: date | None = None,
) -> Dashboard:
    """Missing returns and values are “late” once the period's deadline has passed, else just missing."""
    today = today or date.today()
    tree = unit_tree()
    settings = CouncilSettings.load()
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
    scope = tree.descendant_ids(top.pk) if top is not None else set(tree.units)
    totals = UnitRow(unit=top, name="Total", has_children=False)

    def row_for(unit_id: int) -> UnitRow | None:
        if unit_id not in scope:
            return None
        pk = tree.rolled_up_to(unit_id, among=rows.keys())
        return rows[pk] if pk is not None else own_row

    def unit_name(unit_id: int) -> str:
        return tree.units[unit_id].name

    # Tasks and their returns.
    tasks = [
        task
        for task in tasks_in_scope().filter(plan__status__in=LIVE_PLAN_STATUSES)
        if _plan_reports_at(task.plan, judged)
    ]
    updates = {
        u.task_id: u
        for u in ProgressUpdate.objects.filter(period__end_date=judged.end, task__in=[t.pk for t in tasks])
        .select_related("period")
        .order_by("period__start_date")
    }
    task_exceptions = []
    for task in tasks:
        unit_id = task.section.unit_id or task.plan.unit_id
        row = row_for(unit_id)
        if row is None:
            continue
        update = updates.get(task.pk)
        status = update.status if update else "missing"
        for counter in (row.tasks, totals.tasks):
            counter[status] += 1
        reasons = []
        if status in ("red", "amber"):
            reasons.append(status)
        if status == "missing":
            reasons.append(_missing_reason(period, today))
        if (
            task.due_date
            and task.due_date < judged.end
            and status not in (ProgressStatus.COMPLETED, ProgressStatus.NOT_APPLICABLE)
        ):
            reasons.append("overdue")
        task_exceptions += [TaskException(task, unit_name(unit_id), reason, update) for reason in reasons]

    # Indicators and their values.
    indicator_exceptions = []
    for indicator in indicators_with_record().filter(plan__status__in=LIVE_PLAN_STATUSES):
        if not (_plan_covers(indicator.plan, judged) and _indicator_due_at(indicator, judged)):
            continue
        unit_id = indicator.section.unit_id or indicator.plan.unit_id
        row = row_for(unit_id)
        if row is None:
            continue
        record = IndicatorRecord(
            indicator,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        performance = record.performance(judged)
        rag = str(performance.rag)
        for counter in (row.indicators, totals.indicators):
            counter[rag] += 1
        if performance.rag in (Rag.RED, Rag.AMBER):
            indicator_exceptions.append(IndicatorException(indicator, unit_name(unit_id), rag, performance))
        elif performance.rag == Rag.NO_DATA and not performance.no_data_reason:
            indicator_exceptions.append(
                IndicatorException(indicator, unit_name(unit_id), "missing", performance)
            )

    ordered_rows = list(rows.values())
    if own_row.tasks or own_row.indicators:
        ordered_rows.insert(0, own_row)
    reason_order = {"red": 0, "overdue": 1, "late": 2, "amber": 3, "missing": 4}
    task_exceptions.sort(key=lambda e: (reason_order[e.reason], e.unit_name, e.task.pk))
    indicator_exceptions.sort(key=lambda e: (reason_order[e.reason], e.unit_name, e.indicator.pk))
    return Dashboard(
        period=period,
        periods=periods,
        unit=unit,
        trail=tree.ancestors(unit.pk) if unit else [],
        rows=ordered_rows,
        totals=totals,
        task_exceptions=task_exceptions,
        indicator_exceptions=indicator_exceptions,
    )
