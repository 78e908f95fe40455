"""Every judgement explains itself on pages (issue #15): beside each RAG status, the reason in words, with the
unrounded figures where the indicator's own rounding would hide it (3.533 days shown as “3.5 days” against a
target of 3.5 would look on target, yet is Amber)."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.tests.test_reports_support import user_with_role
from tests.builders import small_council
from tests.factories import (
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    OfficerFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

REASON = "3.53 days against a target of 3.5 days, lower is better: worse than target, within the 5% tolerance: Amber"


@pytest.fixture
def council():
    council = small_council(size=1)
    days = IndicatorFactory(
        plan=council["plan"],
        section=council["sections"][0],
        name="Days to process a claim",
        unit="days",
        decimal_places=1,
        polarity="lower",
        tolerance_percent=Decimal(5),
    )
    TargetFactory(indicator=days, financial_year=2026, value=Decimal("3.5"))
    IndicatorValueFactory(indicator=days, period=council["q2"], value=Decimal("3.533"))
    IndicatorValueFactory(indicator=days, period=council["q1"], value=Decimal("3.4"))
    IndicatorValueFactory(indicator=days, period=council["last_q2"], value=Decimal("3.6"))
    officer = OfficerFactory(name="Kevin Marsh")
    IndicatorOfficerFactory(indicator=days, officer=officer)
    return council | {"days": days, "officer": officer}


def test_the_reason_is_beside_the_rag_on_every_page(client, council):
    client.force_login(user_with_role("performance"))
    for url in (
        reverse("indicators:indicator-list") + "?period=2026/27+Q2",
        reverse("indicators:indicator-detail", args=[council["days"].pk]),
        reverse("actions:return-detail", args=[council["q2"].pk, council["officer"].pk]),
        reverse("reporting:dashboard"),
    ):
        content = client.get(url).content.decode()
        assert REASON in content, url


def test_the_indicator_list_download_carries_the_reason(client, council):
    client.force_login(user_with_role("performance"))
    response = client.get(reverse("indicators:indicator-list"), {"period": "2026/27 Q2", "format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if "Why" in row)
    column = header.index("Why")
    assert REASON in [row[column] for row in rows]


def test_the_direction_of_travel_says_what_it_compares(client, council):
    client.force_login(user_with_role("performance"))
    content = client.get(reverse("indicators:indicator-detail", args=[council["days"].pk])).content.decode()
    assert "3.5 days against 3.6 days in 2025/26 Q2, lower is better: Better" in content
    assert "3.5 days against 3.4 days in 2026/27 Q1, lower is better: Worse" in content
