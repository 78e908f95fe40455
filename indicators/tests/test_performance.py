from decimal import Decimal

import pytest

from indicators.performance import IndicatorRecord
from indicators.rules import Direction, Rag, Symbol
from indicators.selectors import indicators_with_record
from plans.services import period_close, period_publish
from serviceplans.periods import Period
from tests.factories import IndicatorFactory, IndicatorValueFactory, ReportingPeriodFactory, TargetFactory

pytestmark = pytest.mark.django_db

Q2 = Period.parse("2008/09 Q2")


def record_for(indicator, default_tolerance=Decimal("2.5")):
    return IndicatorRecord(indicators_with_record().get(pk=indicator.pk), default_tolerance=default_tolerance)


def quarter(number, year=2008):
    return ReportingPeriodFactory(financial_year=year, kind="quarter", number=number)


def test_latest_snapshot_is_judged_against_the_annual_target_with_direction_of_travel():
    indicator = IndicatorFactory(polarity="higher", aggregation="latest")
    TargetFactory(indicator=indicator, financial_year=2008, value=90)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=80)
    IndicatorValueFactory(indicator=indicator, period=quarter(1), value=85)
    IndicatorValueFactory(indicator=indicator, period=quarter(2, year=2007), value=70)

    row = record_for(indicator).performance(Q2)

    assert (row.target, row.actual, row.rag, row.symbol) == (90, 80, Rag.RED, Symbol.WORSE)
    assert (row.direction_last_year, row.direction_previous) == (Direction.BETTER, Direction.WORSE)


def test_the_indicators_own_tolerance_beats_the_default_and_the_targets_beats_both():
    indicator = IndicatorFactory(polarity="higher", tolerance_percent=Decimal("10"))
    target = TargetFactory(indicator=indicator, financial_year=2008, value=100)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=92)

    assert record_for(indicator).performance(Q2).rag == Rag.AMBER  # within 10%
    target.tolerance_percent = Decimal("5")
    target.save()
    assert record_for(indicator).performance(Q2).rag == Rag.RED  # beyond 5%


def test_the_council_default_applies_when_the_indicator_has_none():
    indicator = IndicatorFactory(polarity="lower", tolerance_percent=None)
    TargetFactory(indicator=indicator, financial_year=2008, value=100)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=104)

    assert record_for(indicator, default_tolerance=Decimal("5")).performance(Q2).rag == Rag.AMBER
    assert record_for(indicator, default_tolerance=Decimal("2")).performance(Q2).rag == Rag.RED


def test_a_cumulative_indicator_is_judged_year_to_date_against_a_pro_rata_target():
    indicator = IndicatorFactory(polarity="higher", aggregation="sum", unit="number")
    TargetFactory(indicator=indicator, financial_year=2008, value=1000)
    IndicatorValueFactory(indicator=indicator, period=quarter(1), value=240)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=270)

    row = record_for(indicator).performance(Q2)

    assert (row.actual, row.target, row.rag) == (510, 500, Rag.GREEN)


def test_monthly_values_roll_up_to_the_quarter():
    indicator = IndicatorFactory(polarity="higher", aggregation="average", collection_frequency="monthly")
    TargetFactory(indicator=indicator, financial_year=2008, value=90)
    for month, value in ((4, 88), (5, 90), (6, 95)):
        IndicatorValueFactory(
            indicator=indicator,
            period=ReportingPeriodFactory(financial_year=2008, kind="month", number=month),
            value=value,
        )

    assert record_for(indicator).performance(Q2).actual == Decimal(91)


def test_a_text_target_is_shown_and_never_compared():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, financial_year=2008, value=None, text="Dependent on available funds")
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=3)

    row = record_for(indicator).performance(Q2)

    assert (row.target_display, row.rag, row.symbol) == (
        "Dependent on available funds",
        Rag.NO_TARGET,
        Symbol.CANNOT_COMPARE,
    )


def test_no_value_with_a_reason_is_no_data():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, financial_year=2008, value=50)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=None, no_data_reason="Survey delayed")

    row = record_for(indicator).performance(Q2)

    assert (row.rag, row.no_data_reason) == (Rag.NO_DATA, "Survey delayed")


def test_changing_a_tolerance_after_publication_does_not_recolour_history():
    indicator = IndicatorFactory(polarity="higher", tolerance_percent=Decimal("10"))
    target = TargetFactory(indicator=indicator, financial_year=2008, value=100)
    period = quarter(2)
    IndicatorValueFactory(indicator=indicator, period=period, value=93)
    assert record_for(indicator).performance(Q2).rag == Rag.AMBER

    period.state = "open"
    period.save()
    period_close(period=period)
    period_publish(period=period)
    indicator.tolerance_percent = Decimal("2")
    indicator.save()
    target.value = 120
    target.save()

    row = record_for(indicator).performance(Q2)
    assert (row.rag, row.target, row.tolerance_percent) == (Rag.AMBER, 100, Decimal("10"))


def test_an_open_period_follows_the_current_tolerance():
    indicator = IndicatorFactory(polarity="higher", tolerance_percent=Decimal("10"))
    TargetFactory(indicator=indicator, financial_year=2008, value=100)
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=93)
    indicator.tolerance_percent = Decimal("2")
    indicator.save()

    assert record_for(indicator).performance(Q2).rag == Rag.RED


def test_the_reason_shows_figures_precise_enough_to_tell_apart():
    """3.533 days against 3.5 with no decimal places kept would read “4 days against 4 days: Amber”."""
    indicator = IndicatorFactory(
        polarity="lower", unit="days", decimal_places=1, tolerance_percent=Decimal("2.5")
    )
    TargetFactory(indicator=indicator, financial_year=2008, value=Decimal("3.5"))
    IndicatorValueFactory(indicator=indicator, period=quarter(2), value=Decimal("3.533"))

    row = record_for(indicator).performance(Q2)

    assert row.rag == Rag.AMBER
    assert row.reason == (
        "3.53 days against a target of 3.5 days, lower is better: worse than target, within the 2.5% "
        "tolerance: Amber"
    )


def test_each_periods_actual_is_worked_out_once_however_often_judging_reads_it(monkeypatch):
    """Judging a quarter reads its own actual, the previous quarter's and last year's: judging every quarter
    of a year rolls each period's values up once, with the same results as a fresh record each time."""
    from indicators import performance

    indicator = IndicatorFactory(polarity="higher", aggregation="sum", unit="number")
    TargetFactory(indicator=indicator, financial_year=2008, value=1000)
    for number, value in ((1, 200), (2, 300), (3, 240)):
        IndicatorValueFactory(indicator=indicator, period=quarter(number), value=value)
    IndicatorValueFactory(indicator=indicator, period=quarter(3, year=2007), value=150)
    quarters = [Period.parse(f"2008/09 Q{n}") for n in (1, 2, 3, 4)]
    fresh = [record_for(indicator).performance(q) for q in quarters]

    rolled_up = []
    combine = performance.combine_values
    monkeypatch.setattr(
        performance, "combine_values", lambda *a, **k: rolled_up.append(k["into"]) or combine(*a, **k)
    )
    record = record_for(indicator)
    judged = [record.performance(q) for q in quarters]

    assert judged == fresh
    assert [row.actual for row in judged] == [200, 500, 740, None]  # year to date
    assert len(rolled_up) == len(set(rolled_up))  # each period once
    assert len(rolled_up) == 8  # 2008's four quarters and 2007's (its Q4 is both 2008 Q1's previous and Q4's
    # last year): 12 reads without keeping them
