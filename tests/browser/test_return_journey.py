"""An officer checks their return before submitting it, giving a reason for what is missing; the manager
reads the whole return on its own page and sends it back from there. Every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import ProgressUpdate
from plans.models import Return
from tests.browser.test_signoff import sign_in
from tests.builders import small_council, staff_of
from tests.conftest import axe_violations
from tests.factories import TaskOfficerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quarter():
    from serviceplans.roles import MANAGERS, OFFICERS

    council = small_council(size=2)
    waste = council["services"][0]
    people = staff_of(
        waste, [("ahardy", "Alison Hardy", MANAGERS), ("kmarsh", "Kevin Marsh", OFFICERS)], head="ahardy"
    )
    done, missing = [t for t in council["tasks"] if t.section.unit == waste][:2]
    for task in (done, missing):
        TaskOfficerFactory(task=task, officer=people["kmarsh"])
    ProgressUpdate.objects.filter(task=missing, period=council["q2"]).delete()
    ProgressUpdate.objects.filter(task=done, period=council["q2"]).update(
        commentary="Food waste collections now reach 9,000 homes."
    )
    return council | {"people": people, "missing": missing}


def test_an_officer_checks_and_submits_and_the_manager_reads_the_return(page, live_server, quarter):
    sign_in(page, live_server, "kmarsh")
    page.get_by_role("button", name=re.compile("^Submit my return")).click()

    expect(
        page.get_by_role("heading", level=1, name="Check your return before you submit it")
    ).to_be_visible()
    expect(page.get_by_text("1 update is still missing.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Update “"))).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit the return").click()  # no reason given
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Say why 1 update is missing")
    assert axe_violations(page) == []
    reason = page.get_by_label("Why are some updates or values missing?")
    expect(reason).to_have_attribute("aria-describedby", re.compile("gaps_reason-error"))
    reason.fill("The contractor's figures arrive in November.")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_text(re.compile("Your return for 2026/27 Q2 has been submitted"))).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, "ahardy")
    page.goto(f"{live_server.url}/tasks/returns/")
    page.get_by_role("link", name=re.compile(r"^Kevin Marsh\W*s return")).click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Kevin Marsh"))).to_be_visible()
    expect(page.get_by_text("Food waste collections now reach 9,000 homes.")).to_be_visible()
    expect(page.get_by_text("The contractor's figures arrive in November.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Why are you sending it back?").fill("Please add the missing update.")
    page.get_by_role("button", name="Send it back").click()
    expect(page.get_by_text(re.compile("has been sent back with your comment"))).to_be_visible()
    assert Return.objects.get(officer=quarter["people"]["kmarsh"]).state == "sent_back"
