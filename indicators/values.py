"""Reading and writing indicator values, by unit.

The rules
---------

* **We read values the way plans write them.** A value may be typed as ``3.6``, ``-3.6``, ``90%``,
  ``90 per cent``, ``£500,000``, ``£260k``, ``£1.2m``, ``£14.2 million``, ``1.118 million``, ``1.2 bn``,
  ``1.2 billion``, ``1,032,064``, ``12 days`` or ``1:4``, with any spaces around it. Thousands separators
  must be in the right places (``1,032,064``); ``1,2`` is not read as a number.
  (:func:`parse_value`)
* **Numbers are read exactly.** ``1.118 million`` is exactly 1,118,000, never 1,117,999.9999.
  (:func:`parse_value`)
* **Blank, "N/A", "n/a", "NA", "-" and "–" mean there is no value.** So does a number that is not finite
  (not a number, or infinity), as spreadsheets sometimes produce. (:func:`parse_value`)
* **Anything that is not a number is kept, word for word, as text** ("Dependent on available funds") and
  is never compared with a target. Figures in brackets, such as ``(3.6)``, and figures with words, such as
  ``c. 90%`` or ``<5``, are kept as text too: we do not guess. For an indicator measured in words (unit
  ``text``) everything typed is text. Reading a value never raises an exception. (:func:`parse_value`)
* **What is typed tells us the unit**: ``%`` means a percentage, ``£`` money, ``days`` days and ``1:4`` a
  ratio. A plain number says nothing about its unit. (:func:`parse_value`)
* **A ratio "a:b" is the number a ÷ b**: ``1:4`` is 0.25 and ``3:1`` is 3. Ratios that do not divide
  exactly keep 28 significant digits (``1:3`` is 0.3333…). (:func:`parse_value`)
* **A list of values shows its unit by what most of them show**: percentages if they show ``%``, money if
  they show ``£`` (the most common wins if they disagree); a number if none shows a unit; text if none of
  them is a number. (:func:`infer_unit`)
* **We write values the council's way** (:func:`format_value`):

  - percentages ``42.3%``; numbers with thousands separators ``1,032,064``; days ``3.6 days`` (``1 day``);
  - money ``£1,200``; a million pounds or more is shortened to millions with one decimal place,
    ``£1.2m`` (``£2m``, not ``£2.0m``), and a thousand million or more to ``£1.2bn``. Below a million
    we write the full figure, ``£260,000``, not ``£260k``;
  - a ratio below 1 as ``1:N`` (0.25 is ``1:4``), and 1 or more as ``N:1`` (3 is ``3:1``);
  - the number of decimal places the indicator asks for, rounding halves away from zero
    (2.25 to one place is 2.3, -2.25 is -2.3); a value that rounds to zero is written without a sign;
  - a negative number with a hyphen-minus, ``-3.6`` and ``-£1,200``, so that it reads back the same and
    pastes into a spreadsheet as a number (screen readers read it as "minus");
  - no value as an en dash ``–``, and text exactly as it was written.

* **Excel shows a value as we write it** (:func:`excel_number_format`): the cell holds the plain number,
  so it adds up and sorts, and its number format shows the indicator's decimal places, thousands
  separators and unit: ``45.5%``, ``£1,200``, ``3.6 days``. The ``%`` is quoted text, so 45.5 is shown
  as 45.5%, never as 4550%. Ratios and plain numbers are shown as numbers (``0.25``, ``1,032,064``).

* **Values have bounds** (:func:`value_problem`): we keep up to 16 digits before the decimal point and 4
  after it, so a value must lie strictly between -10,000,000,000,000,000 and 10,000,000,000,000,000
  (``9,999,999,999,999,999`` is the largest whole number), and may have no more than 4 decimal places:
  ``0.00001`` is refused, never quietly kept as ``0.0000``. A ratio typed as ``1:3`` is the exception: it is
  kept to 4 decimal places (:func:`value_kept`), because what was typed was the ratio, not the decimal.

* **What we write, we can read back**: reading a written percentage, number, days or money below a
  million gives the number rounded to the decimal places it was written with.

This module is plain Python with no Django or database dependency, so it can be used anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from enum import StrEnum

from django.db.models import TextChoices

__all__ = [
    "LARGEST_VALUE",
    "NO_VALUE",
    "VALUE_DECIMAL_PLACES",
    "ParsedValue",
    "Unit",
    "ValueKind",
    "excel_number_format",
    "format_value",
    "infer_unit",
    "parse_value",
    "round_half_up",
    "value_kept",
    "value_problem",
    "value_shown",
]


class Unit(TextChoices):
    """The units an indicator is measured in (``Indicator.Unit`` is this class)."""

    PERCENT = "percent", "Percentage (%)"
    NUMBER = "number", "Number"
    MONEY = "money", "Money (£)"
    DAYS = "days", "Days"
    RATIO = "ratio", "Ratio"
    TEXT = "text", "Text"


class ValueKind(StrEnum):
    """What a typed value turned out to be."""

    NUMBER = "number"
    NONE = "none"
    TEXT = "text"


#: How "no value" is written: an en dash.
NO_VALUE = "\u2013"

_MAX_INPUT_LENGTH = 100
# Enough precision that no number we read (at most 100 characters) or write is ever rounded by accident.
_WORKING_PRECISION = 250
_RATIO_PRECISION = 28

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
_NO_VALUE_WORDS = frozenset({"", "n/a", "na", "n.a.", "n.a", "-", "--", "not applicable", "not available"})

_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_NUMBER_RE = re.compile(
    rf"""
    (?P<sign>[-+])?\s*
    (?P<pound>£)?\s*
    (?P<sign2>[-+])?\s*
    (?P<digits>{_DIGITS})
    \s*(?P<scale>thousand|million|billion|mn|bn|k|m)?
    \s*(?P<suffix>%|per\s?cent|percent|days?)?
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_RATIO_RE = re.compile(rf"(?P<left>{_DIGITS})\s*:\s*(?P<right>{_DIGITS})", re.ASCII)

