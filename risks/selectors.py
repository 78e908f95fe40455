"""Reads for the risk register, with every join they need: no query per row."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery

from actions.models import Task
from indicators.models import Indicator
from indicators.rules import Direction
from plans.models import Objective, ReportingPeriod
from serviceplans.history import history_entries
from serviceplans.status import STATUS_LOOKS, StatusLook

from . import rules
from .models import Risk, RiskMatrix, RiskOwner, RiskReview


def matrix() -> rules.Matrix:
    """The council's matrix, as the rules use it."""
    return RiskMatrix.load().as_rules()


def band_look(band: str, matrix: rules.Matrix) -> StatusLook:
    """How a band is shown: the council's word with the band's mark and colour (``serviceplans.status``)."""
    look = STATUS_LOOKS[f"risk_{band}"]
    return StatusLook(rules.band_word(band, matrix), look.mark, look.colour)


def _review_score(position: int):
    reviews = (
        RiskReview.objects.filter(risk=OuterRef("pk"))
        .order_by("-period__end_date", "-period__start_date")
        .annotate(review_score=F("likelihood") * F("impact"))
        .values("review_score")[position : position + 1]
    )
    return Subquery(reviews, output_field=IntegerField())


def risks_in_scope() -> QuerySet[Risk]:
    """Risks with their unit, plan, category and owners; each with ``score_value`` (current score),
    ``last_review_score`` and ``previous_review_score`` (for the direction since the last review) and
    ``last_reviewed_period_end``. Two queries, however many risks."""
    last_period = (
        RiskReview.objects.filter(risk=OuterRef("pk"))
        .order_by("-period__end_date")
        .values("period__end_date")[:1]
    )
    return (
        Risk.objects.select_related("unit", "plan", "category")
        .prefetch_related(Prefetch("risk_owners", RiskOwner.objects.select_related("officer")))
        .annotate(
            score_value=F("current_likelihood") * F("current_impact"),
            last_review_score=_review_score(0),
            previous_review_score=_review_score(1),
            last_reviewed_period_end=Subquery(last_period),
        )
    )


def risk_direction(risk) -> Direction:
    return rules.direction(risk.previous_review_score, risk.last_review_score)


def risk_for_page() -> QuerySet[Risk]:
    return risks_in_scope().prefetch_related(
        Prefetch("objectives", queryset=_objectives()),
        Prefetch("tasks", Task.objects.select_related("plan", "section")),
        Prefetch("action_tasks", Task.objects.select_related("plan", "section")),
        Prefetch("indicators", Indicator.objects.select_related("plan")),
        Prefetch(
            "reviews",
            RiskReview.objects.select_related("period", "reviewed_by").order_by("period__start_date"),
        ),
    )


def _objectives():
    return Objective.objects.select_related("plan")


@dataclass(frozen=True)
class ReviewRow:
    review: RiskReview
    score: int
    band: str
    direction: Direction


def review_rows(reviews: Iterable[RiskReview], matrix: rules.Matrix) -> list[ReviewRow]:
    """Each review in period order with its score, band and direction since the review before."""
    rows, previous = [], None
    for review in reviews:
        score = review.score
        rows.append(
            ReviewRow(
                review,
                score,
                rules.band(min(score, matrix.max_score), matrix),
                rules.direction(previous, score),
            )
        )
        previous = score
    return rows


def risk_history(risk: Risk) -> list:
    """The risk's audit trail: changes to the risk and to its reviews, newest first."""
    risk_records = Risk.history.filter(id=risk.pk).select_related("history_user")
    review_records = RiskReview.history.filter(risk_id=risk.pk).select_related("history_user", "period")
    return sorted(
        history_entries(risk_records, what=lambda r: "Risk")
        + history_entries(review_records, what=lambda r: f"Review, {r.period.label}"),
        key=lambda entry: entry.when,
        reverse=True,
    )


def heat_map_counts(queryset: QuerySet[Risk]) -> Counter:
    """How many of these risks sit in each (likelihood, impact) cell by their current score: one query."""
    cells = queryset.order_by().values("current_likelihood", "current_impact").annotate(n=Count("id"))
    return Counter({(c["current_likelihood"], c["current_impact"]): c["n"] for c in cells})


