"""The year's workflow in a real browser: a manager sends one return back with a comment (after forgetting
the comment once) and approves another, and the officer sees why theirs came back; the performance team
records a plan's approval and opens and schedules periods. Every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from actions.services import return_submit
from plans.models import Plan, ReportingPeriod
from serviceplans.roles import MANAGERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council, staff_of
from tests.conftest import axe_violations
from tests.factories import (
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def returns():
    council = small_council(size=2)
    waste = council["services"][0]
    people = staff_of(
        waste,
        [
            ("ahardy", "Alison Hardy", MANAGERS),
            ("kmarsh", "Kevin Marsh", OFFICERS),
            ("jkaur", "Jas Kaur", OFFICERS),
        ],
        head="ahardy",
    )
    waste_tasks = [t for t in council["tasks"] if t.section.unit == waste]
    TaskOfficerFactory(task=waste_tasks[0], officer=people["kmarsh"])
    TaskOfficerFactory(task=waste_tasks[1], officer=people["jkaur"])
    for username in ("kmarsh", "jkaur"):
        return_submit(officer=people[username], period=council["q2"], user=people[username].user)
    return council | {"people": people}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_a_manager_sends_one_return_back_and_approves_another(page, live_server, returns):
    sign_in(page, live_server, "ahardy")
    page.goto(f"{live_server.url}/tasks/returns/")

    expect(page.get_by_role("heading", level=1, name=re.compile("^Sign off returns"))).to_be_visible()
    summary = page.get_by_role("table", name=re.compile("How many returns are in each state"))
    expect(summary.get_by_role("row", name=re.compile("^Waste"))).to_contain_text("2")
    assert axe_violations(page) == []

    kevin = page.get_by_role("row", name=re.compile("^Kevin Marsh"))
    expect(kevin).to_contain_text("Submitted")
    kevin.get_by_text("Send back").first.click()  # opens the details
    kevin.get_by_role("button", name="Send back Kevin Marsh's return").click()  # forgot the comment

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Enter a comment saying what the officer needs to put right")
    assert axe_violations(page) == []
    alert.get_by_role("link", name=re.compile("Enter a comment")).click()
    comment = page.get_by_label("Why are you sending Kevin Marsh's return back?")
    expect(comment).to_be_focused()
    comment.fill("The food waste update needs a sentence on the missed collections.")
    page.get_by_role("button", name="Send back Kevin Marsh's return").click()

    expect(
        page.get_by_text("Kevin Marsh's return for 2026/27 Q2 has been sent back with your comment.")
    ).to_be_visible()
    kevin = page.get_by_role("row", name=re.compile("^Kevin Marsh"))
    expect(kevin).to_contain_text("Sent back")
    expect(kevin).to_contain_text("The food waste update needs a sentence")

    page.get_by_role("row", name=re.compile("^Jas Kaur")).get_by_role(
        "button", name="Approve Jas Kaur's return"
    ).click()
    expect(page.get_by_text("Jas Kaur's return for 2026/27 Q2 is approved.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Jas Kaur"))).to_contain_text("Approved")
    expect(summary.get_by_role("row", name=re.compile("^Waste"))).to_have_text(
        re.compile(r"Waste\s*0\s*0\s*1\s*1")
    )
    assert axe_violations(page) == []

    # Kevin sees why, on his own page.
    page.context.clear_cookies()
    sign_in(page, live_server, "kmarsh")
    banner = page.get_by_role("region", name="Return sent back")
    expect(banner).to_contain_text("sent back by Alison Hardy")
    expect(banner).to_contain_text("The food waste update needs a sentence on the missed collections.")
    expect(page.get_by_role("button", name=re.compile("^Submit my return"))).to_be_visible()
    assert axe_violations(page) == []


def test_the_performance_team_approves_a_plan_and_opens_a_period(page, live_server):
    user = UserFactory(username="ppatel", first_name="Priya", last_name="Patel")
    user.groups.add(roles_ensure()[PERFORMANCE_TEAM])
    plan = PlanFactory(title="Environment Plan", status=Plan.Status.SUBMITTED, first_year=2026)
    PlanSectionFactory(plan=plan, title="Waste")
    q1 = ReportingPeriodFactory(financial_year=2026, number=1, state="scheduled")
    sign_in(page, live_server, "ppatel")

    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Environment Plan").click()
    expect(page.get_by_role("heading", level=1, name="Environment Plan")).to_be_visible()
    page.get_by_role("button", name="Record approval").click()  # nothing entered
    expect(page.get_by_role("alert")).to_contain_text("Enter the committee that approved the plan")
    assert axe_violations(page) == []
    page.get_by_label("Committee").fill("Environment Scrutiny Committee")
    approved = page.get_by_role("group", name="Date approved")  # the GOV.UK date input
    approved.get_by_label("Day").fill("20")
    approved.get_by_label("Month").fill("3")
    approved.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record approval").click()
    expect(page.get_by_text("Environment Plan 2026/27 has been recorded as approved.")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/plans/periods/")
    expect(page.get_by_role("heading", level=1, name="Reporting periods")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Open 2026/27 Q1").click()
    expect(page.get_by_role("heading", level=1, name="Open 2026/27 Q1?")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Open 2026/27 Q1").click()
    expect(page.get_by_text("2026/27 Q1 is open: returns are now due.")).to_be_visible()
    q1.refresh_from_db()
    assert q1.state == ReportingPeriod.State.OPEN
    page.get_by_label("Financial year").fill("2027/28")
    page.get_by_label("Quarters and half-years").check()
    page.get_by_role("button", name="Schedule periods").click()
    expect(page.get_by_text(re.compile("6 periods scheduled for 2027/28"))).to_be_visible()
    assert axe_violations(page) == []
