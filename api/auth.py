"""Signing API requests with a token: ``Authorization: Bearer spt_…``."""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken
from .rules import token_hash

#: Last-used times are written at most this often, so a busy feed does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """Finds the token by the hash of the secret (one indexed query); revoked tokens are refused.

    The request then carries ``request.api_token``, and ``request.user`` is the token's service user, so
    the audit trail (django-simple-history's middleware) names the token for every change it makes."""

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
        request.api_token = found
        request.user = found.service_user
        return found
