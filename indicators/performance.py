"""Judging indicators from rows already read: the bridge between the models and the pure rules.

Selectors read the indicators with their targets and values in a fixed number of queries; the functions
here turn those rows into the figures a page or paper shows, without touching the database.

- **The actual for a period** is the value recorded for exactly that period. A cumulative indicator
  (“sum”) is judged on its year-to-date total: the values collected (monthly, quarterly…) from April to the
  end of the period, added up. Other indicators combine what was collected within the period (average or
  latest) when nothing was recorded for the period itself.
- **The target for a period** is the profiled target for that period where there is one, else the annual
  target (pro rata to the year to date for a cumulative indicator).
- **The tolerance in force** is the target's own, else the indicator's, else the council default.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from serviceplans.periods import FinancialYear, Period, period_kind_for

from .rules import (
    Direction,
    Judgement,
    Rag,
    Symbol,
    combine_values,
    direction_reason,
    judge_indicator,
    rag_reason,
    target_for_period,
    year_to_date,
)
from .values import format_value, value_shown


@dataclass(frozen=True)
class PeriodPerformance:
    """One row of an indicator's record: a period with its target, actual and judgement."""

    period: Period
    target: Decimal | None
    target_text: str
    actual: Decimal | None
    actual_text: str
    no_data_reason: str
    note: str
    tolerance_percent: Decimal
    rag: Rag
    symbol: Symbol
    direction_last_year: Direction
    direction_previous: Direction
    target_display: str
    actual_display: str
    reason: str = ""
    direction_last_year_reason: str = ""
    direction_previous_reason: str = ""

    @property
    def judgement(self) -> Judgement:
        return Judgement(self.rag, self.symbol, self.direction_last_year, self.direction_previous)


