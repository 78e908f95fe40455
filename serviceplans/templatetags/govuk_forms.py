"""Template filters for the GOV.UK form partials (``templates/govuk/form.html``)."""

from django import template

register = template.Library()


@register.filter
def input_value(field) -> str:
    """What a text box shows: the widget's own formatting of the value (a date as 27/01/2027, as the form
    reads it back), not the template's (which would write it as “27 Jan 2027”, then refuse it)."""
    value = field.value()
    if value is None:
        return ""
    return field.field.widget.format_value(value) or ""
