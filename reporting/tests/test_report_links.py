"""A plan's page leads to its documents, and to a new committee report on it for those who write them."""

import pytest
from django.urls import reverse

from tests.builders import small_council

from .test_reports_support import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "offered"), [("clerk", True), ("performance", True), ("officer", False)])
def test_the_plan_page_offers_its_documents_and_a_report_to_writers(client, role, offered):
    plan = small_council(size=1)["plan"]
    client.force_login(user_with_role(role))

    page = client.get(reverse("plans:plan-detail", args=[plan.slug])).content.decode()

    assert reverse("reporting:plan-document", args=[plan.slug]) in page
    assert reverse("workbook:plan-export", args=[plan.slug]) in page
    assert (f"{reverse('reporting:report-create')}?plan={plan.pk}" in page) is offered


@pytest.mark.parametrize(("given", "chosen"), [("plan", True), ("nonsense", False), ("", False)])
def test_a_new_report_from_a_plan_page_starts_with_that_plan(client, given, chosen):
    plan = small_council(size=1)["plan"]
    client.force_login(user_with_role("clerk"))
    value = str(plan.pk) if given == "plan" else given

    response = client.get(reverse("reporting:report-create"), {"plan": value})

    assert response.status_code == 200
    assert (response.context["form"]["plan"].value() == plan.pk) is chosen
