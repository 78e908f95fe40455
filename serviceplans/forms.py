"""The GOV.UK conventions for every form: error summary, labels, hints, error messages, one button."""

from django import forms

#: Dates as people type them: 27/01/2027, 27/1/27, 2027-01-27, 27 Jan 2027 or 27 January 2027. The first is
#: how a date is shown back in a form, so a form shown with a date can always be saved unchanged.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y"]


class GovukDateField(forms.DateField):
    """A date typed as people write it, and shown back as ``27/01/2027``."""

    widget = forms.DateInput(format=DATE_INPUT_FORMATS[0])

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class GovukForm(forms.Form):
    """Renders with ``templates/govuk/form.html``: an error summary linking to each field, then the
    fields with their labels, hints and errors, keeping whatever was typed."""

    template_name = "govuk/form.html"
    submit_label = "Save"
    # Compact: radios in a row and short text boxes, for pages that repeat the form (bulk update).
    compact = False
    # Fields shown only once they matter: when they carry an error or were ticked (e.g. “confirm”).
    shown_when_needed: tuple[str, ...] = ()

    def shown_fields(self):
        return [
            field
            for field in self.visible_fields()
            if field.name not in self.shown_when_needed or field.errors or field.value()
        ]

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in the order of the fields."""
        items = [("", error) for error in self.non_field_errors()]
        for field in self:
            if field.is_hidden:
                continue
            anchor = field.id_for_label
            if isinstance(field.field.widget, forms.RadioSelect):
                anchor = f"{field.auto_id}_0"
            items += [(anchor, error) for error in field.errors]
        return items
