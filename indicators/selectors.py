"""Reads for indicators, with every join they need, so no page runs a query per row."""

from django.db.models import Prefetch, QuerySet

from plans.models import ReportingPeriod

from .models import Indicator, IndicatorOfficer, IndicatorValue, Target


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
    kind = {"monthly": "month", "quarterly": "quarter", "half_yearly": "half", "yearly": "year"}.get(
        indicator.collection_frequency, "quarter"
    )
    plan = indicator.plan
    return list(
        ReportingPeriod.objects.filter(
            state=ReportingPeriod.State.OPEN,
            kind=kind,
            financial_year__gte=plan.first_year,
            financial_year__lt=plan.first_year + plan.years,
        ).order_by("start_date")
    )