class IndicatorRecord:
    """An indicator's targets and values by period, from prefetched ``targets`` and ``values``."""

    def __init__(
        self,
        indicator,
        *,
        default_tolerance: Decimal,
        same_tolerance: Decimal = Decimal("1"),
        targets: Iterable | None = None,
        values: Iterable | None = None,
    ):
        """``targets`` and ``values``, when given, stand for the prefetched ones: anything with their fields
        and a ``period`` (a download reads them as plain values)."""
        self.indicator = indicator
        self.default_tolerance = default_tolerance
        self.same_tolerance = same_tolerance
        self.annual_targets = {}
        self.profiled_targets = {}
        for target in indicator.targets.all() if targets is None else targets:
            if target.period_id is None:
                self.annual_targets[target.financial_year] = target
            else:
                self.profiled_targets[target.period.period] = target
        self.values = {
            value.period.period: value for value in (indicator.values.all() if values is None else values)
        }
        self.numbers = {
            period: value.value for period, value in self.values.items() if value.value is not None
        }
        self.collection_kind = period_kind_for(indicator.collection_frequency)
        self._actuals: dict[Period, Decimal | None] = {}

    # -- the pieces ------------------------------------------------------------------------------------

    def actual(self, period: Period) -> Decimal | None:
        """The value judged for ``period``; None when nothing was reported for the period itself. Worked out
        once per period: judging a period also reads the one before and the same one last year."""
        if period not in self._actuals:
            within = combine_values(self.numbers, into=period, aggregation=self.indicator.aggregation)
            if within is not None and self.indicator.aggregation == "sum":
                within = year_to_date(self.numbers, upto=period, aggregation="sum")
            self._actuals[period] = within
        return self._actuals[period]

    def target(self, period: Period) -> tuple[Decimal | None, str, Decimal]:
        """The numeric target, any words of a text target, and the tolerance in force.

        Once a period is published its judgement is frozen: the target and tolerance applied then are used,
        so changing a tolerance or target later never re-colours published history."""
        recorded = self.values.get(period)
        if recorded is not None and recorded.tolerance_applied is not None:
            return recorded.target_applied, "", recorded.tolerance_applied
        annual = self.annual_targets.get(period.year.start_year)
        profiled = self.profiled_targets.get(period)
        source = profiled or annual
        tolerance = self.indicator.tolerance_percent
        if source is not None and source.tolerance_percent is not None:
            tolerance = source.tolerance_percent
        if tolerance is None:
            tolerance = self.default_tolerance
        if source is None:
            return None, "", tolerance
        if source.value is None:
            return None, source.text, tolerance
        profile = {p: t.value for p, t in self.profiled_targets.items() if t.value is not None}
        number = target_for_period(
            annual=annual.value if annual is not None else None,
            profile=profile or None,
            period=period,
            aggregation=self.indicator.aggregation,
        )
        return number, "", tolerance

    # -- the judgement ------------------------------------------------------------------------------------

    def performance(self, period: Period) -> PeriodPerformance:
        indicator = self.indicator
        actual = self.actual(period)
        target, target_text, tolerance = self.target(period)
        last_year_period, previous_period = period.same_period_last_year(), period.previous()
        last_year, previous = self.actual(last_year_period), self.actual(previous_period)
        judgement = judge_indicator(
            actual=actual,
            target=target,
            polarity=indicator.polarity,
            tolerance_percent=tolerance,
            data_only=indicator.data_only,
            last_year=last_year,
            previous=previous,
            same_tolerance_percent=self.same_tolerance,
        )
        recorded = self.values.get(period)
        return PeriodPerformance(
            period=period,
            target=target,
            target_text=target_text,
            actual=actual,
            actual_text=recorded.text_value if recorded else "",
            no_data_reason=recorded.no_data_reason if recorded else "",
            note=recorded.note if recorded else "",
            tolerance_percent=tolerance,
            rag=judgement.rag,
            symbol=judgement.symbol,
            direction_last_year=judgement.direction_last_year,
            direction_previous=judgement.direction_previous,
            target_display=target_text or self.display(target),
            actual_display=value_shown(
                actual,
                indicator.unit,
                indicator.decimal_places,
                text=recorded.text_value if recorded else "",
            ),
            reason=rag_reason(
                rag=judgement.rag,
                polarity=indicator.polarity,
                tolerance_percent=tolerance,
                **self.telling(actual, target),
            ),
            direction_last_year_reason=self.direction_reason(
                judgement.direction_last_year, actual, last_year, last_year_period.label
            ),
            direction_previous_reason=self.direction_reason(
                judgement.direction_previous, actual, previous, previous_period.label
            ),
        )

    def telling(self, actual: Decimal | None, target: Decimal | None) -> dict[str, str]:
        """The actual and target as shown, with more decimal places where the indicator's own would make two
        different figures look the same (3.533 against 3.5 shown as “3.53 days” and “3.5 days”, not both
        “4 days”)."""
        places = self.indicator.decimal_places
        if actual is not None and target is not None and actual != target:
            while places < 4 and self._shown(actual, places) == self._shown(target, places):
                places += 1
        target_places = places
        if target is not None:
            exact = max(0, -target.normalize().as_tuple().exponent)
            target_places = min(places, max(self.indicator.decimal_places, exact))
        return {
            "actual_words": self._shown(actual, places),
            "target_words": self._shown(target, target_places),
        }

    def direction_reason(self, direction, actual, compared, compared_with: str) -> str:
        words = self.telling(actual, compared)
        return direction_reason(
            direction=direction,
            polarity=self.indicator.polarity,
            actual_words=words["actual_words"],
            compared_words=words["target_words"],
            compared_with=compared_with,
        )

    def _shown(self, number: Decimal | None, places: int) -> str:
        return format_value(number, self.indicator.unit, places)

    def display(self, number: Decimal | None) -> str:
        return format_value(number, self.indicator.unit, self.indicator.decimal_places)

    def periods_reported(self, years: Iterable[FinancialYear]) -> list[Period]:
        """The periods the indicator is collected for in those years, in order."""
        return [p for year in years for p in Period.for_year(year, self.collection_kind)]
