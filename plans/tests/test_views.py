import pytest
from django.urls import reverse

from tests.factories import PlanFactory, PlanSectionFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_plan_list_needs_sign_in(client):
    response = client.get(reverse("plans:plan-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_page_has_labelled_username_and_password(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label class="govuk-label" for="id_username">' in response.content
    assert b'<label class="govuk-label" for="id_password">' in response.content


def test_a_wrong_password_is_explained_and_the_username_kept(client):
    UserFactory(username="officer")
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b'value="officer"' in response.content


def test_plan_list_shows_plans_with_their_counts(client):
    plan = PlanFactory(title="Corporate Services Service Plan", first_year=2008)
    section = PlanSectionFactory(plan=plan)
    TaskFactory.create_batch(3, section=section)
    client.force_login(UserFactory())

    response = client.get(reverse("plans:plan-list"))

    assert response.status_code == 200
    plans = list(response.context["plans"])
    assert [(p.title, p.years_label, p.section_count, p.task_count) for p in plans] == [
        ("Corporate Services Service Plan", "2008/09", 1, 3)
    ]


def test_plan_list_shows_an_empty_state(client):
    client.force_login(UserFactory())
    response = client.get(reverse("plans:plan-list"))
    assert b"There are no plans yet" in response.content


@pytest.mark.parametrize("plans", [1, 6])
def test_plan_list_queries_do_not_grow_with_plans(client, django_assert_num_queries, plans):
    """Queries: the session, the user, and one for the plans with their unit, owner and counts."""
    for _ in range(plans):
        TaskFactory(section=PlanSectionFactory())
    client.force_login(UserFactory())
    with django_assert_num_queries(3):
        client.get(reverse("plans:plan-list"))


def test_signing_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get(reverse("plans:plan-list")).status_code == 302
