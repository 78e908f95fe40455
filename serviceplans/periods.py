"""Financial years and reporting periods, as the council uses them.

The rules
---------

* **The financial year runs from 1 April to 31 March.** We write it with both calendar years, the second
  cut to two digits: the year from 1 April 2007 to 31 March 2008 is ``2007/08``. The year from 1 April
  1999 is ``1999/00``.
* **We report by month, quarter, half-year or the whole year**, always counted from April:

  - months ``M01`` (April) to ``M12`` (March), so ``M07`` is October and ``M11`` is February;
  - quarters ``Q1`` April to June, ``Q2`` July to September, ``Q3`` October to December and ``Q4``
    January to March;
  - halves ``H1`` April to September and ``H2`` October to March;
  - the whole year, written just as the year, ``2008/09``.

* **A period is written year first**: ``2008/09 Q2``, ``2008/09 H1``, ``2008/09 M07``, ``2008/09``.
* **Every period starts on the first day of a month and ends on the last day of a month**, and both days
  belong to it. 31 March is the last day of a year, 1 April the first day of the next.
* **The period after the last one of a year is the first one of the next year**: after ``2008/09 Q4``
  comes ``2009/10 Q1``.
* **"Same period last year"** is the same month, quarter or half one financial year earlier.
* **A plan reports, and an indicator is collected, by its frequency**: monthly by months, quarterly by
  quarters, half-yearly by halves and yearly by whole years; and only for the financial years it covers.
  An update for a period of another kind, or another year, does not belong to it.
  (:func:`period_kind_for`, :func:`period_belongs`)
* **Returns are made for quarters.** Every period's updates and values belong to one quarter's return,
  the quarter that contains the period's last day: a quarter to itself, a month to the quarter it falls in,
  a half-year to the quarter ending on the same day (H1 to Q2, H2 to Q4) and the year to Q4. So nobody
  owes two returns for the same months. (:func:`return_period`)
* **"Year to date"** means the months from April up to and including the last month of the period being
  reported: year to date at ``2008/09 Q2`` is April to September 2008.

What people may type
--------------------

We are generous about what we read and strict about what we write. A financial year may be typed as
``2007/08``, ``2007/8``, ``07/08``, ``2007-08``, ``2007–08`` (en dash), ``2007/2008``, ``2007-2008`` or
``2007 / 08``. A two-digit first year below 70 means the 2000s (``07/08`` is 2007/08), otherwise the
1900s (``98/99`` is 1998/99). The second year must be the year after the first: ``2007/09`` is refused.

A period may be typed as ``2008/09 Q2``, ``2008/09 q2``, ``Q2 2008/09``, ``2008/09 Quarter 2``,
``2008/09 H1``, ``2008/09 Half 1``, ``2008/09 Half-year 1``, ``2008/09 M07``, ``2008/09 M7``,
``2008/09 Month 7`` or just ``2008/09`` for the whole year, with any spaces, commas or dashes between the
year and the period (``2008/09 - Q2``). Anything else -- including ``Q0``, ``Q5``, ``H3``, ``M00`` and
``M13`` -- is refused with a :class:`PeriodParseError` that shows the right form. Reading text never
raises any other kind of exception.

Ordering
--------

Financial years sort by their start year. Periods sort by date: first by their first day, then by their
last day. So a month comes before the quarter that starts with it, which comes before the half, which comes
before the whole year: ``M01 < Q1 < H1 < 2008/09 < M02 < M03 < M04 < Q2 < ...``. Two periods are equal
only when they cover exactly the same days.

This module is plain Python with no Django or database dependency, so it can be used anywhere.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import TextChoices

__all__ = [
    "FinancialYear",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "financial_year_label",
    "period_belongs",
    "period_kind_for",
    "return_months",
    "return_period",
    "return_title",
]

#: The first and last start years we can represent (the year must end within ``datetime.date``'s range).
MIN_START_YEAR = 1
MAX_START_YEAR = 9998

#: The financial year starts in this calendar month.
FIRST_MONTH = 4

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_YEAR_EXAMPLE = "2008/09"
_PERIOD_EXAMPLE = "2008/09 Q2, 2008/09 H1, 2008/09 M07 or 2008/09 for the whole year"
_MAX_INPUT_LENGTH = 100

# Every dash-like character people paste from Word or Excel is read as a plain hyphen.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))

_YEAR_PATTERN = r"(?P<first>[0-9]{4}|[0-9]{2})\s*[/-]\s*(?P<second>[0-9]{4}|[0-9]{1,2})"
_PART_PATTERN = (
    r"(?:(?P<word>q|qtr|quarter|h|half|half-year|half\s+year|halfyear|m|month)\s*(?P<number>[0-9]{1,2})"
    r"|(?P<whole>year|full\s+year|whole\s+year))"
)
_YEAR_RE = re.compile(_YEAR_PATTERN, re.IGNORECASE | re.ASCII)
# Year first ("2008/09 Q2"): the year ends in a digit and the part starts with a letter, so no separator is
# needed. Part first ("Q2 2008/09"): both touch as digits, so at least one separator is needed.
_YEAR_FIRST_RE = re.compile(rf"{_YEAR_PATTERN}(?:[\s,-]*{_PART_PATTERN})?", re.IGNORECASE | re.ASCII)
_PART_FIRST_RE = re.compile(rf"{_PART_PATTERN}[\s,-]+{_YEAR_PATTERN}", re.IGNORECASE | re.ASCII)


class PeriodParseError(ValueError):
    """Text is not a financial year or period we recognise, or a year/period number is out of range.

    The message is written for the person who typed the text, and shows an example of the right form.
    """


class PeriodKind(TextChoices):
    """How long a reporting period is (``ReportingPeriod.kind``'s choices)."""

    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    HALF = "half", "Half"
    YEAR = "year", "Year"


class Frequency(TextChoices):
    """How often a plan reports or an indicator is collected (``Indicator.Frequency``; plans use two of
    them, ``Plan.Frequency``)."""

    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half_yearly", "Half-yearly"
    YEARLY = "yearly", "Yearly"


# How many months each kind of period lasts; there are 12 // months of them in a year.
_MONTHS_LONG: dict[PeriodKind, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.YEAR: 12,
}
_SHORT_PREFIX: dict[PeriodKind, str] = {PeriodKind.MONTH: "M", PeriodKind.QUARTER: "Q", PeriodKind.HALF: "H"}
_WORD_KINDS: dict[str, PeriodKind] = {
    "q": PeriodKind.QUARTER,
    "qtr": PeriodKind.QUARTER,
    "quarter": PeriodKind.QUARTER,
    "h": PeriodKind.HALF,
    "half": PeriodKind.HALF,
    "half-year": PeriodKind.HALF,
    "half year": PeriodKind.HALF,
    "halfyear": PeriodKind.HALF,
    "m": PeriodKind.MONTH,
    "month": PeriodKind.MONTH,
}
_NUMBERING_HELP: dict[PeriodKind, str] = {
    PeriodKind.MONTH: "months are numbered M01 (April) to M12 (March)",
    PeriodKind.QUARTER: "quarters are numbered Q1 to Q4",
    PeriodKind.HALF: "halves are numbered H1 and H2",
    PeriodKind.YEAR: "the whole year is period 1",
}


def _periods_per_year(kind: PeriodKind) -> int:
    return 12 // _MONTHS_LONG[kind]


def _short_label(kind: PeriodKind, number: int) -> str:
    if kind is PeriodKind.YEAR:
        return "Year"
    if kind is PeriodKind.MONTH:
        return f"M{number:02d}"
    return f"{_SHORT_PREFIX[kind]}{number}"


def _kind(kind: PeriodKind | str) -> PeriodKind:
    """Accept a PeriodKind or its value ("quarter")."""
    try:
        return PeriodKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in PeriodKind)
        raise PeriodParseError(f"{kind!r} is not a kind of period: use one of {kinds}") from None


