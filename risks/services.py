"""Writes for the risk register: creating, changing and closing risks, and saving an owner's review.

Every write checks the levels against the council's matrix and a closed risk's reason; bad input raises
:class:`django.core.exceptions.ValidationError` with the field it is about, and nothing is written.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from plans.models import Officer, ReportingPeriod
from serviceplans.copying import recorded_as
from serviceplans.permissions import Actor
from serviceplans.versioning import SaveConflict, versioned_save

from . import rules
from .models import Risk, RiskMatrix, RiskOwner, RiskReview
from .permissions import can_review_risk

LEVEL_FIELDS = (
    "inherent_likelihood",
    "inherent_impact",
    "current_likelihood",
    "current_impact",
    "target_likelihood",
    "target_impact",
)
TEXT_FIELDS = ("reference", "title", "cause", "effect", "controls", "further_actions", "closed_reason")
PLAIN_FIELDS = ("unit", "plan", "category", "review_date", *TEXT_FIELDS, *LEVEL_FIELDS)
LINK_FIELDS = ("objectives", "tasks", "indicators", "action_tasks")


class ReviewConflict(SaveConflict):
    """Someone else saved this review after the form was opened; ``current`` is what they saved."""

    message = "The review was changed by someone else after you opened it."


def level_errors(values: dict, matrix: rules.Matrix) -> dict[str, str]:
    """Each level that is not on the matrix, by field."""
    errors = {}
    for name, value in values.items():
        try:
            rules.check_level(value, matrix, name.replace("_", " "))
        except rules.MatrixError as error:
            errors[name] = str(error)
    return errors


def _check(risk: Risk, owners: list[Officer] | None, matrix: rules.Matrix) -> None:
    errors = risk_errors(risk, owners, matrix)
    if errors:
        raise ValidationError(errors)


def risk_errors(risk: Risk, owners: list[Officer] | None, matrix: rules.Matrix) -> dict[str, list[str]]:
    """Everything wrong with ``risk`` (not yet saved) by field: levels off the matrix, a missing or taken
    reference, no title, a closed risk with no reason, no owner (when ``owners`` is given)."""
    errors: dict[str, list[str]] = {}
    for name, message in level_errors({f: getattr(risk, f) for f in LEVEL_FIELDS}, matrix).items():
        errors.setdefault(name, []).append(message)
    if not risk.reference.strip():
        errors.setdefault("reference", []).append("Enter the risk's reference.")
    elif Risk.objects.filter(reference=risk.reference).exclude(pk=risk.pk).exists():
        errors.setdefault("reference", []).append(f"Another risk already has the reference {risk.reference}.")
    if not risk.title.strip():
        errors.setdefault("title", []).append("Enter the risk's title.")
    for message in rules.closing_problems(risk.status, risk.closed_reason):
        errors.setdefault("closed_reason", []).append(message)
    if owners is not None and not owners:
        errors.setdefault("owners", []).append("Name at least one owner.")
    return errors


def _set_links(risk: Risk, owners: list[Officer] | None, links: dict[str, Iterable]) -> None:
    if owners is not None:
        RiskOwner.objects.filter(risk=risk).delete()
        RiskOwner.objects.bulk_create(
            RiskOwner(risk=risk, officer=officer, order=order) for order, officer in enumerate(owners)
        )
    for name, items in links.items():
        getattr(risk, name).set(list(items))


def _saved(risk: Risk, user, reason: str = "") -> Risk:
    if user is not None:
        risk._history_user = user
    if reason:
        risk._change_reason = reason
    risk.save()
    return risk


@transaction.atomic
def risk_create(*, user=None, owners: list[Officer], **fields) -> Risk:
    """A new open risk. ``fields`` are the risk's own fields and its links (``objectives``, ``tasks``,
    ``indicators``, ``action_tasks``: iterables); ``owners`` in order, at least one."""
    links = {name: fields.pop(name) for name in LINK_FIELDS if name in fields}
    unknown = set(fields) - set(PLAIN_FIELDS)
    if unknown:
        raise TypeError(f"risk_create() got unexpected fields: {', '.join(sorted(unknown))}")
    for name in TEXT_FIELDS:
        fields[name] = (fields.get(name) or "").strip()
    risk = Risk(status=Risk.Status.OPEN, **fields)
    _check(risk, list(owners), RiskMatrix.load().as_rules())
    _saved(risk, user)
    _set_links(risk, list(owners), links)
    return risk


@transaction.atomic
def risk_update(
    *, risk: Risk, user=None, reason: str = "", owners: list[Officer] | None = None, **fields
) -> Risk:
    """Change a risk's details, scores or links. Its status changes only through :func:`risk_close` and
    :func:`risk_reopen`."""
    links = {name: fields.pop(name) for name in LINK_FIELDS if name in fields}
    unknown = set(fields) - set(PLAIN_FIELDS)
    if unknown:
        raise TypeError(f"risk_update() got unexpected fields: {', '.join(sorted(unknown))}")
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    for name, value in fields.items():
        setattr(risk, name, value.strip() if name in TEXT_FIELDS and isinstance(value, str) else value)
    _check(risk, list(owners) if owners is not None else None, RiskMatrix.load().as_rules())
    _saved(risk, user, reason)
    _set_links(risk, list(owners) if owners is not None else None, links)
    return risk


@transaction.atomic
def risk_close(*, risk: Risk, reason: str, user=None, on: date | None = None) -> Risk:
    """Close an open risk, saying why (it has passed, been transferred, been merged into another…)."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if risk.status == Risk.Status.CLOSED:
        raise ValidationError({"closed_reason": f"{risk.reference} is already closed."})
    problems = rules.closing_problems(Risk.Status.CLOSED, reason)
    if problems:
        raise ValidationError({"closed_reason": problems})
    risk.status, risk.closed_reason, risk.closed_on = Risk.Status.CLOSED, reason.strip(), on or date.today()
    return _saved(risk, user, f"Closed: {reason.strip()}")


