"""A real browser through the import: upload, preview with warnings, confirm; and a bad file's errors.

Elements are found by role and label, so this also proves the markup is accessible; axe-core checks each
page against WCAG 2.2 A and AA.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from indicators.models import Framework
from plans.models import Plan
from reporting.workbook.columns import STANDARD_FRAMEWORKS
from reporting.workbook.tests.helpers import good_workbook, sheets, task, workbook_bytes
from serviceplans.roles import PERFORMANCE_TEAM
from tests.browser.test_pages import sign_in
from tests.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as_performance_team(page, live_server):
    user = UserFactory(username="performance")
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    sign_in(page, live_server, username="performance")


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)  # the real worker


def test_import_a_workbook_through_the_pages(page, live_server, tmp_path):
    # The frameworks are loaded by a migration, but an earlier transactional test may have emptied the tables.
    for code, name in STANDARD_FRAMEWORKS.values():
        Framework.objects.get_or_create(code=code, defaults={"name": name})
    path = tmp_path / "plan.xlsx"
    path.write_bytes(good_workbook(tasks=[task(), task(text="Other", **{"Due Date": "Soon"})]))
    sign_in_as_performance_team(page, live_server)

    page.goto(live_server.url + reverse("workbook:import-upload"))
    expect(page.get_by_role("heading", level=1, name="Import a plan from a workbook")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_role("link", name="Choose a plan workbook to upload")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Plan workbook").set_input_files(str(path))
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_role("heading", level=1, name="Checking the workbook")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting to be checked")
    assert axe_violations(page) == []
    run_worker()  # the page checks again by itself (an HTTP Refresh header) and shows the preview
    expect(page.get_by_role("heading", level=1, name="Check the import")).to_be_visible()
    expect(page.get_by_role("table", name="Warnings (1): the import can go ahead")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("heading", level=1, name="Importing the plan")).to_be_visible()
    assert not Plan.objects.exists()
    run_worker()
    expect(page.get_by_role("heading", level=1, name="Plan imported")).to_be_visible()
    expect(page.get_by_text("was imported as a draft plan: 2 tasks and 1 indicator.")).to_be_visible()
    assert axe_violations(page) == []
    assert Plan.objects.get().status == Plan.Status.DRAFT
    page.get_by_role("link", name="Go to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chief Executive")


def test_a_bad_workbook_shows_each_error(page, live_server, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(sheets(tasks=[task(Category="Gardening")])))
    sign_in_as_performance_team(page, live_server)

    page.goto(live_server.url + reverse("workbook:import-upload"))
    page.get_by_label("Plan workbook").set_input_files(str(path))
    page.get_by_role("button", name="Check the workbook").click()
    run_worker()

    expect(page.get_by_role("heading", level=1, name="The workbook cannot be imported")).to_be_visible()
    page.get_by_role("link", name="1 error in plan.xlsx").click()
    errors = page.get_by_role("table", name="Errors")
    expect(errors.get_by_role("cell", name="Gardening")).to_be_visible()
    expect(page.get_by_role("button", name="Import the plan")).to_have_count(0)
    assert axe_violations(page) == []
    assert not Plan.objects.exists()
