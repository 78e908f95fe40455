from decimal import Decimal

from django import forms

from serviceplans.forms import GovukForm

from .rules import implausible_value_reasons
from .values import ValueKind, parse_value, value_kept, value_problem

UNIT_EXAMPLES = {
    "percent": "For example 42.5%",
    "money": "For example £1,200 or £1.2 million",
    "number": "For example 1,032 or 1.2 million",
    "days": "For example 8.5",
    "ratio": "For example 1:4",
    "text": "A few words, for example “Level 3”",
}
UNIT_WORDS = {
    "percent": "a percentage",
    "money": "an amount of money",
    "number": "a number",
    "days": "a number of days",
}


class IndicatorValueForm(GovukForm):
    """The value of an indicator for a period, typed as people write it: “90%”, “£1,200”, “1.2 million”,
    or “n/a” with the reason."""

    submit_label = "Save value"
    shown_when_needed = ("confirm",)
    # The GOV.UK conditional reveal: the value box under “Yes”, the reason under “No” (both show without
    # JavaScript).
    reveals = {"has_value": {"yes": ("value",), "no": ("no_data_reason",)}}

    has_value = forms.ChoiceField(
        label="Is there a value for this period?",
        choices=[("yes", "Yes, enter the value"), ("no", "No, there is no value for this period")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether there is a value for this period"},
    )
    value = forms.CharField(
        label="Value",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    no_data_reason = forms.CharField(
        label="Why there is no value",
        required=False,
        max_length=300,
        help_text="For example “Survey not carried out this year”.",
    )
    note = forms.CharField(label="Commentary", required=False, max_length=4000, widget=forms.Textarea)
    confirm = forms.BooleanField(label="Yes, this value is right", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args, indicator, target: Decimal | None = None, last_value: Decimal | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.indicator, self.target, self.last_value = indicator, target, last_value
        self.fields["value"].help_text = UNIT_EXAMPLES.get(indicator.unit, "") + "."
        self.needs_confirmation: list[str] = []
        name = self.add_prefix("has_value")
        if self.is_bound and not self.data.get(name):
            # A value typed as “n/a”, or a reason given, without the question answered (an older form, a
            # script): read as the answer it implies.
            self.data = self.data.copy()
            self.data[name] = self._implied_answer(
                self.data.get(self.add_prefix("value")), self.data.get(self.add_prefix("no_data_reason"))
            )
        elif not self.is_bound and "has_value" not in self.initial:
            self.initial["has_value"] = self._implied_answer(
                self.initial.get("value"), self.initial.get("no_data_reason")
            )

    def _implied_answer(self, value, reason) -> str:
        value = (value or "").strip()
        if parse_value(value, self.indicator.unit).kind == ValueKind.NONE and (
            value or (reason or "").strip()
        ):
            return "no"
        return "yes"

    def clean(self):
        data = super().clean()
        unit = self.indicator.unit
        data["number"], data["text_value"] = None, ""
        if data.get("has_value") == "no":
            if not (data.get("no_data_reason") or "").strip():
                self.add_error("no_data_reason", "Say why there is no value, or enter the value")
            return data
        data["no_data_reason"] = ""
        parsed = parse_value(data.get("value", ""), unit)
        if parsed.kind == ValueKind.NONE:
            if "has_value" in data:
                self.add_error("value", "Enter the value, or choose “No, there is no value for this period”")
            return data
        if parsed.kind == ValueKind.TEXT:
            if unit == "text":
                data["text_value"] = parsed.text
                return data
            self.add_error(
                "value", f"Enter {UNIT_WORDS.get(unit, 'a number')} or n/a. {UNIT_EXAMPLES.get(unit, '')}"
            )
            return data
        if parsed.unit_hint and parsed.unit_hint not in (unit, "number") and unit in UNIT_WORDS:
            self.add_error(
                "value", f"This indicator is measured as {UNIT_WORDS[unit]}: {UNIT_EXAMPLES[unit].lower()}"
            )
            return data
        number = value_kept(parsed)
        if problem := value_problem(number):
            self.add_error("value", problem)
            return data
        data["number"] = number
        self.needs_confirmation = implausible_value_reasons(
            value=number, unit=unit, target=self.target, last_value=self.last_value
        )
        if self.needs_confirmation and not data.get("confirm"):
            self.add_error(
                "confirm",
                "Check the value: " + " and ".join(self.needs_confirmation) + ". Tick the box if it is right",
            )
        return data
