"""Every role against every page and form: allowed (200 or a redirect after saving) or refused (403, or a
redirect to sign in)."""

import pytest
from django.urls import reverse

from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, MEMBERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import IndicatorOfficerFactory, OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "other_officer", "manager", "performance", "clerk", "member"]
READERS = {"officer", "other_officer", "manager", "performance", "clerk", "member"}
WRITERS = {"officer", "manager", "performance"}  # of the Waste task and indicator, in the open period


@pytest.fixture
def world():
    council = small_council(size=1)
    waste, parks = council["services"]
    groups = roles_ensure()
    users = {}
    for role, group in (
        ("officer", OFFICERS),
        ("other_officer", OFFICERS),
        ("manager", MANAGERS),
        ("performance", PERFORMANCE_TEAM),
        ("clerk", COMMITTEE_CLERKS),
        ("member", MEMBERS),
    ):
        user = UserFactory(username=role, is_staff=role in ("performance", "clerk"))
        user.groups.add(groups[group])
        officer = OfficerFactory(user=user, unit=waste if role != "other_officer" else parks)
        users[role] = (user, officer)
    waste.head = users["manager"][1]
    waste.save()
    task, indicator = council["tasks"][0], council["indicators"][0]
    TaskOfficerFactory(task=task, officer=users["officer"][1])
    IndicatorOfficerFactory(indicator=indicator, officer=users["officer"][1])
    return council | {"users": users, "task": task, "indicator": indicator}


def pages(world):
    task, indicator, q1, q2 = world["task"], world["indicator"], world["q1"], world["q2"]
    return {
        "my updates": (reverse("home"), READERS),
        "dashboard": (reverse("reporting:dashboard"), READERS),
        "plans": (reverse("plans:plan-list"), READERS),
        "task page": (reverse("actions:task-detail", args=[task.pk]), READERS),
        "indicator page": (reverse("indicators:indicator-detail", args=[indicator.pk]), READERS),
        "bulk update": (reverse("actions:bulk-update", args=[q2.pk]), READERS),  # shows only your own tasks
        "task update, open period": (reverse("actions:task-update", args=[task.pk, q2.pk]), WRITERS),
        "task update, closed period": (
            reverse("actions:task-update", args=[task.pk, q1.pk]),
            {"performance"},
        ),
        "value entry, open period": (reverse("indicators:value-enter", args=[indicator.pk, q2.pk]), WRITERS),
        "value entry, closed period": (
            reverse("indicators:value-enter", args=[indicator.pk, q1.pk]),
            {"performance"},
        ),
        "admin": (reverse("admin:index"), {"performance", "clerk"}),
        "plan page": (reverse("plans:plan-detail", args=[world["plan"].slug]), READERS),
        "reporting periods": (reverse("plans:period-list"), {"performance"}),
        "return sign-off": (reverse("actions:return-list"), {"manager", "performance"}),
        "committee reports": (reverse("reporting:report-list"), READERS),
        "new committee report": (reverse("reporting:report-create"), {"performance", "clerk"}),
        "plan import": (reverse("workbook:import-upload"), {"performance"}),
        "plan workbook template": (reverse("workbook:template"), READERS),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_every_page(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role][0])
    outcomes = {}
    for name, (url, allowed) in pages(world).items():
        response = client.get(url)
        outcomes[name] = response.status_code
        if role in allowed:
            assert response.status_code == 200, (name, role, response.status_code)
        elif role == "anonymous" or name == "admin":
            assert response.status_code == 302 and "login" in response["Location"], (name, role)
        else:
            assert response.status_code == 403, (name, role, response.status_code)
    assert outcomes


FORMS = {
    "task update": lambda w: (
        reverse("actions:task-update", args=[w["task"].pk, w["q2"].pk]),
        {"percent_complete": "60", "status": "green", "commentary": "On track.", "version": "1"},
    ),
    "value entry": lambda w: (
        reverse("indicators:value-enter", args=[w["indicator"].pk, w["q2"].pk]),
        {"value": "47", "no_data_reason": "", "note": "", "version": "1"},
    ),
}


