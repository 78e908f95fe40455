"""The organisation, its officers, the council's priorities, reporting periods and the plans themselves."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from plans.rules import PeriodState, PlanStatus, ReturnState
from serviceplans.periods import FinancialYear, Frequency, Period, PeriodKind, period_belongs


class OrganisationUnit(models.Model):
    """A council, directorate, department, division, service, section or team, in a tree of any depth."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        DIRECTORATE = "directorate", "Directorate"
        DEPARTMENT = "department", "Department"
        DIVISION = "division", "Division"
        SERVICE = "service", "Service"
        SECTION = "section", "Section"
        TEAM = "team", "Team"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)
    head = models.ForeignKey(
        "Officer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units_headed",
        help_text="The head of service or team leader who checks this unit's returns.",
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_in_parent"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A unit cannot sit beneath itself."})
            ancestor = ancestor.parent


class Officer(models.Model):
    """Someone named in a plan. Many officers never sign in, so the login account is optional."""

    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    unit = models.ForeignKey(
        OrganisationUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="officers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class Priority(models.Model):
    """A council-wide priority a plan links up to: community plan theme, pledge or corporate objective."""

    class Kind(models.TextChoices):
        COMMUNITY_THEME = "community_theme", "Community plan theme"
        PLEDGE = "pledge", "Council pledge"
        CORPORATE_OBJECTIVE = "corporate_objective", "Corporate plan objective"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    code = models.CharField(max_length=30, blank=True, help_text="For example “Pledge 4” or “C”.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    first_year = models.PositiveSmallIntegerField(
        help_text="First financial year this priority applies to, as its starting calendar year (2007 for 2007/08)."
    )
    last_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last financial year it applies to; blank while it still applies."
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "code", "title"]
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__isnull=True) | models.Q(last_year__gte=models.F("first_year")),
                name="priority_years_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}" if self.code else self.title

    @property
    def years_label(self) -> str:
        first = FinancialYear(self.first_year).label
        return (
            f"{first} onwards"
            if self.last_year is None
            else f"{first} to {FinancialYear(self.last_year).label}"
        )


class ReportingPeriod(models.Model):
    """A month, quarter, half-year or whole financial year that progress and values are reported for."""

    State = PeriodState

    financial_year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2008 for 2008/09.")
    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(
        help_text="Month 1–12 from April, quarter 1–4, half 1–2, or 1 for the year."
    )
    start_date = models.DateField(editable=False)
    end_date = models.DateField(editable=False)
    deadline = models.DateField(null=True, blank=True, help_text="When returns are due.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)

    class Meta:
        ordering = ["start_date", "-end_date"]
        constraints = [
            models.UniqueConstraint(fields=["financial_year", "kind", "number"], name="period_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="month", number__gte=1, number__lte=12)
                    | models.Q(kind="quarter", number__gte=1, number__lte=4)
                    | models.Q(kind="half", number__gte=1, number__lte=2)
                    | models.Q(kind="year", number=1)
                ),
                name="period_number_fits_kind",
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # The dates are derived from the year, kind and number, never typed: keep them in step.
        period = self.period
        self.start_date, self.end_date = period.start, period.end
        super().save(*args, **kwargs)

    @property
    def period(self) -> Period:
        return Period(FinancialYear(self.financial_year), PeriodKind(self.kind), self.number)

    @property
    def label(self) -> str:
        return self.period.label

    def clean(self):
        try:
            self.period  # noqa: B018 - validates the number for the kind
        except ValueError as error:
            raise ValidationError({"number": str(error)}) from error


class Plan(models.Model):
    """A service plan (one financial year) or service improvement plan (up to three years)."""

    class Frequency(models.TextChoices):
        """Plans report by quarters or halves: two of ``serviceplans.periods.Frequency``, with its words."""

        QUARTERLY = Frequency.QUARTERLY.value, Frequency.QUARTERLY.label
        HALF_YEARLY = Frequency.HALF_YEARLY.value, Frequency.HALF_YEARLY.label

    Status = PlanStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="plans")
    first_year = models.PositiveSmallIntegerField(
        help_text="First financial year, as its starting calendar year (2008 for 2008/09)."
    )
    years = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)], help_text="1 to 3 years."
    )
    reporting_frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    committee = models.CharField(
        max_length=200, blank=True, help_text="The committee that approves the plan."
    )
    approved_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans_owned"
    )
    introduction = models.TextField(blank=True)
    previous_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="following_plans",
        help_text="The plan this one carries work forward from.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(years__gte=1, years__lte=3), name="plan_years_1_to_3"),
        ]

    def __str__(self):
        return f"{self.title} {self.years_label}"

    @property
    def is_locked(self) -> bool:
        """Approved, published and archived plans keep their structure: tasks and indicators stay, and
        changes need a reason (see ``plans.rules.plan_structure_locked``)."""
        from .rules import plan_structure_locked

        return plan_structure_locked(self.status)

    @property
    def financial_years(self) -> list[FinancialYear]:
        return [FinancialYear(self.first_year + offset) for offset in range(self.years)]

    def reports_in(self, period: "ReportingPeriod") -> bool:
        """Is ``period`` one of this plan's reporting periods: its frequency, within its years?"""
        return period_belongs(
            period_kind=period.kind,
            period_year=period.financial_year,
            frequency=self.reporting_frequency,
            first_year=self.first_year,
            years=self.years,
        )

    @property
    def years_label(self) -> str:
        """“2008/09” for a one-year plan; “2006–2009” for a three-year plan, as councils write them."""
        if self.years == 1:
            return FinancialYear(self.first_year).label
        return f"{self.first_year}–{self.first_year + self.years}"


