"""Judging an indicator's performance: targets, RAG, ★●▲ and direction of travel.

The rules
---------

* **The target for a period** (:func:`target_for_period`) is the target profiled for that period when
  there is one. Otherwise, for a cumulative indicator (its values add up over the year, "sum") the target
  is the annual target shared out evenly over the months of the year to date: at ``Q2`` (April to
  September) half the annual target, at the end of the year the whole of it. A cumulative indicator is
  therefore judged year to date. For an average or a snapshot ("average", "latest") it is the annual
  target itself.
* **Combining values** (:func:`combine_values`, :func:`year_to_date`): monthly or quarterly values roll up
  into a quarter, half-year, year or the year to date by adding them up ("sum"), taking their average
  ("average", every period counting the same) or taking the most recent one reported ("latest"). Where a
  value was reported both for a period and for the months inside it, the value for the whole period is
  used. With no values there is nothing to combine.
* **When a value is due** (:func:`value_due_state`): it is *not yet due* until the period has ended (up to
  and including its last day), or until its collection date if that is later; it is then *due* up to and
  including its deadline, and *late* after it. Once a value has been entered it is *entered*, whatever
  the date. Without a deadline a value is never late.
* **The tolerance** (:func:`tolerance_band`) is a percentage of the target, so the band around a target
  of 90 with a tolerance of 2.5% is 2.25 either way. It is worked from the size of the target, so it is
  the same for a negative target; around a target of zero there is no band at all.
* **RAG for a PI** (:func:`indicator_rag`): *green* when on or better than target; *amber* when worse than
  target but within the tolerance (exactly at the tolerance is still amber); *red* when worse beyond the
  tolerance. When the closest to target is best: *green* within the tolerance either side (inclusive),
  *amber* within twice the tolerance, *red* beyond. An indicator monitored for information only (data
  only) is *not judged*; otherwise a period without an actual has *no data*, and one without a numeric
  target (none, or words such as "Dependent on available funds") has *no target*.
* **Performance against target** (:func:`performance_symbol`): the target range is the target plus or
  minus the tolerance, both edges included. Better than the range is ★, within it ●, worse than it ▲;
  without an actual or a numeric target we cannot compare (–). When the closest to target is best there is
  nothing better than being in range: within it ●, outside it ▲.
* **Direction of travel** (:func:`direction_of_travel`): better, the same or worse than a comparison value
  (the same period last year, or the previous period: whoever asks chooses). A change of no more than 1%
  of the comparison value (inclusive) counts as the same; with a comparison value of zero only zero is the
  same. When the closest to target is best, "better" means nearer the target, so the target is needed.
  Without both values (or the target, when it is needed) the direction is unknown.
* **Every judgement explains itself** (:func:`rag_reason`): the figures, which way is better, how the
  actual compares with the target and the tolerance, then the status, e.g. "3.53 days against a target of
  3.5 days, lower is better: worse than target, within the 2.5% tolerance: Amber".
* **Never by symbol or colour alone**: every RAG, symbol, direction and polarity has words
  (``.label``); a symbol also has its mark (``.mark``) and a direction its arrow (``.arrow``).

Values may be given as ``Decimal``, ``int``, typed text (read with :func:`indicators.values.parse_value`)
or a :class:`~indicators.values.ParsedValue`; text that is not a number counts as no number.

This module is plain Python with no Django or database dependency, so it can be used anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db.models import TextChoices

from indicators.values import ParsedValue, parse_value
from serviceplans.periods import Period
from serviceplans.status import status_look

__all__ = [
    "LAST_YEAR",
    "PREVIOUS_PERIOD",
    "Aggregation",
    "Direction",
    "DueState",
    "Figure",
    "Judgement",
    "Polarity",
    "Rag",
    "Symbol",
    "combine_values",
    "direction_of_travel",
    "indicator_rag",
    "judge_indicator",
    "performance_symbol",
    "direction_reason",
    "rag_reason",
    "target_for_period",
    "target_range",
    "tolerance_band",
    "value_due_state",
    "year_to_date",
]

#: A value as the rules accept it: a number, typed text, an already-read value, or nothing.
type Figure = Decimal | int | float | str | ParsedValue | None

#: Words for the two comparisons direction of travel is usually made with (see :meth:`Direction.describe`).
LAST_YEAR = "the same period last year"
PREVIOUS_PERIOD = "the previous period"

_HUNDRED = Decimal(100)


class Polarity(TextChoices):
    """Which way is better (``Indicator.Polarity`` is this class)."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    CLOSEST = "closest", "Closest to target is best"


