"""The indicator list's filters, and the rows behind them: each indicator judged for a reporting period.

The rules
---------

* **The period** works as on the task list: without one, the dashboard's period; only indicators of plans
  that cover the period's financial year are listed.
* **RAG** is the indicator's judgement for the period, stored (``indicators.judgements``, the pages' own
  rules written down whenever a value, target or tolerance changes), so the database filters and sorts by
  it with a join like every other filter, and only the page shown is read.
* **Part of the council** means that unit and every unit beneath it; an indicator belongs to its
  section's unit, else its plan's.
* **Searching** looks in the indicator's name and reference code and its responsible officers' names.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django import forms
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from plans.filters import ListFilterSet, choose, lookup_input, named
from plans.models import CouncilSettings, Plan, PlanSection, ReportingPeriod
from serviceplans.status import INDICATOR_RAG_ORDER, status_look

from .judgements import join_judgement, judgements_for
from .models import Framework, Indicator, IndicatorOfficer
from .performance import PeriodPerformance
from .rules import Symbol

SYMBOL_ORDER = [Symbol.WORSE, Symbol.WITHIN, Symbol.BETTER, Symbol.CANNOT_COMPARE]


# -- Reads --------------------------------------------------------------------------------------------------


def indicators_for_list() -> QuerySet[Indicator]:
    """Indicators with their plan, section, units, frameworks and officers: three queries however many rows
    (the rows, then each prefetch). Their judgements are stored: :func:`judged_rows` reads them."""
    return Indicator.objects.select_related(
        "plan", "plan__unit", "section", "section__unit"
    ).prefetch_related(
        "frameworks",
        Prefetch("indicator_officers", IndicatorOfficer.objects.select_related("officer")),
    )


def with_judgement(indicators: QuerySet[Indicator], period: ReportingPeriod | None) -> QuerySet[Indicator]:
    """The indicators joined to their stored judgement for the period (one row each: a judgement is unique
    per indicator and period), as ``judged_rag``, ``judged_symbol``, ``judged_target`` and ``judged_actual``,
    to filter and sort by in SQL, with ``rag_rank`` and ``symbol_rank`` (their places in the orders the page
    sorts them by). Without a period every indicator is “no data”, as on the page."""
    if period is None:
        judged = indicators.annotate(
            judged_rag=Value("no_data"),
            judged_symbol=Value(None, output_field=CharField()),
            judged_target=Value(None, output_field=FloatField()),
            judged_actual=Value(None, output_field=FloatField()),
        )
    else:
        judged = join_judgement(indicators, period.period)
    return judged.annotate(
        rag_rank=_rank("judged_rag", INDICATOR_RAG_ORDER), symbol_rank=_rank("judged_symbol", SYMBOL_ORDER)
    )


def _rank(field: str, order: list) -> Case:
    """A row's place in ``order`` by ``field``; anything else after them all."""
    return Case(
        *(When(**{field: str(key)}, then=Value(i)) for i, key in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class IndicatorRow:
    """One line of the indicator list: an indicator judged for the chosen period, with sort keys."""

    indicator: Indicator
    name: str
    reference_code: str
    frameworks: str
    unit_name: str
    officers: tuple[str, ...]
    performance: PeriodPerformance | None
    rag: str
    symbol: Symbol | None

    @property
    def pk(self) -> int:
        return self.indicator.pk

    @property
    def target_display(self) -> str:
        return self.performance.target_display if self.performance else ""

    @property
    def actual_display(self) -> str:
        return self.performance.actual_display if self.performance else ""

    @property
    def target_value(self) -> Decimal | None:
        return self.performance.target if self.performance else None

    @property
    def actual_value(self) -> Decimal | None:
        return self.performance.actual if self.performance else None

    @property
    def rag_rank(self) -> int:
        return (
            INDICATOR_RAG_ORDER.index(self.rag)
            if self.rag in INDICATOR_RAG_ORDER
            else len(INDICATOR_RAG_ORDER)
        )

    @property
    def symbol_rank(self) -> int:
        return SYMBOL_ORDER.index(self.symbol) if self.symbol in SYMBOL_ORDER else len(SYMBOL_ORDER)

    @property
    def name_key(self) -> str:
        return self.name.casefold()


def judged_rows(
    indicators,
    period: ReportingPeriod | None,
    settings: CouncilSettings | None = None,
    *,
    frameworks: dict[int, str] | None = None,
    officers: dict[int, tuple[str, ...]] | None = None,
) -> list[IndicatorRow]:
    """Each indicator (read with ``indicators_for_list``) with its judgement for the period, stored
    (``indicators.judgements.judgements_for``): one query for the judgements (one per thousand indicators).
    ``frameworks`` and ``officers`` by indicator id, when given, stand for the prefetched ones. ``settings``
    is no longer needed (the judgements are stored with the council's tolerances) and is ignored."""
    indicators = list(indicators)
    judged = judgements_for([i.pk for i in indicators], period.period) if period is not None else {}
    rows = []
    for indicator in indicators:
        performance = judged.get(indicator.pk)
        unit = indicator.section.unit or indicator.plan.unit
        rows.append(
            IndicatorRow(
                indicator=indicator,
                name=indicator.name,
                reference_code=indicator.reference_code,
                frameworks=(
                    frameworks.get(indicator.pk, "")
                    if frameworks is not None
                    else ", ".join(
                        f.code for f in sorted(indicator.frameworks.all(), key=lambda f: (f.order, f.code))
                    )
                ),
                unit_name=unit.name,
                officers=(
                    officers.get(indicator.pk, ())
                    if officers is not None
                    else tuple(link.officer.name for link in indicator.indicator_officers.all())
                ),
                performance=performance,
                rag=str(performance.rag) if performance else "no_data",
                symbol=performance.symbol if performance else None,
            )
        )
    return rows


#: Indicators read and judged at a time for a download.
DOWNLOAD_CHUNK = 2000


def judged_rows_for_download(
    queryset: QuerySet[Indicator], period: ReportingPeriod | None, settings: CouncilSettings | None = None
) -> Iterator[IndicatorRow]:
    """Every indicator of ``queryset``, in its order, with its stored judgement as :func:`judged_rows`
    gives it, read lean for a download: a chunk at a time, each indicator's plan and section shared rather
    than built again for every row; frameworks and officers as plain values, not model instances. Three
    queries, then four a chunk (the judgements one per thousand)."""
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return
    listed = queryset.order_by()
    plans = {
        plan.pk: plan for plan in Plan.objects.select_related("unit").filter(pk__in=listed.values("plan_id"))
    }
    sections = {
        section.pk: section
        for section in PlanSection.objects.select_related("unit").filter(pk__in=listed.values("section_id"))
    }
    for start in range(0, len(ids), DOWNLOAD_CHUNK):
        chunk = ids[start : start + DOWNLOAD_CHUNK]
        found = {}
        for indicator in Indicator.objects.filter(pk__in=chunk):
            indicator.plan, indicator.section = plans[indicator.plan_id], sections[indicator.section_id]
            found[indicator.pk] = indicator
        codes: dict[int, list[tuple[int, str]]] = {}
        for indicator_id, order, code in Indicator.frameworks.through.objects.filter(
            indicator_id__in=chunk
        ).values_list("indicator_id", "framework__order", "framework__code"):
            codes.setdefault(indicator_id, []).append((order, code))
        names: dict[int, list[str]] = {}
        for indicator_id, name in (
            IndicatorOfficer.objects.filter(indicator_id__in=chunk)
            .order_by(*IndicatorOfficer._meta.ordering)
            .values_list("indicator_id", "officer__name")
        ):
            names.setdefault(indicator_id, []).append(name)
        yield from judged_rows(
            [found[pk] for pk in chunk if pk in found],
            period,
            frameworks={pk: ", ".join(code for _order, code in sorted(pairs)) for pk, pairs in codes.items()},
            officers={pk: tuple(names_) for pk, names_ in names.items()},
        )


# -- The indicator list -------------------------------------------------------------------------------------


def rag_choices() -> list[tuple[str, str]]:
    return [(key, status_look(key).word) for key in INDICATOR_RAG_ORDER]


class IndicatorFilter(ListFilterSet):
    framework = django_filters.ChoiceFilter(
        label="Framework",
        empty_label="All frameworks",
        method="filter_framework",
        error_messages=choose("a framework"),
    )
    officer = django_filters.CharFilter(
        label="Responsible officer",
        method="filter_officer",
        help_text="Type part of their name",
        widget=lookup_input("officers"),
    )
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        help_text="Words in the indicator’s name or reference, or an officer’s name",
    )
    rag = django_filters.MultipleChoiceFilter(
        label="RAG status in the period",
        choices=rag_choices(),
        widget=forms.CheckboxSelectMultiple,
        method="filter_rag",
        error_messages={"invalid_choice": "Choose RAG statuses from the list"},
    )

    class Meta:
        model = Indicator
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["framework"].extra["choices"] = [
            (framework.code, f"{framework.code} – {framework.name}") for framework in Framework.objects.all()
        ]

    def filter_queryset(self, queryset):
        if self.period is not None:
            year = self.period.financial_year
            queryset = queryset.filter(
                plan__first_year__lte=year, plan__first_year__gt=year - F("plan__years")
            )
        return super().filter_queryset(with_judgement(queryset, self.period))

    def filter_framework(self, queryset, name, value):
        through = Indicator.frameworks.through.objects.filter(framework__code=value)
        return queryset.filter(pk__in=through.values("indicator_id"))

    def filter_officer(self, queryset, name, value):
        """An officer's id (from links), else the officers whose name contains the words."""
        value = named(value)
        officers = {"officer_id": value} if value.isdigit() else {"officer__name__icontains": value}
        return queryset.filter(pk__in=IndicatorOfficer.objects.filter(**officers).values("indicator_id"))

    def filter_text(self, queryset, name, value):
        named = IndicatorOfficer.objects.filter(officer__name__icontains=value).values("indicator_id")
        return queryset.filter(
            Q(name__icontains=value) | Q(reference_code__icontains=value) | Q(pk__in=named)
        )

    def filter_rag(self, queryset, name, value):
        return queryset.filter(judged_rag__in=value)  # the stored judgement, joined in filter_queryset

    @property
    def chosen_rags(self) -> set[str]:
        """The RAG statuses chosen (that are valid): filtering by them needs every row judged."""
        self.form.is_valid()
        return set(self.form.cleaned_data.get("rag") or [])

    def rows(self) -> list[IndicatorRow]:
        """The filtered indicators (RAG included) with their judgements for the period."""
        return judged_rows(self.qs, self.period)
