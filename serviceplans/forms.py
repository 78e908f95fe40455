"""The GOV.UK conventions for every form: error summary, labels, hints, error messages, one button."""

from django import forms


class GovukForm(forms.Form):
    """Renders with ``templates/govuk/form.html``: an error summary linking to each field, then the
    fields with their labels, hints and errors, keeping whatever was typed."""

    template_name = "govuk/form.html"
    submit_label = "Save"
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
