"""The GOV.UK base table every list uses: tables only declare their columns."""

import django_tables2 as tables
from django.db.models import F

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


def nulls_last(queryset, is_descending: bool, *fields: str):
    """Order by ``fields`` with the blanks (no update, no due date) always at the end, then by id."""
    expressions = [
        F(field).desc(nulls_last=True) if is_descending else F(field).asc(nulls_last=True) for field in fields
    ]
    return queryset.order_by(*expressions, "-pk" if is_descending else "pk"), True
