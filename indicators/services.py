"""Writes for indicators."""

from decimal import Decimal

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


class ValueConflict(Exception):
    """Someone else saved this value after the form was opened; ``current`` is what they saved."""

    def __init__(self, current: IndicatorValue | None):
        super().__init__("The value was changed by someone else after you opened it.")
        self.current = current


@transaction.atomic
def indicator_value_save(
    *,
    indicator,
    period: ReportingPeriod,
    user,
    value: Decimal | None,
    text_value: str,
    no_data_reason: str,
    note: str,
    seen_version: int,
) -> IndicatorValue:
    """Save the indicator's value for the period, refusing to overwrite a save made since ``seen_version``."""
    current = IndicatorValue.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if (current.version if current else 0) != seen_version:
        raise ValueConflict(current)
    saved = current or IndicatorValue(indicator=indicator, period=period, version=0)
    saved.value, saved.text_value = value, text_value
    saved.no_data_reason = "" if value is not None or text_value else no_data_reason.strip()
    saved.note = note.strip()
    saved.entered_by = user
    saved.version += 1
    saved.save()
    return saved
