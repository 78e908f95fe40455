"""Reads for the public pages: only published periods, only plans a committee has approved.

The rules
---------

* **Only published periods** (``ReportingPeriod.State.PUBLISHED``) are ever shown: their judgements are
  frozen and committees have seen them. Open, scheduled and closed periods do not exist here (404).
* **Only approved, published or archived plans**: drafts and plans awaiting approval are not public.
* **Nothing from reports**: committee reports (and their drafts) are not read at all.
* **The judgements are the pages' own** (``judged_rows`` / ``indicators.judgements``, stored by the same
  rules), so the public sees what committees saw; an indicator's trend lists its published periods only.
* Each page reads a fixed number of queries whatever the number of plans, tasks and indicators.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actions.filters import NO_UPDATE, tasks_for_list, tasks_with_period_status
from actions.models import Task
from indicators.filters import IndicatorRow, indicators_for_list, judged_rows
from indicators.judgements import judgements_for_pairs
from indicators.models import Indicator
from indicators.performance import PeriodPerformance
from plans.models import Plan, ReportingPeriod

PUBLIC_PLAN_STATUSES = [Plan.Status.APPROVED, Plan.Status.PUBLISHED, Plan.Status.ARCHIVED]


def published_periods() -> QuerySet[ReportingPeriod]:
    """Published periods, latest first."""
    return ReportingPeriod.objects.filter(state=ReportingPeriod.State.PUBLISHED).order_by(
        "-end_date", "start_date"
    )


def published_period(pk: int) -> ReportingPeriod:
    return get_object_or_404(published_periods(), pk=pk)


def public_plans(period: ReportingPeriod) -> QuerySet[Plan]:
    """Approved, published or archived plans covering the period's financial year."""
    year = period.financial_year
    return (
        Plan.objects.filter(status__in=PUBLIC_PLAN_STATUSES, first_year__lte=year)
        .filter(first_year__gt=year - F("years"))
        .select_related("unit")
        .order_by("unit__name", "title", "id")
    )


@dataclass
class PlanPerformance:
    """One plan's published performance for a period: its indicators judged, its tasks' progress."""

    plan: Plan
    indicators: list[IndicatorRow] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def task_counts(self) -> list[tuple[str, int]]:
        counts = Counter(task.period_status or NO_UPDATE for task in self.tasks)
        order = ["completed", "green", "amber", "red", "not_started", "not_applicable", NO_UPDATE]
        return [(status, counts[status]) for status in order if counts[status]]


def period_performance(period: ReportingPeriod) -> list[PlanPerformance]:
    """Every public plan covering the period, with its indicators judged for the period and its tasks with
    their status in it: a fixed number of queries."""
    plans = {plan.pk: PlanPerformance(plan) for plan in public_plans(period)}
    if not plans:
        return []
    indicators = (
        indicators_for_list().filter(plan_id__in=plans).order_by("plan_id", "section__order", "order", "id")
    )
    for row in judged_rows(indicators, period):
        plans[row.indicator.plan_id].indicators.append(row)
    tasks = tasks_with_period_status(
        tasks_for_list().filter(plan_id__in=plans), period, today=timezone.localdate()
    ).order_by("plan_id", "section__order", "order", "id")
    for task in tasks:
        plans[task.plan_id].tasks.append(task)
    return list(plans.values())


def public_indicator(pk: int) -> Indicator:
    """An indicator of a public plan, with its record."""
    return get_object_or_404(indicators_for_list().filter(plan__status__in=PUBLIC_PLAN_STATUSES), pk=pk)


def indicator_trend(indicator: Indicator) -> list[PeriodPerformance]:
    """The indicator judged in each published period of its plan's years, oldest first: the trend (the
    stored judgements, ``indicators.judgements``)."""
    plan = indicator.plan
    periods = published_periods().filter(
        financial_year__gte=plan.first_year - 1, financial_year__lt=plan.first_year + plan.years
    )
    wanted = [(indicator.pk, period.period) for period in sorted(periods, key=lambda p: p.start_date)]
    judged = judgements_for_pairs(wanted)
    rows = [judged[pair] for pair in wanted]
    return [row for row in rows if row.actual is not None or row.no_data_reason or row.actual_text]
