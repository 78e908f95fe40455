"""Signing API requests with a token: ``Authorization: Bearer spt_…``."""

import re
from datetime import timedelta
from functools import lru_cache

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken
from .rules import token_hash

#: Last-used times are written at most this often, so a busy feed does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """Finds the token by the hash of the secret (one indexed query); revoked tokens are refused.

    The request then carries ``request.api_token``, and ``request.user`` is the token's service user, so
    the audit trail (django-simple-history's middleware) names the token for every change it makes.

    ``api.api`` binds the API it guards (:meth:`bind`), whose OpenAPI document lists the query parameters
    each operation takes; this module never imports the API (no cycle)."""

    api = None

    def bind(self, api) -> "TokenAuth":
        self.api = api
        return self

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.select_related("service_user", "unit")
            .filter(key_hash=token_hash(token), revoked_at__isnull=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
        if self.api is not None:
            refuse_unknown_query(request, self.api)
        request.api_token = found
        request.user = found.service_user
        return found


@lru_cache(maxsize=1)
def _query_names(api) -> list[tuple[re.Pattern, dict[str, frozenset[str]]]]:
    """Each path of ``api``'s OpenAPI document as a pattern, with the query parameters each method takes."""
    found = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/]+?\}", "[^/]+", path) + "$")
        names = {
            method.upper(): frozenset(
                p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
            )
            for method, operation in methods.items()
        }
        found.append((pattern, names))
    return found


def refuse_unknown_query(request, api) -> None:
    """A query parameter the operation does not take is refused, so a mistyped filter (``perod=``) never
    silently lists everything."""
    for pattern, methods in _query_names(api):
        if pattern.match(request.path):
            known = methods.get(request.method, frozenset())
            unknown = sorted(set(request.GET) - known)
            if unknown:
                from .selectors import FilterProblem

                raise FilterProblem(
                    unknown[0],
                    f"“{unknown[0][:40]}” is not a filter here. Use "
                    + (", ".join(sorted(known)) if known else "no query parameters")
                    + ".",
                )
            return
