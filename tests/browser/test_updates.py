"""An officer's journey in a real browser: update a task, fix a mistake, see the result; be refused
someone else's task; and do it all from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from serviceplans.roles import OFFICERS, roles_ensure
from tests.builders import small_council
from tests.conftest import axe_violations
from tests.factories import IndicatorOfficerFactory, OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officers():
    council = small_council(size=2)
    groups = roles_ensure()
    people = {}
    for username, task in (("kmarsh", council["tasks"][1]), ("jkaur", council["tasks"][3])):
        user = UserFactory(username=username)
        user.groups.add(groups[OFFICERS])
        TaskOfficerFactory(task=task, officer=OfficerFactory(user=user))
        people[username] = (user, task)
    return council | {"people": people}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_an_officer_updates_a_task_fixing_a_mistake_on_the_way(page, live_server, officers):
    _user, task = officers["people"]["kmarsh"]
    sign_in(page, live_server, "kmarsh")

    expect(page.get_by_role("heading", level=1, name="My updates")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile(r"^Update " + re.escape(task.text[:30]))).click()

    expect(page.get_by_role("heading", level=1, name=task.text)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Percent complete").fill("150")
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Save update").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Percent complete must be 100 or less")
    expect(summary).to_contain_text("Enter commentary explaining why the task is red")
    expect(page.get_by_label("Percent complete")).to_have_value("150")  # nothing typed is lost
    expect(page.get_by_label("Red")).to_be_checked()
    assert axe_violations(page) == []

    summary.get_by_role("link", name="Percent complete must be 100 or less").click()
    expect(page.get_by_label("Percent complete")).to_be_focused()
    page.get_by_label("Percent complete").fill("15")
    page.get_by_label("Commentary").fill("Contractor went into administration; re-tendering in October.")
    page.get_by_role("button", name="Save update").click()

    expect(page.get_by_text("Your update for 2026/27 Q2 has been saved.")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My updates").click()
    done = page.get_by_role("table", name="Task updates already made")
    expect(done.get_by_role("row", name=re.compile("^" + re.escape(task.text) + " "))).to_contain_text("15%")
    expect(done.get_by_role("row", name=re.compile("^" + re.escape(task.text) + " "))).to_contain_text("Red")

    # And the task list, filtered to red tasks, shows it with its new status.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks").click()
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Filter").click()
    listed = page.get_by_role("row", name=re.compile("^" + re.escape(task.text) + " "))
    expect(listed).to_contain_text("Red")
    expect(listed).to_contain_text("15%")
    assert axe_violations(page) == []


def test_another_officer_is_refused_the_task(page, live_server, officers):
    _user, task = officers["people"]["kmarsh"]
    sign_in(page, live_server, "jkaur")

    response = page.goto(f"{live_server.url}/tasks/{task.pk}/update/{officers['q2'].pk}/")

    assert response.status == 403


def test_the_update_form_works_from_the_keyboard_alone(page, live_server, officers):
    _user, task = officers["people"]["kmarsh"]
    sign_in(page, live_server, "kmarsh")
    page.goto(f"{live_server.url}/tasks/{task.pk}/update/{officers['q2'].pk}/")

    percent = page.get_by_label("Percent complete")
    percent.focus()
    page.keyboard.type("50")
    page.keyboard.press("Tab")  # to the status radios
    page.keyboard.press("Space")  # choose the first: Not started
    page.keyboard.press("ArrowDown")  # move to Green
    expect(page.get_by_label("Green")).to_be_checked()
    page.keyboard.press("Tab")  # to the commentary
    expect(page.get_by_label("Commentary")).to_be_focused()
    page.keyboard.type("On track.")
    page.keyboard.press("Tab")  # to the first button
    expect(page.get_by_role("button", name="Save and go to the next task")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your update for 2026/27 Q2 has been saved.")).to_be_visible()


def test_value_entry_and_bulk_update_pages_pass_axe_with_errors_showing(page, live_server, officers):
    user, task = officers["people"]["kmarsh"]
    indicator = officers["indicators"][1]
    IndicatorOfficerFactory(indicator=indicator, officer=user.officer)
    sign_in(page, live_server, "kmarsh")

    page.goto(f"{live_server.url}/indicators/{indicator.pk}/value/{officers['q2'].pk}/")
    page.get_by_label("Value", exact=True).fill("950%")
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_role("alert")).to_contain_text("outside 0 to 100")
    expect(page.get_by_label("Yes, this value is right")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Value", exact=True).fill("49%")
    page.get_by_label("Yes, this value is right").check()
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text(re.compile("The value for 2026/27 Q2 has been saved: 49%"))).to_be_visible()

    page.goto(f"{live_server.url}/tasks/all/{officers['q2'].pk}/")
    expect(page.get_by_role("heading", level=1, name="Update all my tasks")).to_be_visible()
    page.get_by_label("Percent complete").first.fill("150")  # a changed row with an error
    page.get_by_role("button", name="Save all updates").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing has been saved yet")
    assert axe_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False])
def test_why_there_is_no_value_is_revealed_when_no_value_is_chosen(
    browser, live_server, officers, javascript
):
    """With JavaScript the reason shows only under “No”; without it every field shows, so nothing is lost."""
    user, _task = officers["people"]["kmarsh"]
    indicator = officers["indicators"][1]
    IndicatorOfficerFactory(indicator=indicator, officer=user.officer)
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, live_server, "kmarsh")
    page.goto(f"{live_server.url}/indicators/{indicator.pk}/value/{officers['q2'].pk}/")

    reason = page.get_by_label("Why there is no value")
    expect(page.get_by_label("Yes, enter the value")).to_be_checked()
    expect(page.get_by_label("Value", exact=True)).to_be_visible()
    if javascript:
        expect(reason).to_be_hidden()
    else:
        expect(reason).to_be_visible()
    page.get_by_label("No, there is no value for this period").check()
    expect(reason).to_be_visible()
    if javascript:
        expect(page.get_by_label("Value", exact=True)).to_be_hidden()
        assert axe_violations(page) == []
    reason.fill("Survey not carried out this year")
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text(re.compile("The value for 2026/27 Q2 has been saved"))).to_be_visible()
    saved = indicator.values.get(period=officers["q2"])
    assert (saved.value, saved.no_data_reason) == (None, "Survey not carried out this year")
    context.close()
