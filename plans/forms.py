"""Forms for the year's workflow: recording a plan's approval and scheduling a year's reporting periods."""

from datetime import date

from django import forms

from serviceplans.forms import GovukDateField, GovukForm
from serviceplans.periods import FinancialYear

from .rules import DEFAULT_DEADLINE_DAYS


class PlanApproveForm(GovukForm):
    """The committee that approved the plan, and when."""

    submit_label = "Record approval"

    committee = forms.CharField(
        label="Committee",
        max_length=200,
        help_text="The committee that approved the plan, for example “Environment Scrutiny Committee”.",
        error_messages={"required": "Enter the committee that approved the plan"},
    )
    approved_on = GovukDateField(
        label="Date approved",
        help_text="For example, 20 3 2027.",
        error_messages={
            "required": "Enter the date the committee approved the plan",
            "invalid": "Date approved must be a real date, like 20 3 2027",
        },
    )

    def clean_approved_on(self):
        approved_on = self.cleaned_data["approved_on"]
        if approved_on > date.today():
            raise forms.ValidationError("Date approved must be today or in the past")
        return approved_on


class PeriodScheduleForm(GovukForm):
    """Schedule a financial year's periods of one or more kinds, each with a deadline for returns."""

    submit_label = "Schedule periods"
    KINDS = {
        "quarter": ["quarter"],
        "half": ["half"],
        "both": ["quarter", "half"],
        "month": ["month"],
        "year": ["year"],
        "all": ["month", "quarter", "half", "year"],
    }

    financial_year = forms.CharField(
        label="Financial year",
        max_length=9,
        help_text="For example, 2027/28 or 2027.",
        error_messages={"required": "Enter the financial year to schedule"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    kinds = forms.ChoiceField(
        label="Periods",
        choices=[
            ("quarter", "Quarters"),
            ("half", "Half-years"),
            ("both", "Quarters and half-years"),
            ("month", "Months (for indicators collected monthly)"),
            ("year", "The whole year (for indicators collected yearly)"),
            ("all", "Every kind: months, quarters, half-years and the whole year"),
        ],
        widget=forms.RadioSelect,
        initial="quarter",
        error_messages={"required": "Select which periods to schedule"},
    )
    deadline_days = forms.IntegerField(
        label="Returns due (days after the period ends)",
        min_value=0,
        max_value=120,
        initial=DEFAULT_DEADLINE_DAYS,
        help_text="A deadline that falls at a weekend moves back to the Friday.",
        error_messages={
            "required": "Enter how many days after the period ends returns are due",
            "invalid": "Days must be a whole number, like 30",
            "min_value": "Days must be 0 or more",
            "max_value": "Days must be 120 or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    def clean_financial_year(self):
        text = self.cleaned_data["financial_year"].strip()
        first = text.split("/")[0].split("-")[0]
        if not first.isdigit() or len(first) != 4 or not 2000 <= int(first) <= 2100:
            raise forms.ValidationError("Enter the financial year like 2027/28")
        year = int(first)
        if "/" in text and text != FinancialYear(year).label:
            raise forms.ValidationError(f"Enter the financial year like {FinancialYear(year).label}")
        return year

    @property
    def kind_list(self) -> list[str]:
        return self.KINDS[self.cleaned_data["kinds"]]
