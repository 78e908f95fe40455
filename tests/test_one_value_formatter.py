"""One value formatter (issue #15): a value entered as “47.2%” reads “47.2%” on My updates, the indicator's
page, the officer's return page and the indicator list, never “47.20”; monthly values keep their unit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.values import value_shown
from plans.models import ReportingPeriod
from reporting.tests.test_reports_support import user_with_role
from tests.builders import small_council
from tests.factories import (
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    OfficerFactory,
    ReportingPeriodFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "unit", "places", "text", "reason", "shown"),
    [
        (Decimal("47.2000"), "percent", 1, "", "", "47.2%"),
        (Decimal("3.5330"), "days", 2, "", "", "3.53 days"),
        (Decimal("1200"), "money", 0, "", "", "£1,200"),
        (None, "percent", 1, "", "Survey not run", "No data: Survey not run"),
        (None, "text", 0, "Good", "", "Good"),
        (None, "number", 0, "", "", "–"),
    ],
)
def test_a_value_is_shown_the_councils_way(number, unit, places, text, reason, shown):
    assert value_shown(number, unit, places, text=text, no_data_reason=reason) == shown


def test_the_same_value_reads_the_same_on_every_page(client):
    council = small_council(size=1)
    user = UserFactory(username="kmarsh")
    officer = OfficerFactory(user=user, name="Kevin Marsh")
    recycling = IndicatorFactory(
        plan=council["plan"],
        section=council["sections"][0],
        unit="percent",
        decimal_places=1,
        name="Recycled",
    )
    TargetFactory(indicator=recycling, financial_year=2026, value=Decimal(48))
    IndicatorValueFactory(indicator=recycling, period=council["q2"], value=Decimal("47.2"))
    monthly = IndicatorFactory(
        plan=council["plan"],
        section=council["sections"][0],
        unit="days",
        decimal_places=1,
        collection_frequency="monthly",
        name="Days to clear",
    )
    m05 = ReportingPeriodFactory(
        financial_year=2026, kind="month", number=5, state=ReportingPeriod.State.OPEN
    )
    IndicatorValueFactory(indicator=monthly, period=m05, value=Decimal("3.5"))
    for indicator in (recycling, monthly):
        IndicatorOfficerFactory(indicator=indicator, officer=officer)

    client.force_login(user)
    mine = client.get(reverse("home")).content.decode()
    assert "47.2%" in mine and "47.20" not in mine
    assert "3.5 days" in mine

    client.force_login(user_with_role("performance"))
    pages = [
        reverse("indicators:indicator-detail", args=[recycling.pk]),
        reverse("actions:return-detail", args=[council["q2"].pk, officer.pk]),
        reverse("indicators:indicator-list") + "?period=2026/27+Q2",
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert "47.2%" in content, url
        assert "47.20" not in content, url
