"""Reads for indicators, with every join they need, so no page runs a query per row."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from plans.models import CouncilSettings, ReportingPeriod
from plans.selectors import open_periods_in_plan
from serviceplans.periods import period_kind_for

from .models import Indicator, IndicatorOfficer, IndicatorValue, Target
from .performance import IndicatorRecord, PeriodPerformance
from .values import NO_VALUE, value_shown


def indicators_with_record() -> QuerySet[Indicator]:
    """Indicators with their plan, section, unit, targets and values: enough to judge any period."""
    return Indicator.objects.select_related(
        "plan", "plan__unit", "section", "section__unit"
    ).prefetch_related(
        Prefetch("targets", Target.objects.select_related("period")),
        Prefetch("values", IndicatorValue.objects.select_related("period", "entered_by")),
    )


def indicator_for_page() -> QuerySet[Indicator]:
    """Everything the indicator page shows: the record, frameworks and responsible officers."""
    return indicators_with_record().prefetch_related(
        "frameworks",
        Prefetch("indicator_officers", IndicatorOfficer.objects.select_related("officer")),
    )


def periods_for_values(indicator) -> list[ReportingPeriod]:
    """Open periods of the kind the indicator is collected by (months, quarters…), within its plan's years."""
    return open_periods_in_plan(indicator.plan, period_kind_for(indicator.collection_frequency))


@dataclass(frozen=True)
class ValueReturn:
    """An indicator value an officer owes in an open period, with the value entered so far."""

    indicator: Indicator
    period: ReportingPeriod
    value: IndicatorValue | None

    @property
    def shown(self) -> str:
        """The value entered so far, written as every page writes it (:func:`indicators.values.value_shown`)."""
        if self.value is None:
            return NO_VALUE
        return value_shown(
            self.value.value,
            self.indicator.unit,
            self.indicator.decimal_places,
            text=self.value.text_value,
            no_data_reason=self.value.no_data_reason,
        )


def my_value_returns(officer_ids: frozenset[int], periods: list[ReportingPeriod]) -> list[ValueReturn]:
    """The indicator values due from these officers in the open periods of each indicator's collection kind."""
    if not officer_ids or not periods:
        return []
    indicators = (
        Indicator.objects.filter(
            indicator_officers__officer_id__in=officer_ids,
            plan__status__in=["approved", "published"],
            data_only=False,
        )
        .select_related("plan", "section")
        .prefetch_related(Prefetch("values", IndicatorValue.objects.filter(period__in=periods)))
        .distinct()
    )
    returns = []
    for indicator in indicators:
        for period in periods:
            if indicator.collected_in(period):
                value = next((v for v in indicator.values.all() if v.period_id == period.pk), None)
                returns.append(ValueReturn(indicator, period, value))
    returns.sort(key=lambda r: (r.value is not None, r.period.start_date, r.indicator.pk))
    return returns


def value_versions(indicator) -> QuerySet:
    """Every saved version of every value of the indicator, newest first, with who saved it."""
    return (
        IndicatorValue.history.filter(indicator_id=indicator.pk)
        .select_related("history_user", "period")
        .order_by("-history_date")
    )


def indicator_history_records(indicator) -> tuple[list, list, list]:
    """Every saved version of the indicator, its targets and its values, with who saved them (three
    queries)."""
    return (
        list(Indicator.history.filter(id=indicator.pk).select_related("history_user")),
        list(Target.history.filter(indicator_id=indicator.pk).select_related("history_user", "period")),
        list(
            IndicatorValue.history.filter(indicator_id=indicator.pk).select_related("history_user", "period")
        ),
    )


@dataclass(frozen=True)
class ValueLine:
    """An indicator value in an officer's return: what was entered, and how it is judged, with the reason."""

    indicator: Indicator
    value: IndicatorValue | None
    performance: PeriodPerformance
    period: ReportingPeriod | None = None


def return_values(officer_ids: frozenset[int], periods: list[ReportingPeriod]) -> list[ValueLine]:
    """The values these officers owe for ``periods`` (a return's periods: indicators of approved or
    published plans collected for each of them, monthly ones once a month), each with its judgement. A
    fixed number of queries, however many indicators."""
    if not officer_ids:
        return []
    settings = CouncilSettings.load()
    indicators = (
        indicators_with_record()
        .filter(
            indicator_officers__officer_id__in=officer_ids,
            plan__status__in=["approved", "published"],
            data_only=False,
        )
        .distinct()
    )
    lines = []
    for indicator in indicators:
        collected = [period for period in periods if indicator.collected_in(period)]
        if not collected:
            continue
        record = IndicatorRecord(
            indicator,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        for period in collected:
            lines.append(
                ValueLine(
                    indicator,
                    record.values.get(period.period),
                    record.performance(period.period),
                    period,
                )
            )
    lines.sort(
        key=lambda line: (
            line.value is not None,
            line.indicator.plan_id,
            line.indicator.order,
            line.period.start_date,
        )
    )
    return lines
