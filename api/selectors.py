"""Reads for the API: each list in a fixed number of queries whatever its length, narrowed to what the
token may see (``Scope``) and by the filters the list pages offer.

The filters reuse the pages' own reads: ``tasks_with_period_status`` (status in a period, as on the task
list), ``judged_rows`` and the stored judgements (``indicators.judgements``: RAG, ★●▲ and direction, as on
the indicator list)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from actions.filters import NO_UPDATE, tasks_for_list, tasks_with_period_status
from actions.models import Milestone, ProgressUpdate, Task, TaskOfficer
from indicators.filters import indicators_for_list, judged_rows, with_judgement
from indicators.judgements import judgements_for_pairs
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Judgement, Target
from plans.models import Objective, OrganisationUnit, Plan, PlanSection, ReportingPeriod
from plans.selectors import UnitTree, unit_tree
from serviceplans.periods import Period, PeriodParseError

from .scope import Scope


class FilterProblem(Exception):
    """A filter that cannot be applied, with the reason in words (answered 422)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field, self.message = field_name, message


@dataclass
class Reader:
    """What one request may see: the token's scope and the organisation tree, read once."""

    scope: Scope
    tree: UnitTree = field(default_factory=unit_tree)

    # -- resolving filter values ----------------------------------------------------------------------------

    def unit_ids(self, slug: str) -> set[int]:
        """The unit called ``slug`` and everything beneath it, if the token may see it."""
        unit = next((u for u in self.tree.units.values() if u.slug == slug), None)
        if unit is None or not self.scope.covers(unit.pk):
            raise FilterProblem("unit", f"There is no part of the council “{slug}” that this token can see.")
        return self.tree.descendant_ids(unit.pk)

    @staticmethod
    def period(label: str) -> ReportingPeriod:
        try:
            period = Period.parse(label)
        except PeriodParseError as error:
            raise FilterProblem("period", str(error)) from error
        found = ReportingPeriod.objects.filter(
            financial_year=period.year.start_year, kind=period.kind.value, number=period.number
        ).first()
        if found is None:
            raise FilterProblem("period", f"There is no reporting period {period.label}.")
        return found

    # -- reference data ---------------------------------------------------------------------------------

    def units(self) -> QuerySet[OrganisationUnit]:
        return OrganisationUnit.objects.filter(self.scope.units_q()).order_by("id")

    @staticmethod
    def periods(*, year: int | None, kind: str | None, state: str | None) -> QuerySet[ReportingPeriod]:
        periods = ReportingPeriod.objects.order_by("start_date", "-end_date", "id")
        if year is not None:
            periods = periods.filter(financial_year=year)
        if kind:
            periods = periods.filter(kind=kind)
        if state:
            periods = periods.filter(state=state)
        return periods

    @staticmethod
    def frameworks() -> QuerySet[Framework]:
        return Framework.objects.order_by("order", "code", "id")

    # -- plans ------------------------------------------------------------------------------------------

    def plans(
        self, *, unit: str | None, status: str | None, year: int | None, updated_since: datetime | None
    ) -> QuerySet[Plan]:
        plans = Plan.objects.filter(self.scope.plans_q()).select_related("owner").order_by("id")
        if unit:
            plans = plans.filter(unit_id__in=self.unit_ids(unit))
        if status:
            plans = plans.filter(status=status)
        if year is not None:
            plans = plans.filter(first_year__lte=year, first_year__gt=year - F("years"))
        if updated_since:
            plans = plans.filter(updated_at__gte=updated_since)
        return plans

    def sections(self, *, plan: int | None, unit: str | None) -> QuerySet[PlanSection]:
        sections = PlanSection.objects.filter(self.scope.sections_q()).order_by("id")
        if plan is not None:
            sections = sections.filter(plan_id=plan)
        if unit:
            ids = self.unit_ids(unit)
            sections = sections.filter(Q(unit_id__in=ids) | Q(unit__isnull=True, plan__unit_id__in=ids))
        return sections

    def objectives(self, *, plan: int | None, unit: str | None) -> QuerySet[Objective]:
        objectives = Objective.objects.filter(self.scope.objectives_q()).order_by("id")
        if plan is not None:
            objectives = objectives.filter(plan_id=plan)
        if unit:
            objectives = objectives.filter(_belongs_to(self.unit_ids(unit)))
        return objectives

    # -- tasks ------------------------------------------------------------------------------------------

    def tasks(
        self,
        *,
        period: str | None,
        unit: str | None,
        plan: int | None,
        officer: int | None,
        status: list[str] | None,
        category: str | None,
        updated_since: datetime | None,
    ) -> tuple[QuerySet[Task], ReportingPeriod | None]:
        """Tasks with their officers; with a period, only tasks of plans covering its year, each with its
        status in the period (as on the task list)."""
        tasks = tasks_for_list().filter(self.scope.q())
        chosen = self.period(period) if period else None
        if status and chosen is None:
            raise FilterProblem("status", "Choose a period to filter by the status in it.")
        if chosen is not None:
            tasks = tasks_with_period_status(tasks, chosen, today=timezone.localdate())
        if unit:
            tasks = tasks.filter(_belongs_to(self.unit_ids(unit)))
        if plan is not None:
            tasks = tasks.filter(plan_id=plan)
        if officer is not None:
            tasks = tasks.filter(pk__in=TaskOfficer.objects.filter(officer_id=officer).values("task_id"))
        if status:
            wanted = Q(period_status__in=[s for s in status if s != NO_UPDATE])
            if NO_UPDATE in status:
                wanted |= Q(period_status__isnull=True)
            tasks = tasks.filter(wanted)
        if category:
            tasks = tasks.filter(category=category)
        if updated_since:
            tasks = tasks.filter(updated_at__gte=updated_since)
        return tasks.order_by("id"), chosen

    def milestones(self, *, task: int | None, plan: int | None, unit: str | None) -> QuerySet[Milestone]:
        milestones = Milestone.objects.filter(self.scope.q("task__")).order_by("id")
        if task is not None:
            milestones = milestones.filter(task_id=task)
        if plan is not None:
            milestones = milestones.filter(task__plan_id=plan)
        if unit:
            milestones = milestones.filter(_belongs_to(self.unit_ids(unit), "task__"))
        return milestones

    def progress_updates(
        self,
        *,
        period: str | None,
        task: int | None,
        plan: int | None,
        unit: str | None,
        status: list[str] | None,
        updated_since: datetime | None,
    ) -> QuerySet[ProgressUpdate]:
        updates = (
            ProgressUpdate.objects.filter(self.scope.q("task__")).select_related("period").order_by("id")
        )
        if period:
            updates = updates.filter(period=self.period(period))
        if task is not None:
            updates = updates.filter(task_id=task)
        if plan is not None:
            updates = updates.filter(task__plan_id=plan)
        if unit:
            updates = updates.filter(_belongs_to(self.unit_ids(unit), "task__"))
        if status:
            updates = updates.filter(status__in=status)
        if updated_since:
            updates = updates.filter(updated_at__gte=updated_since)
        return updates

    # -- indicators ---------------------------------------------------------------------------------------

    def indicators(
        self,
        *,
        unit: str | None,
        plan: int | None,
        officer: int | None,
        framework: str | None,
        updated_since: datetime | None,
    ) -> QuerySet[Indicator]:
        """Indicators with their record (targets, values), frameworks and officers: six queries."""
        indicators = indicators_for_list().filter(self.scope.q()).order_by("id")
        if unit:
            indicators = indicators.filter(_belongs_to(self.unit_ids(unit)))
        if plan is not None:
            indicators = indicators.filter(plan_id=plan)
        if officer is not None:
            indicators = indicators.filter(
                pk__in=IndicatorOfficer.objects.filter(officer_id=officer).values("indicator_id")
            )
        if framework:
            through = Indicator.frameworks.through.objects.filter(framework__code=framework)
            indicators = indicators.filter(pk__in=through.values("indicator_id"))
        if updated_since:
            indicators = indicators.filter(updated_at__gte=updated_since)
        return indicators

    def indicators_judged(self, indicators, period: ReportingPeriod | None, rag: list[str] | None):
        """Each indicator with its judgement for the period (``judged_rows``, as on the indicator list),
        narrowed to the RAG statuses asked for."""
        rows = judged_rows(indicators, period)
        return [row for row in rows if row.rag in rag] if rag else rows

    def indicators_with_rag(self, indicators: QuerySet[Indicator], period: ReportingPeriod, rag: list[str]):
        """The indicators whose stored judgement for the period has one of these RAG statuses: in SQL, so
        the list pages in the database (``indicators.filters.with_judgement``)."""
        return with_judgement(indicators, period).filter(judged_rag__in=rag)

    def targets(
        self, *, indicator: int | None, plan: int | None, unit: str | None, year: int | None
    ) -> QuerySet[Target]:
        targets = Target.objects.filter(self.scope.q("indicator__")).select_related("period", "indicator")
        if indicator is not None:
            targets = targets.filter(indicator_id=indicator)
        if plan is not None:
            targets = targets.filter(indicator__plan_id=plan)
        if unit:
            targets = targets.filter(_belongs_to(self.unit_ids(unit), "indicator__"))
        if year is not None:
            targets = targets.filter(financial_year=year)
        return targets.order_by("id")

    def values(
        self,
        *,
        period: str | None,
        indicator: int | None,
        plan: int | None,
        unit: str | None,
        officer: int | None,
        framework: str | None,
        updated_since: datetime | None,
    ) -> QuerySet[IndicatorValue]:
        values = (
            IndicatorValue.objects.filter(self.scope.q("indicator__")).select_related("period").order_by("id")
        )
        if period:
            values = values.filter(period=self.period(period))
        if indicator is not None:
            values = values.filter(indicator_id=indicator)
        if plan is not None:
            values = values.filter(indicator__plan_id=plan)
        if unit:
            values = values.filter(_belongs_to(self.unit_ids(unit), "indicator__"))
        if officer is not None:
            values = values.filter(
                indicator_id__in=IndicatorOfficer.objects.filter(officer_id=officer).values("indicator_id")
            )
        if framework:
            through = Indicator.frameworks.through.objects.filter(framework__code=framework)
            values = values.filter(indicator_id__in=through.values("indicator_id"))
        if updated_since:
            values = values.filter(updated_at__gte=updated_since)
        return values


