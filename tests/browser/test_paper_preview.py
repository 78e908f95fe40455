"""The committee paper's preview in a real browser: its table headings break between words, never inside
one (“Expecte/d”), and fit inside their cells, at desktop, tablet and phone widths; on a phone the annexes scroll
inside themselves rather than the page scrolling sideways."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from reporting.reports.committee import CommitteeReport
from reporting.tests.test_reports_support import make_report
from serviceplans.roles import PERFORMANCE_TEAM
from tests.browser.test_pages import sign_in
from tests.builders import small_council
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The words of the tables' header cells drawn on more than one line (a word broken in two).
BROKEN_HEADING_WORDS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll(".paper-table thead th")) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

#: The header cells whose words do not fit inside them (drawn over the next column).
OVERFLOWING_HEADINGS = """() => [...document.querySelectorAll(".paper-table thead th")]
  .filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent.trim())"""


@pytest.mark.parametrize("width", [1280, 768, 375])
def test_the_previews_column_headings_never_break_inside_a_word(page, live_server, width):
    council = small_council(size=2)
    report = make_report(council)
    user = UserFactory(username="performance")
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    sign_in(page, live_server, username="performance")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("reporting:report-detail", args=[report.pk]))
    assert page.locator(".paper-table thead th", has_text="Expected").count() >= 1
    assert page.evaluate(BROKEN_HEADING_WORDS) == []
    assert page.evaluate(OVERFLOWING_HEADINGS) == []
    # Wide tables scroll inside their annex, not the page (WCAG 1.4.10 Reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_a_big_reports_preview_pages_its_annexes_with_gov_uk_pagination(
    page, live_server, monkeypatch, width
):
    from reporting.views import ReportDetailView

    monkeypatch.setattr(ReportDetailView, "PAGED_ROWS", 5)
    monkeypatch.setattr(CommitteeReport, "ANNEX_PAGE_ROWS", 4)
    council = small_council(size=3)  # 6 tasks and 6 indicators: three pages of four rows
    report = make_report(council)
    user = UserFactory(username="performance")
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    sign_in(page, live_server, username="performance")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("reporting:report-detail", args=[report.pk]))
    pager = page.get_by_role("navigation", name="Pages of the annexes", exact=True)
    expect(pager.get_by_role("link", name="Page 1 of the annexes")).to_have_attribute("aria-current", "page")
    expect(pager.get_by_role("link", name="Previous page of the annexes")).to_have_count(0)
    pager.get_by_role("link", name="Next page of the annexes").click()
    expect(page).to_have_url(re.compile(r"annex_page=2$"))
    expect(page.get_by_text("the preview shows 5 to 8 (page 2 of 3)")).to_be_visible()
    pager.get_by_role("link", name="Page 3 of the annexes").click()
    expect(pager.get_by_role("link", name="Page 3 of the annexes")).to_have_attribute("aria-current", "page")
    expect(pager.get_by_role("link", name="Next page of the annexes")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