def _as_date(day: date) -> date:
    """Accept a ``date`` or a ``datetime`` (whose time of day is ignored)."""
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    raise TypeError(f"expected a date, got {type(day).__name__}")


def _normalise(text: object) -> str | None:
    """Tidy typed text for matching, or return ``None`` if it cannot possibly be a year or period."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT_LENGTH:
        return None
    # str.split() splits on every kind of Unicode space, including the non-breaking spaces Excel produces.
    return " ".join(text.split()).translate(_DASHES)


def _shown(text: object) -> str:
    """How to quote the user's input in an error message."""
    if isinstance(text, str):
        if len(text) > _MAX_INPUT_LENGTH:
            return repr(text[:_MAX_INPUT_LENGTH] + "...")
        return repr(text)
    if text is None:
        return "Nothing"
    return f"A value of type {type(text).__name__}"


def _year_from_match(match: re.Match[str], original: object, what: str, example_suffix: str) -> FinancialYear:
    """Turn the ``first``/``second`` groups of a year match into a :class:`FinancialYear`."""
    first_text, second_text = match.group("first"), match.group("second")
    first = int(first_text)
    if len(first_text) == 2:
        first += 2000 if first < 70 else 1900
    if len(second_text) == 4:
        second_ok = int(second_text) == first + 1
    else:
        second_ok = int(second_text) == (first + 1) % 100
    if not MIN_START_YEAR <= first <= MAX_START_YEAR:
        raise PeriodParseError(
            f"{_shown(original)} is not {what}: the year is out of range (write it like "
            f"{_YEAR_EXAMPLE}{example_suffix})"
        )
    if not second_ok:
        raise PeriodParseError(
            f"{_shown(original)} is not {what}: a financial year runs from 1 April to 31 March, so the "
            f"second year must be the year after the first (write it like "
            f"{FinancialYear(first).label}{example_suffix})"
        )
    return FinancialYear(first)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A council financial year, 1 April to 31 March. ``FinancialYear(2007)`` is 2007/08.

    Financial years sort chronologically (by ``start_year``).
    """

    start_year: int

    def __post_init__(self) -> None:
        if not isinstance(self.start_year, int) or isinstance(self.start_year, bool):
            raise TypeError(f"start_year must be an int, got {type(self.start_year).__name__}")
        if not MIN_START_YEAR <= self.start_year <= MAX_START_YEAR:
            raise PeriodParseError(
                f"{self.start_year} is out of range: a financial year must start between "
                f"{MIN_START_YEAR} and {MAX_START_YEAR}"
            )

    # -- reading ------------------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read a financial year typed as ``2007/08``, ``2007/8``, ``07/08``, ``2007-08``, ``2007/2008``...

        Raises :class:`PeriodParseError` (and nothing else) for anything that is not a financial year.
        """
        normalised = _normalise(text)
        match = _YEAR_RE.fullmatch(normalised) if normalised is not None else None
        if match is None:
            raise PeriodParseError(f"{_shown(text)} is not a financial year: write it like {_YEAR_EXAMPLE}")
        return _year_from_match(match, text, "a financial year", "")

    @classmethod
    def containing(cls, day: date) -> FinancialYear:
        """The financial year that ``day`` falls in (a ``datetime`` is read as its date)."""
        day = _as_date(day)
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    # -- describing ---------------------------------------------------------------------------------------

    @property
    def start(self) -> date:
        """1 April: the first day of the year."""
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        """31 March: the last day of the year (inclusive)."""
        return date(self.start_year + 1, FIRST_MONTH, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """The way the council writes it: ``2007/08``."""
        return f"{self.start_year:04d}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    # -- moving about -------------------------------------------------------------------------------------

    def next(self) -> FinancialYear:
        """The following financial year."""
        return FinancialYear(self.start_year + 1)

    def previous(self) -> FinancialYear:
        """The financial year before this one."""
        return FinancialYear(self.start_year - 1)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls between 1 April and 31 March inclusive."""
        return self.start <= _as_date(day) <= self.end

    # -- the periods in the year --------------------------------------------------------------------------

    def period(self) -> Period:
        """The whole year as a :class:`Period`."""
        return Period(self, PeriodKind.YEAR, 1)

    def months(self) -> list[Period]:
        """M01 (April) to M12 (March)."""
        return Period.for_year(self, PeriodKind.MONTH)

    def quarters(self) -> list[Period]:
        """Q1 to Q4."""
        return Period.for_year(self, PeriodKind.QUARTER)

    def halves(self) -> list[Period]:
        """H1 and H2."""
        return Period.for_year(self, PeriodKind.HALF)


@dataclass(frozen=True)
class Period:
    """A reporting period: a month, quarter, half or the whole of a financial year.

    ``number`` counts from April: months 1-12 (1 = April, 7 = October), quarters 1-4, halves 1-2, and
    always 1 for the whole year.

    Periods sort chronologically by ``(start, end)`` rather than by their fields (a dataclass's
    ``order=True`` would compare the kind's name alphabetically), so a month sorts before the quarter that
    begins with it, and the quarter before the half and the year.
    """

    year: FinancialYear
    kind: PeriodKind
    number: int

    def __post_init__(self) -> None:
        if not isinstance(self.year, FinancialYear):
            raise TypeError(f"year must be a FinancialYear, got {type(self.year).__name__}")
        if not isinstance(self.kind, PeriodKind):
            object.__setattr__(self, "kind", _kind(self.kind))
        if not isinstance(self.number, int) or isinstance(self.number, bool):
            raise TypeError(f"number must be an int, got {type(self.number).__name__}")
        if not 1 <= self.number <= _periods_per_year(self.kind):
            raise PeriodParseError(
                f"{self.number} is not a {self.kind.value} of the year: {_NUMBERING_HELP[self.kind]}"
            )

    # -- reading ------------------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period typed as ``2008/09 Q2``, ``Q2 2008/09``, ``2008/09 Half 1``, ``2008/09 M7``...

        Plain ``2008/09`` is the whole year. Raises :class:`PeriodParseError` (and nothing else) for
        anything that is not a period.
        """
        normalised = _normalise(text)
        match = None
        if normalised is not None:
            match = _YEAR_FIRST_RE.fullmatch(normalised) or _PART_FIRST_RE.fullmatch(normalised)
        if match is None:
            raise PeriodParseError(f"{_shown(text)} is not a period: write it like {_PERIOD_EXAMPLE}")

        word = match.group("word")
        if word is None:  # just the year, or "2008/09 Year"
            kind, number = PeriodKind.YEAR, 1
        else:
            kind = _WORD_KINDS[" ".join(word.lower().split())]
            number = int(match.group("number"))
        # The nearest valid number, to build an example of the right form for an error message.
        example_number = min(max(number, 1), _periods_per_year(kind))
        suffix = "" if kind is PeriodKind.YEAR else f" {_short_label(kind, example_number)}"
        year = _year_from_match(match, text, "a period", suffix)
        if number != example_number:
            help_text = _NUMBERING_HELP[kind]
            raise PeriodParseError(
                f"{_shown(text)} is not a period: {help_text} (write it like {year.label}{suffix})"
            )
        return cls(year, kind, number)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind | str) -> Period:
        """The period of the given kind that ``day`` falls in (a ``datetime`` is read as its date)."""
        day = _as_date(day)
        kind = _kind(kind)
        month_number = (day.month - FIRST_MONTH) % 12 + 1
        return cls(FinancialYear.containing(day), kind, (month_number - 1) // _MONTHS_LONG[kind] + 1)

    @classmethod
    def for_year(cls, year: FinancialYear | int, kind: PeriodKind | str) -> list[Period]:
        """Every period of the given kind in a financial year (given as a FinancialYear or its start year),
        in order."""
        if not isinstance(year, FinancialYear):
            year = FinancialYear(year)
        kind = _kind(kind)
        return [cls(year, kind, number) for number in range(1, _periods_per_year(kind) + 1)]

    # -- describing ---------------------------------------------------------------------------------------

    @property
    def _first_month(self) -> int:
        """The financial month number (1 = April) this period starts in."""
        return (self.number - 1) * _MONTHS_LONG[self.kind] + 1

    @property
    def _last_month(self) -> int:
        """The financial month number (12 = March) this period ends in."""
        return self.number * _MONTHS_LONG[self.kind]

    def _calendar_month(self, financial_month: int) -> tuple[int, int]:
        """(calendar year, calendar month) of a financial month number in this period's year."""
        month = (financial_month + FIRST_MONTH - 2) % 12 + 1
        year = self.year.start_year if month >= FIRST_MONTH else self.year.start_year + 1
        return year, month

    @property
    def start(self) -> date:
        """The first day of the period."""
        year, month = self._calendar_month(self._first_month)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        year, month = self._calendar_month(self._last_month)
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def short_label(self) -> str:
        """``Q2``, ``H1``, ``M07`` or ``Year``."""
        return _short_label(self.kind, self.number)

    @property
    def label(self) -> str:
        """``2008/09 Q2``, ``2008/09 H1``, ``2008/09 M07``, or ``2008/09`` for the whole year."""
        if self.kind is PeriodKind.YEAR:
            return self.year.label
        return f"{self.year.label} {self.short_label}"

    @property
    def name(self) -> str:
        """In words: ``October 2008``, ``Quarter 2 (July to September 2008)``,
        ``Half-year 2 (October 2008 to March 2009)``, ``Year 2008/09``."""
        start, end = self.start, self.end
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTH_NAMES[start.month - 1]} {start.year}"
        if self.kind is PeriodKind.YEAR:
            return f"Year {self.year.label}"
        first, last = _MONTH_NAMES[start.month - 1], _MONTH_NAMES[end.month - 1]
        if start.year == end.year:
            span = f"{first} to {last} {end.year}"
        else:
            span = f"{first} {start.year} to {last} {end.year}"
        word = "Quarter" if self.kind is PeriodKind.QUARTER else "Half-year"
        return f"{word} {self.number} ({span})"

    def __str__(self) -> str:
        return self.label

    # -- ordering: chronological, by (start, end) ---------------------------------------------------------

    def _sort_key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() >= other._sort_key()

    # -- moving about -------------------------------------------------------------------------------------

    def next(self) -> Period:
        """The following period of the same kind; after the last of a year comes the first of the next."""
        if self.number < _periods_per_year(self.kind):
            return Period(self.year, self.kind, self.number + 1)
        return Period(self.year.next(), self.kind, 1)

    def previous(self) -> Period:
        """The period of the same kind before this one; before the first of a year is the last of the one
        before."""
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year.previous(), self.kind, _periods_per_year(self.kind))

    def same_period_last_year(self) -> Period:
        """The same month, quarter, half or year one financial year earlier."""
        return Period(self.year.previous(), self.kind, self.number)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in this period (both ends included)."""
        return self.start <= _as_date(day) <= self.end

    def months(self) -> list[Period]:
        """The month periods that make up this period, in order (a month gives just itself)."""
        return [
            Period(self.year, PeriodKind.MONTH, m) for m in range(self._first_month, self._last_month + 1)
        ]

    def is_within(self, other: Period) -> bool:
        """Whether every day of this period is also in ``other`` (a period is within itself)."""
        return other.start <= self.start and self.end <= other.end

    def year_to_date(self) -> list[Period]:
        """The months from April up to and including this period's last month."""
        return [Period(self.year, PeriodKind.MONTH, m) for m in range(1, self._last_month + 1)]