_SCALES = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "million": 6,
    "bn": 9,
    "billion": 9,
}
_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)


@dataclass(frozen=True)
class ParsedValue:
    """A value as read from what someone typed.

    ``kind`` is ``"number"`` (``number`` is set), ``"none"`` (no value: blank, N/A, -) or ``"text"``
    (``text`` keeps the words). ``unit_hint`` is the unit the input showed (``"percent"`` for ``90%``,
    ``"money"`` for ``£500``, ``"days"``, ``"ratio"``), or ``None`` when it showed none.
    """

    number: Decimal | None
    text: str
    kind: ValueKind
    unit_hint: Unit | None = None

    @property
    def is_number(self) -> bool:
        return self.kind is ValueKind.NUMBER

    @property
    def is_none(self) -> bool:
        return self.kind is ValueKind.NONE

    @property
    def is_text(self) -> bool:
        return self.kind is ValueKind.TEXT


_NONE = ParsedValue(number=None, text="", kind=ValueKind.NONE)


def _text(words: str) -> ParsedValue:
    return ParsedValue(number=None, text=words, kind=ValueKind.TEXT)


def _number(number: Decimal, unit_hint: Unit | None = None) -> ParsedValue:
    return ParsedValue(number=number, text="", kind=ValueKind.NUMBER, unit_hint=unit_hint)


def _read_digits(digits: str) -> Decimal:
    return Decimal(digits.replace(",", ""))


def _parse_text(original: str) -> ParsedValue:
    words = " ".join(original.split())
    if words.translate(_DASHES).lower() in _NO_VALUE_WORDS:
        return _NONE
    if len(words) > _MAX_INPUT_LENGTH:
        return _text(words)
    normalised = words.translate(_DASHES)

    if ratio := _RATIO_RE.fullmatch(normalised):
        left, right = _read_digits(ratio["left"]), _read_digits(ratio["right"])
        if right == 0:
            return _text(words)
        with localcontext(prec=_RATIO_PRECISION):
            return _number(left / right, Unit.RATIO)

    match = _NUMBER_RE.fullmatch(normalised)
    if match is None:
        return _text(words)
    if match["sign"] and match["sign2"]:
        return _text(words)  # "-£-5"
    sign = match["sign"] or match["sign2"]
    pound, scale, suffix = match["pound"], match["scale"], match["suffix"]
    if pound and suffix:
        return _text(words)  # "£5%", "£5 days"
    if scale and suffix and not suffix.lower().startswith("day"):
        return _text(words)  # "5k%", "5m per cent"

    with localcontext(prec=_WORKING_PRECISION):
        number = _read_digits(match["digits"])
        if scale:
            number *= Decimal(10) ** _SCALES[scale.lower()]
        if sign == "-":
            number = -number

    unit_hint: Unit | None = None
    if pound:
        unit_hint = Unit.MONEY
    elif suffix and suffix.lower().startswith("day"):
        unit_hint = Unit.DAYS
    elif suffix:
        unit_hint = Unit.PERCENT
    return _number(number, unit_hint)


