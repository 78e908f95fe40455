"""A quarter, walked through in a real browser by the people who do it (issue 15).

The officer saves three of their four task updates from the bulk update page (the fourth left untouched),
checks their return and submits it with a reason for the gaps; their manager reads the return on its own
page and sends it back; the officer puts it right and submits again; the manager approves it; the committee
clerk makes the report and downloads the paper. Each step is checked on the page and in the database, and
axe finds nothing on the pages on the way.
"""

import re

import pytest
from playwright.sync_api import expect

from actions.models import ProgressUpdate
from indicators.models import IndicatorValue
from plans.models import Return
from reporting.models import Report
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, OFFICERS
from tests.browser.test_pages import sign_in
from tests.builders import small_council, staff_of
from tests.conftest import axe_violations
from tests.factories import IndicatorOfficerFactory, TaskOfficerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quarter():
    council = small_council(size=2)
    waste = council["services"][0]
    people = staff_of(
        waste,
        [
            ("ahardy", "Alison Hardy", MANAGERS),
            ("kmarsh", "Kevin Marsh", OFFICERS),
            ("clerk", "Carol Clerk", COMMITTEE_CLERKS),
        ],
        head="ahardy",
    )
    tasks = council["tasks"]  # two in Waste, two in Parks
    for task in tasks:
        TaskOfficerFactory(task=task, officer=people["kmarsh"])
    ProgressUpdate.objects.filter(task__in=tasks, period=council["q2"]).delete()
    indicator = council["indicators"][0]
    IndicatorOfficerFactory(indicator=indicator, officer=people["kmarsh"])
    IndicatorValue.objects.filter(indicator=indicator, period=council["q2"]).delete()
    return council | {"people": people, "indicator": indicator}


def bulk_row(page, task):
    return page.locator(".app-bulk-row").filter(has=page.get_by_role("heading", level=2, name=task.text))


def test_a_quarter_from_the_officer_to_the_committee_paper(page, live_server, quarter):
    q2, tasks, kmarsh = quarter["q2"], quarter["tasks"], quarter["people"]["kmarsh"]
    saved, untouched = tasks[:3], tasks[3]

    # The officer updates three tasks at once and leaves the fourth as it is.
    sign_in(page, live_server, "kmarsh")
    page.goto(f"{live_server.url}/tasks/all/{q2.pk}/")
    expect(page.get_by_role("heading", level=1, name="Update all my tasks")).to_be_visible()
    assert axe_violations(page) == []
    for number, task in enumerate(saved):
        row = bulk_row(page, task)
        row.get_by_label("Percent complete").fill(str(30 + number * 10))
        row.get_by_label("Green").check()
        row.get_by_label("Commentary").fill(f"Work on task {number + 1} is on schedule.")
    page.get_by_role("button", name="Save all updates").click()
    expect(page.get_by_text("3 updates for 2026/27 Q2 saved; 1 task left as it was.")).to_be_visible()
    updates = ProgressUpdate.objects.filter(period=q2, task__in=tasks)
    assert sorted(updates.values_list("task_id", "percent_complete")) == sorted(
        (task.pk, 30 + n * 10) for n, task in enumerate(saved)
    )
    assert not updates.filter(task=untouched).exists()

    # The check page lists what is missing and wants a reason.
    page.get_by_role("button", name=re.compile("^Submit my return")).click()
    expect(
        page.get_by_role("heading", level=1, name="Check your return before you submit it")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Update “"))).to_have_count(1)
    expect(
        page.get_by_role("link", name=f"Enter the value for “{quarter['indicator'].name}”")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why")
    page.get_by_label("Why are some updates or values missing?").fill(
        "Parks figures come from the contractor."
    )
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_text(re.compile("Your return for 2026/27 Q2 has been submitted"))).to_be_visible()
    the_return = Return.objects.get(officer=kmarsh, period=q2)
    assert the_return.state == "submitted"

    # The manager reads the return, commentary and reason included, and sends it back.
    page.context.clear_cookies()
    sign_in(page, live_server, "ahardy")
    page.goto(f"{live_server.url}/tasks/returns/")
    page.get_by_role("link", name=re.compile(r"^Kevin Marsh\W*s return")).click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Kevin Marsh"))).to_be_visible()
    expect(page.get_by_text("Work on task 2 is on schedule.")).to_be_visible()
    expect(page.get_by_text("Parks figures come from the contractor.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Why are you sending it back?").fill(f"Please update “{untouched.text}” and the value.")
    page.get_by_role("button", name="Send it back").click()
    expect(page.get_by_text(re.compile("has been sent back with your comment"))).to_be_visible()
    the_return.refresh_from_db()
    assert the_return.state == "sent_back"

    # The officer sees why, fills the gaps and submits again, with nothing missing.
    page.context.clear_cookies()
    sign_in(page, live_server, "kmarsh")
    expect(page.get_by_text(f"Please update “{untouched.text}” and the value.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Update " + re.escape(untouched.text[:30]))).first.click()
    page.get_by_label("Percent complete").fill("20")
    page.get_by_label("Amber").check()
    page.get_by_label("Commentary").fill("The contractor's survey starts in October.")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your update for 2026/27 Q2 has been saved.")).to_be_visible()
    assert ProgressUpdate.objects.get(task=untouched, period=q2).status == "amber"

    page.goto(f"{live_server.url}/indicators/{quarter['indicator'].pk}/value/{q2.pk}/")
    page.get_by_label("Yes, enter the value").check()
    page.get_by_label("Value", exact=True).fill("47")
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text(re.compile("The value for 2026/27 Q2 has been saved: 47"))).to_be_visible()
    assert IndicatorValue.objects.get(indicator=quarter["indicator"], period=q2).value == 47

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name=re.compile("^Submit my return")).click()
    expect(page.get_by_text("Every task update and value due in this return has been made.")).to_be_visible()
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_text(re.compile("Your return for 2026/27 Q2 has been submitted"))).to_be_visible()
    the_return.refresh_from_db()
    assert the_return.state == "submitted"

    # The manager approves it.
    page.context.clear_cookies()
    sign_in(page, live_server, "ahardy")
    page.goto(f"{live_server.url}/tasks/returns/{q2.pk}/{kmarsh.pk}/")
    expect(page.get_by_text("The contractor's survey starts in October.")).to_be_visible()
    page.get_by_role("button", name="Approve the return").click()
    expect(page.get_by_text(re.compile("approved", re.IGNORECASE)).first).to_be_visible()
    the_return.refresh_from_db()
    assert the_return.state == "approved"

    # The clerk makes the report and downloads the committee paper.
    page.context.clear_cookies()
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/reports/new/")
    page.get_by_label("Plan", exact=True).select_option(label=str(quarter["plan"]))
    period = page.get_by_label("Reporting period")
    period.select_option(label=next(o for o in period.locator("option").all_inner_texts() if "Q2" in o))
    page.get_by_role("button", name="Create report").click()
    expect(page.get_by_role("heading", level=1).first).to_contain_text("progress report")
    report = Report.objects.get()
    assert (report.plan, report.period) == (quarter["plan"], q2)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as paper:
        assert paper.read(5) == b"%PDF-"