def review_periods_for(risk: Risk) -> list[ReportingPeriod]:
    """The open periods in which ``risk`` is reviewed (quarters, or half-years for a half-yearly plan's)."""
    kind = rules.review_period_kind(risk.plan.reporting_frequency if risk.plan_id else None)
    return list(
        ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN, kind=kind).order_by("start_date")
    )


@dataclass
class RiskDue:
    """A risk an officer reviews in an open period, with this period's review and the one before."""

    risk: Risk
    period: ReportingPeriod
    review: RiskReview | None
    previous: RiskReview | None


def my_risk_reviews(officer_ids: Iterable[int], periods: Iterable[ReportingPeriod]) -> list[RiskDue]:
    """The open risks these officers own, with their review in each open period of the kind they are
    reviewed in. Three queries."""
    officer_ids, periods = list(officer_ids), list(periods)
    if not officer_ids or not periods:
        return []
    risks = (
        Risk.objects.filter(status=Risk.Status.OPEN, risk_owners__officer_id__in=officer_ids)
        .distinct()
        .select_related("unit", "plan")
        .prefetch_related(
            "risk_owners",
            Prefetch("reviews", RiskReview.objects.select_related("period").order_by("period__start_date")),
        )
        .order_by("reference")
    )
    due = []
    for risk in risks:
        kind = rules.review_period_kind(risk.plan.reporting_frequency if risk.plan_id else None)
        reviews = list(risk.reviews.all())
        for period in periods:
            if period.kind != kind:
                continue
            this = next((r for r in reviews if r.period_id == period.pk), None)
            earlier = [r for r in reviews if r.period.end_date < period.end_date]
            due.append(RiskDue(risk, period, this, earlier[-1] if earlier else None))
    return due


def review_counts(
    period: ReportingPeriod, officer_ids: Iterable[int], members: Iterable[ReportingPeriod] = ()
) -> dict[int, tuple[int, int]]:
    """For each officer: (reviews done, reviews due) of the open risks they own, in ``period`` and the other
    periods of its return (``members``: a quarter's return holds the half-year ending with it). One query.
    A risk with two owners counts for each, as a task with two officers does."""
    kinds = {p.kind: p.pk for p in [period, *members] if p.kind in ("quarter", "half")}
    if not kinds:
        return {}
    links = (
        RiskOwner.objects.filter(officer_id__in=list(officer_ids), risk__status=Risk.Status.OPEN)
        .annotate(
            done=Exists(
                RiskReview.objects.filter(risk=OuterRef("risk_id"), period_id__in=list(kinds.values()))
            )
        )
        .values_list("officer_id", "risk__plan__reporting_frequency", "done")
    )
    counts: dict[int, list[int]] = {}
    for officer_id, frequency, done in links:
        if rules.review_period_kind(frequency) not in kinds:
            continue
        tally = counts.setdefault(officer_id, [0, 0])
        tally[0] += bool(done)
        tally[1] += 1
    return {officer_id: (done, due) for officer_id, (done, due) in counts.items()}


# -- the committee report's risks annex (read by reporting.reports.content) --------------------------------


def risks_in_report_scope(
    *, plan=None, unit_ids: Iterable[int] | None = None, tree=None, closed_too: bool = False
) -> QuerySet[Risk]:
    """Open risks a report covers: for a plan, those linked to it or held by its unit or a unit beneath; for
    a part of the council, those held by it or a unit beneath."""
    from django.db.models import Q

    from plans.selectors import unit_tree

    if plan is not None:
        ids = (tree or unit_tree()).descendant_ids(plan.unit_id)
        wanted = Q(plan=plan) | Q(unit_id__in=ids)
    else:
        wanted = Q(unit_id__in=list(unit_ids or []))
    risks = Risk.objects.filter(wanted)
    return risks if closed_too else risks.filter(status=Risk.Status.OPEN)


def matrix_as_data(current: rules.Matrix) -> dict:
    return {
        "size": current.size,
        "likelihood_words": list(current.likelihood_words),
        "impact_words": list(current.impact_words),
        "amber_from": current.amber_from,
        "red_from": current.red_from,
        "band_words": dict(current.band_words),
    }


