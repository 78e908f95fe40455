"""Key tasks (actions, commitments), their milestones and the progress officers report on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from plans.models import Objective, Officer, Plan, PlanSection, Priority, ReportingPeriod
from plans.rules import PlanStructureLocked
from serviceplans.fields import BoundedDecimalField, decimal_bounds

from .rules import Status


class Task(models.Model):
    """A key task in a plan: what will be done, by whom, with what, by when, and how success is judged."""

    #: What next year's copy of a task keeps (``actions.carry_forward``); links are copied separately.
    CARRIED_FIELDS = (
        "reference",
        "category",
        "text",
        "risk",
        "responsibility_note",
        "resources",
        "budget",
        "due_date",
        "due_date_text",
        "ongoing",
        "success_criteria",
        "order",
    )

    class Category(models.TextChoices):
        SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"
        EQUALITY_AND_DIVERSITY = "equality_diversity", "Equality and diversity"
        RISK_MANAGEMENT = "risk_management", "Risk management"
        BUSINESS_CONTINUITY = "business_continuity", "Business continuity"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="tasks")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    reference = models.CharField(max_length=20, blank=True)
    category = models.CharField(max_length=30, choices=Category.choices, default=Category.SERVICE_IMPROVEMENT)
    text = models.TextField("task")
    risk = models.TextField(blank=True, help_text="The risk this task treats or is exposed to.")
    officers = models.ManyToManyField(
        Officer, through="TaskOfficer", related_name="tasks", verbose_name="responsible officers", blank=True
    )
    responsibility_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="As written in the plan, e.g. “Overall A. Hardy, but each team leader for work in their areas”.",
    )
    resources = models.TextField(blank=True, help_text="For example “Officer time” or “£260k growth”.")
    budget = BoundedDecimalField(
        "budget (£)", max_digits=14, decimal_places=2, null=True, blank=True, help_text="Money, where stated."
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    due_date_text = models.CharField(
        "due date as written",
        max_length=300,
        blank=True,
        help_text="For example “By April 2008” or “On-going”.",
    )
    ongoing = models.BooleanField(default=False, help_text="Continuing work with no end date.")
    success_criteria = models.TextField(blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="tasks")
    order = models.PositiveIntegerField(default=0, help_text="Position within its section.")
    carried_forward_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_forward_to"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["plan", "section__order", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(due_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="task_due_not_before_start",
            ),
            decimal_bounds("budget", max_digits=14, decimal_places=2, name="task_budget_in_bounds"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 90 else self.text[:89] + "…"

    @property
    def due_shown(self) -> str:
        """When the task is due, as lists show it: the date the council's way (“30 Sep 2026”) when there is
        one, whatever shorthand it was written in (“Sept. 26”); else the words as written (“On-going”).
        Committee papers keep the words as written."""
        if self.due_date is not None:
            return date_format(self.due_date, "j M Y")
        if self.due_date_text:
            return self.due_date_text
        return "On-going" if self.ongoing else ""

    def delete(self, *args, **kwargs):
        """A task of an approved, published or archived plan is never deleted: the plan's structure is
        locked. (Deleting the whole plan's rows in a test database bypasses this, as bulk deletes do.)"""
        if self.plan.is_locked:
            raise PlanStructureLocked(
                f"“{self}” cannot be deleted: its plan has been {self.plan.get_status_display().lower()}. "
                "Mark it not applicable, with the reason, instead."
            )
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            errors["section"] = "The section must belong to the task's plan."
        if self.objective_id and self.plan_id and self.objective.plan_id != self.plan_id:
            errors["objective"] = "The objective must belong to the task's plan."
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = "The due date cannot be before the start date."
        if errors:
            raise ValidationError(errors)


class TaskOfficer(models.Model):
    """A responsible officer of a task, in the order the plan names them."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="task_roles")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = "responsible officer"
        constraints = [models.UniqueConstraint(fields=["task", "officer"], name="task_officer_once")]

    def __str__(self):
        return str(self.officer)


class Milestone(models.Model):
    """A dated step of a task, such as “Business case – June 2007”."""

    #: What next year's copy of a milestone not yet done keeps.
    CARRIED_FIELDS = ("name", "due_date", "due_date_text", "order")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    due_date_text = models.CharField("due date as written", max_length=100, blank=True)
    done = models.BooleanField(default=False)
    done_on = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "due_date", "id"]

    def __str__(self):
        return self.name


#: The status an officer reports for a task (defined once, in ``actions.rules``).
ProgressStatus = Status


class ProgressUpdate(models.Model):
    """An officer's return for a task in a reporting period. Earlier versions are kept in its history."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="progress_updates")
    percent_complete = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    commentary = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one at every save, so two people's edits never collide.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "period__start_date"]
        # The dashboard, the lists and the papers ask each task's status in a period: read from this index
        # alone, without visiting the table, however many tasks the council has.
        indexes = [models.Index(fields=["task", "period", "status"], name="update_task_period_status")]
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="one_update_per_task_and_period"),
            models.CheckConstraint(
                condition=models.Q(percent_complete__gte=0, percent_complete__lte=100),
                name="percent_complete_0_to_100",
            ),
        ]

    def __str__(self):
        return f"{self.task} – {self.period}: {self.get_status_display()}"

    def clean(self):
        # Admin's forms check the same rule as the service: only a period the task's plan reports by.
        if self.task_id and self.period_id and not self.task.plan.reports_in(self.period):
            raise ValidationError({"period": f"{self.period} is not a reporting period of {self.task.plan}."})


class ReminderSent(models.Model):
    """One reminder e-mail sent to an officer on a day, so a second run the same day sends nothing new."""

    class Kind(models.TextChoices):
        DIGEST = "digest", "Returns due"
        LATE_LIST = "late_list", "Late returns in your units"

    recipient = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    address = models.EmailField()
    summary = models.TextField(blank=True, help_text="What the e-mail listed.")

    class Meta:
        ordering = ["-sent_on", "recipient__name"]
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient.name}, {self.sent_on}"
