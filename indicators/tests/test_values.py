"""Tests for indicators.values: reading and writing values by unit (plain Python, no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.values import (
    NO_VALUE,
    ParsedValue,
    Unit,
    ValueKind,
    excel_number_format,
    format_value,
    infer_unit,
    parse_value,
    round_half_up,
)

D = Decimal


# -- parse_value ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number", "unit_hint"),
    [
        ("3.6", D("3.6"), None),
        ("-3.6", D("-3.6"), None),
        ("+3.6", D("3.6"), None),
        ("\u22123.6", D("-3.6"), None),  # a real minus sign
        ("\u20133.6", D("-3.6"), None),  # an en dash pasted from Word
        (".5", D("0.5"), None),
        ("0", D("0"), None),
        ("90%", D("90"), Unit.PERCENT),
        ("90 %", D("90"), Unit.PERCENT),
        ("42.3 per cent", D("42.3"), Unit.PERCENT),
        ("42.3 percent", D("42.3"), Unit.PERCENT),
        ("£500,000", D("500000"), Unit.MONEY),
        ("£260k", D("260000"), Unit.MONEY),
        ("£260K", D("260000"), Unit.MONEY),
        ("£1.2m", D("1200000"), Unit.MONEY),
        ("£1.2M", D("1200000"), Unit.MONEY),
        ("£14.2 million", D("14200000"), Unit.MONEY),
        ("£1.2bn", D("1200000000"), Unit.MONEY),
        ("-£1,200", D("-1200"), Unit.MONEY),
        ("£-1,200", D("-1200"), Unit.MONEY),
        ("£1,200.50", D("1200.50"), Unit.MONEY),
        ("1.118 million", D("1118000"), None),
        ("1.18 million", D("1180000"), None),
        ("1.2 bn", D("1200000000"), None),
        ("1.2 billion", D("1200000000"), None),
        ("3 thousand", D("3000"), None),
        ("1,032,064", D("1032064"), None),
        ("1,032,064.25", D("1032064.25"), None),
        ("1032064", D("1032064"), None),
        ("  879,543  ", D("879543"), None),
        ("\u00a0879,543\u00a0", D("879543"), None),  # non-breaking spaces from Excel
        ("12 days", D("12"), Unit.DAYS),
        ("3.6 Days", D("3.6"), Unit.DAYS),
        ("1 day", D("1"), Unit.DAYS),
        ("1:4", D("0.25"), Unit.RATIO),
        ("1 : 4", D("0.25"), Unit.RATIO),
        ("3:1", D("3"), Unit.RATIO),
    ],
)
def test_parse_value_reads_numbers_as_plans_write_them(typed, number, unit_hint):
    parsed = parse_value(typed)
    assert parsed.kind is ValueKind.NUMBER
    assert parsed.is_number
    assert parsed.number == number
    assert parsed.unit_hint == unit_hint
    assert parsed.text == ""


def test_parse_value_is_exact():
    assert parse_value("1.118 million").number == Decimal("1118000")
    assert parse_value("£14.2 million").number == Decimal("14200000")
    assert parse_value("0.1").number + parse_value("0.2").number == Decimal("0.3")
    long = "123456789012345678901234567890.123456789"
    assert parse_value(long).number == Decimal(long)
    assert parse_value("12345678901234567890123456789.5 million").number == Decimal(
        "12345678901234567890123456789500000"
    )


def test_parse_value_ratio_that_does_not_divide_keeps_28_digits():
    assert parse_value("1:3").number == Decimal(1) / Decimal(3)


@pytest.mark.parametrize(
    "typed",
    [None, "", "   ", "N/A", "n/a", "NA", "na", "n.a.", "-", "\u2013", "\u2014", "--", "Not applicable"],
)
def test_parse_value_no_value(typed):
    parsed = parse_value(typed)
    assert parsed == ParsedValue(number=None, text="", kind=ValueKind.NONE)
    assert parsed.is_none


@pytest.mark.parametrize(
    "typed",
    [
        "Dependent on available funds",
        "(3.6)",
        "1,2",
        "1,0000",
        "c. 90%",
        "<5",
        "5+",
        "1e5",
        "3.6.",
        "£5%",
        "£5 days",
        "5k%",
        "-£-5",
        "1:0",
        "TBC",
        "x" * 200,
    ],
)
def test_parse_value_keeps_words_as_text(typed):
    parsed = parse_value(typed)
    assert parsed.kind is ValueKind.TEXT
    assert parsed.is_text
    assert parsed.number is None
    assert parsed.text == typed


def test_parse_value_text_is_tidied_of_surrounding_and_repeated_spaces():
    assert parse_value("  Dependent  on\tavailable funds ").text == "Dependent on available funds"


@pytest.mark.parametrize(
    ("given_value", "number"),
    [
        (3, D(3)),
        (-3, D(-3)),
        (3.6, D("3.6")),
        (0.1, D("0.1")),
        (D("1118000"), D("1118000")),
        (10**40, D(10**40)),
    ],
)
def test_parse_value_accepts_numbers(given_value, number):
    parsed = parse_value(given_value)
    assert parsed.kind is ValueKind.NUMBER
    assert parsed.number == number
    assert parsed.unit_hint is None


@pytest.mark.parametrize(
    "given_value", [float("nan"), float("inf"), float("-inf"), D("NaN"), D("sNaN"), D("-Infinity")]
)
def test_parse_value_numbers_that_are_not_finite_are_no_value(given_value):
    assert parse_value(given_value).kind is ValueKind.NONE


def test_parse_value_for_a_text_unit_keeps_everything_as_words():
    assert parse_value("5", Unit.TEXT) == ParsedValue(number=None, text="5", kind=ValueKind.TEXT)
    assert parse_value(" 90% ", "text").text == "90%"
    assert parse_value(5, "text").text == "5"
    assert parse_value(10**5000, "text").is_text  # beyond str(int)'s digit limit
    assert parse_value("Achieved", "text").text == "Achieved"
    assert parse_value("N/A", "text").kind is ValueKind.NONE


def test_parse_value_other_units_do_not_change_the_reading():
    assert parse_value("90%", "money") == parse_value("90%")
    assert parse_value("4", "ratio").number == 4


def test_parse_value_booleans_are_not_numbers():
    assert parse_value(True).kind is ValueKind.TEXT


@given(st.text())
def test_parse_value_never_raises_on_any_text(typed):
    parsed = parse_value(typed)
    assert isinstance(parsed, ParsedValue)
    assert (parsed.number is not None) == (parsed.kind is ValueKind.NUMBER)


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.text(alphabet="0123456789.,£%-+: kmbnKMBillondays\u2013\u2212\u00a0", max_size=30),
    ),
    st.sampled_from([None, *Unit]),
)
def test_parse_value_never_raises_on_anything_typed(typed, unit):
    parsed = parse_value(typed, unit)
    assert (parsed.number is not None) == (parsed.kind is ValueKind.NUMBER)
    if parsed.number is not None:
        assert parsed.number.is_finite()


# -- infer_unit -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("samples", "unit"),
    [
        (["90%", "85", "N/A"], Unit.PERCENT),
        (["£500,000", "£260k", "1.2"], Unit.MONEY),
        (["3.6 days", "4"], Unit.DAYS),
        (["1:4", "1:5"], Unit.RATIO),
        (["1,032,064", "879,543"], Unit.NUMBER),
        (["£5", "£6", "90%"], Unit.MONEY),  # most show £
        (["£5", "90%"], Unit.PERCENT),  # a tie goes to percent
        (["Dependent on available funds", "N/A"], Unit.TEXT),
        (["Achieved", "3"], Unit.NUMBER),
        ([], Unit.NUMBER),
        (["", "-"], Unit.NUMBER),
    ],
)
def test_infer_unit(samples, unit):
    assert infer_unit(samples) == unit


def test_infer_unit_reads_any_iterable():
    assert infer_unit(value for value in ["90%", "80%"]) == "percent"


# -- round_half_up ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "places", "rounded"),
    [
        (D("2.25"), 1, D("2.3")),
        (D("-2.25"), 1, D("-2.3")),
        (D("2.5"), 0, D("3")),
        (D("0.5"), 0, D("1")),
        (D("2.24"), 1, D("2.2")),
        (D("1032064"), 2, D("1032064.00")),
        (D("1E+40"), 2, D("1E+40")),
    ],
)
def test_round_half_up(number, places, rounded):
    assert round_half_up(number, places) == rounded


def test_round_half_up_refuses_negative_places():
    with pytest.raises(ValueError):
        round_half_up(D("1"), -1)


# -- format_value -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "unit", "places", "written"),
    [
        (D("42.3"), "percent", 1, "42.3%"),
        (D("42.25"), "percent", 1, "42.3%"),
        (D("90"), "percent", 0, "90%"),
        (D("90"), "percent", 2, "90.00%"),
        (D("1200"), "money", 0, "£1,200"),
        (D("1200.5"), "money", 2, "£1,200.50"),
        (D("260000"), "money", 0, "£260,000"),
        (D("999999"), "money", 0, "£999,999"),
        (D("1000000"), "money", 0, "£1m"),
        (D("1200000"), "money", 0, "£1.2m"),
        (D("1250000"), "money", 2, "£1.3m"),
        (D("14200000"), "money", 0, "£14.2m"),
        (D("2000000"), "money", 0, "£2m"),
        (D("999999999"), "money", 0, "£1bn"),
        (D("1200000000"), "money", 0, "£1.2bn"),
        (D("-1200"), "money", 0, "-£1,200"),
        (D("-1200000"), "money", 0, "-£1.2m"),
        (D("1032064"), "number", 0, "1,032,064"),
        (D("1032064"), "number", 2, "1,032,064.00"),
        (D("3.6"), "number", 1, "3.6"),
        (D("-3.6"), "number", 1, "-3.6"),
        (D("-3.65"), "number", 1, "-3.7"),
        (D("2.5"), "number", 0, "3"),
        (D("-0.04"), "number", 1, "0.0"),
        (3, "number", 0, "3"),
        (D("3.6"), "days", 1, "3.6 days"),
        (D("1"), "days", 0, "1 day"),
        (D("1"), "days", 1, "1.0 days"),
        (D("-1"), "days", 0, "-1 day"),
        (D("1200"), "days", 0, "1,200 days"),
        (D("0.25"), "ratio", 0, "1:4"),
        (D("0.4"), "ratio", 1, "1:2.5"),
        (D("3"), "ratio", 0, "3:1"),
        (D("1"), "ratio", 0, "1:1"),
        (D("0"), "ratio", 0, "0:1"),
        (D("-2"), "ratio", 0, "-2"),
        (D("5"), "text", 0, "5"),
        (D("5"), "unknown-unit", 0, "5"),
    ],
)
def test_format_value(number, unit, places, written):
    assert format_value(number, unit, places) == written


def test_format_value_no_value_is_an_en_dash():
    assert format_value(None, "percent") == NO_VALUE == "\u2013"
    assert format_value(D("NaN"), "number") == "\u2013"


def test_format_value_text_is_returned_as_it_is():
    assert format_value(None, "text", text="Dependent on available funds") == "Dependent on available funds"
    assert format_value(None, "percent", text="  spaced ") == "  spaced "


def test_format_value_money_in_full_for_exports():
    assert format_value(D("1200000"), "money", 0, abbreviate=False) == "£1,200,000"


def test_format_value_refuses_negative_places():
    with pytest.raises(ValueError):
        format_value(D("1"), "number", -1)


_places = st.integers(min_value=0, max_value=4)


def _numbers(limit: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=-limit, max_value=limit, places=6, allow_nan=False, allow_infinity=False)


@given(_numbers(10**12), st.sampled_from(["percent", "number", "days"]), _places)
def test_format_value_round_trip(number, unit, places):
    written = format_value(number, unit, places)
    assert parse_value(written).number == round_half_up(number, places)
    assert parse_value(written).unit_hint == {"percent": Unit.PERCENT, "days": Unit.DAYS}.get(unit)


@given(_numbers(999_999), _places)
def test_format_value_round_trip_money_below_a_million(number, places):
    written = format_value(number, "money", places)
    parsed = parse_value(written)
    assert parsed.number == round_half_up(number, places)
    assert parsed.unit_hint is Unit.MONEY


@given(st.integers(min_value=1, max_value=1000))
def test_format_value_round_trip_whole_ratios(n):
    assert parse_value(format_value(D(1) / D(n), "ratio")).number == D(1) / D(n)
    assert parse_value(format_value(D(n), "ratio")).number == n


# -- excel_number_format ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "places", "number_format"),
    [
        ("percent", 0, '#,##0"%"'),
        ("percent", 1, '#,##0.0"%"'),
        ("money", 0, '"£"#,##0'),
        ("money", 2, '"£"#,##0.00'),
        ("days", 1, '#,##0.0" days"'),
        ("number", 0, "#,##0"),
        ("number", 4, "#,##0.0000"),
        ("ratio", 2, "#,##0.00"),
        ("text", 0, "#,##0"),
    ],
)
def test_excel_number_format(unit, places, number_format):
    assert excel_number_format(unit, places) == number_format


def test_excel_number_format_quotes_the_percent_sign_so_excel_does_not_multiply_by_100():
    assert "%" not in excel_number_format("percent", 1).replace('"%"', "")


def test_excel_number_format_refuses_negative_places():
    with pytest.raises(ValueError):
        excel_number_format("number", -1)