class Aggregation(TextChoices):
    """How the values of several periods combine (``Indicator.Aggregation`` is this class)."""

    SUM = "sum", "Cumulative (sum of periods)"
    AVERAGE = "average", "Average of periods"
    LATEST = "latest", "Latest snapshot"


class Rag(TextChoices):
    """The RAG status of an indicator in a period, with its word from ``serviceplans.status``."""

    GREEN = "green", status_look("green").word
    AMBER = "amber", status_look("amber").word
    RED = "red", status_look("red").word
    NO_DATA = "no_data", status_look("no_data").word
    NO_TARGET = "no_target", status_look("no_target").word
    NOT_JUDGED = "not_judged", status_look("not_judged").word

    @property
    def description(self) -> str:
        """What the status means, in the council's words."""
        return _RAG_DESCRIPTIONS[self]


_RAG_DESCRIPTIONS = {
    Rag.GREEN: "On or better than target",
    Rag.AMBER: "Worse than target but within tolerance",
    Rag.RED: "Worse than target beyond tolerance",
    Rag.NO_DATA: "No value has been reported",
    Rag.NO_TARGET: "There is no numeric target to judge against",
    Rag.NOT_JUDGED: "Monitored for information only (data only)",
}


class Symbol(StrEnum):
    """Performance against the target range: ★ better, ● within, ▲ worse, – cannot compare."""

    BETTER = "better"
    WITHIN = "within"
    WORSE = "worse"
    CANNOT_COMPARE = "cannot_compare"

    @property
    def mark(self) -> str:
        """The character plans print: ★, ●, ▲ or –."""
        return _SYMBOL_MARKS[self][0]

    @property
    def label(self) -> str:
        """The words for the mark, always shown with it (or to screen readers)."""
        return _SYMBOL_MARKS[self][1]


_SYMBOL_MARKS = {
    Symbol.BETTER: ("\u2605", "Better than target range"),
    Symbol.WITHIN: ("\u25cf", "Within target range"),
    Symbol.WORSE: ("\u25b2", "Worse than target range"),
    Symbol.CANNOT_COMPARE: ("\u2013", "Cannot compare"),
}


class Direction(StrEnum):
    """Direction of travel: better, the same or worse than a comparison value."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """A word, with no arrow: ``Better``, ``Same``, ``Worse``, ``Cannot compare``."""
        return _DIRECTION_WORDS[self][0]

    @property
    def arrow(self) -> str:
        """↑ improving, → the same, ↓ getting worse, – unknown: the arrow shows better or worse, not whether
        the number went up or down. Never shown without :attr:`label`."""
        return _DIRECTION_WORDS[self][1]

    def describe(self, compared_with: str = LAST_YEAR) -> str:
        """In a sentence: ``Better than the same period last year``, ``Worse than the previous period``."""
        template = _DIRECTION_WORDS[self][2]
        return template.format(compared_with)


_DIRECTION_WORDS = {
    Direction.BETTER: ("Better", "\u2191", "Better than {}"),
    Direction.SAME: ("Same", "\u2192", "The same as {}"),
    Direction.WORSE: ("Worse", "\u2193", "Worse than {}"),
    Direction.UNKNOWN: ("Cannot compare", "\u2013", "Cannot compare with {}"),
}


class DueState(StrEnum):
    """Whether a period's value is expected yet."""

    NOT_YET_DUE = "not_yet_due"
    DUE = "due"
    LATE = "late"
    ENTERED = "entered"

    @property
    def label(self) -> str:
        return _DUE_LABELS[self]


_DUE_LABELS = {
    DueState.NOT_YET_DUE: "Not yet due",
    DueState.DUE: "Due",
    DueState.LATE: "Late",
    DueState.ENTERED: "Entered",
}


