"""What the GOV.UK table template (``templates/django_tables2/govuk.html``) needs beyond django-tables2's tags."""

from django import template
from django_tables2.utils import AttributeDict

register = template.Library()


def _depends_on_the_row(column) -> bool:
    """Are the column's cell attributes worked out per row (a callable given the record)?"""
    given = [column._table.attrs.get(key, {}) for key in ("cell", "td")]
    given += [column.column.attrs.get(key, {}) for key in ("cell", "td")]
    return any(callable(value) for attrs in given for value in attrs.values())


@register.simple_tag
def cell_attrs(column):
    """A ``<td>``'s attributes for ``column`` (a bound column), with GOV.UK's cell class unless it has its own:
    what ``{% render_attrs column.attrs.td class="govuk-table__cell" %}`` gives, worked out once per column
    of the table rather than for every cell, unless they depend on the row."""
    kept = column.__dict__.get("_govuk_cell_attrs")
    if kept is not None:
        return kept
    attrs = AttributeDict({"class": "govuk-table__cell"})
    attrs.update(column.attrs["td"])
    html = attrs.as_html()
    if not _depends_on_the_row(column):
        column.__dict__["_govuk_cell_attrs"] = html
    return html
