"""Real-browser journeys: sign in, read the dashboard, drill down, open an indicator and a task.

Elements are found by role and label, so these tests also prove the markup is accessible; axe-core checks
each page against WCAG 2.2 A and AA.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.builders import small_council
from tests.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser]

live = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, username="officer", password="correct-horse-battery"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@live
def test_sign_in_page_is_accessible_and_explains_a_wrong_password(page, live_server):
    UserFactory(username="officer")
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []

    sign_in(page, live_server, password="not-the-password")

    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert page.get_by_label("Username").input_value() == "officer"
    assert axe_violations(page) == []


@live
def test_dashboard_indicator_and_task_pages_by_role_and_with_no_axe_violations(page, live_server):
    council = small_council(size=2)
    UserFactory(username="officer")
    sign_in(page, live_server)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1, name="Performance dashboard")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Task status by unit"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Task status by unit"))).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Environment").first.click()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Waste").first).to_be_visible()
    assert axe_violations(page) == []

    indicator = council["indicators"][0]
    page.get_by_role("link", name=indicator.name).first.click()
    expect(page.get_by_role("heading", level=1, name=indicator.name)).to_be_visible()
    expect(page.get_by_role("table", name="Targets, actuals and judgements by period")).to_be_visible()
    assert axe_violations(page) == []

    page.go_back()
    task = council["tasks"][0]
    page.get_by_role("link", name=task.text).first.click()
    expect(page.get_by_role("heading", level=1, name=task.text)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plans").click()
    expect(page.get_by_role("table", name=re.compile("1 plan"))).to_be_visible()
    assert axe_violations(page) == []


@live
def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page, live_server):
    small_council(size=1)
    UserFactory(username="officer")
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/dashboard/")

    page.keyboard.press("Tab")

    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))  # waits for the jump, which can lag a moment


def test_axe_does_find_problems_when_there_are_some(page):
    """The accessibility check can fail: an unlabelled input and grey-on-grey text are caught."""
    page.set_content(
        '<html><head><title>Bad</title></head><body><main><input type="text">'
        '<p style="color:#aaa;background:#bbb">Faint words</p></main></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "color-contrast"} <= found
