"""The GOV.UK conventions for every form: error summary, labels, hints, error messages, one button."""

from django import forms

#: Dates as people type them: 27/01/2027, 27/1/27, 2027-01-27, 27 Jan 2027 or 27 January 2027. The first is
#: how a date is shown back in a form, so a form shown with a date can always be saved unchanged.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y"]


class GovukDateWidget(forms.Widget):
    """The GOV.UK date input: three boxes, day, month and year (``<name>_day``, ``<name>_month``,
    ``<name>_year``), rendered by ``templates/govuk/form.html`` and ``includes/filter_form.html``.

    The three parts reach the field as one ``27/1/2027`` string, so the field's own parsing and error
    messages apply; a single ``<name>`` value (a link or an older form: ``2027-01-27``) is still read."""

    PARTS = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        parts = [(data.get(f"{name}_{part}") or "").strip() for part in self.PARTS]
        if any(parts):
            return "/".join(parts)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part in self.PARTS)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_

    def parts(self, value) -> dict[str, str]:
        """What each box shows: a date's own figures, or exactly what was typed."""
        if value in (None, ""):
            return dict.fromkeys(self.PARTS, "")
        if hasattr(value, "year"):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        text = str(value)
        for separator in ("/", "-"):
            pieces = text.split(separator)
            if len(pieces) == 3:
                if separator == "-" and len(pieces[0]) == 4:  # 2027-01-27
                    pieces = pieces[::-1]
                return dict(zip(self.PARTS, (piece.strip() for piece in pieces), strict=True))
        return {"day": "", "month": "", "year": text}


class GovukDateField(forms.DateField):
    """A date typed into the GOV.UK date input (day, month, year), and shown back in the same three boxes."""

    widget = GovukDateWidget

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
    # GOV.UK conditional reveals: {radio field: {choice: (fields shown beneath that choice)}}.
    reveals: dict[str, dict[str, tuple[str, ...]]] = {}

    def shown_fields(self):
        revealed = {name for choices in self.reveals.values() for names in choices.values() for name in names}
        return [
            field
            for field in self.visible_fields()
            if field.name not in revealed
            and (field.name not in self.shown_when_needed or field.errors or field.value())
        ]

    def revealed_by(self, field_name: str, choice: str) -> list:
        """The bound fields shown beneath one choice of a radio field."""
        return [self[name] for name in self.reveals.get(field_name, {}).get(str(choice), ())]

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
