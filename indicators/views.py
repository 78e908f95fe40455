from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from indicators.permissions import can_enter_value
from plans.models import CouncilSettings, ReportingPeriod
from plans.permissions import request_actor
from plans.rules import IllegalTransition
from serviceplans.charts import TrendPoint, trend_chart_svg
from serviceplans.downloads import ListDownloadMixin
from serviceplans.history import history_entries
from serviceplans.xlsx import NUMBER, STATUS, Column, NumberCell

from .filters import (
    IndicatorFilter,
    IndicatorRow,
    indicators_for_list,
    judged_rows,
    judged_rows_for_download,
)
from .forms import IndicatorValueForm
from .performance import IndicatorRecord
from .selectors import indicator_for_page, indicator_history_records, periods_for_values, value_versions
from .services import ValueConflict, indicator_value_save
from .tables import DATABASE_SORTS, IndicatorTable, JudgedRows, PagedJudgedRows
from .values import excel_number_format


class IndicatorDetailView(LoginRequiredMixin, DetailView):
    """An indicator: its definition, frameworks, and targets and values by period, judged."""

    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return indicator_for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        settings = CouncilSettings.load()
        record = IndicatorRecord(
            indicator,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        years = sorted({p.year for p in record.values} | {p.year for p in record.profiled_targets})
        rows = [record.performance(period) for period in record.periods_reported(years)]
        rows = [
            row for row in rows if row.actual is not None or row.no_data_reason or row.period in record.values
        ]
        annual = [
            (year, target, record.display(target.value) if target.value is not None else target.text)
            for year, target in sorted(record.annual_targets.items())
        ]
        chart = trend_chart_svg(
            f"{indicator.name}: actuals against target",
            [TrendPoint(row.period.label, row.actual, row.target) for row in rows],
        )
        actor = request_actor(self.request)
        enterable = [p for p in periods_for_values(indicator) if can_enter_value(actor, indicator, p)]
        return context | {
            "rows": rows,
            "annual_targets": annual,
            "chart": chart,
            "settings": settings,
            "enterable_periods": enterable,
            "versions": value_versions(indicator),
            "history": indicator_history(indicator),
        }


def indicator_history(indicator) -> list:
    """The indicator's audit trail: changes to it, its targets and its values, newest first."""
    indicators, targets, values = indicator_history_records(indicator)

    def target_label(record):
        year = f"{record.financial_year}/{(record.financial_year + 1) % 100:02d}"
        return f"Target, {record.period.label}" if record.period_id else f"Target, {year}"

    entries = (
        history_entries(indicators, what=lambda r: "Indicator")
        + history_entries(targets, what=target_label)
        + history_entries(values, what=lambda r: f"Value, {r.period.label}")
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


class IndicatorValueView(LoginRequiredMixin, FormView):
    """Enter an indicator's value for a period; afterwards its RAG, symbol and direction are shown."""

    template_name = "indicators/value_form.html"
    form_class = IndicatorValueForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.indicator = get_object_or_404(indicator_for_page(), pk=kwargs["pk"])
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        if not self.indicator.collected_in(self.period):
            raise Http404("This indicator is not collected for that period.")
        if not can_enter_value(request_actor(request), self.indicator, self.period):
            raise PermissionDenied("You cannot enter this indicator's value for this period.")
        settings = CouncilSettings.load()
        self.record = IndicatorRecord(
            self.indicator,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        self.current = self.record.values.get(self.period.period)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        target, _text, _tolerance = self.record.target(self.period.period)
        return super().get_form_kwargs() | {
            "indicator": self.indicator,
            "target": target,
            "last_value": self.record.actual(self.period.period.previous()),
        }

    def get_initial(self):
        if self.current is None:
            return {"version": 0}
        shown = self.current.text_value or (
            self.record.display(self.current.value) if self.current.value is not None else ""
        )
        return {
            "has_value": "yes" if shown else "no",
            "value": shown,
            "no_data_reason": self.current.no_data_reason,
            "note": self.current.note,
            "version": self.current.version,
        }

    def form_valid(self, form):
        try:
            indicator_value_save(
                indicator=self.indicator,
                period=self.period,
                user=self.request.user,
                value=form.cleaned_data["number"],
                text_value=form.cleaned_data["text_value"],
                no_data_reason=form.cleaned_data["no_data_reason"],
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
            )
        except ValueConflict as conflict:
            form.add_error(
                None,
                "Someone else saved a value for this period while you were editing it, so yours "
                f"has not been saved. Theirs is {conflict.current.value if conflict.current else 'gone'}: "
                "reload the page to see it and enter yours again if it is still right.",
            )
            return self.form_invalid(form)
        except (ValidationError, IllegalTransition) as refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        judged = self._judged()
        messages.success(
            self.request,
            f"The value for {self.period.label} has been saved: {judged.actual_display}. "
            f"{judged.rag.label}; {judged.symbol.label.lower()}; {judged.direction_last_year.describe()}.",
        )
        return redirect("indicators:indicator-detail", pk=self.indicator.pk)

    def _judged(self):
        fresh = indicator_for_page().get(pk=self.indicator.pk)
        settings = CouncilSettings.load()
        record = IndicatorRecord(
            fresh,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        return record.performance(self.period.period)

    def get_context_data(self, **kwargs):
        target, text, _tolerance = self.record.target(self.period.period)
        return super().get_context_data(**kwargs) | {
            "indicator": self.indicator,
            "period": self.period,
            "target_display": text or self.record.display(target),
            "last_display": self.record.display(self.record.actual(self.period.period.previous())),
        }


class IndicatorListView(LoginRequiredMixin, ListDownloadMixin, SingleTableMixin, FilterView):
    """Indicators judged for a period, filtered by framework, RAG, unit (with everything beneath it), officer
    and words; sorted by any column, 25 to a page."""

    template_name = "indicators/indicator_list.html"
    table_class = IndicatorTable
    filterset_class = IndicatorFilter
    strict = False  # a filter that is not valid is explained and ignored; the others still apply
    table_pagination = {"per_page": 25}
    xlsx_name = "indicators"

    def get_queryset(self):
        return indicators_for_list()

    @cached_property
    def rows(self) -> list[IndicatorRow]:
        return self.filterset.rows()

    @property
    def judged_before_paging(self) -> bool:
        """Sorting by the frameworks' joined codes needs every filtered row read first; otherwise the
        database filters (RAG too: judgements are stored), sorts and pages, and only the rows shown are read."""
        sort = self.request.GET.get("sort", "").lstrip("-")
        return bool(sort and sort not in DATABASE_SORTS)

    def get_table_data(self):
        if self.judged_before_paging:
            return JudgedRows(self.rows)
        period = self.filterset.period
        return PagedJudgedRows(
            self.filterset.qs,
            fetch=indicators_for_list,
            judge=lambda indicators: judged_rows(indicators, period),
        )

    def xlsx_columns(self) -> list[Column]:
        period = self.filterset.period
        return [
            Column("Reference"),
            Column("Indicator", width=60),
            Column("Frameworks"),
            Column("Plan"),
            Column("Section"),
            Column("Unit"),
            Column("Responsible officers", width=30),
            Column("Target", kind=NUMBER),
            Column("Actual", kind=NUMBER),
            Column("Reason for no data"),
            Column(f"RAG, {period.label}" if period else "RAG", kind=STATUS),
            Column("Against target"),
            Column("Why", width=60),
        ]

    def xlsx_rows(self, data):
        """Sorted and filtered in the database: the indicators read lean, a chunk at a time, with their stored
        judgements.
        (Filtered by RAG or sorted by a judgement: the rows already judged for the list.)"""
        if not isinstance(data, PagedJudgedRows):
            return super().xlsx_rows(data)
        rows = judged_rows_for_download(data.queryset, self.filterset.period)
        return (self.xlsx_row(row) for row in rows)

    @staticmethod
    def xlsx_row(row: IndicatorRow) -> list:
        indicator, performance = row.indicator, row.performance
        shown = excel_number_format(indicator.unit, indicator.decimal_places)
        target = actual = None
        if performance is not None:
            target = (
                NumberCell(performance.target, shown)
                if performance.target is not None
                else performance.target_text
            )
            actual = (
                NumberCell(performance.actual, shown)
                if performance.actual is not None
                else performance.actual_text
            )
        symbol = f"{row.symbol.mark} {row.symbol.label}" if row.symbol else ""
        return [
            indicator.reference_code,
            indicator.name,
            row.frameworks,
            str(indicator.plan),
            indicator.section.title,
            row.unit_name,
            ", ".join(row.officers),
            target,
            actual,
            performance.no_data_reason if performance else "",
            row.rag,
            symbol,
            performance.reason if performance else "",
        ]