def financial_year_label(start_year: int) -> str:
    """The label of the financial year starting on 1 April of ``start_year``: ``2007`` gives ``2007/08``."""
    return FinancialYear(start_year).label


#: The kind of period each reporting or collection frequency reports by (plans report quarterly or
#: half-yearly; indicators are collected monthly, quarterly, half-yearly or yearly).
FREQUENCY_PERIOD_KINDS: dict[str, PeriodKind] = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.HALF_YEARLY: PeriodKind.HALF,
    Frequency.YEARLY: PeriodKind.YEAR,
}


def period_kind_for(frequency: str) -> PeriodKind:
    """The kind of period a frequency reports by: ``"quarterly"`` → quarters. Unknown words → quarters."""
    return FREQUENCY_PERIOD_KINDS.get(frequency, PeriodKind.QUARTER)


def frequency_for(kind: str) -> str | None:
    """The frequency that reports by periods of ``kind`` (the reverse of :func:`period_kind_for`)."""
    return next((word for word, each in FREQUENCY_PERIOD_KINDS.items() if each == kind), None)


def period_belongs(
    *, period_kind: str, period_year: int, frequency: str, first_year: int, years: int = 1
) -> bool:
    """Does a period (its kind and financial year) belong to something reported ``frequency`` over the
    ``years`` financial years from ``first_year``? A quarterly plan for 2026/27 takes 2026/27 Q1–Q4 only."""
    return period_kind_for(frequency) == period_kind and first_year <= period_year < first_year + years


