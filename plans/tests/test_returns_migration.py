"""The migration that folds half-year, month and year returns into their quarter's (issue #15)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plans.models import ReportingPeriod, Return
from tests.builders import small_council
from tests.factories import OfficerFactory, ReportingPeriodFactory

BEFORE = [("plans", "0006_return_tables")]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_folds_h1_into_q2_keeping_the_one_further_along_and_every_word():
    council = small_council(size=1)
    q2 = council["q2"]
    h1 = ReportingPeriodFactory(financial_year=2026, kind="half", number=1, state="open")
    august = ReportingPeriodFactory(financial_year=2026, kind="month", number=5, state="open")
    year = ReportingPeriodFactory(financial_year=2026, kind="year", number=1, state="open")
    both, only_month, only_year = OfficerFactory(), OfficerFactory(), OfficerFactory()
    migrate(BEFORE)
    try:
        # Made before the rule, when a return could be for any period.
        Return.objects.create(officer=both, period=q2, state="sent_back", comment="Add the Q2 commentary.")
        half = Return.objects.create(
            officer=both, period=h1, state="submitted", gaps_reason="The survey comes in November."
        )
        Return.objects.create(officer=only_month, period=august, state="submitted", gaps_reason="Late")
        Return.objects.create(officer=only_year, period=year, state="approved")
        half_history = half.history.count()
    finally:
        migrate()

    assert not Return.objects.exclude(period__kind="quarter").exists()
    kept = Return.objects.get(officer=both)
    assert kept.period == q2
    assert kept.state == "submitted"  # further along than sent back
    assert kept.gaps_reason == "The survey comes in November."
    assert kept.comment == "Add the Q2 commentary."
    # the folded return's history now belongs to the kept one
    assert kept.history.filter(state="submitted").count() >= half_history
    assert not Return.history.filter(period_id=h1.pk).exists()
    month = Return.objects.get(officer=only_month)
    assert (month.period, month.state, month.gaps_reason) == (q2, "submitted", "Late")
    year_end = Return.objects.get(officer=only_year)
    # the year's return goes to Q4, scheduled now if it never was
    assert (year_end.period.kind, year_end.period.number, year_end.state) == ("quarter", 4, "approved")
    assert ReportingPeriod.objects.get(kind="quarter", number=4).end_date == year.end_date


@pytest.mark.django_db(transaction=True)
def test_two_reasons_are_both_kept_each_marked_with_its_period():
    council = small_council(size=1)
    h1 = ReportingPeriodFactory(financial_year=2026, kind="half", number=1, state="open")
    officer = OfficerFactory()
    migrate(BEFORE)
    try:
        Return.objects.create(
            officer=officer, period=council["q2"], state="approved", gaps_reason="Q2 reason"
        )
        Return.objects.create(officer=officer, period=h1, state="submitted", gaps_reason="H1 reason")
    finally:
        migrate()
    kept = Return.objects.get(officer=officer)
    assert kept.state == "approved"
    assert kept.gaps_reason == "2026/27 Q2: Q2 reason\n\n2026/27 H1: H1 reason"
