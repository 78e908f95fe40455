"""Performance indicators, the frameworks they belong to, their targets and the values reported."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from plans.models import Officer, Plan, PlanSection, ReportingPeriod
from serviceplans.fields import BoundedDecimalField, decimal_bounds
from serviceplans.periods import Frequency, period_belongs

from . import rules, values


class Framework(models.Model):
    """A performance framework an indicator can belong to (Comm., LAA, Corp., NRF, CPA, BVPI, NI…)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    active = models.BooleanField(
        default=True, help_text="Untick when a framework is retired (as BVPIs were)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self):
        return self.code


class Indicator(models.Model):
    """A performance indicator (key performance measure) in a plan."""

    #: What next year's copy of an indicator keeps (``indicators.carry_forward``).
    CARRIED_FIELDS = (
        "name",
        "reference_code",
        "unit",
        "decimal_places",
        "polarity",
        "tolerance_percent",
        "aggregation",
        "collection_frequency",
        "data_only",
        "definition",
        "order",
    )

    # The words for units, polarities and aggregations are defined once, beside their rules.
    Unit = values.Unit
    Polarity = rules.Polarity
    Aggregation = rules.Aggregation

    Frequency = Frequency

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("key performance measure", max_length=400)
    reference_code = models.CharField(
        max_length=40, blank=True, help_text="A BVPI, NI or LG Inform metric id, e.g. “BV 12” or “NI 195”."
    )
    frameworks = models.ManyToManyField(Framework, blank=True, related_name="indicators")
    officers = models.ManyToManyField(
        Officer,
        through="IndicatorOfficer",
        related_name="indicators",
        verbose_name="responsible officers",
        blank=True,
    )
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    decimal_places = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(4)])
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    tolerance_percent = BoundedDecimalField(
        "tolerance (% of target)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Blank uses the council's default tolerance.",
    )
    aggregation = models.CharField(
        "how periods combine", max_length=10, choices=Aggregation.choices, default=Aggregation.LATEST
    )
    collection_frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    data_only = models.BooleanField(
        default=False, help_text="Monitored without a target, so never given a RAG status."
    )
    definition = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["plan", "section__order", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decimal_places__lte=4), name="indicator_decimal_places_0_to_4"
            ),
            models.CheckConstraint(
                condition=models.Q(tolerance_percent__isnull=True) | models.Q(tolerance_percent__gte=0),
                name="indicator_tolerance_not_negative",
            ),
            decimal_bounds(
                "tolerance_percent", max_digits=6, decimal_places=2, name="indicator_tolerance_in_bounds"
            ),
        ]

    def __str__(self):
        return f"{self.reference_code} {self.name}" if self.reference_code else self.name

    def collected_in(self, period: ReportingPeriod) -> bool:
        """Is ``period`` one this indicator is collected for: its frequency, within its plan's years?"""
        return period_belongs(
            period_kind=period.kind,
            period_year=period.financial_year,
            frequency=self.collection_frequency,
            first_year=self.plan.first_year,
            years=self.plan.years,
        )