@dataclass(frozen=True)
class Judgement:
    """Everything said about an indicator's value in a period."""

    rag: Rag
    symbol: Symbol
    direction_last_year: Direction
    direction_previous: Direction


# -- helpers ----------------------------------------------------------------------------------------------


def _number(value: Figure) -> Decimal | None:
    """The number in a value, or None when there is none (nothing, N/A, words, not finite)."""
    if isinstance(value, ParsedValue):
        return value.number
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return parse_value(value).number


def _decimal(value: Decimal | int | str) -> Decimal:
    """A required number (a tolerance, say); refuses anything that is not one."""
    number = _number(value)
    if number is None:
        raise ValueError(f"{value!r} is not a number")
    return number


# -- the target -------------------------------------------------------------------------------------------


def target_for_period(
    *,
    annual: Figure,
    profile: Mapping[Period, Figure] | None,
    period: Period,
    aggregation: str,
) -> Decimal | None:
    """The target to judge ``period`` against: the profiled one, or the annual target (pro rata to the year
    to date for a cumulative indicator). None when there is no numeric target."""
    how = Aggregation(aggregation)
    if profile is not None and (profiled := _number(profile.get(period))) is not None:
        return profiled
    target = _number(annual)
    if target is None:
        return None
    if how is Aggregation.SUM:
        months = len(period.year_to_date())
        return target if months == 12 else target * months / 12
    return target


# -- combining values -------------------------------------------------------------------------------------


def _combine(values: Mapping[Period, Figure], start: date, end: date, aggregation: str) -> Decimal | None:
    how = Aggregation(aggregation)
    reported = {
        period: number
        for period, value in values.items()
        if start <= period.start and period.end <= end and (number := _number(value)) is not None
    }
    # A period's own value wins over the values of the months (or quarters) inside it.
    used = [
        (period, number)
        for period, number in reported.items()
        if not any(other != period and period.is_within(other) for other in reported)
    ]
    if not used:
        return None
    numbers = [number for _, number in used]
    if how is Aggregation.SUM:
        return sum(numbers, Decimal(0))
    if how is Aggregation.AVERAGE:
        return sum(numbers, Decimal(0)) / len(numbers)
    return max(used, key=lambda pair: pair[0].end)[1]


def combine_values(values: Mapping[Period, Figure], *, into: Period, aggregation: str) -> Decimal | None:
    """Roll the values of the periods within ``into`` up into one value by "sum", "average" or "latest".
    None when no period within ``into`` has a value."""
    return _combine(values, into.start, into.end, aggregation)


def year_to_date(values: Mapping[Period, Figure], *, upto: Period, aggregation: str) -> Decimal | None:
    """Roll the values from April up to the end of ``upto`` into one value by "sum", "average" or
    "latest". None when there is no value in the year to date."""
    return _combine(values, upto.year.start, upto.end, aggregation)


# -- when a value is due ----------------------------------------------------------------------------------


def value_due_state(
    *,
    period: Period,
    today: date,
    deadline: date | None,
    has_value: bool = False,
    collect_from: date | None = None,
) -> DueState:
    """Whether ``period``'s value is not yet due, due, late or entered, on ``today``.

    ``collect_from`` is the first day a value can be collected, when that is later than the day after the
    period ends (figures published some weeks later, say).
    """
    if has_value:
        return DueState.ENTERED
    if today <= period.end or (collect_from is not None and today < collect_from):
        return DueState.NOT_YET_DUE
    if deadline is not None and today > deadline:
        return DueState.LATE
    return DueState.DUE


# -- tolerance, RAG and symbols ---------------------------------------------------------------------------


def tolerance_band(target: Decimal | int, tolerance_percent: Decimal | int) -> Decimal:
    """How far either side of ``target`` the tolerance reaches: |target| × tolerance% ÷ 100."""
    tolerance = _decimal(tolerance_percent)
    if tolerance < 0:
        raise ValueError("a tolerance cannot be negative")
    return abs(_decimal(target)) * tolerance / _HUNDRED


