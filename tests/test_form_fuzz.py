"""Hostile input on every form (issue #11): for each URL with a form, as each role, posts made of huge,
negative and odd numbers, unicode, blanks and over-long text give no server error, and a post that is
refused writes nothing at all.

Hypothesis makes the posts; the whole file keeps within about a minute.
"""

from decimal import Decimal

import pytest
from django.db.models import Count, Max, Sum
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.models import ProgressUpdate, Task
from indicators.models import IndicatorValue, Target
from plans.models import Plan, ReportingPeriod, Return
from reporting.models import Report
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import IndicatorOfficerFactory, OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

ODD_WORDS = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "101",
    "1e16",
    "10000000000000000",
    "10000000 billion",
    "-99999999999999999999999999999999",
    "0.00001",
    "NaN",
    "Infinity",
    "-inf",
    "1,2",
    "١٢٣",  # Arabic-Indic digits
    "１２",  # full-width digits
    "12\u00a0%",
    "\x00",
    "\ud7ff",
    "😀",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "31/02/2027",
    "2027-13-45",
    "99/99/9999",
    "green",
    "red",
    "completed",
    "x" * 5000,
]
odd = st.one_of(
    st.sampled_from(ODD_WORDS),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(min_size=301, max_size=400),
)
HYPOTHESIS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def council():
    council = small_council(size=1)
    groups = roles_ensure()
    people = {}
    for role, group in [
        ("officer", OFFICERS),
        ("manager", MANAGERS),
        ("performance", PERFORMANCE_TEAM),
        ("clerk", COMMITTEE_CLERKS),
    ]:
        user = UserFactory(username=role, is_staff=role == "performance")
        user.groups.add(groups[group])
        people[role] = user
    officer = OfficerFactory(user=people["officer"], unit=council["services"][0])
    manager = OfficerFactory(user=people["manager"], unit=council["services"][0])
    council["services"][0].head = manager
    council["services"][0].save()
    task, indicator = council["tasks"][0], council["indicators"][0]
    TaskOfficerFactory(task=task, officer=officer)
    IndicatorOfficerFactory(indicator=indicator, officer=officer)
    record = Return.objects.create(officer=officer, period=council["q2"], state="submitted")
    report = Report.objects.create(
        title="Q2", plan=council["plan"], period=council["q2"], include_tasks=True, include_indicators=True
    )
    draft = Plan.objects.create(
        title="Draft plan",
        slug="draft-plan",
        unit=council["directorate"],
        first_year=2026,
        status="submitted",
    )
    return council | {
        "people": people,
        "task": task,
        "indicator": indicator,
        "return": record,
        "report": report,
        "draft": draft,
    }


def fingerprint() -> tuple:
    """Everything a form here could write, boiled down: a refused post must leave it exactly as it was."""
    return (
        ProgressUpdate.objects.aggregate(Count("id"), Sum("version"), Sum("percent_complete"), Max("id")),
        IndicatorValue.objects.aggregate(Count("id"), Sum("version"), Sum("value"), Max("id")),
        list(Return.objects.order_by("id").values_list("state", "comment")),
        list(Plan.objects.order_by("id").values_list("status", "committee", "approved_on")),
        list(ReportingPeriod.objects.order_by("id").values_list("state", "deadline")),
        list(Report.objects.order_by("id").values_list("title", "committee", "meeting_date", "body")),
        Task.objects.count(),
        Target.objects.aggregate(Count("id"), Sum("value")),
    )


def form_posts(council) -> dict[str, tuple[str, list[str]]]:
    """Each form: where it posts and the fields it reads."""
    task, indicator, q2 = council["task"], council["indicator"], council["q2"]
    return {
        "task update": (
            reverse("actions:task-update", args=[task.pk, q2.pk]),
            ["percent_complete", "status", "commentary", "version"],
        ),
        "bulk update": (
            reverse("actions:bulk-update", args=[q2.pk]),
            [f"task-{task.pk}-{name}" for name in ("percent_complete", "status", "commentary", "version")],
        ),
        "indicator value": (
            reverse("indicators:value-enter", args=[indicator.pk, q2.pk]),
            ["value", "no_data_reason", "note", "confirm", "version"],
        ),
        "send back": (
            reverse("actions:return-decide", args=[council["return"].pk, "send_back"]),
            ["comment", "unit"],
        ),
        "approve plan": (
            reverse("plans:plan-step", args=[council["draft"].slug, "approve"]),
            ["committee", "approved_on"],
        ),
        "schedule periods": (reverse("plans:period-list"), ["financial_year", "kinds", "deadline_days"]),
        "new report": (
            reverse("reporting:report-create"),
            ["plan", "unit", "period", "committee", "meeting_date", "include_tasks", "include_indicators"],
        ),
        "edit report": (
            reverse("reporting:report-update", args=[council["report"].pk]),
            ["title", "committee", "meeting_date", "report_of", "contact_officer", "purpose", "body"],
        ),
        "sign in": (reverse("login"), ["username", "password"]),
    }


FORMS = [
    "task update",
    "bulk update",
    "indicator value",
    "send back",
    "approve plan",
    "schedule periods",
    "new report",
    "edit report",
    "sign in",
]


@pytest.mark.parametrize("form", FORMS)
@HYPOTHESIS
@given(data=st.data())
def test_odd_posts_to_every_form_give_no_server_error_and_no_partial_write(client, council, form, data):
    role = data.draw(st.sampled_from(["officer", "manager", "performance", "clerk"]), label="role")
    url, fields = form_posts(council)[form]
    posted = {name: data.draw(odd, label=name) for name in fields}
    if form != "sign in":
        client.force_login(council["people"][role])
    before = fingerprint()

    response = client.post(url, posted)

    assert response.status_code < 500, (form, role, posted)
    if response.status_code != 302:
        assert fingerprint() == before, (form, role, posted, response.status_code)


GET_FORMS = ["actions:task-list", "indicators:indicator-list", "reporting:dashboard", "actions:return-list"]


@pytest.mark.parametrize("page", GET_FORMS)
@HYPOTHESIS
@given(data=st.data())
def test_odd_filters_on_every_list_give_no_server_error(client, council, page, data):
    role = data.draw(st.sampled_from(["officer", "manager", "performance", "clerk"]), label="role")
    names = ["period", "unit", "plan", "officer", "status", "rag", "framework", "q", "page", "sort", "format"]
    query = {name: data.draw(odd, label=name) for name in data.draw(st.sets(st.sampled_from(names)))}
    query = {name: value.replace("\x00", "") for name, value in query.items()}
    client.force_login(council["people"][role])

    response = client.get(reverse(page), query)

    assert response.status_code < 500, (page, role, query)


def test_the_largest_value_saves_and_every_page_reads_it(client, council):
    """The boundary itself: 9,999,999,999,999,999 is kept exactly and read back on every page."""
    client.force_login(council["people"]["performance"])
    IndicatorValue.objects.filter(indicator=council["indicator"], period=council["q2"]).delete()
    url = reverse("indicators:value-enter", args=[council["indicator"].pk, council["q2"].pk])

    response = client.post(url, {"value": "9,999,999,999,999,999", "version": "0", "confirm": "on"})

    assert response.status_code == 302
    stored = IndicatorValue.objects.get(indicator=council["indicator"], period=council["q2"])
    assert stored.value == Decimal("9999999999999999")
    for page in (
        reverse("indicators:indicator-detail", args=[council["indicator"].pk]),
        reverse("indicators:indicator-list"),
        reverse("reporting:dashboard"),
        reverse("home"),
    ):
        assert client.get(page).status_code == 200, page
