"""Error pages in the service's own layout (templates/400.html, 403.html, 403_csrf.html, 404.html, 500.html).

The 500 page is rendered with no request context processors, so it never touches the database (which may
be the very thing that failed); it gets only the council's name and the page's CSP nonce.
"""

import logging

from django.conf import settings
from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.middleware.csp import get_nonce
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    return HttpResponseBadRequest(loader.render_to_string(template_name, _plain_context(request)))


@requires_csrf_token
def permission_denied(request, exception, template_name="403.html"):
    """The reason given where the page refused (every ``PermissionDenied`` our views raise says, in plain
    words, what the person cannot do), and where to go next."""
    reason = str(exception) if exception is not None else ""
    return HttpResponseForbidden(loader.render_to_string(template_name, {"reason": reason}, request))


@requires_csrf_token
def page_not_found(request, exception, template_name="404.html"):
    return HttpResponseNotFound(
        loader.render_to_string(template_name, {"request_path": request.path}, request)
    )


def server_error(request, template_name="500.html"):
    return HttpResponseServerError(loader.render_to_string(template_name, _plain_context(request)))


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """A form sent without a valid security token: usually a page left open too long, or cookies blocked.
    The technical reason goes to the log, not the page."""
    logger.warning("Form refused: %s", reason, extra={"event": "csrf_failure", "reason": reason})
    return HttpResponseForbidden(loader.render_to_string(template_name, _plain_context(request)))


def _plain_context(request) -> dict:
    """What the layout needs, without the request context processors (no database, no session)."""
    return {"council_name": settings.COUNCIL_NAME, "csp_nonce": get_nonce(request)}
