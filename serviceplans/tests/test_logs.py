"""Logs are JSON lines on standard output, each with the request id, the user id and the outcome; sign-in
failures are logged by name, never with the password."""

import io
import json
import logging

import pytest
from django.urls import reverse

from serviceplans.logs import JsonFormatter, RequestContextFilter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stdout_log():
    """What the configured standard-output handler writes (pytest has already swapped sys.stdout)."""
    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def log_lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_request_is_one_json_line_with_its_id_user_and_status(client, stdout_log):
    user = UserFactory()
    client.force_login(user)
    stdout_log.truncate(0)
    stdout_log.seek(0)

    response = client.get(reverse("plans:plan-list"), HTTP_X_REQUEST_ID="lb-1234.abc")
    lines = [line for line in log_lines(stdout_log) if line.get("event") == "request"]

    assert response["X-Request-ID"] == "lb-1234.abc"
    assert lines == [
        lines[0]
        | {
            "level": "INFO",
            "logger": "serviceplans.request",
            "method": "GET",
            "path": "/plans/",
            "status": 200,
            "request_id": "lb-1234.abc",
            "user_id": user.pk,
        }
    ]
    assert lines[0]["duration_ms"] >= 0


def test_a_request_id_is_made_when_none_or_a_strange_one_is_given(client):
    made = client.get("/healthz")["X-Request-ID"]
    refused = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected\n{"level": "ERROR"}')["X-Request-ID"]

    assert len(made) == 32 and made != refused and len(refused) == 32


def test_a_sign_in_failure_is_logged_by_name_without_the_password(client, stdout_log):
    UserFactory(username="officer")

    response = client.post(reverse("login"), {"username": "officer", "password": "Tr0ub4dor&3-wrong"})
    out = stdout_log.getvalue()
    failures = [json.loads(line) for line in out.splitlines() if '"sign_in_failed"' in line]

    assert response.status_code == 200
    assert len(failures) == 1
    assert failures[0]["level"] == "WARNING"
    assert failures[0]["username"] == "officer"
    assert failures[0]["request_id"] == response["X-Request-ID"]
    assert "Tr0ub4dor" not in out


def test_the_formatter_writes_extra_fields_and_the_traceback():
    record = logging.makeLogRecord(
        {"name": "x", "levelno": 40, "levelname": "ERROR", "msg": "Render %s failed"}
    )
    record.args = (7,)
    record.event = "render_failed"
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RequestContextFilter().filter(record)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "Render 7 failed"
    assert entry["event"] == "render_failed"
    assert entry["request_id"] == "" and entry["user_id"] is None
    assert "ValueError: boom" in entry["traceback"]
