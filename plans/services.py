"""Writes for plans and the reporting cycle: a plan's life from draft to archive, starting next year's plan,
and scheduling, opening, closing and publishing reporting periods.

Every step checks the pure rules in ``plans.rules`` and raises :class:`~plans.rules.IllegalTransition` with a
plain message when the object is not in a state that allows it; who may take a step is for
``serviceplans.permissions`` (the views ask it first).
"""

import logging
import re
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from serviceplans.copying import recorded_as
from serviceplans.periods import FinancialYear, Period, PeriodKind

from . import hooks
from .models import Objective, Plan, PlanSection, ReportingPeriod
from .rules import (
    IllegalTransition,
    carry_forward_check,
    default_deadline,
    period_step_check,
    plan_step_check,
)
from .selectors import periods_closed_with

logger = logging.getLogger(__name__)


def _log_when_committed(message: str, *args, **fields) -> None:
    """Log an event by name once the change is committed (a rolled-back step is not logged)."""
    transaction.on_commit(lambda: logger.info(message, *args, extra=fields))


__all__ = [
    "IllegalTransition",
    "period_close",
    "period_open",
    "period_publish",
    "period_schedule",
    "plan_approve",
    "plan_archive",
    "plan_carry_forward",
    "plan_publish",
    "plan_return_to_draft",
    "plan_submit",
]


def _plan_step(plan: Plan, action: str, user, reason: str = "", **changes) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    step = plan_step_check(action, plan.status)
    plan.status = step.target.value
    for name, value in changes.items():
        setattr(plan, name, value)
    recorded_as(plan, user, reason)
    plan.save()
    _log_when_committed(
        "Plan %s: %s (now %s)",
        plan.pk,
        action,
        plan.status,
        event=f"plan_{action}",
        plan_id=plan.pk,
        status=plan.status,
        by_user_id=getattr(user, "pk", None),
    )
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, user=None) -> Plan:
    """The owner sends a draft plan for the committee's approval."""
    return _plan_step(plan, "submit", user)


@transaction.atomic
def plan_return_to_draft(*, plan: Plan, user=None, reason: str = "") -> Plan:
    """A submitted plan goes back to draft, to be changed and submitted again."""
    return _plan_step(plan, "return_to_draft", user, reason)


@transaction.atomic
def plan_approve(*, plan: Plan, committee: str, approved_on: date, user=None) -> Plan:
    """Record the committee's approval, and the date. From now on the plan's structure is locked."""
    if not committee.strip():
        raise IllegalTransition("Enter the committee that approved the plan.")
    return _plan_step(plan, "approve", user, committee=committee.strip(), approved_on=approved_on)


@transaction.atomic
def plan_publish(*, plan: Plan, user=None) -> Plan:
    return _plan_step(plan, "publish", user)


@transaction.atomic
def plan_archive(*, plan: Plan, user=None) -> Plan:
    return _plan_step(plan, "archive", user)


def _next_slug(plan: Plan, first_year: int) -> str:
    """The old plan's slug with its years moved on (``…-2026-27`` → ``…-2027-28``), or one made from the
    title, made unique."""
    years = (
        f"{first_year}-{(first_year + 1) % 100:02d}"
        if plan.years == 1
        else f"{first_year}-{first_year + plan.years}"
    )
    base = re.sub(r"-\d{4}-\d{2,4}$", "", plan.slug) or slugify(plan.title)
    slug = candidate = f"{base}-{years}"[:120]
    number = 2
    while Plan.objects.filter(slug=candidate).exists():
        candidate = f"{slug[:115]}-{number}"
        number += 1
    return candidate


