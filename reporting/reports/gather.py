"""Reading what a committee report covers: the scope, and its tasks and indicators in a fixed number of
queries (the selectors of :mod:`reporting.reports.content`).

* **Scope**: a plan (all its tasks and indicators, whatever the plan's status), or a unit and every unit
  beneath it (the tasks and indicators of approved or published plans covering the period's financial
  year whose section, or else plan, belongs to one of those units).
* **The return for a period** is the task's update for a period ending on the same day as the report's
  period: a quarterly plan's Q2 update serves a report for H1. Where several end that day, the one of the
  plan's own reporting frequency wins. A task without one has “No update”.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    Case,
    CharField,
    F,
    FilteredRelation,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from actions.models import ProgressUpdate, Task, TaskOfficer
from actions.selectors import tasks_in_scope, with_overdue
from indicators.models import Framework, Indicator
from indicators.selectors import indicators_with_record
from plans.models import OrganisationUnit, Plan, ReportingPeriod
from plans.selectors import unit_tree
from reporting.selectors import LIVE_PLAN_STATUSES
from risks.selectors import risks_annex as annex
from serviceplans.periods import FREQUENCY_PERIOD_KINDS, period_kind_for


@dataclass(frozen=True)
class Scope:
    """What a report covers: exactly one of ``plan`` and ``unit``, a period, and the parts included."""

    period: ReportingPeriod
    plan: Plan | None = None
    unit: OrganisationUnit | None = None
    include_tasks: bool = True
    include_indicators: bool = True
    exceptions_only: bool = False
    include_risks: bool = False

    def __post_init__(self):
        if (self.plan is None) == (self.unit is None):
            raise ValueError("A report covers a plan or a unit, not both and not neither.")

    @classmethod
    def of(cls, report) -> "Scope":
        return cls(
            period=report.period,
            plan=report.plan,
            unit=report.unit,
            include_tasks=report.include_tasks,
            include_indicators=report.include_indicators,
            exceptions_only=report.exceptions_only,
            include_risks=report.include_risks,
        )

    @cached_property
    def unit_ids(self) -> set[int]:
        """The unit and every unit beneath it (read once, however often it is asked)."""
        return unit_tree().descendant_ids(self.unit.pk) if self.unit is not None else set()

    @cached_property
    def periods_ending(self) -> list[tuple[int, str]]:
        """The reporting periods (id and kind) ending when the report's period ends, earliest start first:
        those whose returns serve the report."""
        return list(
            ReportingPeriod.objects.filter(end_date=self.period.end_date)
            .order_by("start_date", "pk")
            .values_list("pk", "kind")
        )

    @cached_property
    def whole_council(self) -> bool:
        """Does the report cover every unit: is its unit the council, the one unit at the top? (One query,
        without reading the tree.)"""
        if self.unit is None or self.unit.parent_id is not None:
            return False
        return not OrganisationUnit.objects.filter(parent__isnull=True).exclude(pk=self.unit.pk).exists()

    @property
    def name(self) -> str:
        if self.plan is not None:
            return f"{self.plan.title} {self.plan.years_label}"
        return self.unit.name


def _scope_filter(scope: Scope) -> Q:
    if scope.plan is not None:
        return Q(plan=scope.plan)
    unit_ids = scope.unit_ids
    year = scope.period.financial_year
    return (
        (Q(section__unit_id__in=unit_ids) | Q(section__unit__isnull=True, plan__unit_id__in=unit_ids))
        & Q(plan__status__in=LIVE_PLAN_STATUSES, plan__first_year__lte=year)
        & Q(plan__first_year__gt=year - 3)  # narrowed further in Python: first_year + years > year
    )


def in_scope(scope: Scope) -> Q:
    """The scope as one filter on tasks or indicators, all in SQL (:func:`_covers` included): for a
    big report's preview, which counts and pages them in the database."""
    if scope.plan is not None:
        return _scope_filter(scope)
    year = scope.period.financial_year
    if scope.whole_council:  # every section's unit, or else its plan's, is in the council: no list of units
        units = Q(plan__status__in=LIVE_PLAN_STATUSES, plan__first_year__lte=year)
    else:
        units = _scope_filter(scope)
    return units & Q(plan__first_year__gt=year - F("plan__years"))


