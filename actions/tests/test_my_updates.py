from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Delegation
from tests.builders import add_rows, small_council
from tests.factories import OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_setting():
    council = small_council(size=2)
    user = UserFactory(username="kmarsh")
    officer = OfficerFactory(user=user, name="Kevin Marsh")
    waste_first, waste_second = council["tasks"][0], council["tasks"][1]  # updated in Q2, not updated
    TaskOfficerFactory(task=waste_first, officer=officer)
    TaskOfficerFactory(task=waste_second, officer=officer)
    return council | {"user": user, "officer": officer, "done": waste_first, "to_do": waste_second}


def test_my_updates_lists_what_is_due_and_what_is_done_with_last_periods_update(client, officer_setting):
    client.force_login(officer_setting["user"])
    response = client.get(reverse("home"))

    assert [r.task for r in response.context["to_do"]] == [officer_setting["to_do"]]
    assert [r.task for r in response.context["done"]] == [officer_setting["done"]]
    assert response.context["to_do"][0].previous.period == officer_setting["q1"]
    content = response.content.decode()
    assert "1 of 2 task updates done" in content
    assert (
        reverse("actions:task-update", args=[officer_setting["to_do"].pk, officer_setting["q2"].pk])
        in content
    )


def test_a_delegate_sees_the_returns_of_the_officer_they_cover(client, officer_setting):
    stand_in_user = UserFactory(username="stand-in")
    stand_in = OfficerFactory(user=stand_in_user)
    Delegation.objects.create(officer=officer_setting["officer"], delegate=stand_in, ends_on=date(2099, 1, 1))
    client.force_login(stand_in_user)

    assert len(client.get(reverse("home")).context["returns"]) == 2


def test_someone_who_is_not_an_officer_is_told_why_nothing_is_due(client, officer_setting):
    client.force_login(UserFactory(username="clerk"))
    assert "not linked to an officer" in client.get(reverse("home")).content.decode()


def test_when_no_period_is_open_the_page_says_so(client, officer_setting):
    officer_setting["q2"].state = "closed"
    officer_setting["q2"].save()
    client.force_login(officer_setting["user"])
    assert "No reporting period is open" in client.get(reverse("home")).content.decode()


def test_my_updates_queries_do_not_grow_with_tasks(client, officer_setting):
    """Queries: session, user, groups, officer, delegations, units headed, open periods, tasks, updates."""
    client.force_login(officer_setting["user"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    add_rows(officer_setting, 5)
    for task in officer_setting["tasks"][-10:]:
        TaskOfficerFactory(task=task, officer=officer_setting["officer"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("home"))
    assert len(response.context["returns"]) == 12
    assert len(few) == len(many)


def test_my_updates_lists_indicator_values_due_and_entered(client, officer_setting):
    from tests.factories import IndicatorOfficerFactory

    waste, parks = officer_setting["indicators"][0], officer_setting["indicators"][2]
    parks.values.filter(period=officer_setting["q2"]).delete()
    for indicator in (waste, parks):
        IndicatorOfficerFactory(indicator=indicator, officer=officer_setting["officer"])
    client.force_login(officer_setting["user"])

    response = client.get(reverse("home"))

    assert [v.indicator for v in response.context["values_to_do"]] == [parks]
    assert [v.indicator for v in response.context["values_done"]] == [waste]
    assert (
        reverse("indicators:value-enter", args=[parks.pk, officer_setting["q2"].pk])
        in response.content.decode()
    )
    assert "Indicator values (1 of 2 entered)" in response.content.decode()
