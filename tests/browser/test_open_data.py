"""A resident reads the published performance in a real browser: axe-clean, and no sideways scrolling of
the page at 320 px (tables scroll inside their own labelled region). Screenshots go to
``$OPEN_DATA_SCREENSHOTS`` when it is set, to look at."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from indicators.services import indicator_judgements_freeze
from plans.models import ReportingPeriod
from tests.builders import small_council
from tests.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name: str) -> None:
    folder = os.environ.get("OPEN_DATA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_an_anonymous_visitor_reads_a_published_period(page, live_server, settings, browser):
    settings.OPEN_DATA_ENABLED = True
    council = small_council(size=3)
    q1 = council["q1"]
    q1.state = ReportingPeriod.State.PUBLISHED
    q1.save()
    indicator_judgements_freeze(period=q1)
    council["indicators"][0].values.filter(period=council["q2"]).update(value=Decimal("77.7"))

    page.goto(f"{live_server.url}/open/")
    expect(
        page.get_by_role("heading", level=1, name="How Borough of Millbrook Council is performing")
    ).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "open-index-1280")
    page.get_by_role("link", name="2026/27 Q1").click()

    expect(page.get_by_role("heading", level=1, name="Performance, 2026/27 Q1")).to_be_visible()
    indicators = page.get_by_role("table", name="Indicators, Environment Plan, 2026/27 Q1")
    expect(indicators.get_by_role("cell", name="48%").first).to_be_visible()
    expect(indicators.get_by_text("Worse than target range").first).to_be_visible()
    expect(page.get_by_text("77.7")).to_have_count(0)
    assert axe_violations(page) == []
    shoot(page, "open-period-1280")

    page.get_by_role("link", name=council["indicators"][0].name).click()
    expect(page.get_by_role("heading", level=1, name=council["indicators"][0].name)).to_be_visible()
    expect(page.get_by_role("img", name="actuals against target")).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "open-indicator-1280")

    narrow = browser.new_context(viewport={"width": 320, "height": 800}, locale="en-GB").new_page()
    for name, url in [
        ("open-index-320", "/open/"),
        ("open-period-320", f"/open/periods/{q1.pk}/"),
        ("open-indicator-320", f"/open/indicators/{council['indicators'][0].pk}/"),
    ]:
        narrow.goto(live_server.url + url)
        assert not narrow.evaluate("document.documentElement.scrollWidth > window.innerWidth"), name
        assert axe_violations(narrow) == [], name
        shoot(narrow, name)
    narrow.context.close()
