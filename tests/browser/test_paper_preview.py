"""The committee paper's preview in a real browser: its table headings break between words, never inside
one (“Expecte/d”), and fit inside their cells, at desktop, tablet and phone widths; on a phone the annexes scroll
inside themselves rather than the page scrolling sideways."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

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