def target_range(target: Decimal | int, tolerance_percent: Decimal | int) -> tuple[Decimal, Decimal]:
    """The target range, lowest first: target ± the tolerance band (both edges are in the range)."""
    number = _decimal(target)
    band = tolerance_band(number, tolerance_percent)
    return number - band, number + band


def _shortfall(actual: Decimal, target: Decimal, polarity: Polarity) -> Decimal:
    """How far ``actual`` is worse than ``target`` (negative when better). Not for CLOSEST."""
    return target - actual if polarity is Polarity.HIGHER else actual - target


def indicator_rag(
    *,
    actual: Figure,
    target: Figure,
    polarity: str,
    tolerance_percent: Decimal | int,
    data_only: bool = False,
) -> Rag:
    """The RAG status of ``actual`` against ``target`` (see the module's rules)."""
    how = Polarity(polarity)
    if data_only:
        return Rag.NOT_JUDGED
    actual_number, target_number = _number(actual), _number(target)
    if actual_number is None:
        return Rag.NO_DATA
    if target_number is None:
        return Rag.NO_TARGET
    band = tolerance_band(target_number, tolerance_percent)
    if how is Polarity.CLOSEST:
        distance = abs(actual_number - target_number)
        if distance <= band:
            return Rag.GREEN
        return Rag.AMBER if distance <= 2 * band else Rag.RED
    shortfall = _shortfall(actual_number, target_number, how)
    if shortfall <= 0:
        return Rag.GREEN
    return Rag.AMBER if shortfall <= band else Rag.RED


def performance_symbol(
    *,
    actual: Figure,
    target: Figure,
    polarity: str,
    tolerance_percent: Decimal | int,
) -> Symbol:
    """★ better than the target range, ● within it, ▲ worse, – cannot compare (see the module's rules)."""
    how = Polarity(polarity)
    actual_number, target_number = _number(actual), _number(target)
    if actual_number is None or target_number is None:
        return Symbol.CANNOT_COMPARE
    band = tolerance_band(target_number, tolerance_percent)
    if how is Polarity.CLOSEST:
        return Symbol.WITHIN if abs(actual_number - target_number) <= band else Symbol.WORSE
    shortfall = _shortfall(actual_number, target_number, how)
    if shortfall > band:
        return Symbol.WORSE
    return Symbol.BETTER if shortfall < -band else Symbol.WITHIN


# -- direction of travel ----------------------------------------------------------------------------------


def direction_of_travel(
    *,
    current: Figure,
    previous: Figure,
    polarity: str,
    same_tolerance_percent: Decimal | int = Decimal("1"),
    target: Figure = None,
) -> Direction:
    """Whether ``current`` is better, the same or worse than the comparison value ``previous``
    (see the module's rules). ``target`` is needed only when the closest to target is best."""
    how = Polarity(polarity)
    now, before = _number(current), _number(previous)
    if now is None or before is None:
        return Direction.UNKNOWN
    if abs(now - before) <= tolerance_band(before, same_tolerance_percent):
        return Direction.SAME
    if how is Polarity.CLOSEST:
        aim = _number(target)
        if aim is None:
            return Direction.UNKNOWN
        nearer = abs(before - aim) - abs(now - aim)
    else:
        nearer = -_shortfall(now, before, how)  # how far "now" is better than "before"
    if nearer > 0:
        return Direction.BETTER
    return Direction.WORSE if nearer < 0 else Direction.SAME


# -- all together -----------------------------------------------------------------------------------------


def judge_indicator(
    *,
    actual: Figure,
    target: Figure,
    polarity: str,
    tolerance_percent: Decimal | int,
    last_year: Figure = None,
    previous: Figure = None,
    data_only: bool = False,
    same_tolerance_percent: Decimal | int = Decimal("1"),
) -> Judgement:
    """The RAG status, symbol and directions of travel (against the same period last year and against the
    previous period) of an indicator's value in a period. A data-only indicator is not judged against a
    target (RAG not judged, symbol cannot compare), but its direction of travel is still shown."""
    if data_only:
        rag, symbol = Rag.NOT_JUDGED, Symbol.CANNOT_COMPARE
    else:
        rag = indicator_rag(
            actual=actual, target=target, polarity=polarity, tolerance_percent=tolerance_percent
        )
        symbol = performance_symbol(
            actual=actual, target=target, polarity=polarity, tolerance_percent=tolerance_percent
        )

    def direction(comparison: Figure) -> Direction:
        return direction_of_travel(
            current=actual,
            previous=comparison,
            polarity=polarity,
            same_tolerance_percent=same_tolerance_percent,
            target=target,
        )

    return Judgement(
        rag=rag,
        symbol=symbol,
        direction_last_year=direction(last_year),
        direction_previous=direction(previous),
    )


