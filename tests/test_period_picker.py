"""One period picker (issue #15): every page that asks for a reporting period offers it in one order and
words it one way, its label and its state; a committee report is never offered a period not started yet."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from plans.models import ReportingPeriod
from reporting.forms import ReportCreateForm
from reporting.tests.test_reports_support import user_with_role
from serviceplans.forms import period_choice_label, period_choices
from tests.builders import small_council
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def test_a_period_is_written_as_its_label_and_its_state():
    period = SimpleNamespace(label="2026/27 Q2", get_state_display=lambda: "Open for returns")
    assert period_choice_label(period) == "2026/27 Q2 (open for returns)"


def test_periods_are_offered_newest_first_and_the_shorter_first_when_they_end_together():
    def period(label, start, end):
        return SimpleNamespace(
            label=label, start_date=start, end_date=end, get_state_display=lambda: "Closed"
        )

    year = period("2026/27", date(2026, 4, 1), date(2027, 3, 31))
    q4 = period("2026/27 Q4", date(2027, 1, 1), date(2027, 3, 31))
    h2 = period("2026/27 H2", date(2026, 10, 1), date(2027, 3, 31))
    q1 = period("2026/27 Q1", date(2026, 4, 1), date(2026, 6, 30))
    assert [value for value, _ in period_choices([q1, year, h2, q4])] == [
        "2026/27 Q4",
        "2026/27 H2",
        "2026/27",
        "2026/27 Q1",
    ]


def options(response, name="period") -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', response.content.decode(), re.S).group()
    return [" ".join(text.split()) for text in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


@pytest.fixture
def council():
    council = small_council(size=1)
    ReportingPeriodFactory(financial_year=2026, kind="half", number=1, state=ReportingPeriod.State.OPEN)
    return council


def test_every_page_offers_the_periods_in_the_same_order_and_words(client, council):
    client.force_login(user_with_role("performance"))
    wanted = ["2026/27 Q2 (open for returns)", "2026/27 H1 (open for returns)", "2026/27 Q1 (closed)"]
    for url in (
        reverse("reporting:dashboard"),
        reverse("actions:task-list"),
        reverse("indicators:indicator-list"),
    ):
        offered = [o for o in options(client.get(url)) if o.startswith("2026/27")]
        assert offered == wanted, url
    # Returns are made for quarters: the sign-off page offers only them, in the same order and words.
    offered = [o for o in options(client.get(reverse("actions:return-list"))) if o.startswith("2026/27")]
    assert offered == [o for o in wanted if " H" not in o]
    offered = [o for o in options(client.get(reverse("reporting:report-create"))) if o.startswith("2026/27")]
    assert offered == wanted


def test_a_report_is_not_offered_a_period_that_has_not_started(council, monkeypatch):
    monkeypatch.setattr("reporting.forms.timezone.localdate", lambda: date(2026, 8, 15))
    ReportingPeriodFactory(financial_year=2026, kind="quarter", number=3)
    offered = [str(p) for p in ReportCreateForm().fields["period"].queryset]
    assert "2026/27 Q3" not in offered
    assert offered[:2] == ["2026/27 Q2", "2026/27 H1"]
    form = ReportCreateForm(
        {"plan": council["plan"].pk, "period": ReportingPeriod.objects.get(kind="quarter", number=3).pk}
    )
    assert "period" in form.errors
