"""Schemathesis reads ``/api/openapi.json`` and throws generated requests at every operation, signed with a
read-and-write token, over the demo council (``load_demo``): no server error, and every response as the
document says (status codes, content types, headers, bodies), and schema-violating requests refused.

The demo is loaded once and every operation is tried in the same test, so it stays bounded in time
(about a minute on two cores: ~10 s to load the demo, then ``EXAMPLES`` generated requests an operation
plus schemathesis' own coverage cases)."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from api.services import api_token_create

EXAMPLES = 15

# The document is read from the application itself, as a client would (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept_open():
    """Requests go straight to the WSGI application, not through Django's test client, so (as the client
    does) stop the end of each request closing the test's database connection (PostgreSQL would lose the
    test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_keeps_to_its_openapi_document_on_the_demo_council(connection_kept_open):
    call_command("load_demo", password="schemathesis-demo-1", verbosity=0)
    _token, key = api_token_create(name="Schemathesis", access="read_write", unit=None, created_by=None)
    signed = {"Authorization": f"Bearer {key}"}
    failures, tried = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        tried += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def keeps_to_the_document(case):
            # Every check but one: a request can fit the schema and still name a period, unit or indicator
            # that does not exist ("2031/32 Q3"), which is rightly refused (422) with the reason.
            case.call_and_validate(headers=signed, excluded_checks=[positive_data_acceptance])

        try:
            keeps_to_the_document()
        except Exception as failure:  # noqa: BLE001 - every operation is tried; all failures reported
            failures.append(f"{operation.label}: {failure}")
    assert tried >= 15
    assert failures == []
