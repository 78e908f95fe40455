"""Tests for indicators.rules: targets, RAG, ★●▲ and direction of travel (plain Python, no database)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.rules import (
    LAST_YEAR,
    PREVIOUS_PERIOD,
    Aggregation,
    Direction,
    DueState,
    Judgement,
    Polarity,
    Rag,
    Symbol,
    combine_values,
    direction_of_travel,
    indicator_rag,
    judge_indicator,
    performance_symbol,
    target_for_period,
    target_range,
    tolerance_band,
    value_due_state,
    year_to_date,
)
from indicators.values import parse_value
from serviceplans.periods import FinancialYear, Period, PeriodKind

D = Decimal
FY = FinancialYear(2008)
TOL = D("2.5")


def m(number: int) -> Period:
    return Period(FY, PeriodKind.MONTH, number)


def q(number: int) -> Period:
    return Period(FY, PeriodKind.QUARTER, number)


def h(number: int) -> Period:
    return Period(FY, PeriodKind.HALF, number)


WHOLE = FY.period()

RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
SYMBOL_ORDER = {Symbol.WORSE: 0, Symbol.WITHIN: 1, Symbol.BETTER: 2}


# -- words for every member -------------------------------------------------------------------------------


@pytest.mark.parametrize("member", [*Polarity, *Aggregation, *Rag, *Symbol, *Direction, *DueState])
def test_every_member_has_words(member):
    assert member.label
    assert member.label[0].isupper()


def test_symbol_marks_and_labels():
    assert [(s.mark, s.label) for s in Symbol] == [
        ("★", "Better than target range"),
        ("●", "Within target range"),
        ("▲", "Worse than target range"),
        ("–", "Cannot compare"),
    ]


def test_direction_labels_are_words_and_describe_the_comparison():
    assert [d.label for d in Direction] == ["Better", "Same", "Worse", "Cannot compare"]
    assert Direction.BETTER.describe() == "Better than the same period last year"
    assert Direction.WORSE.describe(PREVIOUS_PERIOD) == "Worse than the previous period"
    assert Direction.SAME.describe(LAST_YEAR) == "The same as the same period last year"
    assert Direction.UNKNOWN.describe() == "Cannot compare with the same period last year"
    assert all(d.arrow for d in Direction)


def test_enums_are_their_values():
    assert Polarity("lower") is Polarity.LOWER
    assert Rag.NO_DATA == "no_data"
    assert Symbol.BETTER == "better"
    assert Rag.AMBER.description == "Worse than target but within tolerance"


# -- target_for_period ------------------------------------------------------------------------------------


def test_target_for_period_uses_the_profiled_target():
    profile = {q(1): D("10"), q(2): D("25")}
    assert target_for_period(annual=D("100"), profile=profile, period=q(2), aggregation="sum") == 25
    assert target_for_period(annual=D("100"), profile=profile, period=q(1), aggregation="latest") == 10


def test_target_for_period_cumulative_is_pro_rata_to_the_year_to_date():
    for period, expected in [
        (q(1), D("25")),
        (q(2), D("50")),
        (h(1), D("50")),
        (q(3), D("75")),
        (m(7), D("100") * 7 / 12),
        (q(4), D("100")),
        (WHOLE, D("100")),
    ]:
        assert target_for_period(annual=D("100"), profile=None, period=period, aggregation="sum") == expected


def test_target_for_period_cumulative_month_one_is_a_twelfth():
    target = target_for_period(annual=D("120000"), profile={}, period=m(1), aggregation=Aggregation.SUM)
    assert target == D("10000")


def test_target_for_period_full_year_is_the_annual_target_exactly():
    assert target_for_period(annual=D("7"), profile=None, period=WHOLE, aggregation="sum") == D("7")


@pytest.mark.parametrize("aggregation", ["average", "latest"])
def test_target_for_period_snapshot_and_average_use_the_annual_target(aggregation):
    assert target_for_period(annual=D("90"), profile=None, period=q(2), aggregation=aggregation) == 90


def test_target_for_period_falls_back_when_the_period_is_not_profiled():
    profile = {q(1): D("10"), q(2): None}
    assert target_for_period(annual=D("100"), profile=profile, period=q(2), aggregation="sum") == 50
    assert target_for_period(annual=D("100"), profile=profile, period=q(3), aggregation="latest") == 100


def test_target_for_period_none_without_a_numeric_target():
    assert target_for_period(annual=None, profile=None, period=q(1), aggregation="sum") is None
    text = parse_value("Dependent on available funds")
    assert target_for_period(annual=text, profile=None, period=q(1), aggregation="latest") is None


def test_target_for_period_refuses_an_unknown_aggregation():
    with pytest.raises(ValueError):
        target_for_period(annual=D("1"), profile=None, period=q(1), aggregation="median")


# -- combine_values and year_to_date ----------------------------------------------------------------------

MONTHLY = {m(1): D("1"), m(2): D("2"), m(3): D("3"), m(4): D("4"), m(5): None, m(6): D("6"), m(7): D("7")}


@pytest.mark.parametrize(
    ("into", "aggregation", "expected"),
    [
        (q(1), "sum", D("6")),
        (q(1), "average", D("2")),
        (q(1), "latest", D("3")),
        (q(2), "sum", D("10")),
        (q(2), "average", D("5")),
        (q(2), "latest", D("6")),
        (h(1), "sum", D("16")),
        (WHOLE, "sum", D("23")),
        (WHOLE, "latest", D("7")),
        (q(4), "sum", None),
        (q(4), "latest", None),
        (q(4), "average", None),
    ],
)
def test_combine_values(into, aggregation, expected):
    assert combine_values(MONTHLY, into=into, aggregation=aggregation) == expected


def test_combine_values_quarters_into_the_year():
    quarterly = {q(1): D("10"), q(2): D("20"), q(3): D("30")}
    assert combine_values(quarterly, into=WHOLE, aggregation="sum") == 60
    assert combine_values(quarterly, into=WHOLE, aggregation="average") == 20
    assert combine_values(quarterly, into=WHOLE, aggregation="latest") == 30
    assert combine_values(quarterly, into=h(2), aggregation="sum") == 30


def test_combine_values_ignores_periods_outside_into():
    values = {q(1): D("10"), FY.next().quarters()[0]: D("99"), FY.previous().quarters()[3]: D("99")}
    assert combine_values(values, into=WHOLE, aggregation="sum") == 10
    # A half-year value is not within a quarter.
    assert combine_values({h(1): D("5")}, into=q(1), aggregation="sum") is None


def test_combine_values_prefers_a_period_s_own_value_to_its_months():
    values = {m(1): D("1"), m(2): D("2"), m(3): D("3"), q(1): D("7"), m(4): D("4")}
    assert combine_values(values, into=q(1), aggregation="sum") == 7
    assert combine_values(values, into=h(1), aggregation="sum") == 11
    assert combine_values(values, into=h(1), aggregation="latest") == 4


def test_combine_values_reads_typed_values_and_skips_no_value():
    values = {m(1): "1,000", m(2): "N/A", m(3): "Awaiting data"}
    assert combine_values(values, into=q(1), aggregation="sum") == 1000


def test_combine_values_nothing_to_combine():
    assert combine_values({}, into=q(1), aggregation="sum") is None


def test_year_to_date():
    assert year_to_date(MONTHLY, upto=q(1), aggregation="sum") == 6
    assert year_to_date(MONTHLY, upto=q(2), aggregation="sum") == 16
    assert year_to_date(MONTHLY, upto=m(7), aggregation="sum") == 23
    assert year_to_date(MONTHLY, upto=m(5), aggregation="latest") == 4
    assert year_to_date(MONTHLY, upto=q(3), aggregation="average") == D("23") / 6
    assert year_to_date(MONTHLY, upto=q(3), aggregation="latest") == 7


def test_year_to_date_stays_within_the_year():
    values = {**MONTHLY, FY.previous().months()[11]: D("100"), FY.next().months()[0]: D("100")}
    assert year_to_date(values, upto=WHOLE, aggregation="sum") == 23


# -- value_due_state --------------------------------------------------------------------------------------

DEADLINE = date(2008, 7, 31)  # for Q1 (April to June 2008)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2008, 5, 1), DueState.NOT_YET_DUE),
        (date(2008, 6, 30), DueState.NOT_YET_DUE),  # the period's last day: it has not ended yet
        (date(2008, 7, 1), DueState.DUE),
        (date(2008, 7, 31), DueState.DUE),  # the deadline itself
        (date(2008, 8, 1), DueState.LATE),
    ],
)
def test_value_due_state(today, expected):
    assert value_due_state(period=q(1), today=today, deadline=DEADLINE) == expected


def test_value_due_state_entered_whatever_the_date():
    for today in [date(2008, 5, 1), date(2008, 7, 15), date(2009, 1, 1)]:
        assert value_due_state(period=q(1), today=today, deadline=DEADLINE, has_value=True) == "entered"


def test_value_due_state_never_late_without_a_deadline():
    assert value_due_state(period=q(1), today=date(2010, 1, 1), deadline=None) == DueState.DUE


def test_value_due_state_waits_for_the_collection_date():
    collect_from = date(2008, 8, 15)
    kwargs = {"period": q(1), "deadline": date(2008, 9, 30), "collect_from": collect_from}
    assert value_due_state(today=date(2008, 8, 14), **kwargs) == DueState.NOT_YET_DUE
    assert value_due_state(today=date(2008, 8, 15), **kwargs) == DueState.DUE
    assert value_due_state(today=date(2008, 10, 1), **kwargs) == DueState.LATE


# -- tolerance_band and target_range ----------------------------------------------------------------------


def test_tolerance_band():
    assert tolerance_band(D("90"), TOL) == D("2.25")
    assert tolerance_band(D("-90"), TOL) == D("2.25")
    assert tolerance_band(D("0"), TOL) == 0
    assert tolerance_band(D("90"), D("0")) == 0
    assert tolerance_band(100, 5) == 5


def test_tolerance_band_refuses_a_negative_tolerance():
    with pytest.raises(ValueError):
        tolerance_band(D("90"), D("-1"))


def test_target_range():
    assert target_range(D("90"), TOL) == (D("87.75"), D("92.25"))
    assert target_range(D("-4"), D("25")) == (D("-5"), D("-3"))


# -- indicator_rag ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "polarity", "expected"),
    [
        # Higher is better: target 90, band 2.25.
        ("90", "90", "higher", Rag.GREEN),  # exactly on target
        ("95", "90", "higher", Rag.GREEN),
        ("89.99", "90", "higher", Rag.AMBER),
        ("87.75", "90", "higher", Rag.AMBER),  # exactly at the tolerance
        ("87.74", "90", "higher", Rag.RED),
        ("80", "90", "higher", Rag.RED),
        # Lower is better: target 3.6, band 0.09.
        ("3.6", "3.6", "lower", Rag.GREEN),
        ("3.1", "3.6", "lower", Rag.GREEN),
        ("3.69", "3.6", "lower", Rag.AMBER),  # exactly at the tolerance
        ("3.691", "3.6", "lower", Rag.RED),
        # Zero targets: no band, so an exact comparison.
        ("0", "0", "higher", Rag.GREEN),
        ("0.001", "0", "higher", Rag.GREEN),
        ("-0.001", "0", "higher", Rag.RED),
        ("0", "0", "lower", Rag.GREEN),
        ("0.001", "0", "lower", Rag.RED),
        # Negative values: the band is 2.5% of |target|.
        ("-3.6", "-3.6", "higher", Rag.GREEN),
        ("-3.69", "-3.6", "higher", Rag.AMBER),
        ("-3.7", "-3.6", "higher", Rag.RED),
        ("-3.51", "-3.6", "lower", Rag.AMBER),
        ("-4", "-3.6", "lower", Rag.GREEN),
        # Closest is best: green within the band either side, amber within twice it, red beyond.
        ("100", "100", "closest", Rag.GREEN),
        ("102.5", "100", "closest", Rag.GREEN),
        ("97.5", "100", "closest", Rag.GREEN),
        ("102.6", "100", "closest", Rag.AMBER),
        ("95", "100", "closest", Rag.AMBER),
        ("105", "100", "closest", Rag.AMBER),
        ("105.01", "100", "closest", Rag.RED),
        ("0", "0", "closest", Rag.GREEN),
        ("0.1", "0", "closest", Rag.RED),
    ],
)
def test_indicator_rag(actual, target, polarity, expected):
    rag = indicator_rag(actual=D(actual), target=D(target), polarity=polarity, tolerance_percent=TOL)
    assert rag is expected


def test_indicator_rag_no_data_when_actual_is_missing():
    for actual in [None, "N/A", "", parse_value("-"), "Awaiting data"]:
        assert (
            indicator_rag(actual=actual, target=D("90"), polarity="higher", tolerance_percent=TOL)
            is Rag.NO_DATA
        )


def test_indicator_rag_no_target_when_target_is_missing_or_text():
    for target in [None, "Dependent on available funds", parse_value("Dependent on available funds")]:
        rag = indicator_rag(actual=D("90"), target=target, polarity="higher", tolerance_percent=TOL)
        assert rag is Rag.NO_TARGET


def test_indicator_rag_no_data_comes_before_no_target():
    assert indicator_rag(actual=None, target=None, polarity="higher", tolerance_percent=TOL) is Rag.NO_DATA


def test_indicator_rag_data_only_is_not_judged():
    for actual, target in [(D("1"), D("90")), (None, None), (D("100"), D("90"))]:
        rag = indicator_rag(
            actual=actual, target=target, polarity="higher", tolerance_percent=TOL, data_only=True
        )
        assert rag is Rag.NOT_JUDGED


def test_indicator_rag_reads_typed_values():
    assert indicator_rag(actual="89%", target="90%", polarity="higher", tolerance_percent=TOL) is Rag.AMBER
    assert indicator_rag(actual=89, target=90, polarity=Polarity.HIGHER, tolerance_percent=3) is Rag.AMBER


def test_indicator_rag_refuses_an_unknown_polarity():
    with pytest.raises(ValueError):
        indicator_rag(actual=D("1"), target=D("1"), polarity="sideways", tolerance_percent=TOL)


# -- performance_symbol -----------------------------------------------------------------------------------

REAL_FIGURES = [
    # (target, actual, polarity, symbol), as printed in real plans, with a 2.5% tolerance.
    ("3.6", "3.1", "lower", Symbol.BETTER),
    ("90", "80", "higher", Symbol.WORSE),
    ("65", "77", "higher", Symbol.BETTER),
    ("5", "5", "higher", Symbol.WITHIN),
    ("879,543", "864,681", "higher", Symbol.WITHIN),
    ("1.118 million", "1.18 million", "higher", Symbol.BETTER),
    ("425", "409", "higher", Symbol.WORSE),
    ("3", "8", "lower", Symbol.WORSE),
    ("60", "63", "higher", Symbol.BETTER),
]


@pytest.mark.parametrize(("target", "actual", "polarity", "symbol"), REAL_FIGURES)
def test_performance_symbol_reproduces_real_plans(target, actual, polarity, symbol):
    result = performance_symbol(
        actual=parse_value(actual).number,
        target=parse_value(target).number,
        polarity=polarity,
        tolerance_percent=TOL,
    )
    assert result is symbol


@pytest.mark.parametrize(
    ("actual", "target", "polarity", "expected"),
    [
        ("90", "90", "higher", Symbol.WITHIN),  # exactly on target
        ("92.25", "90", "higher", Symbol.WITHIN),  # the top edge is in the range
        ("92.26", "90", "higher", Symbol.BETTER),
        ("87.75", "90", "higher", Symbol.WITHIN),  # the bottom edge is in the range
        ("87.74", "90", "higher", Symbol.WORSE),
        ("92.25", "90", "lower", Symbol.WITHIN),
        ("92.26", "90", "lower", Symbol.WORSE),
        ("87.75", "90", "lower", Symbol.WITHIN),
        ("87.74", "90", "lower", Symbol.BETTER),
        ("0", "0", "higher", Symbol.WITHIN),
        ("0.01", "0", "higher", Symbol.BETTER),
        ("-0.01", "0", "higher", Symbol.WORSE),
        ("-0.01", "0", "lower", Symbol.BETTER),
        ("-3.6", "-3.6", "higher", Symbol.WITHIN),
        ("-3.51", "-3.6", "higher", Symbol.WITHIN),
        ("-3.5", "-3.6", "higher", Symbol.BETTER),
        ("-3.7", "-3.6", "higher", Symbol.WORSE),
        ("-3.7", "-3.6", "lower", Symbol.BETTER),
        ("100", "100", "closest", Symbol.WITHIN),
        ("102.5", "100", "closest", Symbol.WITHIN),
        ("97.5", "100", "closest", Symbol.WITHIN),
        ("120", "100", "closest", Symbol.WORSE),
        ("80", "100", "closest", Symbol.WORSE),
    ],
)
def test_performance_symbol_boundaries(actual, target, polarity, expected):
    symbol = performance_symbol(actual=D(actual), target=D(target), polarity=polarity, tolerance_percent=TOL)
    assert symbol is expected


def test_performance_symbol_cannot_compare_without_an_actual_or_numeric_target():
    for actual, target in [
        (None, D("90")),
        (D("90"), None),
        (D("90"), "Dependent on available funds"),
        ("N/A", "90"),
    ]:
        symbol = performance_symbol(actual=actual, target=target, polarity="higher", tolerance_percent=TOL)
        assert symbol is Symbol.CANNOT_COMPARE


# -- properties of RAG and symbols ------------------------------------------------------------------------

_values = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
_tolerances = st.decimals(min_value=0, max_value=50, places=2, allow_nan=False, allow_infinity=False)
_steps = st.decimals(min_value=0, max_value=10**4, places=3, allow_nan=False, allow_infinity=False)


@given(_values, _values, _steps, _tolerances, st.sampled_from([Polarity.HIGHER, Polarity.LOWER]))
def test_indicator_rag_and_performance_symbol_improving_never_worsens(
    actual, target, step, tolerance, polarity
):
    better = actual + step if polarity is Polarity.HIGHER else actual - step
    kwargs = {"target": target, "polarity": polarity, "tolerance_percent": tolerance}
    assert (
        RAG_ORDER[indicator_rag(actual=better, **kwargs)] >= RAG_ORDER[indicator_rag(actual=actual, **kwargs)]
    )
    assert (
        SYMBOL_ORDER[performance_symbol(actual=better, **kwargs)]
        >= SYMBOL_ORDER[performance_symbol(actual=actual, **kwargs)]
    )


@given(_values, _values, _steps, _tolerances)
def test_indicator_rag_and_performance_symbol_closest_moving_nearer_never_worsens(
    actual, target, step, tolerance
):
    distance = abs(actual - target)
    nearer = target + (actual - target) * (distance - min(step, distance)) / distance if distance else actual
    assume(abs(nearer - target) <= distance)
    kwargs = {"target": target, "polarity": Polarity.CLOSEST, "tolerance_percent": tolerance}
    assert (
        RAG_ORDER[indicator_rag(actual=nearer, **kwargs)] >= RAG_ORDER[indicator_rag(actual=actual, **kwargs)]
    )
    assert (
        SYMBOL_ORDER[performance_symbol(actual=nearer, **kwargs)]
        >= SYMBOL_ORDER[performance_symbol(actual=actual, **kwargs)]
    )


@given(_values, _values, _tolerances)
def test_indicator_rag_and_performance_symbol_swapping_polarity_mirrors_the_result(actual, target, tolerance):
    mirrored = 2 * target - actual
    for polarity, other in [(Polarity.HIGHER, Polarity.LOWER), (Polarity.LOWER, Polarity.HIGHER)]:
        assert indicator_rag(
            actual=actual, target=target, polarity=polarity, tolerance_percent=tolerance
        ) is indicator_rag(actual=mirrored, target=target, polarity=other, tolerance_percent=tolerance)
        assert performance_symbol(
            actual=actual, target=target, polarity=polarity, tolerance_percent=tolerance
        ) is performance_symbol(actual=mirrored, target=target, polarity=other, tolerance_percent=tolerance)


@given(_values, _values, _tolerances, st.sampled_from(list(Polarity)))
def test_indicator_rag_green_is_never_worse_than_the_target_range(actual, target, tolerance, polarity):
    """Green (on or better than target) is always within or better than the target range."""
    kwargs = {"actual": actual, "target": target, "polarity": polarity, "tolerance_percent": tolerance}
    if indicator_rag(**kwargs) is Rag.GREEN:
        assert performance_symbol(**kwargs) in {Symbol.WITHIN, Symbol.BETTER}


# -- direction_of_travel ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        ("95", "90", "higher", Direction.BETTER),
        ("85", "90", "higher", Direction.WORSE),
        ("85", "90", "lower", Direction.BETTER),
        ("95", "90", "lower", Direction.WORSE),
        ("90", "90", "higher", Direction.SAME),
        ("0", "0", "higher", Direction.SAME),
        ("0", "0", "lower", Direction.SAME),
        ("0.01", "0", "higher", Direction.BETTER),  # from zero only zero is the same
        ("90.9", "90", "higher", Direction.SAME),  # within 1%
        ("89.1", "90", "higher", Direction.SAME),  # exactly 1% is the same
        ("89.09", "90", "higher", Direction.WORSE),
        ("90.91", "90", "lower", Direction.WORSE),
        ("-3.6", "-4", "higher", Direction.BETTER),
        ("-3.6", "-4", "lower", Direction.WORSE),
        ("-4.04", "-4", "higher", Direction.SAME),  # 1% of |previous|
    ],
)
def test_direction_of_travel(current, previous, polarity, expected):
    direction = direction_of_travel(current=D(current), previous=D(previous), polarity=polarity)
    assert direction is expected


def test_direction_of_travel_same_tolerance_can_be_changed():
    kwargs = {"current": D("95"), "previous": D("90"), "polarity": "higher"}
    assert direction_of_travel(**kwargs, same_tolerance_percent=D("10")) is Direction.SAME
    assert direction_of_travel(**kwargs, same_tolerance_percent=0) is Direction.BETTER


def test_direction_of_travel_unknown_when_a_value_is_missing():
    for current, previous in [
        (None, D("1")),
        (D("1"), None),
        (None, None),
        ("N/A", "5"),
        ("5", "Not collected"),
    ]:
        assert direction_of_travel(current=current, previous=previous, polarity="higher") is Direction.UNKNOWN


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("98", "90", Direction.BETTER),  # nearer 100
        ("105", "90", Direction.BETTER),  # overshot, but nearer
        ("115", "90", Direction.WORSE),  # further away
        ("110", "90", Direction.SAME),  # as far, on the other side
        ("100.5", "100", Direction.SAME),  # hardly moved
        ("90", "98", Direction.WORSE),
    ],
)
def test_direction_of_travel_closest_compares_distances_from_the_target(current, previous, expected):
    direction = direction_of_travel(
        current=D(current), previous=D(previous), polarity="closest", target=D("100")
    )
    assert direction is expected


def test_direction_of_travel_closest_needs_the_target():
    assert direction_of_travel(current=D("98"), previous=D("90"), polarity="closest") is Direction.UNKNOWN
    assert direction_of_travel(current=D("90"), previous=D("90"), polarity="closest") is Direction.SAME


@given(_values, _values, st.sampled_from([Polarity.HIGHER, Polarity.LOWER]))
def test_direction_of_travel_swapping_the_values_reverses_it(current, previous, polarity):
    assume(current != previous)
    forward = direction_of_travel(
        current=current, previous=previous, polarity=polarity, same_tolerance_percent=0
    )
    back = direction_of_travel(
        current=previous, previous=current, polarity=polarity, same_tolerance_percent=0
    )
    assert {forward, back} == {Direction.BETTER, Direction.WORSE}


# -- judge_indicator --------------------------------------------------------------------------------------


def test_judge_indicator_gives_everything_together():
    judgement = judge_indicator(
        actual=D("95"),
        target=D("90"),
        polarity="higher",
        tolerance_percent=TOL,
        last_year=D("80"),
        previous=D("95.5"),
    )
    assert judgement == Judgement(
        rag=Rag.GREEN,
        symbol=Symbol.BETTER,
        direction_last_year=Direction.BETTER,
        direction_previous=Direction.SAME,
    )


def test_judge_indicator_without_comparisons():
    judgement = judge_indicator(actual=D("80"), target=D("90"), polarity="higher", tolerance_percent=TOL)
    assert judgement.rag is Rag.RED
    assert judgement.symbol is Symbol.WORSE
    assert judgement.direction_last_year is Direction.UNKNOWN
    assert judgement.direction_previous is Direction.UNKNOWN


def test_judge_indicator_data_only_still_shows_direction():
    judgement = judge_indicator(
        actual=D("80"),
        target=None,
        polarity="lower",
        tolerance_percent=TOL,
        last_year=D("90"),
        data_only=True,
    )
    assert judgement.rag is Rag.NOT_JUDGED
    assert judgement.symbol is Symbol.CANNOT_COMPARE
    assert judgement.direction_last_year is Direction.BETTER


def test_judge_indicator_closest_uses_the_target_for_direction():
    judgement = judge_indicator(
        actual=D("99"), target=D("100"), polarity="closest", tolerance_percent=TOL, last_year=D("90")
    )
    assert judgement == Judgement(Rag.GREEN, Symbol.WITHIN, Direction.BETTER, Direction.UNKNOWN)


def test_judge_indicator_is_frozen():
    judgement = judge_indicator(actual=D("1"), target=D("1"), polarity="higher", tolerance_percent=TOL)
    with pytest.raises(AttributeError):
        judgement.rag = Rag.RED  # type: ignore[misc]


# -- implausible_value_reasons ----------------------------------------------------------------------------

from indicators.rules import implausible_value_reasons  # noqa: E402


def test_implausible_value_reasons_percentage_over_100():
    assert implausible_value_reasons(value=Decimal(150), unit="percent") == [
        "it is a percentage outside 0 to 100"
    ]


def test_implausible_value_reasons_ten_times_the_target():
    reasons = implausible_value_reasons(value=Decimal(4500), unit="number", target=Decimal(450))
    assert reasons == ["it is 10 times the target (450)"]


def test_implausible_value_reasons_a_tenth_of_the_last_value():
    reasons = implausible_value_reasons(value=Decimal("3.6"), unit="number", last_value=Decimal(36))
    assert reasons == ["it is less than a tenth of the last value (36)"]


def test_implausible_value_reasons_plausible_values_pass():
    assert (
        implausible_value_reasons(
            value=Decimal(48), unit="percent", target=Decimal(50), last_value=Decimal(45)
        )
        == []
    )
    assert implausible_value_reasons(value=Decimal(0), unit="number", target=Decimal(5)) == []


# -- rag_reason: every judgement explains itself ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rag", "polarity", "expected"),
    [
        (
            "amber",
            "lower",
            "3.53 days against a target of 3.5 days, lower is better: worse than target, within the 2.5% "
            "tolerance: Amber",
        ),
        (
            "green",
            "higher",
            "3.53 days against a target of 3.5 days, higher is better: on or better than target: Green",
        ),
        (
            "red",
            "higher",
            "3.53 days against a target of 3.5 days, higher is better: worse than target, beyond the 2.5% "
            "tolerance: Red",
        ),
        (
            "amber",
            "closest",
            "3.53 days against a target of 3.5 days, closest to target is best: outside the 2.5% tolerance, "
            "but within twice it: Amber",
        ),
        ("no_data", "higher", "No value has been reported: No data"),
        ("no_target", "higher", "3.53 days, with no numeric target to judge against: No target"),
        (
            "not_judged",
            "higher",
            "Monitored for information only, so not judged against a target: Not judged",
        ),
    ],
)
def test_rag_reason_says_why_in_words(rag, polarity, expected):
    from indicators.rules import rag_reason

    assert (
        rag_reason(
            rag=rag,
            polarity=polarity,
            tolerance_percent=Decimal("2.5"),
            actual_words="3.53 days",
            target_words="3.5 days",
        )
        == expected
    )


@pytest.mark.parametrize(
    ("direction", "actual", "compared", "reason"),
    [
        ("better", "47.2%", "44%", "47.2% against 44% in 2025/26 Q2, higher is better: Better"),
        ("worse", "40%", "44%", "40% against 44% in 2025/26 Q2, higher is better: Worse"),
        ("unknown", "47.2%", "–", "No value for 2025/26 Q2 to compare with: Cannot compare"),
        ("unknown", "–", "44%", "No value this period to compare with 2025/26 Q2: Cannot compare"),
    ],
)
def test_direction_reason(direction, actual, compared, reason):
    from indicators.rules import direction_reason

    assert (
        direction_reason(
            direction=direction,
            polarity="higher",
            actual_words=actual,
            compared_words=compared,
            compared_with="2025/26 Q2",
        )
        == reason
    )
