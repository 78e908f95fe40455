"""The public pages: published periods only, anonymous, downloads under the Open Government Licence."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.services import indicator_judgements_freeze
from plans.models import Plan, ReportingPeriod
from reporting.models import Report
from tests.builders import add_rows, small_council
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(settings):
    """Q1 published (values 48); Q2 open with a value of 77.7; Q3 closed with 66.6; a draft plan and a draft
    report whose words must never appear."""
    settings.OPEN_DATA_ENABLED = True
    council = small_council(size=2)
    q1, q2 = council["q1"], council["q2"]
    q1.state = ReportingPeriod.State.PUBLISHED
    q1.save()
    indicator_judgements_freeze(period=q1)
    first = council["indicators"][0]
    first.values.filter(period=q2).update(value=Decimal("77.7"))
    q3 = ReportingPeriodFactory(
        financial_year=2026, kind="quarter", number=3, state=ReportingPeriod.State.CLOSED
    )
    IndicatorValueFactory(indicator=first, period=q3, value=Decimal("66.6"))
    draft = PlanFactory(
        unit=council["directorate"], first_year=2026, status=Plan.Status.DRAFT, title="Secret draft plan"
    )
    section = PlanSectionFactory(plan=draft, title="Draft section")
    draft_indicator = IndicatorFactory(plan=draft, section=section, name="Draft-only indicator")
    IndicatorValueFactory(indicator=draft_indicator, period=q1, value=Decimal("12.3"))
    Report.objects.create(
        title="Draft committee report", period=q1, plan=council["plan"], purpose="Unpublished draft words"
    )
    return council | {"q3": q3}


def test_with_the_setting_off_every_open_page_is_404(client, settings):
    council = small_council(size=1)
    settings.OPEN_DATA_ENABLED = False
    period = council["last_q2"]
    for url in [
        "/open/",
        f"/open/periods/{period.pk}/",
        f"/open/periods/{period.pk}/indicators.csv",
        f"/open/periods/{period.pk}/performance.json",
        f"/open/indicators/{council['indicators'][0].pk}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_an_anonymous_visitor_sees_a_published_periods_figures(client, published):
    index = client.get("/open/")
    assert index.status_code == 200
    text = index.content.decode()
    assert "2026/27 Q1" in text and "2026/27 Q2" not in text and "2026/27 Q3" not in text
    assert "Open Government Licence v3.0" in text

    page = client.get(f"/open/periods/{published['q1'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Environment Plan" in html
    assert html.count(">48%<") == len(published["indicators"])  # each indicator's Q1 actual
    assert "50%" in html  # the target
    assert "Worse than target range" in html and "Red" in html  # judgements with words
    for hidden in ["77.7", "66.6", "Secret draft plan", "Draft-only indicator", "Unpublished draft words"]:
        assert hidden not in html, hidden


def test_nothing_of_an_open_or_closed_but_unpublished_period_appears(client, published):
    for period in (published["q2"], published["q3"]):
        for suffix in ["", "indicators.csv", "performance.json"]:
            assert client.get(f"/open/periods/{period.pk}/{suffix}").status_code == 404
    trend = client.get(f"/open/indicators/{published['indicators'][0].pk}/").content.decode()
    assert "2026/27 Q1" in trend and "48%" in trend
    for hidden in ["2026/27 Q2", "2026/27 Q3", "77.7", "66.6", "78%", "67%"]:
        assert hidden not in trend, hidden


def test_a_draft_plans_indicator_has_no_public_page(client, published):
    draft_indicator = Plan.objects.get(title="Secret draft plan").indicators.get()
    assert client.get(f"/open/indicators/{draft_indicator.pk}/").status_code == 404


def test_downloads_carry_the_licence_and_the_published_figures_only(client, published):
    q1 = published["q1"]
    response = client.get(f"/open/periods/{q1.pk}/indicators.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="indicators-2026-27-q1.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "Open Government Licence v3.0" in rows[0][0]
    header, body = rows[1], rows[2:]
    assert len(body) == len(published["indicators"])
    record = dict(zip(header, body[0], strict=True))
    assert record["Actual"] == "48" and record["Target"] == "50" and record["RAG"] == "Red"
    assert record["Against target range"] == "▲ Worse than target range"
    assert "77.7" not in response.content.decode()

    data = client.get(f"/open/periods/{q1.pk}/performance.json").json()
    assert data["licence"] == "Open Government Licence v3.0"
    assert {row["judgement"]["actual"] for row in data["indicators"]} == {"48"}
    assert {row["plan"] for row in data["indicators"] + data["tasks"]} == {"Environment Plan 2026/27"}
    # Each task's Q1 update (green, 20%), never its Q2 one (red or green, 40%).
    assert {(row["status"], row["percent_complete"]) for row in data["tasks"]} == {("green", 20)}
    assert len(data["tasks"]) == len(published["tasks"])


def test_the_period_page_costs_the_same_queries_at_two_sizes(client, published):
    """The period; the public plans; the indicators and their five prefetches; the settings; the tasks and
    their officers; the council name comes from settings."""
    url = f"/open/periods/{published['q1'].pk}/"

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    add_rows(published, 4)
    big = count()
    print(f"/open/periods/: {small} queries, then {big} with more rows")
    assert big == small
