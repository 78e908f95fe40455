"""The indicator list's table: rows judged for a period (``indicators.filters.IndicatorRow``)."""

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_tables2.data import TableData, TableListData
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


#: The columns the database sorts by (the judgement's figures are stored, and joined by
#: ``indicators.filters.with_judgement``). The frameworks' joined codes need an ordered string aggregate
#: that not every SQLite has, so that sort reads every filtered row.
DATABASE_SORTS = {"name", "reference_code", "unit_name", "target", "actual", "rag", "symbol"}


class PagedJudgedRows(TableData):
    """Indicators sorted and paged in the database (their stored judgements joined by
    ``indicators.filters.with_judgement``, with ``judged_rag``, ``rag_rank``…), read only when a page (or, for a download, a chunk)
    is read: a page of 25 costs the same at any size of council. ``judge`` turns a list of indicators (read
    with ``indicators_for_list``) into rows; ``fetch`` reads those indicators by id."""

    CHUNK = 500

    def __init__(self, queryset, *, fetch, judge):
        super().__init__(queryset)
        self.queryset, self.fetch, self.judge = queryset, fetch, judge
        self._count = None

    def __len__(self):
        if self._count is None:
            self._count = self.queryset.order_by().count()
        return self._count

    def _judged(self, ids: list[int]) -> list:
        found = {row.pk: row for row in self.judge(list(self.fetch().filter(pk__in=ids)))}
        return [found[pk] for pk in ids if pk in found]

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._judged(list(self.queryset[key].values_list("pk", flat=True)))
        return self[key : key + 1][0]

    def __iter__(self):
        ids = list(self.queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), self.CHUNK):
            yield from self._judged(ids[start : start + self.CHUNK])

    def order_by(self, aliases):
        """Sort in SQL as ``JudgedRows`` sorts in Python: blanks (no reference) last."""

        def blank(field):
            return Case(
                When(**{field: ""}, then=Value(1)), default=Value(0), output_field=IntegerField()
            ).asc()

        keys = {
            "name": ["name_sort", "pk"],
            "reference_code": [blank("reference_code"), "reference_code", "name_sort"],
            "unit_name": ["unit_sort", "name_sort"],
            "target": ["judged_target", "name_sort"],
            "actual": ["judged_actual", "name_sort"],
            "rag": ["rag_rank", "name_sort"],
            "symbol": ["symbol_rank", "name_sort"],
        }
        ordering = []
        for alias in aliases:
            bare, descending = OrderBy(alias).bare, alias.startswith("-")
            for key in keys[bare]:
                if not isinstance(key, str):
                    ordering.append(key)
                else:  # blanks (no target, no actual) last either way, as JudgedRows sorts them
                    ordering.append(
                        F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True)
                    )
        self.queryset = self.queryset.annotate(
            name_sort=Lower("name"),
            unit_sort=Lower(Coalesce("section__unit__name", "plan__unit__name")),
        ).order_by(*ordering)


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

    def render_rag(self, value, record):
        """The RAG status with its reason in words (“3.53 days against a target of 3.5, lower is better…”)."""
        if record.performance is None or not record.performance.reason:
            return status_tag(value)
        return format_html(
            '{}<br><span class="govuk-body-s">{}</span>', status_tag(value), record.performance.reason
        )

    def render_symbol(self, value):
        return symbol_tag(value)