def parse_value(text: str | int | float | Decimal | None, unit: str | None = None) -> ParsedValue:
    """Read a value as it was typed or came from a spreadsheet. Never raises.

    ``unit`` is the indicator's unit, when known: for unit ``"text"`` everything that is not "no value" is
    kept as words. Otherwise the unit does not change how a value is read (compare ``unit_hint`` with it to
    spot a value typed in the wrong unit).
    """
    if text is None:
        return _NONE
    if isinstance(text, bool):
        return _text(str(text))
    if isinstance(text, int | float | Decimal):
        try:
            number = Decimal(str(text)) if isinstance(text, float) else Decimal(text)
        except (InvalidOperation, ValueError, OverflowError):  # pragma: no cover - defensive
            return _NONE
        if not number.is_finite():
            return _NONE
        if unit == Unit.TEXT:
            return _text(str(number))
        return _number(number)
    if not isinstance(text, str):
        return _text(str(text))

    parsed = _parse_text(text)
    if unit == Unit.TEXT and parsed.is_number:
        return _text(" ".join(text.split()))
    return parsed


#: Values are kept to this many decimal places, with at most 16 digits before the point (the database's
#: ``DecimalField(max_digits=20, decimal_places=4)``).
VALUE_DECIMAL_PLACES = 4
VALUE_MAX_DIGITS = 20
#: Every value kept is strictly smaller than this, either side of zero.
VALUE_LIMIT = Decimal(10) ** (VALUE_MAX_DIGITS - VALUE_DECIMAL_PLACES)
#: The largest whole number a value may be, as the council writes it.
LARGEST_VALUE = f"{VALUE_LIMIT - 1:,}"


def value_problem(number: Decimal) -> str | None:
    """Why ``number`` cannot be kept as a value or target, in words for the person who typed it; ``None``
    when it can. Too big (or too small) a number, or more than 4 decimal places."""
    if not number.is_finite():
        return "Enter a number"
    if abs(number) >= VALUE_LIMIT:
        return f"Enter a number between -{LARGEST_VALUE} and {LARGEST_VALUE}"
    if number != round_half_up(number, VALUE_DECIMAL_PLACES):
        rounded = round_half_up(number, VALUE_DECIMAL_PLACES)
        return (
            f"Values are kept to {VALUE_DECIMAL_PLACES} decimal places: enter {rounded:f} or check the number"
        )
    return None


def value_kept(parsed: ParsedValue) -> Decimal | None:
    """The number that would be stored for ``parsed``: a ratio rounded to 4 decimal places (``1:3`` is
    0.3333), any other number exactly as typed (check it with :func:`value_problem` first)."""
    if parsed.number is None:
        return None
    if parsed.unit_hint is Unit.RATIO and abs(parsed.number) < VALUE_LIMIT:
        return round_half_up(parsed.number, VALUE_DECIMAL_PLACES)
    return parsed.number


def infer_unit(samples: Iterable[str | int | float | Decimal | None]) -> Unit:
    """The unit a list of values shows: the unit most of the numbers show (percent, money, days or
    ratio), else ``number``; ``text`` when none of them is a number but some are words; ``number`` when
    there is nothing at all."""
    hints: Counter[Unit] = Counter()
    numbers = words = 0
    for sample in samples:
        parsed = parse_value(sample)
        if parsed.is_number:
            numbers += 1
            if parsed.unit_hint is not None:
                hints[parsed.unit_hint] += 1
        elif parsed.is_text:
            words += 1
    if numbers == 0:
        return Unit.TEXT if words else Unit.NUMBER
    if not hints:
        return Unit.NUMBER
    # The most common hint; ties go to the order of Unit (percent, money, days, ratio).
    order = list(Unit)
    return max(hints, key=lambda unit: (hints[unit], -order.index(unit)))


