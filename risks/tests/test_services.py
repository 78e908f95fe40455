"""Writes: creating, changing, closing risks and saving reviews, with the council's matrix and the same
permission and conflict rules as task updates."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from plans.models import ReportingPeriod
from plans.permissions import actor_for
from risks.models import Risk, RiskCategory, RiskMatrix, RiskReview
from risks.services import ReviewConflict, risk_close, risk_create, risk_reopen, risk_review_save, risk_update
from risks.tests.factories import RiskFactory, RiskOwnerFactory, RiskReviewFactory
from serviceplans.permissions import Actor
from serviceplans.roles import PERFORMANCE_TEAM
from tests.factories import (
    OfficerFactory,
    OrganisationUnitFactory,
    ReportingPeriodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LEVELS = {
    "inherent_likelihood": 4,
    "inherent_impact": 5,
    "current_likelihood": 3,
    "current_impact": 4,
    "target_likelihood": 2,
    "target_impact": 3,
}


def test_categories_are_preloaded_in_order():
    assert list(RiskCategory.objects.values_list("name", flat=True)) == [
        "Strategic",
        "Operational",
        "Financial",
        "Reputational",
        "Legal",
        "Health and safety",
        "ICT",
        "Partnership",
    ]


def test_create_a_risk_with_owners_in_order_and_history():
    unit = OrganisationUnitFactory()
    first, second = OfficerFactory(name="Zoe Adams"), OfficerFactory(name="Alan Brown")
    user = UserFactory()
    risk = risk_create(
        user=user,
        owners=[first, second],
        unit=unit,
        reference=" W-01 ",
        title="Waste contract fails",
        category=RiskCategory.objects.get(name="Financial"),
        **LEVELS,
    )
    assert risk.reference == "W-01"
    assert [link.officer for link in risk.risk_owners.all()] == [first, second]
    assert (risk.inherent_score, risk.current_score, risk.target_score) == (20, 12, 6)
    assert risk.history.get().history_user == user


def test_create_refuses_levels_off_the_councils_matrix_and_writes_nothing():
    matrix = RiskMatrix.load()
    matrix.size, matrix.likelihood_words, matrix.impact_words = 4, "a\nb\nc\nd", "e\nf\ng\nh"
    matrix.amber_from, matrix.red_from = 4, 9
    matrix.save()
    with pytest.raises(ValidationError) as caught:
        risk_create(
            owners=[OfficerFactory()],
            unit=OrganisationUnitFactory(),
            reference="X1",
            title="T",
            category=RiskCategory.objects.first(),
            **LEVELS,
        )
    assert "from 1 to 4" in caught.value.message_dict["inherent_impact"][0]
    assert not Risk.objects.exists()


def test_create_needs_an_owner_and_a_unique_reference():
    RiskFactory(reference="DUP")
    with pytest.raises(ValidationError) as caught:
        risk_create(
            owners=[],
            unit=OrganisationUnitFactory(),
            reference="DUP",
            title="T",
            category=RiskCategory.objects.first(),
            **LEVELS,
        )
    assert set(caught.value.message_dict) == {"owners", "reference"}


def test_update_changes_fields_links_and_records_the_reason():
    risk = RiskFactory()
    officer = OfficerFactory()
    risk_update(risk=risk, owners=[officer], title="New title", target_impact=1, reason="Re-scored")
    risk.refresh_from_db()
    assert (risk.title, risk.target_impact) == ("New title", 1)
    assert [link.officer for link in risk.risk_owners.all()] == [officer]
    assert risk.history.first().history_change_reason == "Re-scored"


def test_close_needs_a_reason_and_reopen_clears_it():
    risk = RiskFactory()
    with pytest.raises(ValidationError):
        risk_close(risk=risk, reason=" ")
    risk_close(risk=risk, reason="Contract ended", on=date(2026, 9, 1))
    risk.refresh_from_db()
    assert (risk.status, risk.closed_reason, risk.closed_on) == ("closed", "Contract ended", date(2026, 9, 1))
    with pytest.raises(ValidationError, match="already closed"):
        risk_close(risk=risk, reason="again")
    risk_reopen(risk=risk, reason="Contract re-let")
    risk.refresh_from_db()
    assert (risk.status, risk.closed_reason) == ("open", "")


def test_the_database_refuses_levels_off_any_matrix_and_a_closed_risk_without_reason():
    risk = RiskFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Risk.objects.filter(pk=risk.pk).update(current_likelihood=7)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Risk.objects.filter(pk=risk.pk).update(status="closed", closed_reason="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        RiskReviewFactory(risk=risk, likelihood=0)


def test_only_one_review_per_risk_and_period():
    review = RiskReviewFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        RiskReviewFactory(risk=review.risk, period=review.period)


# -- reviews -----------------------------------------------------------------------------------------------


@pytest.fixture
def owned():
    user = UserFactory(username="owner")
    officer = OfficerFactory(user=user)
    risk = RiskFactory(unit=officer.unit)
    RiskOwnerFactory(risk=risk, officer=officer)
    q1 = ReportingPeriodFactory(financial_year=2026, number=1, state=ReportingPeriod.State.CLOSED)
    q2 = ReportingPeriodFactory(financial_year=2026, number=2, state=ReportingPeriod.State.OPEN)
    return {"user": user, "officer": officer, "risk": risk, "q1": q1, "q2": q2}


def save(owned, period=None, actor=None, **changes):
    values = {
        "likelihood": 2,
        "impact": 4,
        "commentary": "New controls in place.",
        "seen_version": 0,
    } | changes
    return risk_review_save(
        risk=owned["risk"],
        period=period or owned["q2"],
        actor=actor or actor_for(owned["user"]),
        user=owned["user"],
        **values,
    )


def test_an_owner_reviews_in_the_open_period_and_sets_the_current_score(owned):
    review = save(owned)
    owned["risk"].refresh_from_db()
    assert (review.score, review.version, review.reviewed_by) == (8, 1, owned["user"])
    assert (owned["risk"].current_likelihood, owned["risk"].current_impact) == (2, 4)
    assert owned["risk"].history.first().history_change_reason == "Reviewed for 2026/27 Q2"


def test_an_owner_cannot_review_in_a_closed_period_nor_someone_else(owned):
    with pytest.raises(PermissionDenied):
        save(owned, period=owned["q1"])
    stranger = UserFactory(username="stranger")
    OfficerFactory(user=stranger)
    with pytest.raises(PermissionDenied):
        save(owned, actor=actor_for(stranger))
    assert not RiskReview.objects.exists()


def test_the_performance_team_may_review_in_a_closed_period(owned):
    actor = Actor(user_id=1, roles=frozenset({PERFORMANCE_TEAM}))
    assert save(owned, period=owned["q1"], actor=actor).period == owned["q1"]


def test_a_closed_risk_is_not_reviewed(owned):
    risk_close(risk=owned["risk"], reason="Gone")
    with pytest.raises(PermissionDenied):
        save(owned)


def test_a_submitted_return_locks_the_owners_review(owned):
    from actions.services import return_submit

    return_submit(officer=owned["officer"], period=owned["q2"], user=owned["user"])
    with pytest.raises(PermissionDenied):
        save(owned)


def test_commentary_needed_at_first_review_and_when_the_score_moves(owned):
    with pytest.raises(ValidationError) as caught:
        save(owned, commentary=" ")
    assert "commentary" in caught.value.message_dict
    RiskReviewFactory(risk=owned["risk"], period=owned["q1"], likelihood=2, impact=4)
    assert save(owned, commentary="").commentary == ""  # same score, green/amber: no commentary needed


def test_levels_off_the_matrix_are_refused(owned):
    with pytest.raises(ValidationError) as caught:
        save(owned, likelihood=6, impact=0)
    assert set(caught.value.message_dict) == {"likelihood", "impact"}


def test_a_review_saved_by_someone_else_meanwhile_is_a_conflict(owned):
    first = save(owned)
    with pytest.raises(ReviewConflict) as caught:
        save(owned, likelihood=5, seen_version=0)
    assert caught.value.current == first
    second = save(owned, likelihood=1, seen_version=1)
    assert (second.version, second.likelihood) == (2, 1)


def test_reviewing_an_earlier_period_does_not_change_the_current_score(owned):
    RiskReviewFactory(risk=owned["risk"], period=owned["q2"], likelihood=3, impact=3)
    actor = Actor(user_id=1, roles=frozenset({PERFORMANCE_TEAM}))
    save(owned, period=owned["q1"], actor=actor, likelihood=5, impact=5)
    owned["risk"].refresh_from_db()
    assert owned["risk"].current_score == 12  # the factory's 3 × 4, untouched


def test_a_delegate_and_the_units_manager_may_review_like_task_updates(owned):
    from plans.models import Delegation

    cover_user = UserFactory(username="cover")
    cover = OfficerFactory(user=cover_user)
    Delegation.objects.create(officer=owned["officer"], delegate=cover)
    assert save(owned, actor=actor_for(cover_user)).reviewed_by == owned["user"]

    boss_user = UserFactory(username="boss")
    boss = OfficerFactory(user=boss_user)
    parent = OrganisationUnitFactory(head=boss)
    unit = owned["risk"].unit
    unit.parent = parent
    unit.save()
    assert save(owned, actor=actor_for(boss_user), seen_version=1).version == 2