def rag_reason(
    *, rag: str, polarity: str, tolerance_percent: Decimal | int, actual_words: str, target_words: str
) -> str:
    """Why an indicator has its RAG status, in one sentence of the council's words (see the module's
    rules). ``actual_words`` and ``target_words`` are the figures as shown (precise enough to tell apart)."""
    status = Rag(rag)
    if status is Rag.NOT_JUDGED:
        return "Monitored for information only, so not judged against a target: Not judged"
    if status is Rag.NO_DATA:
        return "No value has been reported: No data"
    if status is Rag.NO_TARGET:
        return f"{actual_words}, with no numeric target to judge against: No target"
    how = Polarity(polarity)
    tolerance = f"{_decimal(tolerance_percent).normalize():f}% tolerance"
    if how is Polarity.CLOSEST:
        clause = {
            Rag.GREEN: f"within the {tolerance} either side of target",
            Rag.AMBER: f"outside the {tolerance}, but within twice it",
            Rag.RED: f"more than twice the {tolerance} from target",
        }[status]
    else:
        clause = {
            Rag.GREEN: "on or better than target",
            Rag.AMBER: f"worse than target, within the {tolerance}",
            Rag.RED: f"worse than target, beyond the {tolerance}",
        }[status]
    return f"{actual_words} against a target of {target_words}, {how.label.lower()}: {clause}: {status.label}"


def direction_reason(
    *, direction: str, polarity: str, actual_words: str, compared_words: str, compared_with: str
) -> str:
    """Why the direction of travel is what it is, in one sentence: the two figures and which way is better
    (“47.2% against 44% in 2025/26 Q2, higher is better: Better”). ``compared_with`` names the comparison
    period; the figures are as shown (precise enough to tell apart)."""
    travel = Direction(direction)
    if travel is Direction.UNKNOWN:
        if actual_words == NO_FIGURE:
            return f"No value this period to compare with {compared_with}: {travel.label}"
        if compared_words == NO_FIGURE:
            return f"No value for {compared_with} to compare with: {travel.label}"
        return f"{actual_words} against {compared_words} in {compared_with}, with no target: {travel.label}"
    how = Polarity(polarity)
    return f"{actual_words} against {compared_words} in {compared_with}, {how.label.lower()}: {travel.label}"


#: How a missing figure is written (indicators.values.NO_VALUE).
NO_FIGURE = "–"


# -- catching typos before they reach a committee paper ---------------------------------------------------

IMPLAUSIBLE_FACTOR = Decimal(10)


def implausible_value_reasons(
    *, value: Decimal, unit: str, target: Decimal | None = None, last_value: Decimal | None = None
) -> list[str]:
    """Why a value looks like a typo, in words for the officer; empty when it looks plausible.

    A percentage over 100 (or below 0), or a value ten or more times its target or its last value (or a
    tenth or less of them), is asked to be confirmed: typos in published papers are a real embarrassment."""
    reasons = []
    if unit == "percent" and not Decimal(0) <= value <= Decimal(100):
        reasons.append("it is a percentage outside 0 to 100")
    for name, other in (("the target", target), ("the last value", last_value)):
        if other is None or other == 0 or value == 0:
            continue
        ratio = abs(value / other)
        if ratio >= IMPLAUSIBLE_FACTOR:
            reasons.append(f"it is {ratio.quantize(Decimal(1))} times {name} ({other.normalize():f})")
        elif ratio <= 1 / IMPLAUSIBLE_FACTOR:
            reasons.append(f"it is less than a tenth of {name} ({other.normalize():f})")
    return reasons
