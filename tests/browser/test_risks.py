"""The risk register in a real browser: an officer reviews a risk they own in the open period (after a
mistake), their manager sees the review in the officer's return, and the committee clerk adds the risks
annex to a report. The register, its heat map and every page on the way pass axe (WCAG 2.2 A and AA)."""

import re

import pytest
from playwright.sync_api import expect

from risks.models import RiskCategory, RiskReview
from risks.tests.factories import RiskFactory, RiskOwnerFactory, RiskReviewFactory
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, OFFICERS
from tests.browser.test_pages import sign_in
from tests.builders import small_council, staff_of
from tests.conftest import axe_violations
from tests.factories import TaskOfficerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register():
    council = small_council(size=1)
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
    TaskOfficerFactory(task=council["tasks"][0], officer=people["kmarsh"])
    financial = RiskCategory.objects.get_or_create(name="Financial")[0]
    risk = RiskFactory(
        unit=waste,
        plan=council["plan"],
        reference="WST-01",
        title="Recycling income falls",
        category=financial,
        current_likelihood=3,
        current_impact=4,
        controls="Price floor in the contract.",
    )
    RiskOwnerFactory(risk=risk, officer=people["kmarsh"])
    RiskReviewFactory(risk=risk, period=council["q1"], likelihood=3, impact=4, commentary="Prices steady.")
    RiskFactory(
        unit=council["services"][1], reference="PRK-01", title="Trees fall in storms", category=financial
    )
    return council | {"people": people, "risk": risk}


def test_review_a_risk_see_it_in_the_return_and_add_the_annex(page, live_server, register):
    # The officer reviews their risk from My updates.
    sign_in(page, live_server, "kmarsh")
    reviews = page.get_by_role("table", name="Risks you own, to review in the open period")
    expect(reviews).to_contain_text("WST-01: Recycling income falls")
    assert axe_violations(page) == []
    reviews.get_by_role("link", name="Review WST-01 for 2026/27 Q2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("WST-01: Recycling income falls")
    assert axe_violations(page) == []

    page.get_by_role("group", name="Current likelihood").get_by_label("4 – Likely").check()
    page.get_by_role("button", name="Save review").click()  # the score moved: commentary is needed
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Say how the controls are working")
    assert axe_violations(page) == []
    page.get_by_label("Commentary on the controls").fill("Paper prices fell by a third; reserve in use.")
    page.get_by_role("button", name="Save review").click()
    expect(
        page.get_by_text("Your review of WST-01 for 2026/27 Q2 has been saved: score 16, High.")
    ).to_be_visible()
    history = page.get_by_role("table", name="Every review, newest first")
    expect(history.get_by_role("row", name=re.compile(r"^2026.27 Q2"))).to_contain_text("↓ Worse")
    assert axe_violations(page) == []
    assert RiskReview.objects.get(period=register["q2"]).score == 16

    # The register and its heat map.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Risks").click()
    expect(page.get_by_role("heading", level=1, name="Risk register")).to_be_visible()
    heat = page.get_by_role("table", name="Risks by current likelihood and impact")
    expect(heat.get_by_role("row", name=re.compile(r"^Likely \(4\)"))).to_contain_text("16 High")
    assert axe_violations(page) == []
    heat.get_by_role("link", name=re.compile(r"1 risk, Likely × Major")).click()
    expect(page.get_by_text("Showing 1 to 1 of 1 risk.")).to_be_visible()
    expect(page.get_by_role("link", name="Recycling income falls")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()

    # The manager sees the review in Kevin's return.
    sign_in(page, live_server, "ahardy")
    page.goto(f"{live_server.url}/tasks/returns/?period={register['q2'].pk}")
    kevin = page.get_by_role("row", name=re.compile("^Kevin Marsh"))
    kevin.get_by_role("link", name="1 of 1 risk review from Kevin Marsh").click()
    expect(page.get_by_role("heading", level=1, name="Risk reviews")).to_be_visible()
    table = page.get_by_role("table", name="Risk reviews from Kevin Marsh, 2026/27 Q2")
    expect(table).to_contain_text("Paper prices fell by a third; reserve in use.")
    expect(table).to_contain_text("4 × 4 = 16")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()

    # The clerk adds the risks annex to a report on the plan.
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Create a report").click()
    page.get_by_label("Plan", exact=True).select_option(label=str(register["plan"]))
    period = page.get_by_label("Reporting period")
    period.select_option(label=next(o for o in period.locator("option").all_inner_texts() if "Q2" in o))
    page.get_by_label("Include the risks annex (the risk register, with its heat map)").check()
    page.get_by_role("button", name="Create report").click()
    annex = page.get_by_role("region", name=re.compile(r"Annexe 3: Risk register, 2026.27 Q2"))
    expect(annex).to_contain_text("WST-01")
    expect(annex).to_contain_text("Paper prices fell by a third; reserve in use.")
    expect(
        annex.get_by_role("table", name=re.compile("Number of risks by likelihood and impact"))
    ).to_be_visible()
    assert axe_violations(page) == []
