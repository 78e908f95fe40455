"""Reads for indicators, with every join they need, so no page runs a query per row."""

from django.db.models import Prefetch, QuerySet

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
