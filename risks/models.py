"""The risk register: risks beside the plans, scored on the council's matrix and reviewed each period."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from actions.models import Task
from indicators.models import Indicator
from plans.models import Objective, Officer, OrganisationUnit, Plan, ReportingPeriod

from . import rules


def _level(verbose_name: str, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_SIZE)], **kwargs
    )


def _levels_in_bounds(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """Every level from 1 to the largest matrix (the council's matrix narrows it, in the services)."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": rules.MAX_SIZE}),
            name=f"{prefix}_{name}_on_matrix",
        )
        for name in fields
    ]


class RiskMatrix(models.Model):
    """The council's risk matrix: one row, kept in admin (Risk register → Risk matrix)."""

    size = models.PositiveSmallIntegerField(
        "matrix size",
        default=5,
        validators=[MinValueValidator(rules.MIN_SIZE), MaxValueValidator(rules.MAX_SIZE)],
        help_text="Levels of likelihood and of impact: 5 gives the usual 5 × 5 matrix.",
    )
    likelihood_words = models.TextField(
        default="\n".join(rules.DEFAULT_LIKELIHOOD_WORDS),
        help_text="One word a line, from the least likely (level 1) to the most likely.",
    )
    impact_words = models.TextField(
        default="\n".join(rules.DEFAULT_IMPACT_WORDS),
        help_text="One word a line, from the smallest impact (level 1) to the largest.",
    )
    amber_from = models.PositiveSmallIntegerField(
        "amber from score", default=5, help_text="A score at or above this is amber (unless it is red)."
    )
    red_from = models.PositiveSmallIntegerField(
        "red from score", default=15, help_text="A score at or above this is red."
    )
    green_word = models.CharField("word for green", max_length=30, default="Low")
    amber_word = models.CharField("word for amber", max_length=30, default="Medium")
    red_word = models.CharField("word for red", max_length=30, default="High")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "risk matrix"
        verbose_name_plural = "risk matrix"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="risk_matrix_single_row"),
            models.CheckConstraint(
                condition=models.Q(size__gte=rules.MIN_SIZE, size__lte=rules.MAX_SIZE),
                name="risk_matrix_size_in_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(amber_from__gt=1, red_from__gte=models.F("amber_from")),
                name="risk_matrix_bands_in_order",
            ),
        ]

    def __str__(self):
        return f"Risk matrix, {self.size} × {self.size}"

    @classmethod
    def load(cls) -> "RiskMatrix":
        return cls.objects.get_or_create(pk=1)[0]

    def as_rules(self) -> rules.Matrix:
        """The matrix as :class:`risks.rules.Matrix` (raises :class:`rules.MatrixError` if it is unsound)."""
        return rules.Matrix(
            size=self.size,
            likelihood_words=rules.words_from_text(self.likelihood_words),
            impact_words=rules.words_from_text(self.impact_words),
            amber_from=self.amber_from,
            red_from=self.red_from,
            band_words={rules.RED: self.red_word, rules.AMBER: self.amber_word, rules.GREEN: self.green_word},
        )


class RiskCategory(models.Model):
    """Strategic, operational, financial… the council's own list, kept in admin."""

    name = models.CharField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "risk categories"

    def __str__(self):
        return self.name


class Risk(models.Model):
    """A risk held by a part of the council (and optionally a plan), scored inherent, current and target."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="risks")
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks")
    reference = models.CharField(max_length=20, unique=True, help_text="For example “ENV-R03”.")
    title = models.CharField(max_length=300)
    cause = models.TextField(blank=True, help_text="What could make it happen.")
    effect = models.TextField(blank=True, help_text="What would happen if it did.")
    category = models.ForeignKey(RiskCategory, on_delete=models.PROTECT, related_name="risks")
    owners = models.ManyToManyField(Officer, through="RiskOwner", related_name="risks_owned")
    objectives = models.ManyToManyField(Objective, blank=True, related_name="risks")
    tasks = models.ManyToManyField(
        Task, blank=True, related_name="risks", help_text="Tasks that treat the risk or are exposed to it."
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="risks", help_text="Indicators that signal it."
    )
    controls = models.TextField("existing controls", blank=True)
    further_actions = models.TextField(blank=True, help_text="What more will be done.")
    action_tasks = models.ManyToManyField(
        Task, blank=True, related_name="risks_actioned", verbose_name="further actions (tasks)"
    )
    review_date = models.DateField(null=True, blank=True, help_text="When it is next to be reviewed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.TextField(blank=True, help_text="Why the risk was closed.")
    closed_on = models.DateField(null=True, blank=True)
    inherent_likelihood = _level("inherent likelihood")
    inherent_impact = _level("inherent impact")
    current_likelihood = _level("current likelihood")
    current_impact = _level("current impact")
    target_likelihood = _level("target likelihood")
    target_impact = _level("target impact")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["reference"]
        constraints = [
            *_levels_in_bounds(
                "risk",
                "inherent_likelihood",
                "inherent_impact",
                "current_likelihood",
                "current_impact",
                "target_likelihood",
                "target_impact",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(closed_reason=""),
                name="closed_risk_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def current_score(self) -> int:
        return self.current_likelihood * self.current_impact

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact


class RiskOwner(models.Model):
    """An owner of a risk, in the order the register names them."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="risk_owners")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="risk_roles")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["risk", "order", "id"]
        verbose_name = "risk owner"
        constraints = [models.UniqueConstraint(fields=["risk", "officer"], name="risk_owner_once")]

    def __str__(self):
        return str(self.officer)


class RiskReview(models.Model):
    """An owner's review of a risk in a reporting period: its current score and how the controls are doing."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="risk_reviews")
    likelihood = _level("current likelihood")
    impact = _level("current impact")
    commentary = models.TextField("commentary on the controls", blank=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one at every save, so two people's edits never collide.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "period__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "period"], name="one_review_per_risk_and_period"),
            *_levels_in_bounds("review", "likelihood", "impact"),
        ]

    def __str__(self):
        return f"{self.risk.reference} – {self.period}: {self.score}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact
