"""The indicator list's filters, and the rows behind them: each indicator judged for a reporting period.

The rules
---------

* **The period** works as on the task list: without one, the dashboard's period; only indicators of plans
  that cover the period's financial year are listed.
* **RAG** is the indicator's judgement for the period (``IndicatorRecord``), worked out in Python from the
  targets and values read with the rows. So the database filters (framework, unit, officer, words) narrow
  the rows first, then the judged rows are filtered by RAG: the queries stay the same however many rows.
* **Part of the council** means that unit and every unit beneath it; an indicator belongs to its
  section's unit, else its plan's.
* **Searching** looks in the indicator's name and reference code and its responsible officers' names.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet

from plans.filters import ListFilterSet, choose, lookup_input, named
from plans.models import CouncilSettings, Plan, PlanSection, ReportingPeriod
from serviceplans.status import INDICATOR_RAG_ORDER, status_look

from .models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from .performance import IndicatorRecord, PeriodPerformance
from .rules import Symbol
from .selectors import indicator_for_page

SYMBOL_ORDER = [Symbol.WORSE, Symbol.WITHIN, Symbol.BETTER, Symbol.CANNOT_COMPARE]


# -- Reads --------------------------------------------------------------------------------------------------


def indicators_for_list() -> QuerySet[Indicator]:
    """Indicators with their plan, section, units, targets, values, frameworks and officers: six queries
    however many rows (the rows, then each of the five prefetches)."""
    return indicator_for_page()


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
    settings: CouncilSettings,
    *,
    frameworks: dict[int, str] | None = None,
    officers: dict[int, tuple[str, ...]] | None = None,
    records: dict[int, tuple[list, list]] | None = None,
) -> list[IndicatorRow]:
    """Each indicator (read with ``indicators_for_list``) judged for the period, with no further query.
    ``frameworks``, ``officers`` and ``records`` (targets and values), by indicator id, when given, stand
    for the prefetched ones."""
    rows = []
    for indicator in indicators:
        performance = None
        if period is not None:
            targets, values = records.get(indicator.pk, ((), ())) if records is not None else (None, None)
            record = IndicatorRecord(
                indicator,
                default_tolerance=settings.default_tolerance_percent,
                same_tolerance=settings.same_tolerance_percent,
                targets=targets,
                values=values,
            )
            performance = record.performance(period.period)
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


class _Target(NamedTuple):
    """A target as a download reads it: the fields the judgement uses, and its period (shared)."""

    indicator_id: int
    period_id: int | None
    financial_year: int
    value: Decimal | None
    text: str
    tolerance_percent: Decimal | None
    period: ReportingPeriod | None


class _Value(NamedTuple):
    """A value as a download reads it: the fields the judgement uses, and its period (shared)."""

    indicator_id: int
    period_id: int
    value: Decimal | None
    text_value: str
    no_data_reason: str
    note: str
    target_applied: Decimal | None
    tolerance_applied: Decimal | None
    period: ReportingPeriod


def judged_rows_for_download(
    queryset: QuerySet[Indicator], period: ReportingPeriod | None, settings: CouncilSettings
) -> Iterator[IndicatorRow]:
    """Every indicator of ``queryset``, in its order, judged as :func:`judged_rows` judges, read lean for a
    download: a chunk at a time, each indicator's plan, section, units and periods shared rather than built
    again for every row; targets, values, frameworks and officers as plain values, not model instances.
    Four queries, then five a chunk."""
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
    periods = ReportingPeriod.objects.in_bulk()
    for start in range(0, len(ids), DOWNLOAD_CHUNK):
        chunk = ids[start : start + DOWNLOAD_CHUNK]
        found = {}
        for indicator in Indicator.objects.filter(pk__in=chunk):
            indicator.plan, indicator.section = plans[indicator.plan_id], sections[indicator.section_id]
            found[indicator.pk] = indicator
        records: dict[int, tuple[list, list]] = {pk: ([], []) for pk in chunk}
        for row in (
            Target.objects.filter(indicator_id__in=chunk)
            .order_by(*Target._meta.ordering)
            .values_list(*_Target._fields[:-1])
        ):
            records[row[0]][0].append(_Target(*row, periods.get(row[1])))
        for row in (
            IndicatorValue.objects.filter(indicator_id__in=chunk)
            .order_by(*IndicatorValue._meta.ordering)
            .values_list(*_Value._fields[:-1])
        ):
            records[row[0]][1].append(_Value(*row, periods[row[1]]))
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
            settings,
            frameworks={pk: ", ".join(code for _order, code in sorted(pairs)) for pk, pairs in codes.items()},
            officers={pk: tuple(names_) for pk, names_ in names.items()},
            records=records,
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
        return super().filter_queryset(queryset)

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
        return queryset  # judged in Python: see rows()

    @property
    def chosen_rags(self) -> set[str]:
        """The RAG statuses chosen (that are valid): filtering by them needs every row judged."""
        self.form.is_valid()
        return set(self.form.cleaned_data.get("rag") or [])

    def rows(self) -> list[IndicatorRow]:
        """The filtered indicators judged for the period, then narrowed to the RAG statuses chosen."""
        rows = judged_rows(self.qs, self.period, CouncilSettings.load())
        wanted = self.chosen_rags
        return [row for row in rows if row.rag in wanted] if wanted else rows
