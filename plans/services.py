"""Writes for plans and the reporting cycle."""

from django.db import transaction

from indicators.services import indicator_judgements_freeze

from .models import ReportingPeriod


@transaction.atomic
def reporting_period_publish(*, period: ReportingPeriod) -> ReportingPeriod:
    """Publish a period: its judgements are frozen so later changes to targets or tolerances do not
    re-colour what committees have seen."""
    indicator_judgements_freeze(period=period)
    period.state = ReportingPeriod.State.PUBLISHED
    period.save(update_fields=["state"])
    return period
