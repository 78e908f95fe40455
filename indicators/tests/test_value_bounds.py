"""Every number has bounds (issue #11, findings 1 and 10).

A value the columns cannot keep (10^16 or more, or more than 4 decimal places) is refused with a clear word
by the rule, the form, the service and the database itself; a bad row stored before the bounds existed is
repaired by the migration, and a page that meets one anyway shows no value instead of failing.
"""

import logging
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.urls import reverse

from indicators.forms import IndicatorValueForm
from indicators.models import IndicatorValue, Target
from indicators.services import indicator_value_save
from indicators.values import LARGEST_VALUE, parse_value, value_kept, value_problem
from reporting.models import Report
from serviceplans.roles import OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import IndicatorOfficerFactory, OfficerFactory, UserFactory

D = Decimal


# -- the rule ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [D("9999999999999999"), D("9999999999999999.9999"), D("-9999999999999999"), D("0.0001"), D("47.2")],
)
def test_numbers_the_columns_keep_are_allowed(number):
    assert value_problem(number) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (D("10000000000000000"), f"between -{LARGEST_VALUE} and {LARGEST_VALUE}"),
        (D("-10000000000000000"), f"between -{LARGEST_VALUE} and {LARGEST_VALUE}"),
        (D("1e300"), "between"),
        (D("0.00001"), "kept to 4 decimal places: enter 0.0000"),
        (D("33.333333"), "enter 33.3333"),
    ],
)
def test_numbers_the_columns_cannot_keep_are_refused_in_words(number, words):
    assert words in value_problem(number)


def test_the_largest_value_is_written_the_councils_way():
    assert LARGEST_VALUE == "9,999,999,999,999,999"


def test_a_ratio_is_kept_to_four_decimal_places_because_the_ratio_was_typed():
    parsed = parse_value("1:3")
    assert value_kept(parsed) == D("0.3333")
    assert value_problem(value_kept(parsed)) is None


# -- the form, the service and the database --------------------------------------------------------------------


@pytest.fixture
def council(db):
    council = small_council(size=1)
    groups = roles_ensure()
    user = UserFactory(username="officer")
    user.groups.add(groups[OFFICERS])
    officer = OfficerFactory(user=user, name="Kevin Marsh")
    indicator = council["indicators"][0]
    IndicatorOfficerFactory(indicator=indicator, officer=officer)
    IndicatorValue.objects.filter(indicator=indicator, period=council["q2"]).delete()
    performance = UserFactory(username="performance", is_staff=True)
    performance.groups.add(groups[PERFORMANCE_TEAM])
    return council | {"user": user, "indicator": indicator, "performance": performance}


@pytest.mark.parametrize("typed", ["10000000000000000", "10000000 billion", "-10000000000000000", "1e16"])
def test_the_form_refuses_a_value_too_big_to_keep_even_when_confirmed(council, typed):
    form = IndicatorValueForm(
        data={"value": typed, "note": "", "version": "0", "confirm": "on"}, indicator=council["indicator"]
    )
    if typed == "1e16":  # not a number as councils write them: refused as words for a numeric indicator
        assert not form.is_valid()
        return
    assert not form.is_valid()
    assert f"between -{LARGEST_VALUE} and {LARGEST_VALUE}" in form.errors["value"][0]


def test_the_form_refuses_a_value_that_would_round_away(council):
    form = IndicatorValueForm(data={"value": "0.00001", "version": "0"}, indicator=council["indicator"])
    assert not form.is_valid()
    assert form.errors["value"] == ["Values are kept to 4 decimal places: enter 0.0000 or check the number"]


def test_the_service_refuses_a_value_too_big_whoever_calls_it(council):
    with pytest.raises(ValidationError) as refused:
        indicator_value_save(
            indicator=council["indicator"],
            period=council["q2"],
            user=council["user"],
            value=D("1e16"),
            text_value="",
            no_data_reason="",
            note="",
            seen_version=0,
        )
    assert "value" in refused.value.message_dict
    assert not IndicatorValue.objects.filter(indicator=council["indicator"], period=council["q2"]).exists()