def _covers(plan: Plan, scope: Scope) -> bool:
    return scope.plan is not None or (
        plan.first_year <= scope.period.financial_year < plan.first_year + plan.years
    )


def report_tasks(scope: Scope) -> list[Task]:
    """Tasks in scope with their plan, section, objective, officers and the updates for periods ending
    when the report's period ends: three queries (four for a unit, which reads the tree)."""
    tasks = tasks_for_rows(scope).filter(_scope_filter(scope))
    return [task for task in tasks if _covers(task.plan, scope)]


def tasks_for_rows(scope: Scope, tasks: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Tasks (by default with their plan, section, objective and units) with what their rows show
    (:func:`reporting.reports.rows.task_row`): ``is_overdue``, officers and the updates for periods ending
    when the report's period ends."""
    updates = ProgressUpdate.objects.filter(period__end_date=scope.period.end_date).select_related("period")
    tasks = tasks_in_scope() if tasks is None else tasks
    return with_overdue(tasks, scope.period.end_date).prefetch_related(
        Prefetch("task_officers", TaskOfficer.objects.select_related("officer")),
        Prefetch("updates", updates, to_attr="period_updates"),
    )


def report_indicators(scope: Scope) -> list[Indicator]:
    """Indicators in scope with their targets, values and frameworks: four queries (five for a unit)."""
    indicators = indicators_with_record().filter(_scope_filter(scope)).prefetch_related("frameworks")
    return [indicator for indicator in indicators if _covers(indicator.plan, scope)]


def scope_size(scope: Scope) -> int:
    """About how many tasks and indicators the report lists (two counting queries), to decide how to
    render it."""
    tasks = Task.objects.filter(_scope_filter(scope)).count() if scope.include_tasks else 0
    indicators = Indicator.objects.filter(_scope_filter(scope)).count() if scope.include_indicators else 0
    return tasks + indicators


def period_update(task: Task):
    """The task's return for the report's period (see the module's rules); None when it has none."""
    updates = task.period_updates
    if not updates:
        return None
    kind = period_kind_for(task.plan.reporting_frequency)
    return next((u for u in updates if u.period.kind == kind), updates[0])


def with_period_status(tasks: QuerySet[Task], scope: Scope) -> QuerySet[Task]:
    """The tasks with ``period_status``: the status of their return for the report's period, chosen in SQL
    as :func:`period_update` chooses it (None for a task without one). Each period ending that day is a
    join on the task's one update for it (no query per task): the plan's own kind of period first, then
    the others by start date, as the updates are ordered."""
    periods = scope.periods_ending
    if not periods:
        return tasks.annotate(period_status=Value(None, output_field=CharField()))
    joined = {kind: f"return_{kind}" for _pk, kind in periods}
    tasks = tasks.annotate(
        **{
            joined[kind]: FilteredRelation("updates", condition=Q(updates__period_id=pk))
            for pk, kind in periods
        }
    )

    def status(kind: str):
        return F(f"{joined[kind]}__status") if kind in joined else Value(None, output_field=CharField())

    own = Case(
        *(
            When(plan__reporting_frequency=frequency, then=status(str(kind)))
            for frequency, kind in FREQUENCY_PERIOD_KINDS.items()
        ),
        default=status(str(period_kind_for(""))),
        output_field=CharField(),
    )
    return tasks.annotate(
        period_status=Coalesce(own, *(status(kind) for _pk, kind in periods), output_field=CharField())
    )


def frameworks_used(indicators: list[Indicator]) -> list[Framework]:
    """The frameworks the indicators belong to (from their prefetched frameworks: no query), in the
    council's order, for the key to the codes."""
    found = {framework.pk: framework for indicator in indicators for framework in indicator.frameworks.all()}
    return sorted(found.values(), key=lambda framework: (framework.order, framework.code))


def risks_annex(scope: Scope) -> dict:
    """The risks annex (``risks.selectors.risks_annex``): the risks held by the scope's units."""
    if scope.plan is not None:
        return annex(period=scope.period, plan=scope.plan)
    return annex(period=scope.period, unit_ids=scope.unit_ids)
