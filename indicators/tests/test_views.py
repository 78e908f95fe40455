import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import add_rows, small_council
from tests.factories import IndicatorValueFactory, ReportingPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_indicator_page_shows_definition_targets_values_and_judgements(client):
    council = small_council(size=1)
    indicator = council["indicators"][0]
    indicator.definition = "Household waste sent for reuse, recycling or composting."
    indicator.save()
    client.force_login(UserFactory())

    response = client.get(reverse("indicators:indicator-detail", args=[indicator.pk]))

    content = response.content.decode()
    assert "Household waste sent for reuse" in content
    assert [row.period.label for row in response.context["rows"]][-2:] == ["2026/27 Q1", "2026/27 Q2"]
    assert "Worse than target range" in content and "✗</span> Red" in content
    assert "<title>" in content and "actuals against target" in content


def test_indicator_page_needs_sign_in_and_a_real_indicator(client):
    assert client.get(reverse("indicators:indicator-detail", args=[1])).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("indicators:indicator-detail", args=[999])).status_code == 404


def test_indicator_page_queries_do_not_grow_with_values(client):
    """Queries: session, user, indicator with plan/section/units, targets, values, frameworks, officers,
    council settings, the reader's groups and officer record, the open periods, and the audit trail's saved
    versions of the indicator, its targets and its values (one query each)."""
    council = small_council(size=1)
    indicator = council["indicators"][0]
    client.force_login(UserFactory())
    url = reverse("indicators:indicator-detail", args=[indicator.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in (2023, 2024):
        for number in (1, 2, 3, 4):
            period = ReportingPeriodFactory(financial_year=year, kind="quarter", number=number)
            IndicatorValueFactory(indicator=indicator, period=period, value=45)
    add_rows(council, 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["rows"]) > 8
    assert len(few) == len(many) == 14