def matrix_from_data(data: dict) -> rules.Matrix:
    return rules.Matrix(
        size=data["size"],
        likelihood_words=tuple(data["likelihood_words"]),
        impact_words=tuple(data["impact_words"]),
        amber_from=data["amber_from"],
        red_from=data["red_from"],
        band_words=dict(data["band_words"]),
    )


def risks_annex(*, period: ReportingPeriod, plan=None, unit_ids: Iterable[int] | None = None) -> dict:
    """The risks annex as plain data (a published report keeps it as JSON): each open risk in scope with
    its score as reviewed for the period (the review of a period ending the same day, else the latest
    before it, else the risk's current score), band in the council's words, direction since the review
    before, the owner's commentary, and the heat map's counts. Three queries, however many risks."""
    current = matrix()
    risks = (
        risks_in_report_scope(plan=plan, unit_ids=unit_ids)
        .select_related("unit", "category")
        .prefetch_related(
            Prefetch("risk_owners", RiskOwner.objects.select_related("officer")),
            Prefetch(
                "reviews",
                RiskReview.objects.filter(period__end_date__lte=period.end_date)
                .select_related("period")
                .order_by("period__end_date", "period__start_date"),
            ),
        )
    )
    rows, cells = [], Counter()
    for risk in risks:
        reviews = list(risk.reviews.all())
        this = reviews[-1] if reviews else None
        before = reviews[-2] if len(reviews) > 1 else None
        likelihood, impact = (
            (this.likelihood, this.impact) if this else (risk.current_likelihood, risk.current_impact)
        )
        likelihood, impact = min(likelihood, current.size), min(impact, current.size)
        value = likelihood * impact
        band = rules.band(value, current)
        cells[(likelihood, impact)] += 1
        rows.append(
            {
                "reference": risk.reference,
                "title": risk.title,
                "unit": risk.unit.name,
                "category": risk.category.name,
                "owners": ", ".join(link.officer.name for link in risk.risk_owners.all()),
                "likelihood": likelihood,
                "impact": impact,
                "words": rules.describe(likelihood, impact, current),
                "score": value,
                "band": band,
                "band_word": rules.band_word(band, current),
                "target_score": risk.target_score,
                "direction": rules.direction(
                    before.score if before else None, this.score if this else None
                ).value,
                "commentary": this.commentary if this else "",
                "reviewed_in": this.period.label if this else "",
                "review_is_current": bool(this and this.period.end_date == period.end_date),
            }
        )
    rows.sort(key=lambda row: (-row["score"], row["reference"]))
    return {
        "matrix": matrix_as_data(current),
        "risks": rows,
        "cells": [[likelihood, impact, count] for (likelihood, impact), count in sorted(cells.items())],
    }


def section_risks(plan, sections: Iterable[tuple[int, int | None]]) -> dict[int, list[dict]]:
    """For the plan document: the open risks of each section (``(section id, unit id)`` pairs, in order),
    held by the section's unit or a unit beneath it; each risk once, in the first section that holds it.
    Rows carry the current and target scores in the council's words. Three queries."""
    from plans.selectors import unit_tree

    current, tree = matrix(), unit_tree()
    risks = list(
        risks_in_report_scope(plan=plan, tree=tree)
        .select_related("category")
        .prefetch_related(Prefetch("risk_owners", RiskOwner.objects.select_related("officer")))
        .order_by("reference")
    )
    found: dict[int, list[dict]] = {}
    placed: set[int] = set()
    for section_id, unit_id in sections:
        if unit_id is None:
            continue
        units = tree.descendant_ids(unit_id)
        for risk in risks:
            if risk.pk in placed or risk.unit_id not in units:
                continue
            placed.add(risk.pk)
            likelihood, impact = (
                min(risk.current_likelihood, current.size),
                min(risk.current_impact, current.size),
            )
            band = rules.band(likelihood * impact, current)
            found.setdefault(section_id, []).append(
                {
                    "reference": risk.reference,
                    "title": risk.title,
                    "category": risk.category.name,
                    "owners": ", ".join(link.officer.name for link in risk.risk_owners.all()),
                    "controls": risk.controls,
                    "words": rules.describe(likelihood, impact, current),
                    "look": band_look(band, current),
                    "target_score": risk.target_score,
                }
            )
    return found