# The year's workflow: (url and data, who may) – refused people get 403 (or sign in, when anonymous).
WORKFLOW_FORMS = {
    "submit the plan": (
        lambda w: (reverse("plans:plan-step", args=[w["draft"].slug, "submit"]), {}),
        {"manager", "performance"},  # a Waste plan: its unit's manager may submit it
    ),
    "publish a plan": (
        lambda w: (reverse("plans:plan-step", args=[w["approved"].slug, "publish"]), {}),
        {"performance"},
    ),
    "start next year's plan": (
        lambda w: (reverse("plans:plan-step", args=[w["plan"].slug, "carry_forward"]), {}),
        {"performance"},
    ),
    "schedule periods": (
        lambda w: (
            reverse("plans:period-list"),
            {"financial_year": "2027/28", "kinds": "quarter", "deadline_days": "30"},
        ),
        {"performance"},
    ),
    "close a period": (
        lambda w: (reverse("plans:period-step", args=[w["q2"].pk, "close"]), {}),
        {"performance"},
    ),
    "submit the officer's return": (
        lambda w: (reverse("actions:return-submit", args=[w["q2"].pk, w["users"]["officer"][1].pk]), {}),
        {"officer", "performance"},
    ),
    "approve the officer's return": (
        lambda w: (reverse("actions:return-decide", args=[w["submitted"].pk, "approve"]), {}),
        {"manager", "performance"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", sorted(WORKFLOW_FORMS))
def test_every_role_on_every_workflow_step(client, world, role, form):
    from actions.services import return_submit
    from plans.models import Plan
    from tests.factories import PlanFactory

    world["draft"] = PlanFactory(unit=world["services"][0], slug="waste-draft")
    world["approved"] = PlanFactory(
        unit=world["services"][0], slug="waste-approved", status=Plan.Status.APPROVED
    )
    world["submitted"] = return_submit(
        officer=world["users"]["other_officer"][1], period=world["q2"], user=None
    )
    world["users"]["other_officer"][1].unit = world["services"][0]  # a Waste officer, for the Waste manager
    world["users"]["other_officer"][1].save()
    if role != "anonymous":
        client.force_login(world["users"][role][0])
    make, allowed = WORKFLOW_FORMS[form]
    url, data = make(world)
    response = client.post(url, data)
    if role in allowed:
        assert response.status_code == 302 and "login" not in response["Location"], (form, role)
    elif role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 403, (form, role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_role_on_every_form(client, world, role, form):
    if role != "anonymous":
        client.force_login(world["users"][role][0])
    url, data = FORMS[form](world)
    response = client.post(url, data)
    if role in WRITERS:
        assert response.status_code == 302 and "login" not in response["Location"]
    elif role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 403


NAVIGATION = {
    "officer": ["My updates", "Dashboard", "Tasks", "Indicators", "Plans", "Risks", "Reports"],
    "manager": ["My updates", "Dashboard", "Tasks", "Indicators", "Plans", "Risks", "Reports", "Sign-off"],
    "performance": [
        "My updates",
        "Dashboard",
        "Tasks",
        "Indicators",
        "Plans",
        "Risks",
        "Reports",
        "Sign-off",
        "Periods",
        "Import",
    ],
    "clerk": ["My updates", "Dashboard", "Tasks", "Indicators", "Plans", "Risks", "Reports"],
}


@pytest.mark.parametrize("role", NAVIGATION)
def test_the_navigation_offers_each_role_only_the_pages_it_may_use(client, world, role):
    client.force_login(world["users"][role][0])

    nav_items = client.get(reverse("plans:plan-list")).context["nav_items"]

    assert [words for _, words in nav_items()] == NAVIGATION[role]


def test_once_a_period_is_published_its_returns_are_read_only_even_for_the_performance_team(client, world):
    q1 = world["q1"]
    task_url = reverse("actions:task-update", args=[world["task"].pk, q1.pk])
    value_url = reverse("indicators:value-enter", args=[world["indicator"].pk, q1.pk])
    client.force_login(world["users"]["performance"][0])
    assert client.get(task_url).status_code == 200  # closed: the performance team may still correct it

    q1.state = "published"
    q1.save()

    assert client.get(task_url).status_code == 403
    assert client.get(value_url).status_code == 403
    assert client.post(task_url, {"percent_complete": "50", "status": "green"}).status_code == 403