def _belongs_to(ids: set[int], prefix: str = "") -> Q:
    """A task's or indicator's unit is its section's, else its plan's (as on the list pages)."""
    return Q(**{f"{prefix}section__unit_id__in": ids}) | Q(
        **{f"{prefix}section__unit__isnull": True, f"{prefix}plan__unit_id__in": ids}
    )


def values_with_rag(values: QuerySet[IndicatorValue], rag: list[str]) -> QuerySet[IndicatorValue]:
    """The values whose indicator's stored judgement for their period has one of these RAG statuses: in SQL,
    so the list pages in the database."""
    stored = Judgement.objects.filter(
        indicator=OuterRef("indicator_id"),
        financial_year=OuterRef("period__financial_year"),
        kind=OuterRef("period__kind"),
        number=OuterRef("period__number"),
    )
    return values.annotate(judged_rag=Subquery(stored.values("rag")[:1])).filter(judged_rag__in=rag)


def judged_values(values, rag: list[str] | None):
    """Each value with its indicator's judgement for its period; narrowed to the RAG statuses asked for."""
    values = list(values)
    judgements = judgements_for_pairs((value.indicator_id, value.period.period) for value in values)
    judged = [(value, judgements[(value.indicator_id, value.period.period)]) for value in values]
    return [pair for pair in judged if pair[1].rag in rag] if rag else judged
