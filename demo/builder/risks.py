"""The demo council's risk register (``demo/data/risks.json``): about 25 risks across its directorates, some
linked to its tasks and indicators, with two quarters of reviews.

Idempotent like the rest of the demo: a risk is looked up by its reference and made once, with its reviews;
nothing that exists is changed.
"""

from __future__ import annotations

from datetime import date, timedelta

from actions.models import Task
from indicators.models import Indicator
from plans.models import Officer, OrganisationUnit, Plan, ReportingPeriod
from risks.models import Risk, RiskCategory, RiskOwner, RiskReview

from .. import content as c


def _quarters_reviewed(periods: dict) -> list[ReportingPeriod]:
    """The two latest quarters that have been reported (closed or published)."""
    reported = (ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED)
    quarters = sorted(
        (p for p in periods.values() if p.kind == "quarter" and p.state in reported), key=lambda p: p.end_date
    )
    return quarters[-2:]


def risk_register_ensure(
    *,
    units: dict,
    officers: dict,
    periods: dict,
    plans: list[Plan],
    this_year: int,
    users_of_officers: dict,
    today: date,
) -> int:
    """Make the register's risks that are missing, with their reviews; returns how many were made."""
    existing = set(
        Risk.objects.filter(reference__in=[s.reference for s in c.RISKS]).values_list("reference", flat=True)
    )
    quarters = _quarters_reviewed(periods)
    categories = {
        name: RiskCategory.objects.get_or_create(name=name)[0] for name in {s.category for s in c.RISKS}
    }
    plan_by_unit: dict[int, Plan] = {}
    for plan in plans:
        if plan.first_year == this_year:
            plan_by_unit.setdefault(plan.unit_id, plan)
    made = 0
    for index, spec in enumerate(c.RISKS):
        if spec.reference in existing or spec.unit not in units:
            continue
        unit: OrganisationUnit = units[spec.unit]
        owners: list[Officer] = [officers[key] for key in spec.owners if key in officers]
        if not owners:
            continue
        plan = _plan_for(unit, units, plan_by_unit)
        current = spec.reviews[-1] if quarters else spec.inherent
        risk = Risk(
            unit=unit,
            plan=plan,
            reference=spec.reference,
            title=spec.title,
            cause=spec.cause,
            effect=spec.effect,
            category=categories[spec.category],
            controls=spec.controls,
            further_actions=spec.further_actions,
            review_date=today + timedelta(days=(index % 5) * 30 - 20),
            inherent_likelihood=spec.inherent[0],
            inherent_impact=spec.inherent[1],
            current_likelihood=current[0],
            current_impact=current[1],
            target_likelihood=spec.target[0],
            target_impact=spec.target[1],
        )
        if spec.reference in c.CLOSED:
            risk.status, risk.closed_reason, risk.closed_on = (
                Risk.Status.CLOSED,
                c.CLOSED[spec.reference],
                today,
            )
        risk.save()
        RiskOwner.objects.bulk_create(
            RiskOwner(risk=risk, officer=officer, order=order) for order, officer in enumerate(owners)
        )
        tasks = Task.objects.filter(section__unit=unit, plan__in=plans).order_by("category", "id")
        if spec.link_task:
            task = tasks.filter(category="risk_management").first() or tasks.first()
            if task is not None:
                risk.tasks.add(task)
                if task.objective_id:
                    risk.objectives.add(task.objective_id)
                risk.action_tasks.add(task)
        if spec.link_indicator:
            indicator = Indicator.objects.filter(section__unit=unit, plan__in=plans).order_by("id").first()
            if indicator is not None:
                risk.indicators.add(indicator)
        for (likelihood, impact), period, words in zip(
            spec.reviews[-len(quarters) :] if quarters else (),
            quarters,
            spec.commentary or ("",) * 2,
            strict=False,
        ):
            RiskReview.objects.create(
                risk=risk,
                period=period,
                likelihood=likelihood,
                impact=impact,
                commentary=words or "Controls reviewed; no change.",
                reviewed_by=users_of_officers.get(spec.owners[0]),
            )
        made += 1
    return made


def _plan_for(unit: OrganisationUnit, units: dict, plan_by_unit: dict[int, Plan]) -> Plan | None:
    """This year's plan of the unit or the nearest unit above it."""
    by_id = {u.pk: u for u in units.values()}
    current: OrganisationUnit | None = unit
    while current is not None:
        if current.pk in plan_by_unit:
            return plan_by_unit[current.pk]
        current = by_id.get(current.parent_id)
    return None
