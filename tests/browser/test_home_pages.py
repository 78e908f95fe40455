"""The clerk's and the performance team's home pages, the Periods page with every kind of period and the
dashboard's legend, in a real browser: reached by role and label, and axe-core finds no WCAG 2.2 A/AA
problems on them."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from plans.services import period_schedule
from serviceplans.roles import COMMITTEE_CLERKS, PERFORMANCE_TEAM
from tests.browser.test_pages import sign_in
from tests.builders import small_council
from tests.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_clerks_home_leads_to_a_report(page, live_server):
    council = small_council(size=1)
    clerk = UserFactory(username="clerk")
    clerk.groups.add(Group.objects.get_or_create(name=COMMITTEE_CLERKS)[0])
    sign_in(page, live_server, username="clerk")

    expect(page.get_by_role("heading", level=1, name="Reports to prepare")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Create a report for {council['q1'].label}").click()
    expect(page.get_by_label("Reporting period")).to_have_value(str(council["q1"].pk))


def test_the_performance_teams_home_periods_and_dashboard(page, live_server):
    small_council(size=2)
    period_schedule(financial_year=2026, kinds=["month", "year"])
    user = UserFactory(username="performance")
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    sign_in(page, live_server, username="performance")

    expect(page.get_by_role("heading", level=1, name="The year at a glance")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Open, close and publish periods").click()
    expect(
        page.get_by_role("region", name="Months, 2026/27").get_by_role("table", name="Months")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Open 2026/27 M07")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("listitem").filter(has_text="Amber").first).to_be_visible()
    assert axe_violations(page) == []
