"""The indicator list: filter, sort and page through indicators judged for a period, or download them."""

from functools import cached_property

from django.contrib.auth.mixins import LoginRequiredMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from actions.list_views import ListDownloadMixin
from reporting.xlsx import NUMBER, STATUS, Column, NumberCell

from .filters import IndicatorFilter, IndicatorRow, indicators_for_list
from .models import Indicator
from .tables import IndicatorTable, JudgedRows


def number_format(indicator: Indicator) -> str:
    """How Excel should show the indicator's figures: its decimal places, and % or £ where it has them."""
    places = "." + "0" * indicator.decimal_places if indicator.decimal_places else ""
    if indicator.unit == Indicator.Unit.PERCENT:
        return f'#,##0{places}"%"'
    if indicator.unit == Indicator.Unit.MONEY:
        return f'"£"#,##0{places}'
    return f"#,##0{places}"


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

    def get_table_data(self):
        return JudgedRows(self.rows)

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
        ]

    @staticmethod
    def xlsx_row(row: IndicatorRow) -> list:
        indicator, performance = row.indicator, row.performance
        shown = number_format(indicator)
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
        ]
