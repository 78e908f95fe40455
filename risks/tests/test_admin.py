"""Admin keeps the same rules: levels on the council's matrix, an owner, closing with a reason."""

import pytest
from django.urls import reverse

from risks.models import Risk, RiskCategory, RiskMatrix
from risks.tests.factories import RiskFactory, RiskOwnerFactory
from tests.factories import OfficerFactory, OrganisationUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def risk_post(unit, officer, **changes):
    data = {
        "unit": unit.pk,
        "reference": "ADM-1",
        "category": RiskCategory.objects.get(name="Legal").pk,
        "title": "Judicial review of the plan",
        "inherent_likelihood": 3,
        "inherent_impact": 5,
        "current_likelihood": 2,
        "current_impact": 5,
        "target_likelihood": 1,
        "target_impact": 5,
        "risk_owners-TOTAL_FORMS": 1,
        "risk_owners-INITIAL_FORMS": 0,
        "risk_owners-0-officer": officer.pk,
        "risk_owners-0-order": 0,
        "reviews-TOTAL_FORMS": 0,
        "reviews-INITIAL_FORMS": 0,
    }
    return data | changes


def test_admin_adds_a_risk_with_an_owner(admin_client):
    unit, officer = OrganisationUnitFactory(), OfficerFactory()
    response = admin_client.post(reverse("admin:risks_risk_add"), risk_post(unit, officer))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    risk = Risk.objects.get(reference="ADM-1")
    assert [o.officer for o in risk.risk_owners.all()] == [officer]


def test_admin_refuses_levels_off_the_councils_matrix_and_no_owner(admin_client):
    matrix = RiskMatrix.load()
    matrix.size, matrix.likelihood_words, matrix.impact_words, matrix.red_from = (
        4,
        "a\nb\nc\nd",
        "e\nf\ng\nh",
        12,
    )
    matrix.save()
    unit, officer = OrganisationUnitFactory(), OfficerFactory()
    response = admin_client.post(reverse("admin:risks_risk_add"), risk_post(unit, officer))
    assert response.status_code == 200
    assert "Inherent impact must be a whole number from 1 to 4." in response.content.decode()
    response = admin_client.post(
        reverse("admin:risks_risk_add"),
        risk_post(
            unit,
            officer,
            **{"risk_owners-0-officer": "", "inherent_impact": 1, "current_impact": 1, "target_impact": 1},
        ),
    )
    assert "Name at least one owner." in response.content.decode()
    assert not Risk.objects.exists()


def test_admin_closes_a_risk_only_with_a_reason_through_the_service(admin_client):
    risk = RiskFactory(reference="ADM-2")
    owner = RiskOwnerFactory(risk=risk)
    data = risk_post(risk.unit, owner.officer, reference="ADM-2", close_with_reason="Legislation repealed")
    data |= {"risk_owners-INITIAL_FORMS": 1, "risk_owners-0-id": owner.pk, "risk_owners-0-risk": risk.pk}
    response = admin_client.post(reverse("admin:risks_risk_change", args=[risk.pk]), data)
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.status, risk.closed_reason) == ("closed", "Legislation repealed")
    assert risk.history.first().history_change_reason == "Closed: Legislation repealed"


def test_the_matrix_cannot_shrink_below_the_levels_in_use(admin_client):
    RiskFactory(inherent_likelihood=5)
    matrix = RiskMatrix.load()
    data = {
        "size": 4,
        "likelihood_words": "a\nb\nc\nd",
        "impact_words": "e\nf\ng\nh",
        "amber_from": 4,
        "red_from": 9,
        "green_word": "Low",
        "amber_word": "Medium",
        "red_word": "High",
    }
    response = admin_client.post(reverse("admin:risks_riskmatrix_change", args=[matrix.pk]), data)
    assert "cannot be smaller than 5 × 5" in response.content.decode()
    response = admin_client.post(
        reverse("admin:risks_riskmatrix_change", args=[matrix.pk]), data | {"size": 5, "red_from": 30}
    )
    assert "Give one likelihood word for each of the 5 levels" in response.content.decode()
    assert "at most 25" in response.content.decode()
