"""The API as another system uses it: tokens, scope, filters, judgements and the bulk value feed."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import ApiToken
from api.rules import token_hash
from api.services import api_token_revoke
from indicators.models import IndicatorValue
from plans.models import ReportingPeriod
from tests.builders import add_rows
from tests.factories import (
    FrameworkFactory,
    MilestoneFactory,
    ObjectiveFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db


def post(client, headers, rows):
    return client.post(
        "/api/v1/values", data=json.dumps({"rows": rows}), content_type="application/json", **headers
    )


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# -- tokens -------------------------------------------------------------------------------------------------


def test_a_request_without_a_valid_token_is_refused(client, council, make_token):
    assert client.get("/api/v1/plans").status_code == 401
    assert client.get("/api/v1/plans", HTTP_AUTHORIZATION="Bearer spt_wrong").status_code == 401
    token, headers = make_token()
    api_token_revoke(token=token)
    response = client.get("/api/v1/plans", **headers)
    assert response.status_code == 401
    assert "valid API token" in response.json()["detail"]


def test_only_the_hash_is_kept_and_last_use_is_recorded(client, council, make_token):
    token, headers = make_token()
    key = headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    assert key.startswith("spt_") and len(key) > 40
    assert token.key_hash == token_hash(key) and key not in token.key_hash
    assert token.last_used_at is None
    assert client.get("/api/v1/plans", **headers).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert not token.service_user.is_active and not token.service_user.has_usable_password()


def test_a_read_only_token_cannot_write(client, council, make_token):
    _token, headers = make_token(access=ApiToken.Access.READ)
    indicator = council["indicators"][0]
    response = post(client, headers, [{"indicator": indicator.pk, "period": "2026/27 Q2", "value": "47%"}])
    assert response.status_code == 403
    assert "read only" in response.json()["detail"]
    value = IndicatorValue.objects.get(indicator=indicator, period=council["q2"])
    assert value.value == Decimal(40) and value.version == 1


# -- scope --------------------------------------------------------------------------------------------------


def test_a_token_scoped_to_one_unit_sees_nothing_outside_it(client, council, make_token):
    waste, parks = council["services"]
    MilestoneFactory(task=council["tasks"][0])
    MilestoneFactory(task=council["tasks"][-1])
    ObjectiveFactory(plan=council["plan"], section=council["sections"][0])
    ObjectiveFactory(plan=council["plan"], section=council["sections"][1])
    _token, headers = make_token(unit=waste)
    waste_tasks = {t.pk for t in council["tasks"] if t.section.unit_id == waste.pk}
    waste_indicators = {i.pk for i in council["indicators"] if i.section.unit_id == waste.pk}
    parks_indicator = next(i for i in council["indicators"] if i.section.unit_id == parks.pk)
    parks_task = next(t for t in council["tasks"] if t.section.unit_id == parks.pk)

    assert ids(client.get("/api/v1/units", **headers)) == {waste.pk}
    assert ids(client.get("/api/v1/tasks", **headers)) == waste_tasks
    assert ids(client.get("/api/v1/indicators", **headers)) == waste_indicators
    assert ids(client.get("/api/v1/sections", **headers)) == {council["sections"][0].pk}
    objectives = client.get("/api/v1/objectives", **headers).json()["results"]
    assert [o["section_id"] for o in objectives] == [council["sections"][0].pk]
    for url, key in [
        ("/api/v1/values", "indicator_id"),
        ("/api/v1/targets", "indicator_id"),
    ]:
        rows = client.get(url, **headers).json()["results"]
        assert rows and {row[key] for row in rows} <= waste_indicators
    for url in ["/api/v1/progress-updates", "/api/v1/milestones"]:
        rows = client.get(url, **headers).json()["results"]
        assert rows and {row["task_id"] for row in rows} <= waste_tasks
    assert client.get(f"/api/v1/indicators/{parks_indicator.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/tasks/{parks_task.pk}", **headers).status_code == 404
    refused = client.get("/api/v1/tasks?unit=parks", **headers)
    assert refused.status_code == 422 and "parks" in refused.json()["detail"]
    response = post(
        client, headers, [{"indicator": parks_indicator.pk, "period": "2026/27 Q2", "value": "47%"}]
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "indicator"
    # The plan is shown to the Waste token because one of its sections is Waste's.
    assert ids(client.get("/api/v1/plans", **headers)) == {council["plan"].pk}


def test_a_token_for_a_unit_with_nothing_in_it_sees_no_plans_tasks_or_values(client, council, make_token):
    other = council["council"].children.create(name="Housing", kind="directorate", slug="housing")
    _token, headers = make_token(unit=other)
    for url in ["/api/v1/plans", "/api/v1/tasks", "/api/v1/indicators", "/api/v1/values", "/api/v1/targets"]:
        assert ids(client.get(url, **headers)) == set(), url


# -- filters and judgements -----------------------------------------------------------------------------------


def test_tasks_filter_by_status_in_the_period_as_on_the_task_list(client, council, make_token):
    _token, headers = make_token()
    red = client.get("/api/v1/tasks?period=2026/27 Q2&status=red", **headers).json()["results"]
    assert len(red) == 2 and all(t["in_period"]["status"] == {"code": "red", "label": "Red"} for t in red)
    missing = client.get("/api/v1/tasks?period=2026/27 Q2&status=missing", **headers).json()["results"]
    assert len(missing) == 2 and all(t["in_period"]["percent_complete"] is None for t in missing)
    response = client.get("/api/v1/tasks?status=red", **headers)
    assert response.status_code == 422 and "Choose a period" in response.json()["detail"]
    assert client.get("/api/v1/tasks?period=2026/27 Q9", **headers).status_code == 422


def test_values_carry_their_judgement_in_words(client, council, make_token):
    _token, headers = make_token()
    indicator = council["indicators"][0]  # Q2: 40 against a target of 50, higher is better
    rows = client.get(f"/api/v1/values?indicator={indicator.pk}&period=2026/27 Q2", **headers).json()[
        "results"
    ]
    (row,) = rows
    judgement = row["judgement"]
    assert row["value"] == "40" and row["display"] == "40%"
    assert judgement["rag"] == {
        "code": "red",
        "label": "Red",
        "description": "Worse than target beyond tolerance",
    }
    assert judgement["against_target"]["mark"] == "▲"
    assert judgement["against_target"]["label"] == "Worse than target range"
    assert judgement["direction_last_year"]["label"] == "Worse"
    assert judgement["direction_last_year"]["description"] == "Worse than the same period last year"
    assert judgement["reason"] == (
        "Red: worse than target beyond tolerance (40% against a target of 50%, tolerance 2.5%). "
        "Worse than the same period last year."
    )
    green = client.get("/api/v1/indicators?period=2026/27 Q1&rag=red", **headers).json()
    assert green["count"] == len(council["indicators"])  # 48 against 50 is beyond a 2.5% tolerance
    assert client.get("/api/v1/indicators?rag=red", **headers).status_code == 422


def test_pages_are_stable_and_linked(client, council, make_token):
    _token, headers = make_token()
    first = client.get("/api/v1/progress-updates?page_size=2", **headers).json()
    second = client.get("/api/v1/progress-updates?page_size=2&page=2", **headers).json()
    assert first["count"] == 6 and first["pages"] == 3
    assert first["next"].endswith("page_size=2&page=2") and first["previous"] is None
    assert [r["id"] for r in first["results"]] < [r["id"] for r in second["results"]]
    assert client.get("/api/v1/progress-updates?page=9", **headers).json()["results"] == []


LISTS = [
    "/api/v1/units",
    "/api/v1/periods",
    "/api/v1/frameworks",
    "/api/v1/plans",
    "/api/v1/sections",
    "/api/v1/objectives",
    "/api/v1/tasks?period=2026/27 Q2&unit=env",
    "/api/v1/milestones",
    "/api/v1/progress-updates?status=green&status=red",
    "/api/v1/indicators?period=2026/27 Q2",
    "/api/v1/indicators?period=2026/27 Q2&rag=red&rag=green",
    "/api/v1/targets",
    "/api/v1/values",
    "/api/v1/values?rag=red&period=2026/27 Q2",
]


@pytest.mark.parametrize("url", LISTS)
def test_list_endpoints_cost_the_same_queries_at_two_sizes(client, council, make_token, url):
    """The token (1) and its last use (0–1), the organisation tree (1), then each list's own: a count and
    the rows with their joins, plus one per prefetch (officers; targets, values, frameworks, officers;
    the settings and the judged indicators' records)."""
    MilestoneFactory(task=council["tasks"][0])
    ObjectiveFactory(plan=council["plan"], section=council["sections"][0])
    _token, headers = make_token()
    client.get(url, **headers)  # the token's last use is written once a minute: not counted below

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        return len(captured), response.json()["count"]

    small, small_count = queries()
    add_rows(council, 5)
    PlanSectionFactory(plan=council["plan"], title="Street cleaning", unit=council["services"][0])
    OrganisationUnitFactory(name="Roads", kind="service", parent=council["directorate"], slug="roads")
    ReportingPeriodFactory(financial_year=2026, kind="quarter", number=4)
    FrameworkFactory(code="LOCAL", name="Local measures")
    PlanFactory(unit=council["directorate"], first_year=2026, title="Roads Plan")
    for task in council["tasks"][-5:]:
        MilestoneFactory(task=task)
        ObjectiveFactory(plan=council["plan"], section=task.section)
    big, big_count = queries()
    print(f"{url}: {small} queries for {small_count} rows, {big} for {big_count}")
    assert big == small
    assert big_count > small_count


# -- posting values -------------------------------------------------------------------------------------------


def test_a_bulk_post_with_one_bad_row_writes_nothing_and_names_the_row(client, council, make_token):
    _token, headers = make_token()
    first, second, third = council["indicators"][:3]
    response = post(
        client,
        headers,
        [
            {"indicator": first.pk, "period": "2026/27 Q2", "value": "47%"},
            {"indicator": second.pk, "period": "2026/27 Q2", "value": "forty-seven"},
            {"indicator": third.pk, "period": "2026/27 Q2", "value": "46%"},
        ],
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Nothing was saved: 1 row has problems."
    assert body["errors"] == [
        {"index": 1, "field": "value", "message": "Enter a percentage or n/a. For example 42.5%"}
    ]
    assert (
        sorted(IndicatorValue.objects.filter(period=council["q2"]).values_list("version", flat=True))
        == [1] * 4
    )
    assert IndicatorValue.objects.get(indicator=first, period=council["q2"]).value == Decimal(40)


def test_the_same_post_twice_changes_nothing_the_second_time(client, council, make_token):
    token, headers = make_token(name="Waste feeder")
    first, second = council["indicators"][:2]
    q1_next = ReportingPeriodFactory(financial_year=2026, kind="quarter", number=3, state="open")
    rows = [
        {"indicator": first.pk, "period": "2026/27 Q2", "value": "47%", "note": "Better than feared"},
        {"indicator": second.pk, "period": q1_next.label, "value": "n/a", "no_data_reason": "Survey late"},
    ]
    response = post(client, headers, rows)
    assert response.status_code == 200, response.content
    assert response.json()["detail"] == "2 values: 1 new, 1 changed, 0 unchanged."
    history = IndicatorValue.history.count()
    again = post(client, headers, rows)
    assert again.json()["detail"] == "2 values: 0 new, 0 changed, 2 unchanged."
    assert [row["outcome"] for row in again.json()["rows"]] == ["unchanged", "unchanged"]
    assert IndicatorValue.history.count() == history
    saved = IndicatorValue.objects.get(indicator=first, period=council["q2"])
    assert saved.version == 2 and saved.value == Decimal(47) and saved.note == "Better than feared"
    # Every write is in the audit trail under the token's name.
    record = saved.history.latest()
    assert record.history_user == token.service_user
    assert record.history_user.get_full_name() == "Waste feeder (API token)"
    assert record.history_change_reason == "Posted through the API by “Waste feeder”"
    assert saved.entered_by == token.service_user


def test_a_post_without_note_keeps_the_commentary(client, council, make_token):
    _token, headers = make_token()
    indicator = council["indicators"][0]
    IndicatorValue.objects.filter(indicator=indicator, period=council["q2"]).update(note="Kept")
    assert (
        post(
            client, headers, [{"indicator": indicator.pk, "period": "2026/27 Q2", "value": "41%"}]
        ).status_code
        == 200
    )
    assert IndicatorValue.objects.get(indicator=indicator, period=council["q2"]).note == "Kept"


def test_an_implausible_value_needs_confirming(client, council, make_token):
    _token, headers = make_token()
    indicator = council["indicators"][0]
    row = {"indicator": indicator.pk, "period": "2026/27 Q2", "value": "470%"}
    refused = post(client, headers, [row])
    assert refused.status_code == 422
    (problem,) = refused.json()["errors"]
    assert problem["field"] == "confirm" and "outside 0 to 100" in problem["message"]
    assert "“confirm”: true" in problem["message"]
    assert post(client, headers, [row | {"confirm": True}]).status_code == 200
    assert IndicatorValue.objects.get(indicator=indicator, period=council["q2"]).value == Decimal(470)


@pytest.mark.parametrize(
    ("period", "state", "words"),
    [
        ("2026/27 Q1", None, "closed: values can only be posted while a period is open"),
        ("2025/26 Q2", None, "published: values can only be posted"),
        ("2026/27 M05", "open", "collected quarterly: post it for a quarter, not a month"),
        ("2027/28 Q1", "open", "outside the years of the indicator's plan (2026/27)"),
        ("2026/27 Q4", None, "There is no reporting period 2026/27 Q4"),
        ("Q7", None, "is not a period"),
    ],
)
def test_values_only_for_open_periods_the_indicator_is_collected_for(
    client, council, make_token, period, state, words
):
    if state:
        ReportingPeriod.objects.create(
            financial_year=int(period[:4]),
            kind="month" if "M" in period else "quarter",
            number=int(period[-2:].lstrip("QM0") or 0),
            state=state,
        )
    _token, headers = make_token()
    response = post(
        client, headers, [{"indicator": council["indicators"][0].pk, "period": period, "value": "41%"}]
    )
    assert response.status_code == 422, response.content
    assert words in response.json()["errors"][0]["message"]


def test_a_value_too_big_to_keep_is_refused_in_words(client, council, make_token):
    _token, headers = make_token()
    indicator = council["indicators"][0]
    indicator.unit = "number"
    indicator.save()
    response = post(
        client,
        headers,
        [{"indicator": indicator.pk, "period": "2026/27 Q2", "value": "10000000 billion", "confirm": True}],
    )
    assert response.status_code == 422
    assert (
        "Enter a number between -9,999,999,999,999,999 and 9,999,999,999,999,999"
        in response.json()["errors"][0]["message"]
    )


def test_a_request_that_is_not_valid_names_each_field(client, council, make_token):
    _token, headers = make_token()
    response = client.post(
        "/api/v1/values",
        data=json.dumps({"rows": [{"period": "2026/27 Q2"}]}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    fields = {(p["index"], p["field"]) for p in response.json()["errors"]}
    assert fields == {(0, "indicator"), (0, "value")}


def test_openapi_document_is_valid_3_1_and_documents_every_list(client):
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    # Checked against the OpenAPI 3.1 meta-schema (the one schemathesis ships).
    assert [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(document)] == []
    paths = document["paths"]
    for url in LISTS:
        assert url.split("?")[0] in paths
    assert "post" in paths["/api/v1/values"]
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_a_mistyped_filter_is_refused_not_ignored(client, council, make_token):
    _token, headers = make_token()
    response = client.get("/api/v1/tasks?perod=2026/27 Q2", **headers)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("“perod” is not a filter here. Use category, officer, page")
    response = client.get("/api/v1/tasks?updated_since=1700000000", **headers)
    assert response.status_code == 422
    assert "like 2026-10-01T00:00:00Z" in response.json()["errors"][0]["message"]
    assert client.get("/api/v1/tasks?updated_since=2020-01-01T00:00:00Z", **headers).json()["count"] == 4


def test_updated_since_with_an_odd_offset_is_read_in_utc(client, council, make_token):
    """PostgreSQL refuses an offset of -20:10 (schemathesis found it): times are compared in UTC."""
    _token, headers = make_token()
    response = client.get("/api/v1/progress-updates?updated_since=0930-05-02T10:25:37-20:10", **headers)
    assert response.status_code == 200 and response.json()["count"] == 6
    assert client.get("/api/v1/tasks?updated_since=0001-01-01T00:00:00%2B05:00", **headers).status_code == 422


def test_a_system_posts_without_a_csrf_cookie(council, make_token):
    """Tokens are not cookies, so the feed needs no CSRF token (a browser's session cannot post here)."""
    from django.test import Client

    _token, headers = make_token()
    strict = Client(enforce_csrf_checks=True)
    row = {"indicator": council["indicators"][0].pk, "period": "2026/27 Q2", "value": "41%"}
    assert post(strict, headers, [row]).status_code == 200
