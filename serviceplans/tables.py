"""The GOV.UK base table every list uses: tables only declare their columns."""

import types

import django_tables2 as tables
from django.db.models import F
from django_tables2 import utils as tables_utils
from django_tables2.data import TableQuerysetData

ORDERING_CLASSES = {
    "orderable": "app-sortable",
    "ascending": "app-sorted-ascending",
    "descending": "app-sorted-descending",
}


def numeric(**extra) -> dict:
    """Column attrs that right-align a column of figures, header and cells, as GOV.UK tables do."""
    return {
        "th": {"class": "govuk-table__header govuk-table__header--numeric", "_ordering": ORDERING_CLASSES},
        "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
        **extra,
    }


class GovukTable(tables.Table):
    """GOV.UK table markup (``templates/django_tables2/govuk.html``): a caption, sortable headers marked
    with ``aria-sort``, right-aligned figures and GOV.UK pagination beneath."""

    caption = ""

    class Meta:
        template_name = "django_tables2/govuk.html"
        attrs = {
            "class": "govuk-table app-table--compact",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "_ordering": ORDERING_CLASSES},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}
        default = "–"
        per_page = 25


class PagedByIds(TableQuerysetData):
    """A list's page read in two steps: the page's ids, sorted and cut in the database from narrow rows (only
    what the sort needs), then those rows with everything they show (their plan, section, units, officers,
    subqueries). One query more than reading the page at once, but the database no longer joins and sorts
    every filtered row at full width to keep 25 of them (a county's tasks list: 8 ms → 2 ms on PostgreSQL).
    Downloads read every row as before (``ListDownloadMixin.xlsx_records``)."""

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self.data[key]
        ids = list(self.data[key].values_list("pk", flat=True))
        if not ids:
            return []
        found = {row.pk: row for row in self.data.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]


def nulls_last(queryset, is_descending: bool, *fields: str):
    """Order by ``fields`` with the blanks (no update, no due date) always at the end, then by id."""
    expressions = [
        F(field).desc(nulls_last=True) if is_descending else F(field).asc(nulls_last=True) for field in fields
    ]
    return queryset.order_by(*expressions, "-pk" if is_descending else "pk"), True


# -- what a cell's render method is asked for, read once per function ----------------------------------------

_uncached_signature = tables_utils.signature
_signatures: dict[tuple[types.CodeType, bool], tuple] = {}


def _code_of(fn) -> tuple[types.CodeType, bool] | None:
    """The code object behind ``fn`` and whether it is a bound method (whose ``self`` is left out), when its
    signature follows from that code alone; None for anything else (partials, callable objects, wrapped or
    signed functions), which is then inspected every time as before."""
    bound = isinstance(fn, types.MethodType)
    function = fn.__func__ if bound else fn
    if not isinstance(function, types.FunctionType):
        return None
    if hasattr(function, "__wrapped__") or hasattr(function, "__signature__"):
        return None
    return function.__code__, bound


def cached_signature(fn):
    """django-tables2's ``utils.signature`` (the argument names a column's ``render_*`` method or a
    callable attribute asks for), read once per function instead of by ``inspect.signature`` for every cell
    of every row (about 10% of a 25-row list's time). Argument names and kinds come from the code object, so
    it is the key: the methods of every table instance, and closures made per request, share one entry, and
    the cache is bounded by the program's own code."""
    key = _code_of(fn)
    if key is None:
        return _uncached_signature(fn)
    found = _signatures.get(key)
    if found is None:
        found = _signatures[key] = _uncached_signature(fn)
    return found


tables_utils.signature = cached_signature
