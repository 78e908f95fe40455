"""Schemathesis reads ``/api/openapi.json`` and throws generated requests at every operation, signed with a
read-and-write token, over a small council: no server error, and every response as the document says.

Bounded in time: a few dozen examples an operation (about 40 s in all on two cores)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.services import api_token_create
from tests.builders import small_council
from tests.factories import MilestoneFactory, ObjectiveFactory

EXAMPLES = 20


# The document is read from the application itself, as a client would (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def signed(db):
    council = small_council(size=2)
    MilestoneFactory(task=council["tasks"][0])
    ObjectiveFactory(plan=council["plan"], section=council["sections"][0])
    _token, key = api_token_create(name="Schemathesis", access="read_write", unit=None, created_by=None)
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@pytest.mark.django_db
def test_the_api_keeps_to_its_openapi_document(case, signed):
    # Every check but one: a request can fit the schema and still name a period, unit or indicator that
    # does not exist ("2031/32 Q3"), which is rightly refused (422) with the reason; no schema can say so.
    case.call_and_validate(headers=signed, excluded_checks=[positive_data_acceptance])
