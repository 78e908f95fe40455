from django import forms

from plans.filters import lookup_input, units_named
from plans.selectors import UnitTree
from serviceplans.forms import GovukForm, period_choices

from .models import ProgressStatus
from .rules import status_needs_commentary, variance_needs_commentary


class ProgressUpdateForm(GovukForm):
    """An officer's return for one task in one period."""

    submit_label = "Save update"

    percent_complete = forms.IntegerField(
        label="Percent complete",
        min_value=0,
        max_value=100,
        help_text="A whole number from 0 to 100.",
        error_messages={
            "required": "Enter the percent complete",
            "invalid": "Percent complete must be a whole number, like 45",
            "min_value": "Percent complete must be 0 or more",
            "max_value": "Percent complete must be 100 or less",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ProgressStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a status", "invalid_choice": "Select a status from the list"},
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text="What has been done and what happens next. Needed for amber, red and not applicable, and when "
        "progress is far from what was expected.",
        error_messages={"max_length": "Commentary must be 4,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, expected_percent: int | None = None, variance_points: int = 20, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_percent = expected_percent
        self.variance_points = variance_points

    def clean(self):
        data = super().clean()
        percent, status = data.get("percent_complete"), data.get("status")
        commentary = (data.get("commentary") or "").strip()
        if status == ProgressStatus.COMPLETED and percent is not None and percent != 100:
            self.add_error(
                "percent_complete", "A completed task is 100% complete: enter 100 or choose another status"
            )
        if status == ProgressStatus.NOT_STARTED and percent:
            self.add_error(
                "percent_complete",
                "A task that has not started is 0% complete: enter 0 or choose another status",
            )
        if not commentary and status and status_needs_commentary(status):
            label = ProgressStatus(status).label.lower()
            self.add_error("commentary", f"Enter commentary explaining why the task is {label}")
        elif (
            not commentary
            and percent is not None
            and status not in (ProgressStatus.COMPLETED, ProgressStatus.NOT_APPLICABLE)
            and variance_needs_commentary(
                reported=percent, expected=self.expected_percent, threshold_points=self.variance_points
            )
        ):
            self.add_error(
                "commentary",
                f"Enter commentary explaining why progress ({percent}%) is far from the {self.expected_percent}% "
                "expected by now",
            )
        return data


class SignoffFilterForm(forms.Form):
    """Which period and unit the sign-off page shows: a plain GET form, so it works without JavaScript."""

    period = forms.ChoiceField(label="Quarter", required=False)  # returns are made for quarters
    unit = forms.CharField(
        label="Part of the council",
        required=False,
        max_length=200,
        help_text="Type part of its name; everything beneath it is included. Leave empty for all",
        widget=lookup_input("units"),
    )

    def __init__(self, *args, periods, tree: UnitTree, scope: set[int] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(periods, value=lambda period: period.pk)
        self.tree, self.scope = tree, scope

    def clean_unit(self) -> set[int] | None:
        """The units chosen (with everything beneath them) that the viewer looks after; None for all."""
        value = self.cleaned_data["unit"]
        if not value.strip():
            return None
        ids = units_named(self.tree, value)
        if self.scope is not None:
            ids &= self.scope
        if not ids:
            raise forms.ValidationError("Choose a part of the council you look after: none is called that")
        return ids


class ReturnSubmitForm(GovukForm):
    """The last step of “check your answers”: the reason for anything still missing, when something is."""

    submit_label = "Submit the return"

    gaps_reason = forms.CharField(
        label="Why are some updates or values missing?",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Your manager reads this with your return, for example “Survey results arrive in November”.",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, missing: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        if not missing:
            del self.fields["gaps_reason"]

    def clean(self):
        data = super().clean()
        if self.missing and not (data.get("gaps_reason") or "").strip() and "gaps_reason" not in self.errors:
            self.add_error(
                "gaps_reason",
                f"Say why {self.missing} update{'s are' if self.missing != 1 else ' is'} missing, "
                "or go back and complete them",
            )
        return data


class ReturnSendBackForm(GovukForm):
    """Why the manager is sending a return back: the officer sees this on their My updates page."""

    comment = forms.CharField(
        label="Why are you sending it back?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter a comment saying what the officer needs to put right",
            "max_length": "The comment must be 2,000 characters or fewer",
        },
    )
