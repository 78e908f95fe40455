"""Stored judgements: each indicator's RAG, ★●▲, directions of travel and reason for every period, kept in
``Judgement`` so pages read them with a join instead of judging every indicator per request.

The rules
---------

* **One code path.** A stored judgement is ``IndicatorRecord.performance`` (the pages' own rules, from
  ``indicators.rules``) written down; reading it back gives the same ``PeriodPerformance``.
* **Every period that can be asked about**: every month, quarter, half-year and year of the indicator's
  plan's years and of the year before them (whose values are last year's comparison), whether or not the
  period has been scheduled.
* **Written whenever anything it depends on changes**: a value (its period's and others', for the year to
  date and the directions of travel), a target, the indicator's tolerance, polarity or how its values
  combine, its plan's years, the council's default tolerances, and publishing a period (whose target and
  tolerance are then frozen on its values: ``indicators.services.indicator_judgements_freeze``). Every write
  path calls :func:`refresh_for` (or :func:`refresh_all`) with the indicators it touched, inside its
  transaction, so readers never see a value without its judgement.
* **Rebuildable**: everything stored is worked out from the records, so ``manage.py judgements_refresh``
  rebuilds the table at any time.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.db import transaction
from django.db.models import F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from plans.models import CouncilSettings, ReportingPeriod
from serviceplans.periods import FinancialYear, Period, PeriodKind

from .models import Indicator, Judgement
from .performance import IndicatorRecord, PeriodPerformance
from .rules import Direction, Rag, Symbol
from .selectors import indicators_with_record

#: How many indicators are judged (and upserted) at a time: bounded memory at any size of council.
CHUNK = 200

_UPDATED = [
    "rag",
    "symbol",
    "direction_last_year",
    "direction_previous",
    "reason",
    "direction_last_year_reason",
    "direction_previous_reason",
    "target",
    "target_sort",
    "target_text",
    "target_display",
    "actual",
    "actual_sort",
    "actual_text",
    "actual_display",
    "tolerance_percent",
    "no_data_reason",
    "note",
    "frozen",
    "computed_at",
]


def judged_years(first_year: int, years: int) -> range:
    """The financial years judged for a plan: the year before it (last year's comparison) and its own."""
    return range(first_year - 1, first_year + years)


def judged_periods(first_year: int, years: int) -> list[Period]:
    """Every month, quarter, half-year and year of :func:`judged_years`."""
    return [
        period
        for start_year in judged_years(first_year, years)
        for kind in PeriodKind
        for period in Period.for_year(FinancialYear(start_year), kind)
    ]


def _exact(number: Decimal | None) -> str:
    return "" if number is None else str(number)


def _number(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _row(indicator_id: int, performance: PeriodPerformance, *, frozen: bool, now) -> Judgement:
    period = performance.period
    return Judgement(
        indicator_id=indicator_id,
        financial_year=period.year.start_year,
        kind=str(period.kind),
        number=period.number,
        rag=str(performance.rag),
        symbol=str(performance.symbol),
        direction_last_year=str(performance.direction_last_year),
        direction_previous=str(performance.direction_previous),
        reason=performance.reason,
        direction_last_year_reason=performance.direction_last_year_reason,
        direction_previous_reason=performance.direction_previous_reason,
        target=_exact(performance.target),
        target_sort=float(performance.target) if performance.target is not None else None,
        target_text=performance.target_text,
        target_display=performance.target_display,
        actual=_exact(performance.actual),
        actual_sort=float(performance.actual) if performance.actual is not None else None,
        actual_text=performance.actual_text,
        actual_display=performance.actual_display,
        tolerance_percent=_exact(performance.tolerance_percent),
        no_data_reason=performance.no_data_reason,
        note=performance.note,
        frozen=frozen,
        computed_at=now,
    )


def performance_of(judgement: Judgement) -> PeriodPerformance:
    """The stored judgement as the pages' ``PeriodPerformance``: equal to the one it was made from."""
    return PeriodPerformance(
        period=period_of(judgement),
        target=_number(judgement.target),
        target_text=judgement.target_text,
        actual=_number(judgement.actual),
        actual_text=judgement.actual_text,
        no_data_reason=judgement.no_data_reason,
        note=judgement.note,
        tolerance_percent=Decimal(judgement.tolerance_percent),
        rag=Rag(judgement.rag),
        symbol=Symbol(judgement.symbol),
        direction_last_year=Direction(judgement.direction_last_year),
        direction_previous=Direction(judgement.direction_previous),
        target_display=judgement.target_display,
        actual_display=judgement.actual_display,
        reason=judgement.reason,
        direction_last_year_reason=judgement.direction_last_year_reason,
        direction_previous_reason=judgement.direction_previous_reason,
    )


def period_of(judgement: Judgement) -> Period:
    return Period(FinancialYear(judgement.financial_year), PeriodKind(judgement.kind), judgement.number)


def judge(indicator: Indicator, settings: CouncilSettings, now=None) -> list[Judgement]:
    """The indicator (read with ``indicators_with_record``) judged for every period of
    :func:`judged_periods`, by ``IndicatorRecord``: the rows to store. No query."""
    now = now or timezone.now()
    record = IndicatorRecord(
        indicator,
        default_tolerance=settings.default_tolerance_percent,
        same_tolerance=settings.same_tolerance_percent,
    )
    rows = []
    for period in judged_periods(indicator.plan.first_year, indicator.plan.years):
        recorded = record.values.get(period)
        frozen = recorded is not None and recorded.tolerance_applied is not None
        rows.append(_row(indicator.pk, record.performance(period), frozen=frozen, now=now))
    return rows


#: The indicators waiting to be judged at the end of a :func:`refresh_deferred` block (None outside one).
_pending: ContextVar[set[int] | None] = ContextVar("judgements_pending", default=None)


@contextmanager
def refresh_deferred() -> Iterator[None]:
    """Within the block, :func:`refresh_for` only notes the indicators; each is judged once when the block
    ends without an error (a batch of values, an import): the same result, far fewer judgements. Blocks may
    nest; the outermost one judges."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        pending = _pending.get()
    finally:
        _pending.reset(token)
    refresh_for(pending)


def refresh_for(indicator_ids: Iterable[int]) -> int:
    """Judge these indicators afresh for every period and store the judgements (an upsert, so it works the
    same on SQLite and PostgreSQL), dropping any for periods no longer in their plan's years. Call it from
    every write that changes an indicator, its plan's years, its targets or its values. Returns how many
    judgements were written (none yet inside :func:`refresh_deferred`)."""
    ids = sorted({int(pk) for pk in indicator_ids})
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
        return 0
    if not ids:
        return 0
    return _store(ids)


@transaction.atomic
def _store(ids: list[int]) -> int:
    settings = CouncilSettings.load()
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Lock the indicators first (in order, so two writers never deadlock): a writer judging the same
        # indicator waits for this one to commit, then reads its values, so the last to store has seen all.
        list(Indicator.objects.select_for_update().filter(pk__in=chunk).order_by("pk").values_list("pk"))
        indicators = list(indicators_with_record().filter(pk__in=chunk))
        now = timezone.now()
        rows = [row for indicator in indicators for row in judge(indicator, settings, now)]
        Judgement.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["indicator", "financial_year", "kind", "number"],
            update_fields=_UPDATED,
        )
        written += len(rows)
        by_years = defaultdict(list)
        for indicator in indicators:
            by_years[(indicator.plan.first_year, indicator.plan.years)].append(indicator.pk)
        for (first_year, years), group in by_years.items():
            kept = judged_years(first_year, years)
            Judgement.objects.filter(indicator_id__in=group).exclude(
                financial_year__gte=kept.start, financial_year__lt=kept.stop
            ).delete()
    return written


def refresh_all() -> int:
    """Judge every indicator afresh (after the council's default tolerances change, say)."""
    return refresh_for(Indicator.objects.values_list("pk", flat=True))


def refresh_for_plans(plan_ids: Iterable[int]) -> int:
    """Judge every indicator of these plans afresh (after a plan's years change, say)."""
    return refresh_for(Indicator.objects.filter(plan_id__in=list(plan_ids)).values_list("pk", flat=True))


def refresh_for_period(period: ReportingPeriod) -> int:
    """Judge afresh every indicator with a value in the period (after it is published and frozen)."""
    return refresh_for(
        Indicator.objects.filter(values__period=period).distinct().values_list("pk", flat=True)
    )


# -- Reads -------------------------------------------------------------------------------------------------


def stored_for(indicator_ids: Iterable[int], period: Period) -> dict[int, PeriodPerformance]:
    """The stored judgements of these indicators for the period, by indicator id: one query (one per
    thousand indicators)."""
    ids = list(indicator_ids)
    found = {}
    for start in range(0, len(ids), 1000):
        for judgement in Judgement.objects.filter(
            indicator_id__in=ids[start : start + 1000], **period_lookup(period)
        ):
            found[judgement.indicator_id] = performance_of(judgement)
    return found


def judgements_for(indicator_ids: Iterable[int], period: Period) -> dict[int, PeriodPerformance]:
    """The judgements of these indicators for the period, by indicator id: the stored ones (one query), and
    for any period not stored (outside the plan's years, which only the API can ask about) judged now by the
    same rules (three queries more, only then)."""
    found = judgements_for_pairs([(pk, period) for pk in indicator_ids])
    return {pk: performance for (pk, _period), performance in found.items()}


def judgements_for_pairs(pairs: Iterable[tuple[int, Period]]) -> dict[tuple[int, Period], PeriodPerformance]:
    """The judgements of these (indicator id, period) pairs: the stored ones (one query per period among
    them), and any not stored judged now (:func:`judgements_for`)."""
    pairs = set(pairs)
    by_period = defaultdict(set)
    for indicator_id, period in pairs:
        by_period[period].add(indicator_id)
    found = {
        (indicator_id, period): performance
        for period, ids in by_period.items()
        for indicator_id, performance in stored_for(sorted(ids), period).items()
    }
    missing = pairs - found.keys()
    if missing:
        settings = CouncilSettings.load()
        wanted = defaultdict(list)
        for pk, period in missing:
            wanted[pk].append(period)
        ids = sorted(wanted)
        for start in range(0, len(ids), 1000):
            for indicator in indicators_with_record().filter(pk__in=ids[start : start + 1000]):
                record = IndicatorRecord(
                    indicator,
                    default_tolerance=settings.default_tolerance_percent,
                    same_tolerance=settings.same_tolerance_percent,
                )
                for period in wanted[indicator.pk]:
                    found[(indicator.pk, period)] = record.performance(period)
    return found


def join_judgement(indicators: QuerySet[Indicator], period: Period) -> QuerySet[Indicator]:
    """The indicators joined to their stored judgement for the period (a LEFT JOIN on a unique key, so one
    row each), with ``judged_rag`` (“no data” where none is stored), ``judged_symbol``, ``judged_target``,
    ``judged_actual`` (floats, to sort by) and ``judged_no_data_reason``, to filter, count and sort in SQL."""
    return indicators.annotate(
        judged=FilteredRelation("judgements", condition=Q(**period_lookup(period, prefix="judgements__")))
    ).annotate(
        judged_rag=Coalesce(F("judged__rag"), Value(str(Rag.NO_DATA))),
        judged_symbol=F("judged__symbol"),
        judged_target=F("judged__target_sort"),
        judged_actual=F("judged__actual_sort"),
        judged_no_data_reason=Coalesce(F("judged__no_data_reason"), Value("")),
    )


def period_lookup(period: Period, prefix: str = "") -> dict:
    """The filter for a judgement of ``period`` (``prefix`` through a relation: ``"judgements__"``)."""
    return {
        f"{prefix}financial_year": period.year.start_year,
        f"{prefix}kind": str(period.kind),
        f"{prefix}number": period.number,
    }
