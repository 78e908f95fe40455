"""Tests for serviceplans.periods: financial years and reporting periods (plain Python, no database)."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serviceplans.periods import (
    FinancialYear,
    Period,
    PeriodKind,
    PeriodParseError,
    financial_year_label,
    return_period,
    return_title,
)

FY2007 = FinancialYear(2007)
FY2008 = FinancialYear(2008)
FY2009 = FinancialYear(2009)

PER_YEAR = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


def q(year: FinancialYear, number: int) -> Period:
    return Period(year, PeriodKind.QUARTER, number)


def h(year: FinancialYear, number: int) -> Period:
    return Period(year, PeriodKind.HALF, number)


def m(year: FinancialYear, number: int) -> Period:
    return Period(year, PeriodKind.MONTH, number)


def whole(year: FinancialYear) -> Period:
    return Period(year, PeriodKind.YEAR, 1)


# -- FinancialYear ----------------------------------------------------------------------------------------


class TestFinancialYear:
    def test_dates_and_label(self):
        assert FY2007.start == date(2007, 4, 1)
        assert FY2007.end == date(2008, 3, 31)
        assert FY2007.label == "2007/08"
        assert str(FY2007) == "2007/08"

    def test_label_across_the_century(self):
        assert FinancialYear(1999).label == "1999/00"
        assert FinancialYear(2009).label == "2009/10"
        assert FinancialYear(2099).label == "2099/00"

    def test_financial_year_label(self):
        assert financial_year_label(2007) == "2007/08"
        assert financial_year_label(1999) == "1999/00"

    def test_next_and_previous(self):
        assert FY2007.next() == FY2008
        assert FY2008.previous() == FY2007
        assert FinancialYear(1999).next().label == "2000/01"

    def test_ordering(self):
        assert FY2007 < FY2008 < FY2009
        assert sorted([FY2009, FY2007, FY2008]) == [FY2007, FY2008, FY2009]
        assert max([FY2007, FY2009, FY2008]) == FY2009

    def test_equal_and_hashable(self):
        assert FinancialYear(2008) == FY2008
        assert len({FinancialYear(2008), FY2008, FY2009}) == 2

    def test_frozen(self):
        with pytest.raises(AttributeError):
            FY2008.start_year = 2009  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2008, 3, 31), FY2007),
            (date(2008, 4, 1), FY2008),
            (date(2008, 12, 31), FY2008),
            (date(2009, 1, 1), FY2008),
            (date(2009, 3, 31), FY2008),
            (date(2009, 4, 1), FY2009),
            (date(2008, 2, 29), FY2007),
            (datetime(2008, 3, 31, 23, 59, 59), FY2007),
            (datetime(2008, 4, 1, 0, 0), FY2008),
        ],
    )
    def test_containing(self, day, expected):
        assert FinancialYear.containing(day) == expected
        assert expected.contains(day)

    def test_contains_boundaries(self):
        assert FY2008.contains(date(2008, 4, 1))
        assert FY2008.contains(date(2009, 3, 31))
        assert not FY2008.contains(date(2008, 3, 31))
        assert not FY2008.contains(date(2009, 4, 1))

    def test_periods_in_the_year(self):
        assert [p.label for p in FY2008.months()] == [f"2008/09 M{n:02d}" for n in range(1, 13)]
        assert [p.label for p in FY2008.quarters()] == [
            "2008/09 Q1",
            "2008/09 Q2",
            "2008/09 Q3",
            "2008/09 Q4",
        ]
        assert [p.label for p in FY2008.halves()] == ["2008/09 H1", "2008/09 H2"]
        assert FY2008.period() == whole(FY2008)

    @pytest.mark.parametrize(
        "text",
        [
            "2007/08",
            "2007/8",
            "07/08",
            "2007-08",
            "2007\u201308",  # en dash
            "2007\u201408",  # em dash
            "2007/2008",
            "2007-2008",
            "2007 / 08",
            "  2007/08  ",
            "\t2007/08\n",
            "2007\u00a0/\u00a008",  # non-breaking spaces, as pasted from Excel
            "07/8",
        ],
    )
    def test_parse_accepted_forms(self, text):
        assert FinancialYear.parse(text) == FY2007

    @pytest.mark.parametrize(
        ("text", "start_year"),
        [
            ("69/70", 2069),
            ("70/71", 1970),
            ("99/00", 1999),
            ("00/01", 2000),
            ("1999/00", 1999),
            ("1999/2000", 1999),
            ("1999/0", 1999),
            ("2009/10", 2009),
        ],
    )
    def test_parse_two_digit_years_and_centuries(self, text, start_year):
        assert FinancialYear.parse(text).start_year == start_year

    @pytest.mark.parametrize(
        "text",
        [
            "2007/09",
            "2008/13",
            "2007/2009",
            "2008/07",
            "2008/08",
            "07/09",
            "2009/1",
        ],
    )
    def test_parse_refuses_mismatched_years(self, text):
        with pytest.raises(PeriodParseError, match="write it like"):
            FinancialYear.parse(text)

    def test_mismatched_year_message_suggests_the_right_year(self):
        with pytest.raises(PeriodParseError) as info:
            FinancialYear.parse("2008/13")
        assert "'2008/13' is not a financial year" in str(info.value)
        assert "write it like 2008/09" in str(info.value)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "2007",
            "2007/",
            "/08",
            "FY2007/08",
            "2007/08 Q1",
            "2007.08",
            "2007\\08",
            "7/8",
            "20070/08",
            "2007/008",
            "abc",
            "\u00e9\u00e8\u4e2d\u6587",
            "\u0662\u0660\u0660\u0667/\u0660\u0668",  # Arabic-Indic digits
            "x" * 10_000,
        ],
    )
    def test_parse_refuses_garbage(self, text):
        with pytest.raises(PeriodParseError, match="is not a financial year: write it like 2008/09"):
            FinancialYear.parse(text)

    @pytest.mark.parametrize("text", ["0000/01", "9999/00", "9999/0"])
    def test_parse_refuses_years_out_of_range(self, text):
        with pytest.raises(PeriodParseError, match="out of range"):
            FinancialYear.parse(text)

    @pytest.mark.parametrize("value", [None, 2007, 2007.08, b"2007/08", ["2007/08"], object()])
    def test_parse_refuses_non_text_with_parse_error(self, value):
        with pytest.raises(PeriodParseError, match="write it like 2008/09"):
            FinancialYear.parse(value)

    def test_parse_error_is_a_value_error(self):
        with pytest.raises(ValueError):
            FinancialYear.parse("nonsense")

    @pytest.mark.parametrize("start_year", [0, -1, 9999, 10_000])
    def test_out_of_range_years(self, start_year):
        with pytest.raises(ValueError):
            FinancialYear(start_year)

    @pytest.mark.parametrize("start_year", ["2007", 2007.0, True, None])
    def test_start_year_must_be_an_int(self, start_year):
        with pytest.raises(TypeError):
            FinancialYear(start_year)


# -- PeriodKind -------------------------------------------------------------------------------------------


def test_period_kind_values():
    assert [k.value for k in PeriodKind] == ["month", "quarter", "half", "year"]
    assert PeriodKind("quarter") is PeriodKind.QUARTER
    assert PeriodKind.HALF == "half"


# -- Period: construction and validation ------------------------------------------------------------------


class TestPeriodValidation:
    @pytest.mark.parametrize(
        ("kind", "number"),
        [
            (PeriodKind.MONTH, 0),
            (PeriodKind.MONTH, 13),
            (PeriodKind.QUARTER, 0),
            (PeriodKind.QUARTER, 5),
            (PeriodKind.HALF, 0),
            (PeriodKind.HALF, 3),
            (PeriodKind.YEAR, 0),
            (PeriodKind.YEAR, 2),
            (PeriodKind.MONTH, -1),
        ],
    )
    def test_bad_numbers(self, kind, number):
        with pytest.raises(PeriodParseError):
            Period(FY2008, kind, number)

    def test_kind_given_as_text_is_converted(self):
        period = Period(FY2008, "quarter", 2)  # type: ignore[arg-type]
        assert period.kind is PeriodKind.QUARTER
        assert period == q(FY2008, 2)

    def test_unknown_kind(self):
        with pytest.raises(PeriodParseError, match="not a kind of period"):
            Period(FY2008, "week", 1)  # type: ignore[arg-type]

    def test_year_must_be_a_financial_year(self):
        with pytest.raises(TypeError):
            Period(2008, PeriodKind.QUARTER, 1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("number", ["2", 2.0, True])
    def test_number_must_be_an_int(self, number):
        with pytest.raises(TypeError):
            Period(FY2008, PeriodKind.QUARTER, number)

    def test_equal_and_hashable(self):
        assert q(FY2008, 2) == Period(FinancialYear(2008), PeriodKind.QUARTER, 2)
        assert len({q(FY2008, 2), q(FY2008, 2), q(FY2008, 3)}) == 2
        assert m(FY2008, 1) != q(FY2008, 1)

    def test_frozen(self):
        with pytest.raises(AttributeError):
            q(FY2008, 2).number = 3  # type: ignore[misc]


# -- Period: dates ----------------------------------------------------------------------------------------


class TestPeriodDates:
    @pytest.mark.parametrize(
        ("number", "start", "end"),
        [
            (1, date(2008, 4, 1), date(2008, 6, 30)),
            (2, date(2008, 7, 1), date(2008, 9, 30)),
            (3, date(2008, 10, 1), date(2008, 12, 31)),
            (4, date(2009, 1, 1), date(2009, 3, 31)),
        ],
    )
    def test_quarters(self, number, start, end):
        period = q(FY2008, number)
        assert (period.start, period.end) == (start, end)

    @pytest.mark.parametrize(
        ("number", "start", "end"),
        [
            (1, date(2008, 4, 1), date(2008, 9, 30)),
            (2, date(2008, 10, 1), date(2009, 3, 31)),
        ],
    )
    def test_halves(self, number, start, end):
        period = h(FY2008, number)
        assert (period.start, period.end) == (start, end)

    @pytest.mark.parametrize(
        ("number", "start", "end"),
        [
            (1, date(2007, 4, 1), date(2007, 4, 30)),
            (2, date(2007, 5, 1), date(2007, 5, 31)),
            (3, date(2007, 6, 1), date(2007, 6, 30)),
            (4, date(2007, 7, 1), date(2007, 7, 31)),
            (5, date(2007, 8, 1), date(2007, 8, 31)),
            (6, date(2007, 9, 1), date(2007, 9, 30)),
            (7, date(2007, 10, 1), date(2007, 10, 31)),
            (8, date(2007, 11, 1), date(2007, 11, 30)),
            (9, date(2007, 12, 1), date(2007, 12, 31)),
            (10, date(2008, 1, 1), date(2008, 1, 31)),
            (11, date(2008, 2, 1), date(2008, 2, 29)),  # 2008 is a leap year
            (12, date(2008, 3, 1), date(2008, 3, 31)),
        ],
    )
    def test_months_of_2007_08(self, number, start, end):
        period = m(FY2007, number)
        assert (period.start, period.end) == (start, end)

    def test_february_in_a_non_leap_year(self):
        assert m(FY2008, 11).end == date(2009, 2, 28)

    def test_february_2000_is_a_leap_year_and_2100_is_not(self):
        assert m(FinancialYear(1999), 11).end == date(2000, 2, 29)
        assert m(FinancialYear(2099), 11).end == date(2100, 2, 28)

    def test_whole_year(self):
        assert (whole(FY2008).start, whole(FY2008).end) == (date(2008, 4, 1), date(2009, 3, 31))

    @pytest.mark.parametrize("kind", list(PeriodKind))
    def test_periods_of_a_kind_tile_the_year(self, kind):
        periods = Period.for_year(FY2008, kind)
        assert len(periods) == PER_YEAR[kind]
        assert periods[0].start == FY2008.start
        assert periods[-1].end == FY2008.end
        for before, after in zip(periods, periods[1:], strict=False):
            assert after.start == before.end + timedelta(days=1)

    def test_for_year_accepts_a_start_year_and_kind_text(self):
        assert Period.for_year(2008, "half") == [h(FY2008, 1), h(FY2008, 2)]


# -- Period: labels and names -----------------------------------------------------------------------------


class TestPeriodLabels:
    @pytest.mark.parametrize(
        ("period", "label", "short_label", "name"),
        [
            (q(FY2008, 1), "2008/09 Q1", "Q1", "Quarter 1 (April to June 2008)"),
            (q(FY2008, 2), "2008/09 Q2", "Q2", "Quarter 2 (July to September 2008)"),
            (q(FY2008, 3), "2008/09 Q3", "Q3", "Quarter 3 (October to December 2008)"),
            (q(FY2008, 4), "2008/09 Q4", "Q4", "Quarter 4 (January to March 2009)"),
            (h(FY2008, 1), "2008/09 H1", "H1", "Half-year 1 (April to September 2008)"),
            (h(FY2008, 2), "2008/09 H2", "H2", "Half-year 2 (October 2008 to March 2009)"),
            (m(FY2008, 1), "2008/09 M01", "M01", "April 2008"),
            (m(FY2008, 7), "2008/09 M07", "M07", "October 2008"),
            (m(FY2008, 10), "2008/09 M10", "M10", "January 2009"),
            (m(FY2008, 12), "2008/09 M12", "M12", "March 2009"),
            (whole(FY2008), "2008/09", "Year", "Year 2008/09"),
            (q(FinancialYear(1999), 4), "1999/00 Q4", "Q4", "Quarter 4 (January to March 2000)"),
        ],
    )
    def test_labels_and_names(self, period, label, short_label, name):
        assert period.label == label
        assert str(period) == label
        assert f"{period}" == label
        assert period.short_label == short_label
        assert period.name == name


# -- Period: parsing --------------------------------------------------------------------------------------


class TestPeriodParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2008/09 Q2", q(FY2008, 2)),
            ("2008/9 Q2", q(FY2008, 2)),
            ("08/09 Q2", q(FY2008, 2)),
            ("2008-09 Q2", q(FY2008, 2)),
            ("2008\u201309 Q2", q(FY2008, 2)),
            ("2008/2009 Q2", q(FY2008, 2)),
            ("2008/09 q2", q(FY2008, 2)),
            ("Q2 2008/09", q(FY2008, 2)),
            ("q2 08/09", q(FY2008, 2)),
            ("2008/09 Quarter 2", q(FY2008, 2)),
            ("2008/09 quarter 2", q(FY2008, 2)),
            ("Quarter 2 2008/09", q(FY2008, 2)),
            ("2008/09 Qtr 2", q(FY2008, 2)),
            ("2008/09 Q02", q(FY2008, 2)),
            ("2008/09 H1", h(FY2008, 1)),
            ("2008/09 h2", h(FY2008, 2)),
            ("2008/09 Half 1", h(FY2008, 1)),
            ("2008/09 Half-year 2", h(FY2008, 2)),
            ("2008/09 half year 2", h(FY2008, 2)),
            ("H1 2008/09", h(FY2008, 1)),
            ("2008/09 M07", m(FY2008, 7)),
            ("2008/09 M7", m(FY2008, 7)),
            ("2008/09 m7", m(FY2008, 7)),
            ("2008/09 Month 7", m(FY2008, 7)),
            ("M07 2008/09", m(FY2008, 7)),
            ("2008/09 M12", m(FY2008, 12)),
            ("2008/09", whole(FY2008)),
            ("2008-2009", whole(FY2008)),
            ("2008/09 Year", whole(FY2008)),
            ("2008/09 - Q2", q(FY2008, 2)),
            ("2008/09, Q2", q(FY2008, 2)),
            ("2008/09 ,  - Q2", q(FY2008, 2)),
            ("2008/09-Q2", q(FY2008, 2)),
            ("2008-09-Q2", q(FY2008, 2)),
            ("2008/09Q2", q(FY2008, 2)),
            ("Q2 - 2008/09", q(FY2008, 2)),
            ("Q2, 2008/09", q(FY2008, 2)),
            ("Q2-2008-09", q(FY2008, 2)),
            ("2008/09 \u2013 Q2", q(FY2008, 2)),
            ("   2008 / 09    Q2   ", q(FY2008, 2)),
            ("2008/09\u00a0Q2", q(FY2008, 2)),
            ("99/00 Q4", q(FinancialYear(1999), 4)),
        ],
    )
    def test_accepted_forms(self, text, expected):
        assert Period.parse(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected_message"),
        [
            ("2008/09 Q0", "quarters are numbered Q1 to Q4 (write it like 2008/09 Q1)"),
            ("2008/09 Q5", "quarters are numbered Q1 to Q4 (write it like 2008/09 Q4)"),
            ("2008/09 H0", "halves are numbered H1 and H2 (write it like 2008/09 H1)"),
            ("2008/09 H3", "halves are numbered H1 and H2 (write it like 2008/09 H2)"),
            ("2008/09 M00", "months are numbered M01 (April) to M12 (March) (write it like 2008/09 M01)"),
            ("2008/09 M0", "write it like 2008/09 M01"),
            ("2008/09 M13", "months are numbered M01 (April) to M12 (March) (write it like 2008/09 M12)"),
            ("Q5 2008/09", "write it like 2008/09 Q4"),
        ],
    )
    def test_out_of_range_numbers(self, text, expected_message):
        with pytest.raises(PeriodParseError) as info:
            Period.parse(text)
        assert str(info.value).startswith(f"{text!r} is not a period")
        assert expected_message in str(info.value)

    @pytest.mark.parametrize(
        ("text", "suggestion"),
        [
            ("2007/09 Q2", "2007/08 Q2"),
            ("2007/09", "2007/08"),
            ("07/09 M7", "2007/08 M07"),
            ("2008/2010 H1", "2008/09 H1"),
        ],
    )
    def test_mismatched_years(self, text, suggestion):
        with pytest.raises(PeriodParseError, match=f"write it like {suggestion}"):
            Period.parse(text)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            " ",
            "Q2",
            "2008 Q2",
            "2008/09 Q",
            "2008/09 Q2 Q3",
            "2008/09 Q2 2009/10",
            "2008/09 Q2.",
            "2008/09 W12",
            "2008/09 Quarter",
            "2008/09 Q-2",
            "2008/09 Q 2 extra",
            "2008/09 Q123",
            "2008/09 Year 1",
            "Q22008/09",
            "FY2008/09 Q2",
            "2008/09;Q2",
            "Q2 2008/09 Q2",
            "2008/09 M007",
            "quarter two 2008/09",
            "\u00e9\u00e8\u4e2d\u6587",
            "\U0001f4c5 2008/09 Q2",
            "2008/09 Q\u0662",  # Arabic-Indic digit two
            "\x00",
            "2008/09 Q2" + " " * 200,
            "Q" * 5000,
        ],
    )
    def test_refuses_garbage_with_an_example(self, text):
        with pytest.raises(PeriodParseError, match="write it like 2008/09 Q2"):
            Period.parse(text)

    @pytest.mark.parametrize("value", [None, 0, 2008.09, b"2008/09 Q2", ("2008/09", "Q2"), object()])
    def test_refuses_non_text_with_parse_error(self, value):
        with pytest.raises(PeriodParseError, match="write it like 2008/09 Q2"):
            Period.parse(value)

    def test_none_message_is_readable(self):
        with pytest.raises(PeriodParseError, match="^Nothing is not a period"):
            Period.parse(None)

    def test_financial_year_parse_refuses_periods(self):
        with pytest.raises(PeriodParseError):
            FinancialYear.parse("2008/09 Q2")


# -- Period: moving about ---------------------------------------------------------------------------------


class TestNextAndPrevious:
    @pytest.mark.parametrize(
        ("period", "following"),
        [
            (q(FY2008, 1), q(FY2008, 2)),
            (q(FY2008, 3), q(FY2008, 4)),
            (q(FY2008, 4), q(FY2009, 1)),
            (h(FY2008, 1), h(FY2008, 2)),
            (h(FY2008, 2), h(FY2009, 1)),
            (m(FY2008, 9), m(FY2008, 10)),  # December to January stays in the same financial year
            (m(FY2008, 12), m(FY2009, 1)),  # March to April starts a new financial year
            (whole(FY2008), whole(FY2009)),
            (q(FinancialYear(1999), 4), q(FinancialYear(2000), 1)),
        ],
    )
    def test_next_and_previous(self, period, following):
        assert period.next() == following
        assert following.previous() == period

    def test_next_start_is_the_day_after_end_at_year_boundaries(self):
        for kind in PeriodKind:
            last = Period.for_year(FY2008, kind)[-1]
            assert last.next().start == date(2009, 4, 1)
            assert last.end == date(2009, 3, 31)

    @pytest.mark.parametrize(
        ("period", "last_year"),
        [
            (q(FY2008, 2), q(FY2007, 2)),
            (h(FY2008, 2), h(FY2007, 2)),
            (m(FY2008, 11), m(FY2007, 11)),
            (whole(FY2008), whole(FY2007)),
            (q(FinancialYear(2000), 1), q(FinancialYear(1999), 1)),
        ],
    )
    def test_same_period_last_year(self, period, last_year):
        assert period.same_period_last_year() == last_year

    def test_same_period_last_year_of_february_in_a_leap_year(self):
        feb_2009 = m(FY2008, 11)
        feb_2008 = feb_2009.same_period_last_year()
        assert feb_2008.end == date(2008, 2, 29)
        assert feb_2009.end == date(2009, 2, 28)


class TestContaining:
    @pytest.mark.parametrize(
        ("day", "kind", "expected"),
        [
            (date(2009, 3, 31), PeriodKind.MONTH, m(FY2008, 12)),
            (date(2009, 3, 31), PeriodKind.QUARTER, q(FY2008, 4)),
            (date(2009, 3, 31), PeriodKind.HALF, h(FY2008, 2)),
            (date(2009, 3, 31), PeriodKind.YEAR, whole(FY2008)),
            (date(2009, 4, 1), PeriodKind.MONTH, m(FY2009, 1)),
            (date(2009, 4, 1), PeriodKind.QUARTER, q(FY2009, 1)),
            (date(2009, 4, 1), PeriodKind.HALF, h(FY2009, 1)),
            (date(2009, 4, 1), PeriodKind.YEAR, whole(FY2009)),
            (date(2008, 6, 30), PeriodKind.QUARTER, q(FY2008, 1)),
            (date(2008, 7, 1), PeriodKind.QUARTER, q(FY2008, 2)),
            (date(2008, 9, 30), PeriodKind.HALF, h(FY2008, 1)),
            (date(2008, 10, 1), PeriodKind.HALF, h(FY2008, 2)),
            (date(2008, 10, 15), PeriodKind.MONTH, m(FY2008, 7)),
            (date(2008, 12, 31), PeriodKind.QUARTER, q(FY2008, 3)),
            (date(2009, 1, 1), PeriodKind.QUARTER, q(FY2008, 4)),
            (date(2008, 2, 29), PeriodKind.MONTH, m(FY2007, 11)),
            (datetime(2009, 3, 31, 23, 59), PeriodKind.QUARTER, q(FY2008, 4)),
            (date(2008, 7, 1), "quarter", q(FY2008, 2)),
        ],
    )
    def test_containing(self, day, kind, expected):
        found = Period.containing(day, kind)
        assert found == expected
        assert found.contains(day)

    def test_contains_boundaries(self):
        period = q(FY2008, 4)
        assert period.contains(date(2009, 1, 1))
        assert period.contains(date(2009, 3, 31))
        assert not period.contains(date(2008, 12, 31))
        assert not period.contains(date(2009, 4, 1))

    def test_containing_unknown_kind(self):
        with pytest.raises(PeriodParseError):
            Period.containing(date(2008, 7, 1), "fortnight")


class TestMonthsAndYearToDate:
    def test_months_of_a_quarter(self):
        assert q(FY2008, 2).months() == [m(FY2008, 4), m(FY2008, 5), m(FY2008, 6)]
        assert [p.name for p in q(FY2008, 4).months()] == ["January 2009", "February 2009", "March 2009"]

    def test_months_of_a_half(self):
        assert h(FY2008, 2).months() == [m(FY2008, n) for n in range(7, 13)]

    def test_months_of_a_month_and_a_year(self):
        assert m(FY2008, 7).months() == [m(FY2008, 7)]
        assert whole(FY2008).months() == FY2008.months()

    @pytest.mark.parametrize(
        ("period", "last_month"),
        [
            (m(FY2008, 1), 1),
            (m(FY2008, 7), 7),
            (q(FY2008, 1), 3),
            (q(FY2008, 2), 6),
            (q(FY2008, 4), 12),
            (h(FY2008, 1), 6),
            (h(FY2008, 2), 12),
            (whole(FY2008), 12),
        ],
    )
    def test_year_to_date(self, period, last_month):
        ytd = period.year_to_date()
        assert ytd == [m(FY2008, n) for n in range(1, last_month + 1)]
        assert ytd[0].start == date(2008, 4, 1)
        assert ytd[-1].end == period.end

    def test_is_within(self):
        assert m(FY2008, 7).is_within(q(FY2008, 3))
        assert m(FY2008, 7).is_within(h(FY2008, 2))
        assert q(FY2008, 3).is_within(whole(FY2008))
        assert q(FY2008, 3).is_within(q(FY2008, 3))
        assert not q(FY2008, 3).is_within(m(FY2008, 7))
        assert not q(FY2008, 2).is_within(h(FY2008, 2))
        assert not q(FY2008, 3).is_within(whole(FY2009))
        assert not whole(FY2008).is_within(h(FY2008, 1))


class TestOrdering:
    def test_same_kind_sorts_chronologically(self):
        shuffled = [q(FY2009, 1), q(FY2008, 4), q(FY2008, 1), q(FY2007, 3), q(FY2008, 2)]
        assert sorted(shuffled) == [q(FY2007, 3), q(FY2008, 1), q(FY2008, 2), q(FY2008, 4), q(FY2009, 1)]

    def test_months_sort_across_calendar_years(self):
        assert m(FY2008, 9) < m(FY2008, 10) < m(FY2008, 12) < m(FY2009, 1)

    def test_mixed_kinds_sort_by_start_then_end(self):
        periods = [whole(FY2008), h(FY2008, 1), q(FY2008, 1), m(FY2008, 2), m(FY2008, 1), q(FY2007, 4)]
        assert sorted(periods) == [
            q(FY2007, 4),
            m(FY2008, 1),
            q(FY2008, 1),
            h(FY2008, 1),
            whole(FY2008),
            m(FY2008, 2),
        ]

    def test_comparison_operators(self):
        assert q(FY2008, 1) <= q(FY2008, 1)
        assert q(FY2008, 1) >= q(FY2008, 1)
        assert q(FY2008, 2) > q(FY2008, 1)
        assert q(FY2008, 2) >= m(FY2008, 4)
        assert not q(FY2008, 1) < q(FY2008, 1)

    def test_comparing_with_other_types_is_a_type_error(self):
        with pytest.raises(TypeError):
            _ = q(FY2008, 1) < FY2008  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = q(FY2008, 1) < "2008/09 Q2"  # type: ignore[operator]


# -- Properties -------------------------------------------------------------------------------------------


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = FinancialYear(draw(st.integers(min_value=1990, max_value=2100)))
    kind = draw(st.sampled_from(list(PeriodKind)))
    number = draw(st.integers(min_value=1, max_value=PER_YEAR[kind]))
    return Period(year, kind, number)


days = st.dates(min_value=date(1990, 4, 1), max_value=date(2100, 3, 31))


@given(periods())
def test_parse_round_trips_the_label(period):
    assert Period.parse(str(period)) == period
    assert Period.parse(period.label.lower()) == period


@given(periods())
def test_next_then_previous_is_identity(period):
    assert period.next().previous() == period
    assert period.previous().next() == period


@given(periods())
def test_next_starts_the_day_after_end(period):
    assert period.next().start == period.end + timedelta(days=1)
    assert period.previous().end == period.start - timedelta(days=1)


@given(periods())
def test_months_tile_the_period_exactly(period):
    months = period.months()
    assert months[0].start == period.start
    assert months[-1].end == period.end
    for before, after in zip(months, months[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    assert all(month.is_within(period) for month in months)
    assert sum((month.end - month.start).days + 1 for month in months) == (period.end - period.start).days + 1


@given(periods())
def test_same_period_last_year_is_one_year_earlier(period):
    last_year = period.same_period_last_year()
    assert last_year.kind == period.kind
    assert last_year.number == period.number
    assert last_year.start == period.start.replace(year=period.start.year - 1)
    assert last_year < period


@given(periods())
def test_period_contains_its_own_ends_and_is_found_from_them(period):
    for day in (period.start, period.end):
        assert period.contains(day)
        assert Period.containing(day, period.kind) == period
    assert not period.contains(period.start - timedelta(days=1))
    assert not period.contains(period.end + timedelta(days=1))


@given(days, st.sampled_from(list(PeriodKind)))
def test_containing_any_day(day, kind):
    period = Period.containing(day, kind)
    assert period.start <= day <= period.end
    assert period.year == FinancialYear.containing(day)
    assert Period.containing(day, PeriodKind.MONTH).is_within(period)


@given(st.integers(min_value=1990, max_value=2100))
def test_financial_year_label_round_trips(start_year):
    year = FinancialYear(start_year)
    assert FinancialYear.parse(year.label) == year
    assert FinancialYear.parse(f"{start_year}/{start_year + 1}") == year
    assert FinancialYear.parse(f"{start_year}-{(start_year + 1) % 100}") == year
    assert (year.end - year.start).days + 1 in (365, 366)


@given(st.lists(periods(), max_size=20))
def test_sorting_agrees_with_start_dates(items):
    ordered = sorted(items)
    assert [p.start for p in ordered] == sorted(p.start for p in items)


@given(st.one_of(st.text(), st.text(alphabet="0123456789/-–QHMqhm ,year", max_size=20)))
def test_parsing_any_text_gives_a_period_or_a_parse_error(text):
    try:
        period = Period.parse(text)
    except PeriodParseError:
        return
    assert Period.parse(period.label) == period


@given(st.one_of(st.text(), st.text(alphabet="0123456789/-– ", max_size=12)))
def test_parsing_any_text_gives_a_year_or_a_parse_error(text):
    try:
        year = FinancialYear.parse(text)
    except PeriodParseError:
        return
    assert FinancialYear.parse(year.label) == year


# -- returns are made for quarters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("2026/27 Q2", "2026/27 Q2"),  # a quarter is its own return
        ("2026/27 M01", "2026/27 Q1"),  # April
        ("2026/27 M04", "2026/27 Q2"),  # July
        ("2026/27 M06", "2026/27 Q2"),  # September
        ("2026/27 M07", "2026/27 Q3"),  # October
        ("2026/27 M12", "2026/27 Q4"),  # March
        ("2026/27 H1", "2026/27 Q2"),  # April to September: the quarter ending on 30 September
        ("2026/27 H2", "2026/27 Q4"),
        ("2026/27", "2026/27 Q4"),  # the year ends with Q4
    ],
)
def test_return_period(text, quarter):
    assert return_period(Period.parse(text)) == Period.parse(quarter)


def test_return_period_every_period_of_a_year_maps_to_one_quarter_holding_its_last_day():
    year = FinancialYear(2026)
    for kind in PeriodKind:
        for period in Period.for_year(year, kind):
            quarter = return_period(period)
            assert quarter.kind is PeriodKind.QUARTER
            assert quarter.contains(period.end)


def test_return_title_names_the_quarter_and_its_months():
    q2, q4 = Period.parse("2026/27 Q2"), Period.parse("2026/27 Q4")
    assert return_title(q2) == "Return for 2026/27 Q2 (July to September 2026)"
    assert return_title(q4) == "Return for 2026/27 Q4 (January to March 2027)"
    assert (
        return_title(q2, includes=[Period.parse("2026/27 M04"), Period.parse("2026/27 H1")])
        == "Return for 2026/27 Q2 (July to September 2026), includes the half-year update to 30 September"
    )