# -- returns: one a quarter ---------------------------------------------------------------------------------


def return_period(period: Period) -> Period:
    """The quarter whose return ``period``'s task updates and indicator values belong to.

    Returns are made for quarters only. A quarter belongs to itself; a month to the quarter it falls in
    (``M07`` to ``Q2``); a half-year to the quarter that ends on the same day (``H1`` to ``Q2``, ``H2`` to
    ``Q4``); the whole year to ``Q4``. That is: the quarter containing the period's last day."""
    return Period.containing(period.end, PeriodKind.QUARTER)


def return_title(
    quarter: Period, *, includes: list[Period] | tuple[Period, ...] = (), noun: str = "Return"
) -> str:
    """A return named by its quarter and months: ``Return for 2026/27 Q2 (July to September 2026)``, and,
    when ``includes`` holds a half-year or the year, ``, includes the half-year update to 30 September``."""
    end = quarter.end
    title = f"{noun} for {quarter.label} ({return_months(quarter)})"
    longer = [p for p in includes if p.kind in (PeriodKind.HALF, PeriodKind.YEAR)]
    if longer:
        words = " and ".join(
            "the year-end update" if p.kind is PeriodKind.YEAR else "the half-year update" for p in longer
        )
        title += f", includes {words} to {end.day} {_MONTH_NAMES[end.month - 1]}"
    return title


def return_months(quarter: Period) -> str:
    """The months a quarter's return covers, in words: ``July to September 2026``."""
    start, end = quarter.start, quarter.end
    return f"{_MONTH_NAMES[start.month - 1]} to {_MONTH_NAMES[end.month - 1]} {end.year}"
