"""The home pages of the clerk (reports to prepare) and the performance team (the year at a glance), which
were a dead end (“not linked to an officer”); neither reads more as the council grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Return
from tests.builders import add_rows, small_council
from tests.factories import OfficerFactory, ReportingPeriodFactory

from .test_reports_support import make_report, user_with_role

pytestmark = pytest.mark.django_db


def test_the_clerks_home_lists_the_reports_to_prepare(client):
    council = small_council(size=1)
    make_report(council, period=council["q1"], title="Environment Q1")
    client.force_login(user_with_role("clerk"))
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "not linked to an officer" not in content
    assert '<h1 class="govuk-heading-xl">Reports to prepare</h1>' in content
    assert 'href="/admin/' not in content
    assert 'aria-current="page">Home</a>' in content  # not “My updates”: nothing is due from a clerk
    rows = response.context["extra_sections"][0]["rows"]
    assert [row["period"].label for row in rows] == ["2026/27 Q1", "2025/26 Q2"]  # closed or published
    assert [report.title for report in rows[0]["reports"]] == ["Environment Q1"]
    assert f"{reverse('reporting:report-create')}?period={council['q1'].pk}" in content
    assert "Returns are still coming in for 2026/27 Q2" in content
    form = client.get(reverse("reporting:report-create"), {"period": council["q1"].pk}).context["form"]
    assert form["period"].value() == council["q1"].pk


def test_the_performance_teams_home_is_the_year_at_a_glance(client):
    council = small_council(size=2)
    ReportingPeriodFactory(financial_year=2026, kind="half", number=1, state="open")
    officer = OfficerFactory()
    Return.objects.create(officer=officer, period=council["q1"], state=Return.State.APPROVED)
    Return.objects.create(officer=OfficerFactory(), period=council["q2"], state=Return.State.SUBMITTED)
    client.force_login(user_with_role("performance"))
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert '<h1 class="govuk-heading-xl">The year at a glance</h1>' in content
    section = response.context["extra_sections"][0]
    rows = {row["period"].label: row for row in section["rows"]}
    assert list(rows)[:3] == ["2026/27 Q1", "2026/27 Q2", "2026/27 H1"]  # in date order, by their end
    assert (rows["2026/27 Q1"]["approved"], rows["2026/27 Q2"]["submitted"]) == (1, 1)
    assert section["board"].task_exceptions.paginator.count == 4  # a red task and a missing one per service
    assert "task exceptions" in content and reverse("plans:period-list") in content


@pytest.mark.parametrize("role", ["clerk", "performance"])
def test_the_home_pages_read_the_same_queries_at_any_size(client, role):
    council = small_council(size=1)
    client.force_login(user_with_role(role))
    client.get(reverse("home"))  # the council's settings are created on first reading
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    add_rows(council, 6)
    for number in (3, 4):
        ReportingPeriodFactory(financial_year=2025, kind="quarter", number=number, state="published")
    for n in range(4):
        make_report(council, period=council["q1"], title=f"Report {n}")
    for _ in range(3):
        Return.objects.create(officer=OfficerFactory(), period=council["q1"], state=Return.State.APPROVED)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(few) == len(many)