def round_half_up(number: Decimal, decimal_places: int = 0) -> Decimal:
    """``number`` rounded to ``decimal_places``, halves away from zero (2.25 → 2.3, -2.25 → -2.3).

    Unlike Python's ``round`` (which rounds halves to even), this is how the council rounds.
    """
    if decimal_places < 0:
        raise ValueError("decimal_places cannot be negative")
    precision = max(_RATIO_PRECISION, number.adjusted() + decimal_places + 3)
    with localcontext(prec=precision):
        return number.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)


def _grouped(magnitude: Decimal, decimal_places: int) -> str:
    """A non-negative number already rounded to ``decimal_places``, with thousands separators."""
    return f"{magnitude:,.{decimal_places}f}"


def _shortened(magnitude: Decimal, divisor: Decimal) -> str:
    """``magnitude / divisor`` to one decimal place, without a trailing ``.0``."""
    with localcontext(prec=_WORKING_PRECISION):
        shown = round_half_up(magnitude / divisor, 1)
    text = _grouped(shown, 1)
    return text.removesuffix(".0")


def _format_money(magnitude: Decimal, decimal_places: int, abbreviate: bool) -> str:
    if abbreviate and magnitude >= _MILLION:
        with localcontext(prec=_WORKING_PRECISION):
            millions = round_half_up(magnitude / _MILLION, 1)
        if magnitude >= _BILLION or millions >= 1000:
            return f"£{_shortened(magnitude, _BILLION)}bn"
        return f"£{_shortened(magnitude, _MILLION)}m"
    return f"£{_grouped(magnitude, decimal_places)}"


def _format_ratio(number: Decimal, decimal_places: int) -> str | None:
    """``1:N`` or ``N:1``, or ``None`` for a negative ratio (written as a plain number)."""
    if number < 0:
        return None
    if number == 0:
        return "0:1"
    if number < 1:
        with localcontext(prec=_WORKING_PRECISION):
            inverse = round_half_up(1 / number, decimal_places)
        return f"1:{_grouped(inverse, decimal_places)}"
    return f"{_grouped(round_half_up(number, decimal_places), decimal_places)}:1"


def format_value(
    number: Decimal | int | None,
    unit: str,
    decimal_places: int = 0,
    *,
    text: str = "",
    abbreviate: bool = True,
) -> str:
    """Write a value the council's way for its unit (see the module's rules).

    With no number, ``text`` is returned as it is, or an en dash when there is no text either.
    ``abbreviate=False`` writes money in full (``£1,200,000``), for exports.
    """
    if decimal_places < 0:
        raise ValueError("decimal_places cannot be negative")
    if number is None:
        return text or NO_VALUE
    number = Decimal(number)
    if not number.is_finite():
        return text or NO_VALUE

    if unit == Unit.RATIO and (ratio := _format_ratio(number, decimal_places)) is not None:
        return ratio

    rounded = round_half_up(number, decimal_places)
    sign = "-" if rounded < 0 else ""
    magnitude = abs(rounded)
    if unit == Unit.MONEY:
        return sign + _format_money(magnitude, decimal_places, abbreviate)
    shown = _grouped(magnitude, decimal_places)
    if unit == Unit.PERCENT:
        return f"{sign}{shown}%"
    if unit == Unit.DAYS:
        return f"{sign}{shown} {'day' if shown == '1' else 'days'}"
    return sign + shown


def excel_number_format(unit: str, decimal_places: int = 0) -> str:
    """The Excel number format for an indicator's figures (see the module's rules): its decimal places,
    thousands separators, and ``%``, ``£`` or ``days`` as :func:`format_value` writes them."""
    if decimal_places < 0:
        raise ValueError("decimal_places cannot be negative")
    number = "#,##0" + ("." + "0" * decimal_places if decimal_places else "")
    if unit == Unit.PERCENT:
        return f'{number}"%"'
    if unit == Unit.MONEY:
        return f'"£"{number}'
    if unit == Unit.DAYS:
        return f'{number}" days"'
    return number


def value_shown(
    number: Decimal | int | None,
    unit: str,
    decimal_places: int = 0,
    *,
    text: str = "",
    no_data_reason: str = "",
) -> str:
    """How a reported value is written on every page, list and export: its words when it was reported in
    words, else the number the council's way for its unit (:func:`format_value`: ``47.2%``, never ``47.20``),
    else “No data: ” and the reason, else an en dash."""
    if text:
        return text
    if number is None and no_data_reason:
        return f"No data: {no_data_reason}"
    return format_value(number, unit, decimal_places)
