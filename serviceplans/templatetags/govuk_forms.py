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


@register.filter
def date_parts(field) -> list[tuple[str, str, str]]:
    """The GOV.UK date input's three boxes: (part, label, what it shows), keeping whatever was typed."""
    shown = field.field.widget.parts(field.value())
    return [(part, part.title(), shown[part]) for part in ("day", "month", "year")]


@register.filter
def revealed_by(field, choice) -> list:
    """The fields a GOV.UK conditional reveal shows beneath this choice of a radio field (``GovukForm.reveals``)."""
    form = field.form
    return form.revealed_by(field.name, choice.data["value"]) if hasattr(form, "revealed_by") else []
