"""Real-browser journeys through the task and indicator lists: filter by status, sort, use the keyboard.

Elements are found by role and label, so these tests also prove the markup is accessible; axe-core checks
each page against WCAG 2.2 A and AA.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_pages import sign_in
from tests.builders import small_council
from tests.conftest import axe_violations
from tests.factories import UserFactory

# Until the lists are wired into actions/urls.py and indicators/urls.py: drop the urls marker then.
pytestmark = [pytest.mark.browser]

live = pytest.mark.django_db(transaction=True)


def body_rows(page):
    return page.get_by_role("table", name=re.compile("Tasks, ")).locator("tbody tr")


@live
def test_filter_the_task_list_by_status_and_see_the_right_rows(page, live_server):
    council = small_council(size=2)
    UserFactory(username="officer")
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("actions:task-list"))

    expect(page.get_by_role("heading", level=1, name="Tasks")).to_be_visible()
    expect(body_rows(page)).to_have_count(4)
    assert axe_violations(page) == []

    page.get_by_role("group", name="Status in the period").get_by_label("Red").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()

    red_tasks = [t for t in council["tasks"] if t.updates.filter(period=council["q2"], status="red").exists()]
    expect(body_rows(page)).to_have_count(2)
    for task in red_tasks:
        expect(page.get_by_role("link", name=task.text)).to_be_visible()
    expect(page.get_by_label("Red")).to_be_checked()  # the form remembers what was chosen
    assert axe_violations(page) == []

    page.get_by_role("link", name="Due", exact=True).click()
    expect(page.get_by_role("columnheader", name=re.compile("Due"))).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(body_rows(page)).to_have_count(2)  # sorting keeps the filters

    page.get_by_role("link", name="Clear filters").click()
    expect(body_rows(page)).to_have_count(4)


@live
def test_the_filters_work_from_the_keyboard(page, live_server):
    small_council(size=2)
    UserFactory(username="officer")
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("actions:task-list"))

    page.get_by_label("Search").focus()
    page.keyboard.type("stage")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Filter":
            break
    else:
        pytest.fail("Tab never reached the Filter button")
    expect(page.get_by_role("button", name="Filter")).to_be_focused()

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=stage" in page.url
    expect(page.get_by_label("Search")).to_have_value("stage")


@live
def test_no_matches_and_bad_input_are_explained_accessibly(page, live_server):
    small_council(size=1)
    UserFactory(username="officer")
    sign_in(page, live_server)

    page.goto(live_server.url + reverse("actions:task-list") + "?q=nothing+like+this")
    expect(page.get_by_role("heading", name="No tasks match these filters")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("actions:task-list") + "?due_before=notadate&unit=zzz&page=999")
    expect(page.get_by_role("alert")).to_contain_text("Choose a part of the council from the list")
    page.get_by_role("link", name="Choose a part of the council from the list").click()
    expect(page.get_by_label("Part of the council")).to_be_focused()
    assert axe_violations(page) == []


@live
def test_the_indicator_list_is_accessible_and_filters_by_rag(page, live_server):
    council = small_council(size=2)
    UserFactory(username="officer")
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("indicators:indicator-list"))

    expect(page.get_by_role("heading", level=1, name="Performance indicators")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Indicators, "))
    expect(table.locator("tbody tr")).to_have_count(4)
    assert axe_violations(page) == []

    page.get_by_label("Green").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    # Every Q2 value (40 and 41 against 50) is red, so no indicator is green.
    expect(page.get_by_role("heading", name="No indicators match these filters")).to_be_visible()

    page.get_by_label("Green").uncheck()
    page.get_by_label("Red").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(page.get_by_role("link", name=council["indicators"][0].name)).to_be_visible()
    assert axe_violations(page) == []
