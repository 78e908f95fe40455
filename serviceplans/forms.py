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


# -- The period picker ----------------------------------------------------------------------------------------
#
# Every page that asks for a reporting period offers the periods in one order and words each one the same way:
# the newest first (by the day it ends, then the shorter period first, so Q4 comes before H2 before the whole
# year), each written as its label and its state: “2026/27 Q2 (open for returns)”. A period is duck-typed (the
# model lives in ``plans``): it needs ``label``, ``start_date``, ``end_date`` and ``get_state_display()``.

#: The order of every period picker, as a queryset ``order_by``.
PERIOD_ORDER = ("-end_date", "-start_date")


def period_sort_key(period) -> tuple:
    """Sorts periods as :data:`PERIOD_ORDER` does: ``sorted(periods, key=period_sort_key)``."""
    return (-period.end_date.toordinal(), -period.start_date.toordinal())


def period_choice_label(period) -> str:
    """How a period is written in every picker: its label and its state, “2026/27 Q2 (open for returns)”."""
    return f"{period.label} ({period.get_state_display().lower()})"


def period_choices(periods, *, value=lambda period: period.label) -> list[tuple[str, str]]:
    """``(value, label)`` pairs for a select, in the one order; ``value`` is the label unless told (the
    sign-off page's links use the period's id)."""
    return [
        (str(value(period)), period_choice_label(period)) for period in sorted(periods, key=period_sort_key)
    ]


class PeriodChoiceField(forms.ModelChoiceField):
    """A reporting period chosen from a queryset, in the one order and wording of every period picker."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("empty_label", "Choose a period")
        super().__init__(queryset, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else queryset.order_by(*PERIOD_ORDER))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return period_choice_label(obj)
