"""Writes for indicators."""

from django.db import transaction

from plans.models import CouncilSettings, ReportingPeriod

from .models import IndicatorValue
from .performance import IndicatorRecord
from .selectors import indicators_with_record


@transaction.atomic
def indicator_judgements_freeze(*, period: ReportingPeriod) -> int:
    """Record, on each value of the period, the target and tolerance it is judged against now.

    Values already frozen keep what they have. Returns how many values were frozen."""
    settings = CouncilSettings.load()
    indicators = indicators_with_record().filter(values__period=period).distinct()
    changed = []
    for indicator in indicators:
        record = IndicatorRecord(indicator, default_tolerance=settings.default_tolerance_percent)
        value = record.values.get(period.period)
        if value is None or value.tolerance_applied is not None:
            continue
        target, _text, tolerance = record.target(period.period)
        value.target_applied, value.tolerance_applied = target, tolerance
        changed.append(value)
    IndicatorValue.objects.bulk_update(changed, ["target_applied", "tolerance_applied"])
    return len(changed)