class PlanSection(models.Model):
    """A chapter of a plan: usually one service, section or team inside a departmental plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    unit = models.ForeignKey(
        OrganisationUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_sections"
    )
    introduction = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "title"]
        constraints = [models.UniqueConstraint(fields=["plan", "title"], name="section_title_unique_in_plan")]

    def __str__(self):
        return self.title


class Objective(models.Model):
    """A key objective of a plan (optionally of one section), linked to the council's priorities."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    section = models.ForeignKey(
        PlanSection, null=True, blank=True, on_delete=models.CASCADE, related_name="objectives"
    )
    reference = models.CharField(max_length=20, blank=True, help_text="For example “1”, “2a” or “C”.")
    text = models.TextField()
    priorities = models.ManyToManyField(Priority, blank=True, related_name="objectives")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "reference"]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.reference}. {text}" if self.reference else text

    def clean(self):
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            raise ValidationError({"section": "The section must belong to the same plan."})


class CouncilSettings(models.Model):
    """The council's own settings for judging performance: one row, kept in admin."""

    default_tolerance_percent = models.DecimalField(
        "default tolerance (% of target)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.5"),
        validators=[MinValueValidator(0)],
        help_text="Used for indicators that have no tolerance of their own.",
    )
    same_tolerance_percent = models.DecimalField(
        "direction of travel: “same” within (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(0)],
        help_text="A change smaller than this share of the earlier value counts as “same”.",
    )
    task_green_at = models.DecimalField(
        "tasks: green at (share of expected progress)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.90"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    task_amber_at = models.DecimalField(
        "tasks: amber at (share of expected progress)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.70"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    commentary_variance_points = models.PositiveSmallIntegerField(
        "commentary needed when progress differs from expected by more than (percentage points)",
        default=20,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = "council settings"
        verbose_name_plural = "council settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="council_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(task_amber_at__lte=models.F("task_green_at")), name="amber_below_green"
            ),
        ]

    def __str__(self):
        return "Council settings"

    @classmethod
    def load(cls) -> "CouncilSettings":
        return cls.objects.get_or_create(pk=1)[0]


class Delegation(models.Model):
    """One officer lets another report on their behalf (cover for leave, or a team member doing the
    returns), optionally for a limited time."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="delegations_given")
    delegate = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="delegations_received")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["officer__name", "delegate__name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(officer=models.F("delegate")), name="delegation_to_another"
            ),
        ]

    def __str__(self):
        return f"{self.officer.name} → {self.delegate.name}"


class Return(models.Model):
    """An officer's return for a quarter: their task updates and indicator values for it and for the months,
    half-year and year ending in it, submitted for their manager to approve or send back. No row means the
    return has not been started. Returns are made for quarters only, so nobody has two for the same months
    (``serviceplans.periods.return_period``)."""

    State = ReturnState

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="returns")
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="returns",
        limit_choices_to={"kind": "quarter"},
        help_text="Returns are made for quarters; months, half-years and the year belong to the quarter's.",
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.NOT_STARTED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True, help_text="The manager's reason for sending the return back.")
    gaps_reason = models.TextField(
        "why some updates or values are missing",
        blank=True,
        help_text="The officer's reason, given when they submitted the return with something missing.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__start_date", "officer__name"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "period"], name="one_return_per_officer_and_period"),
            models.CheckConstraint(
                condition=~models.Q(state="sent_back") | ~models.Q(comment=""),
                name="sent_back_return_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.officer.name} – {self.period}: {self.get_state_display()}"

    def clean(self):
        if self.period_id is not None and self.period.kind != "quarter":
            raise ValidationError(
                {"period": "Returns are made for quarters: choose the quarter this period ends in."}
            )