@transaction.atomic
def plan_carry_forward(*, plan: Plan, user=None) -> Plan:
    """Start next year's plan from ``plan``: a draft for the years that follow, with the same sections and
    objectives, the tasks not yet finished (each remembering the task it carries forward, with its officers
    and the milestones not yet done), and every indicator with its officers, frameworks and the targets
    already set for the new years. Only from an approved plan, and only once (:func:`carry_forward_check`)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    first_year = plan.first_year + plan.years
    carry_forward_check(
        plan.status,
        next_plan_exists=Plan.objects.filter(previous_plan=plan, first_year=first_year).exists(),
    )
    new = recorded_as(
        Plan(
            title=plan.title,
            slug=_next_slug(plan, first_year),
            unit=plan.unit,
            first_year=first_year,
            years=plan.years,
            reporting_frequency=plan.reporting_frequency,
            status=Plan.Status.DRAFT,
            owner=plan.owner,
            committee=plan.committee,
            introduction=plan.introduction,
            previous_plan=plan,
        ),
        user,
        f"Carried forward from {plan}",
    )
    new.save()
    sections = {}
    for section in plan.sections.all():
        sections[section.pk] = PlanSection.objects.create(
            plan=new,
            title=section.title,
            unit_id=section.unit_id,
            introduction=section.introduction,
            order=section.order,
        )
    objectives = {}
    for objective in plan.objectives.prefetch_related("priorities"):
        copy = Objective.objects.create(
            plan=new,
            section=sections.get(objective.section_id),
            reference=objective.reference,
            text=objective.text,
            order=objective.order,
        )
        copy.priorities.set(objective.priorities.all())
        objectives[objective.pk] = copy

    hooks.carry_forward_contents(plan=plan, new_plan=new, sections=sections, objectives=objectives, user=user)
    _log_when_committed(
        "Plan %s carried forward to plan %s",
        plan.pk,
        new.pk,
        event="plan_carry_forward",
        plan_id=plan.pk,
        new_plan_id=new.pk,
    )
    return new


# -- reporting periods -------------------------------------------------------------------------------------


@transaction.atomic
def period_schedule(
    *, financial_year: int, kinds: list[str], deadline_days: int = 30
) -> list[ReportingPeriod]:
    """Schedule the year's periods of each kind ("quarter", "half"), each due ``deadline_days`` after it ends
    (a weekend deadline moves back to the Friday). Periods that exist already are kept as they are; the new
    ones are returned. The quarters are always scheduled: returns are made for them, and every month's,
    half-year's and the year's updates belong to a quarter's return (``serviceplans.periods.return_period``)."""
    if "quarter" not in kinds:
        kinds = [*kinds, "quarter"]
    existing = set(
        ReportingPeriod.objects.filter(financial_year=financial_year, kind__in=kinds).values_list(
            "kind", "number"
        )
    )
    created = []
    for kind in kinds:
        for period in Period.for_year(FinancialYear(financial_year), PeriodKind(kind)):
            if (kind, period.number) in existing:
                continue
            try:
                with transaction.atomic():
                    created.append(
                        ReportingPeriod.objects.create(
                            financial_year=financial_year,
                            kind=kind,
                            number=period.number,
                            deadline=default_deadline(period.end, deadline_days),
                        )
                    )
            except IntegrityError:
                continue  # scheduled by someone else at the same moment: theirs is kept
    return created


def _period_step(period: ReportingPeriod, action: str) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    period.state = period_step_check(action, period.state).value
    period.save(update_fields=["state"])
    _log_when_committed(
        "Period %s: %s (now %s)",
        period.label,
        action,
        period.state,
        event=f"period_{action}",
        period_id=period.pk,
    )
    return period


@transaction.atomic
def period_open(*, period: ReportingPeriod) -> ReportingPeriod:
    """Open a scheduled period: its returns become due, and appear on officers' My updates pages. Opening a
    half-year or the year opens the quarter that ends with it too, when still scheduled: their updates are
    made in that quarter's return (a month's wait for their quarter to end)."""
    period = _period_step(period, "open")
    if period.kind in ("half", "year"):
        quarter = (
            ReportingPeriod.objects.filter(kind="quarter", end_date=period.end_date)
            .filter(state=ReportingPeriod.State.SCHEDULED)
            .first()
        )
        if quarter is not None:
            _period_step(quarter, "open")
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod) -> ReportingPeriod:
    """Close an open period: its returns become read-only to everyone but the performance team. A quarter and
    the half-year and year ending with it are made in one return, so closing one of them closes the others
    that are open too (:func:`plans.selectors.periods_closed_with`): otherwise a closed quarter's return would
    still take half-year updates, or a closed half-year leave its quarter's return open without them."""
    others = periods_closed_with(period)
    # All of them locked at once, in one order, so two people closing a quarter and its half-year at the same
    # moment take turns (the second finds both closed) instead of each holding one and waiting for the other.
    list(
        ReportingPeriod.objects.select_for_update().filter(Q(pk=period.pk) | Q(pk__in=others)).order_by("pk")
    )
    period = _period_step(period, "close")
    for other in others:  # read again now they are locked: one closed a moment ago by someone else is not
        _period_step(other, "close")
    return period


@transaction.atomic
def period_publish(*, period: ReportingPeriod) -> ReportingPeriod:
    """Publish a closed period: its judgements are frozen, so reports show what committees saw."""
    period = _period_step(period, "publish")
    hooks.period_published(period=period)
    return period