class IndicatorOfficer(models.Model):
    """A responsible officer of an indicator, in order."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="indicator_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="indicator_roles")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "order", "id"]
        verbose_name = "responsible officer"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "officer"], name="indicator_officer_once")
        ]

    def __str__(self):
        return str(self.officer)


class Target(models.Model):
    """The target for a financial year, or for one period of it when the target is profiled.

    A target is a number or, as plans sometimes say, text (“Dependent on available funds”), never both.
    Last year's target is simply the target of the previous financial year.
    """

    #: What a target set for next year's plan keeps when the plan is carried forward.
    CARRIED_FIELDS = ("financial_year", "period", "value", "text", "tolerance_percent")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    financial_year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2008 for 2008/09.")
    period = models.ForeignKey(
        ReportingPeriod,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text="Blank for the annual target; a period for a profiled target.",
    )
    value = BoundedDecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.CharField(max_length=300, blank=True, help_text="A target that is words, not a number.")
    tolerance_percent = BoundedDecimalField(
        "tolerance (% of target)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="The tolerance in force for this target, when it differs from the indicator's.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "financial_year", "period__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year"],
                condition=models.Q(period__isnull=True),
                name="one_annual_target_per_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=models.Q(period__isnull=False),
                name="one_target_per_period",
            ),
            models.CheckConstraint(
                condition=(models.Q(value__isnull=False) & models.Q(text=""))
                | (models.Q(value__isnull=True) & ~models.Q(text="")),
                name="target_is_number_or_text",
            ),
            decimal_bounds("value", max_digits=20, decimal_places=4, name="target_value_in_bounds"),
            decimal_bounds(
                "tolerance_percent", max_digits=6, decimal_places=2, name="target_tolerance_in_bounds"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.period or self.financial_year}: {self.value if self.text == '' else self.text}"


class IndicatorValue(models.Model):
    """The actual reported for an indicator in a period, or “no data” with the reason why."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="indicator_values")
    value = BoundedDecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField(max_length=300, blank=True, help_text="For indicators measured in words.")
    no_data_reason = models.CharField(max_length=300, blank=True, help_text="Why there is no value.")
    note = models.TextField("commentary", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    target_applied = BoundedDecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        editable=False,
        help_text="The target this value was judged against when its period was published.",
    )
    tolerance_applied = BoundedDecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The tolerance (% of target) in force when its period was published.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_value_per_indicator_and_period"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False)
                | ~models.Q(text_value="")
                | ~models.Q(no_data_reason=""),
                name="value_or_reason_for_none",
            ),
            decimal_bounds("value", max_digits=20, decimal_places=4, name="indicator_value_in_bounds"),
            decimal_bounds(
                "target_applied", max_digits=20, decimal_places=4, name="target_applied_in_bounds"
            ),
            decimal_bounds(
                "tolerance_applied", max_digits=6, decimal_places=2, name="tolerance_applied_in_bounds"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.period}"

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.text_value != ""


class Judgement(models.Model):
    """An indicator's judgement for one period (RAG, ★●▲, the directions of travel and the reason, with the
    figures it was made on), exactly as the pages' rules give it (``indicators.performance``).

    Stored so that lists, the dashboard, reports and the API read judgements with a join instead of judging
    every indicator on every request. It is derived data, never typed: ``indicators.judgements`` writes it
    whenever a value, target, tolerance or anything else it depends on changes, and when a period is
    published. ``frozen`` says the period was published and its target and tolerance were fixed then (kept on
    the value, ``IndicatorValue.target_applied`` / ``tolerance_applied``), so the table can always be rebuilt
    from the records (``manage.py judgements_refresh``). A period is its financial year, kind and number,
    as ``ReportingPeriod`` is, so there is a judgement for every period of the plan's years (and the year
    before), whether or not that period has been scheduled yet. Figures are kept as exact decimal text
    (averages and pro-rata targets have more places than any column), with a float beside them to sort by.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="judgements")
    financial_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10)
    number = models.PositiveSmallIntegerField()
    rag = models.CharField(max_length=12)
    symbol = models.CharField(max_length=16)
    direction_last_year = models.CharField(max_length=10)
    direction_previous = models.CharField(max_length=10)
    reason = models.TextField()
    direction_last_year_reason = models.TextField(blank=True, default="")
    direction_previous_reason = models.TextField(blank=True, default="")
    target = models.CharField(max_length=80, blank=True, help_text="Exact decimal; blank for none.")
    target_sort = models.FloatField(null=True)
    target_text = models.CharField(max_length=300, blank=True)
    target_display = models.CharField(max_length=400, blank=True)
    actual = models.CharField(max_length=80, blank=True, help_text="Exact decimal; blank for none.")
    actual_sort = models.FloatField(null=True)
    actual_text = models.CharField(max_length=300, blank=True)
    actual_display = models.CharField(max_length=400, blank=True)
    tolerance_percent = models.CharField(max_length=40)
    no_data_reason = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    frozen = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year", "kind", "number"], name="one_judgement_per_period"
            )
        ]
        indexes = [
            models.Index(fields=["financial_year", "kind", "number", "rag"], name="judgement_period_rag"),
            # Every column ``join_judgement`` reads, after the unique key's: lists, the dashboard and reports
            # join each indicator to its judgement and read these from the index alone, not the wide row.
            models.Index(
                fields=[
                    "indicator",
                    "financial_year",
                    "kind",
                    "number",
                    "rag",
                    "no_data_reason",
                    "symbol",
                    "target_sort",
                    "actual_sort",
                ],
                name="judgement_joined_columns",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.financial_year} {self.kind} {self.number}: {self.rag}"