@transaction.atomic
def risk_reopen(*, risk: Risk, reason: str, user=None) -> Risk:
    """Open a closed risk again."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if risk.status == Risk.Status.OPEN:
        raise ValidationError({"status": f"{risk.reference} is already open."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the risk is open again."})
    risk.status, risk.closed_reason, risk.closed_on = Risk.Status.OPEN, "", None
    return _saved(risk, user, f"Reopened: {reason.strip()}")


def previous_review(risk: Risk, period: ReportingPeriod) -> RiskReview | None:
    return (
        RiskReview.objects.filter(risk=risk, period__end_date__lt=period.end_date)
        .order_by("-period__end_date", "-period__start_date")
        .first()
    )


@transaction.atomic
def risk_review_save(
    *,
    risk: Risk,
    period: ReportingPeriod,
    actor: Actor,
    user,
    likelihood: int,
    impact: int,
    commentary: str,
    seen_version: int,
) -> RiskReview:
    """Save the owner's review of ``risk`` for ``period``, as ``user`` saw it at ``seen_version`` (0 = none
    yet). Only an owner, their delegate, a manager of the risk's unit or the performance team, and only while
    the period is open to them (``risks.permissions.can_review_risk``). If anyone saved the review since,
    nothing is written and :class:`ReviewConflict` carries theirs. The review of the latest period sets the
    risk's current score."""
    risk = Risk.objects.select_for_update().prefetch_related("risk_owners").get(pk=risk.pk)
    if not can_review_risk(actor, risk, period):
        raise PermissionDenied(f"You cannot review {risk.reference} for {period.label}.")
    matrix = RiskMatrix.load().as_rules()
    errors = level_errors({"likelihood": likelihood, "impact": impact}, matrix)
    commentary = commentary.strip()
    if not errors:
        earlier = previous_review(risk, period)
        new_score = likelihood * impact
        needs = rules.review_needs_commentary(
            earlier.score if earlier else None, new_score, rules.band(new_score, matrix)
        )
        if needs and not commentary:
            errors["commentary"] = (
                "Say how the controls are working: the score has changed, this is the first review, or the "
                "risk is red."
            )
    if errors:
        raise ValidationError(errors)

    def change(review: RiskReview) -> None:
        review.likelihood, review.impact, review.commentary = likelihood, impact, commentary
        review.reviewed_by = user
        recorded_as(review, user)

    review = versioned_save(
        RiskReview,
        lookup={"risk": risk, "period": period},
        seen_version=seen_version,
        change=change,
        conflict=ReviewConflict,
    )
    later = RiskReview.objects.filter(risk=risk, period__end_date__gt=period.end_date).exists()
    if not later and (risk.current_likelihood, risk.current_impact) != (likelihood, impact):
        risk.current_likelihood, risk.current_impact = likelihood, impact
        _saved(risk, user, f"Reviewed for {period.label}")
    return review
