"""A committee clerk creates a report in a real browser, fixes a mistake from the error summary, and reads
the preview; axe-core finds no WCAG 2.2 A/AA problems on the list, the form (with errors) or the preview."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from serviceplans.roles import COMMITTEE_CLERKS
from tests.browser.test_pages import sign_in
from tests.builders import small_council
from tests.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_creates_a_report_and_reads_its_preview(page, live_server):
    council = small_council(size=2)
    clerk = UserFactory(username="clerk")
    clerk.groups.add(Group.objects.get_or_create(name=COMMITTEE_CLERKS)[0])
    sign_in(page, live_server, username="clerk")

    page.get_by_role("navigation").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1, name="Committee reports")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Create a report").click()
    page.get_by_label("Plan", exact=True).select_option(label=str(council["plan"]))
    page.get_by_role("button", name="Create report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert axe_violations(page) == []

    period = page.get_by_label("Reporting period")
    period.select_option(label=next(o for o in period.locator("option").all_inner_texts() if "Q1" in o))
    page.get_by_role("button", name="Create report").click()

    expect(page.get_by_role("heading", level=1).first).to_contain_text("progress report")
    for task in council["tasks"]:
        expect(page.get_by_text(task.text, exact=True).first).to_be_visible()
    assert axe_violations(page) == []
