"""Logs as JSON lines on standard output, each tied to its request.

* :class:`RequestLogMiddleware` gives every request an id (the ``X-Request-ID`` the proxy sent, if it looks
  like one, else a new one), returns it in the ``X-Request-ID`` response header, and logs one line per
  request with its method, path, status, time taken and the signed-in user's id.
* :class:`RequestContextFilter` adds that request id and user id to every line logged while the request is
  handled, so a plan approval or a sign-in failure can be traced to its request.
* :class:`JsonFormatter` writes a record as one JSON object: time, level, logger, message, the fields
  passed in ``extra=`` (``event`` names what happened: ``sign_in_failed``, ``period_opened``…) and the
  traceback, if any.

Passwords never reach a log: Django replaces them in the sign-in failure signal's credentials, and only
the username is logged from those.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.functional import empty

logger = logging.getLogger("serviceplans.request")
auth_logger = logging.getLogger("serviceplans.auth")

_request = ContextVar("request", default=None)
_request_id = ContextVar("request_id", default="")
#: An incoming X-Request-ID is used only if it is short and plain, so it cannot forge log content.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
#: Attributes every LogRecord has; anything else on a record came from ``extra=`` and is logged as a field.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request", "server_time"}


def current_user_id(request) -> int | None:
    """The signed-in user's id, if the request has already looked the user up (never a query of its own,
    so logging can never fail or slow down a request)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` of the request being handled to every record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        if not hasattr(record, "user_id"):
            request = _request.get()
            record.user_id = current_user_id(request) if request is not None else None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {key: value for key, value in vars(record).items() if key not in _STANDARD}
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestLogMiddleware:
    """The request id in and out, and one log line per request with its outcome."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = (
            "/" + settings.STATIC_URL.lstrip("/") if "://" not in settings.STATIC_URL else None
        )

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        tokens = _request.set(request), _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if not (self.static_prefix and request.path.startswith(self.static_prefix)):
                status = response.status_code
                logger.log(
                    logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO,
                    "%s %s %s",
                    request.method,
                    request.path,
                    status,
                    extra={
                        "event": "request",
                        "method": request.method,
                        "path": request.path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            _request.reset(tokens[0])
            _request_id.reset(tokens[1])


# Sign-in failures and lock-outs are logged once, by serviceplans.security (event "sign_in_failed").


@receiver(user_logged_in, dispatch_uid="serviceplans.logs.signed_in")
def log_sign_in(sender, request, user, **kwargs):
    auth_logger.info("Signed in: user %s", user.pk, extra={"event": "signed_in", "user_id": user.pk})
