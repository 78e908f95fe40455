"""Forms for committee reports: what a new report covers, and its texts."""

from django import forms
from django.utils import timezone

from plans.models import OrganisationUnit, Plan, ReportingPeriod
from serviceplans.forms import GovukDateField, GovukForm, PeriodChoiceField


class ReportCreateForm(GovukForm):
    """What a new report covers: a plan, or a unit and everything beneath it; a period; the parts."""

    submit_label = "Create report"

    plan = forms.ModelChoiceField(
        queryset=Plan.objects.select_related("unit").order_by("-first_year", "title"),
        required=False,
        empty_label="Choose a plan",
        help_text="Report on one plan, or leave blank and choose a part of the council below.",
    )
    unit = forms.ModelChoiceField(
        queryset=OrganisationUnit.objects.order_by("name"),
        required=False,
        empty_label="Choose a part of the council",
        label="Or a part of the council",
        help_text="Every live plan of this unit and the units beneath it.",
    )
    period = PeriodChoiceField(
        queryset=ReportingPeriod.objects.none(),  # periods that have started: see __init__
        label="Reporting period",
        error_messages={"required": "Choose the period the report covers"},
    )
    committee = forms.CharField(
        max_length=200, required=False, help_text="For example “Policy and Resources Committee”."
    )
    meeting_date = GovukDateField(
        required=False,
        label="Date of the meeting",
        help_text="For example, 27 1 2027.",
        error_messages={"invalid": "Date of the meeting must be a real date, like 27 1 2027"},
    )
    include_tasks = forms.BooleanField(required=False, initial=True, label="Include the action plan (tasks)")
    include_indicators = forms.BooleanField(required=False, initial=True, label="Include the indicators")
    exceptions_only = forms.BooleanField(
        required=False, label="Exceptions only: red, amber, overdue and missing returns"
    )
    include_risks = forms.BooleanField(
        required=False, label="Include the risks annex (the risk register, with its heat map)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A report is on what has happened: a period that has not started yet is not offered.
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            kind__in=["quarter", "half", "year"], start_date__lte=timezone.localdate()
        )

    def clean(self):
        data = super().clean()
        if data.get("plan") and data.get("unit"):
            self.add_error("unit", "Choose a plan or a part of the council, not both")
        elif not data.get("plan") and not data.get("unit") and "plan" not in self.errors:
            self.add_error("plan", "Choose a plan or a part of the council")
        if not data.get("include_tasks") and not data.get("include_indicators"):
            self.add_error("include_tasks", "Include the action plan, the indicators or both")
        return data


class ReportTextsForm(GovukForm):
    """The covering report's texts, each written from the data when the report was created."""

    submit_label = "Save texts"

    title = forms.CharField(max_length=300, error_messages={"required": "Enter the report's title"})
    committee = forms.CharField(max_length=200, required=False)
    meeting_date = GovukDateField(
        required=False,
        label="Date of the meeting",
        help_text="For example, 27 1 2027.",
        error_messages={"invalid": "Date of the meeting must be a real date, like 27 1 2027"},
    )
    report_of = forms.CharField(max_length=200, required=False, label="Report of")
    contact_officer = forms.CharField(max_length=300, required=False)
    purpose = forms.CharField(
        widget=forms.Textarea, required=False, help_text="Blank lines start paragraphs."
    )
    background = forms.CharField(widget=forms.Textarea, required=False)
    body = forms.CharField(widget=forms.Textarea, required=False, label="Progress")
    implications = forms.CharField(
        widget=forms.Textarea, required=False, label="Financial, legal and risk implications"
    )
    recommendation = forms.CharField(widget=forms.Textarea, required=False)
    conclusion = forms.CharField(widget=forms.Textarea, required=False)
    annexes = forms.CharField(
        widget=forms.Textarea, required=False, label="List of annexes", help_text="One a line."
    )


class ConfirmForm(GovukForm):
    submit_label = "Publish report"
