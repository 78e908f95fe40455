"""Writes for indicators."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from plans.models import CouncilSettings, ReportingPeriod
from plans.rules import PeriodNotForThis, PeriodPublished
from serviceplans.versioning import SaveConflict, versioned_save

from . import judgements
from .models import Indicator, IndicatorValue
from .performance import IndicatorRecord
from .selectors import indicators_with_record
from .values import value_problem


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
    judgements.refresh_for(value.indicator_id for value in changed)
    return len(changed)


def indicator_judgements_refresh(*, indicator_ids: Iterable[int]) -> int:
    """Store afresh the judgements of these indicators for every period (``indicators.judgements``): call it
    after any write to indicators, their targets or values that does not go through a service here."""
    return judgements.refresh_for(indicator_ids)


def judgements_refresh_for_plan(*, plan) -> int:
    """Store afresh the judgements of every indicator in ``plan`` (its years or indicators changed)."""
    return judgements.refresh_for(Indicator.objects.filter(plan=plan).values_list("pk", flat=True))


def judgements_refresh_all() -> int:
    """Store afresh every indicator's judgements (the council's default tolerance changed). At a county's
    size this takes a while (about 2 minutes for 8,700 indicators): it is a rare, deliberate change."""
    return judgements.refresh_for(Indicator.objects.values_list("pk", flat=True))


class ValueConflict(SaveConflict):
    """Someone else saved this value after the form was opened; ``current`` is what they saved."""

    message = "The value was changed by someone else after you opened it."


def indicator_value_check(*, indicator, period: ReportingPeriod, value: Decimal | None) -> None:
    """Refuse, saying why, a value that cannot be kept (too big, too many decimal places:
    :class:`ValidationError`), or a period the indicator is not collected by or that is published
    (:class:`~plans.rules.IllegalTransition`)."""
    if value is not None and (problem := value_problem(value)):
        raise ValidationError({"value": problem})
    if not indicator.collected_in(period):
        raise PeriodNotForThis(
            f"{period.label} is not a period {indicator} is collected for: it is collected "
            f"{indicator.get_collection_frequency_display().lower()} in {indicator.plan.years_label}."
        )
    if period.state == ReportingPeriod.State.PUBLISHED:
        raise PeriodPublished(f"{period.label} has been published, so its values can no longer change.")


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
    """Save the indicator's value for the period, refusing to overwrite a save made since ``seen_version``
    (:class:`ValueConflict`), a value out of bounds, or a period that is not the indicator's
    (:func:`indicator_value_check`)."""
    indicator_value_check(indicator=indicator, period=period, value=value)

    def change(saved: IndicatorValue) -> None:
        saved.value, saved.text_value = value, text_value
        saved.no_data_reason = "" if value is not None or text_value else no_data_reason.strip()
        saved.note = note.strip()
        saved.entered_by = user

    saved = versioned_save(
        IndicatorValue,
        lookup={"indicator": indicator, "period": period},
        seen_version=seen_version,
        change=change,
        conflict=ValueConflict,
    )
    judgements.refresh_for([indicator.pk])
    return saved
