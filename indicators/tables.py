"""The indicator list's table: rows judged for a period (``indicators.filters.IndicatorRow``)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_tables2.data import TableListData
from django_tables2.utils import Accessor, OrderBy

from serviceplans.tables import GovukTable, numeric
from serviceplans.templatetags.status_tags import status_tag, symbol_tag


class JudgedRows(TableListData):
    """Judged rows, sorted in Python by the columns' ``order_by`` keys, with the blanks (no target, no
    actual, no reference) at the end whichever way the column is sorted, as on the task list."""

    def order_by(self, aliases):
        keys = []
        for alias in aliases:
            bound_column = self.table.columns[OrderBy(alias).bare]
            flipped = alias[0] != bound_column.order_by_alias[0]
            keys += bound_column.order_by.opposite if flipped else bound_column.order_by
        for key in reversed(keys):  # least significant first: each sort keeps the order of the one before
            accessor = Accessor(key.bare)
            values = [(accessor.resolve(row, quiet=True), row) for row in self.data]
            filled = [(value, row) for value, row in values if value not in (None, "")]
            filled.sort(key=lambda pair: pair[0], reverse=key.is_descending)
            self.data[:] = [row for _, row in filled] + [row for value, row in values if value in (None, "")]


class IndicatorTable(GovukTable):
    name = tables.Column("Indicator", order_by=("name_key", "pk"))
    reference_code = tables.Column("Reference", order_by=("reference_code", "name_key"))
    frameworks = tables.Column("Frameworks", order_by=("frameworks", "name_key"))
    unit_name = tables.Column("Unit", order_by=("unit_name", "name_key"))
    officers = tables.Column("Officers", orderable=False, empty_values=())
    target = tables.Column(
        "Target", accessor="target_display", order_by=("target_value", "name_key"), attrs=numeric()
    )
    actual = tables.Column(
        "Actual", accessor="actual_display", order_by=("actual_value", "name_key"), attrs=numeric()
    )
    rag = tables.Column("RAG", order_by=("rag_rank", "name_key"), empty_values=())
    symbol = tables.Column("Against target", order_by=("symbol_rank", "name_key"), empty_values=())

    class Meta(GovukTable.Meta):
        sequence = (
            "name",
            "reference_code",
            "frameworks",
            "unit_name",
            "officers",
            "target",
            "actual",
            "rag",
            "symbol",
        )
        empty_text = "No indicators match these filters."

    def render_name(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("indicators:indicator-detail", args=[record.pk]),
            record.name,
        )

    def render_officers(self, record):
        return format_html_join(mark_safe("<br>"), "{}", ((name,) for name in record.officers)) or "–"

    def render_rag(self, value):
        return status_tag(value)

    def render_symbol(self, value):
        return symbol_tag(value)