def test_the_database_refuses_a_value_too_big_however_it_arrives(council):
    """SQLite by the check constraint; PostgreSQL by its numeric(20, 4) column as well."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        IndicatorValue.objects.filter(indicator=council["indicator"]).update(value=D("1e16"))
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Target.objects.filter(indicator=council["indicator"]).update(value=D("-1e16"))


def test_admin_refuses_a_value_too_big_with_the_same_words(council, client):
    client.force_login(council["performance"])
    value = (
        IndicatorValue.objects.filter(indicator=council["indicator"])
        .exclude(period__state="published")
        .first()
    )
    url = reverse("admin:indicators_indicatorvalue_change", args=[value.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "indicator": value.indicator_id,
        "period": value.period_id,
        "value": "10000000000000000",
        "text_value": "",
        "no_data_reason": "",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"Enter a number between -{LARGEST_VALUE} and {LARGEST_VALUE}" in response.content.decode()
    value.refresh_from_db()
    assert value.value != D("1e16")


def _officer_pages(council) -> list[str]:
    indicator = council["indicator"]
    return [
        reverse("home"),
        reverse("reporting:dashboard"),
        reverse("indicators:indicator-list"),
        reverse("indicators:indicator-list") + "?format=xlsx",
        reverse("indicators:indicator-detail", args=[indicator.pk]),
        reverse("indicators:value-enter", args=[indicator.pk, council["q2"].pk]),
        reverse("plans:plan-detail", args=[council["plan"].slug]),
        reverse("reporting:plan-document", args=[council["plan"].slug]),
        reverse("workbook:plan-export", args=[council["plan"].slug]),
    ]


def test_after_a_value_too_big_is_typed_every_page_still_answers(council, client):
    client.force_login(council["user"])
    url = reverse("indicators:value-enter", args=[council["indicator"].pk, council["q2"].pk])

    response = client.post(url, {"value": "10000000000000000", "note": "", "version": "0", "confirm": "on"})

    assert response.status_code == 200
    assert "Enter a number between" in response.content.decode()
    assert 'value="10000000000000000"' in response.content.decode()  # what was typed is kept
    client.force_login(council["performance"])
    failures = [(page, client.get(page).status_code) for page in _officer_pages(council)]
    assert [f for f in failures if f[1] != 200] == []


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Only SQLite can hold a number too long for its column"
)
def test_a_bad_number_stored_before_the_bounds_is_read_as_no_value_and_logged(council, client, caplog):
    value = IndicatorValue.objects.filter(indicator=council["indicator"], period=council["q1"]).get()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        cursor.execute(
            "UPDATE indicators_indicatorvalue SET value = 10000000000000000 WHERE id = %s", [value.pk]
        )
        cursor.execute("PRAGMA ignore_check_constraints = OFF")
    Report.objects.create(
        title="Q1", plan=council["plan"], period=council["q1"], include_tasks=True, include_indicators=True
    )
    client.force_login(council["performance"])

    with caplog.at_level(logging.WARNING, logger="serviceplans.fields"):
        pages = [*_officer_pages(council), reverse("reporting:report-list")]
        failures = [(page, client.get(page).status_code) for page in pages]
        report = Report.objects.get()
        failures += [
            (page, client.get(page).status_code)
            for page in (
                reverse("reporting:report-detail", args=[report.pk]),
                reverse("reporting:report-xlsx", args=[report.pk]),
                reverse("admin:indicators_indicatorvalue_change", args=[value.pk]),
            )
        ]

    assert [f for f in failures if f[1] != 200] == []
    assert IndicatorValue.objects.get(pk=value.pk).value is None
    assert "Invalid number stored in indicators_indicatorvalue.value" in caplog.text
