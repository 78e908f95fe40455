"""Sign-in protection: lock-out after repeated failures (django-axes), the lock-out page, a limit on
password reset requests, and a log line for every failure and lock-out.

The rules, in the council's words:

* **Five wrong passwords lock the account and the address.** After ``SIGN_IN_FAILURE_LIMIT`` (5) failed
  sign-ins for a username (from anywhere), or from one address (whatever username), further sign-ins are
  refused for ``SIGN_IN_LOCKOUT_MINUTES`` (15) after the last failure, even with the right password. The
  same count covers the admin sign-in. A successful sign-in clears the failures of that username and
  address, so a busy office behind one address is not locked out by a few typing slips between sign-ins.
* **The lock-out page says when to try again** (the time, to the minute, in the council's time zone), in
  the service's own layout, with status 429.
* **Password reset requests are limited** to ``PASSWORD_RESET_PER_ADDRESS`` (5) an hour from one address
  and ``PASSWORD_RESET_PER_EMAIL`` (3) an hour for one e-mail address. Over the limit nothing is sent, and
  the page says exactly what it says when something is (so it tells nobody whether an account exists).
* **A session not used for ``SESSION_IDLE_MINUTES`` (8 hours) ends**; using it renews it (see
  :class:`SessionIdleMiddleware`).
* **Every failure, lock-out and refused reset is logged** by name on the ``serviceplans.security`` logger,
  with the address, never the password; a username nobody has is logged as “(unknown username)”, because
  it is often a password typed into the wrong box.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time
from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import PasswordResetView
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

logger = logging.getLogger(__name__)


# -- whose address --------------------------------------------------------------------------------------------


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from, or None when it has none that is a valid IP address. Behind
    ``TRUSTED_PROXY_COUNT`` reverse proxies (each adding the address it saw to ``X-Forwarded-For``) it is the
    one the outermost proxy saw; with none (the default) it is the connection's own address, and
    ``X-Forwarded-For`` is ignored since anyone can send it."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


# -- sign-in lock-out (django-axes) ---------------------------------------------------------------------------


class SignInGuardBackend(AxesStandaloneBackend):
    """django-axes' check, first in ``AUTHENTICATION_BACKENDS``: refuses a locked-out username or address
    before the password is even checked.

    Every sign-in through the site passes the request (the sign-in form, the admin sign-in). Code that calls
    ``authenticate()`` without one (the test client's ``login()``, a shell) is not a sign-in from an
    address, so it is passed on to the next backend instead of failing as axes' own backend would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def try_again_at(request: HttpRequest, credentials: dict | None) -> datetime:
    """When the lock-out ends at the latest: the cool-off after the last failure counted against this
    username or address (every failure older than that has expired by then)."""
    cool_off = get_cool_off(request) or timedelta(0)
    handler = AxesProxyHandler.get_implementation()
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        last = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
        if last is not None and (latest is None or last > latest):
            latest = last
    return (latest or timezone.now()) + cool_off


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page shown instead of the sign-in form while locked out (``AXES_LOCKOUT_CALLABLE``)."""
    until = timezone.localtime(try_again_at(request, credentials))
    # Round up to the next whole minute, so "try again after 14:05" is never a moment too early.
    if until.second or until.microsecond:
        until = until.replace(second=0, microsecond=0) + timedelta(minutes=1)
    context = {
        "until": until,
        "today": until.date() == timezone.localdate(),
        "minutes": int((get_cool_off(request) or timedelta(0)).total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "is_admin": request.path.startswith("/admin/"),
    }
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(max(0, int((until - timezone.now()).total_seconds())))
    return response


def _known_username(username: str | None) -> str:
    if (
        username
        and get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).exists()
    ):
        return username
    return "(unknown username)"


@receiver(user_login_failed, dispatch_uid="serviceplans.security.log_sign_in_failure")
def log_sign_in_failure(sender, credentials, request=None, **kwargs):
    """A wrong password (counted by axes, which has handled the signal first), or a try refused because
    the username or address was already locked out (not counted)."""
    if request is None:
        return
    username = get_client_username(request, credentials)
    counted = getattr(request, "axes_failures_since_start", None)
    logger.warning(
        "Sign-in failed for %s from %s%s",
        _known_username(username),
        client_address(request) or "an unknown address",
        " (refused: locked out)" if counted is None and getattr(request, "axes_locked_out", False) else "",
        extra={"event": "sign_in_failed", "path": request.path, "username": _known_username(username)},
    )


@receiver(user_locked_out, dispatch_uid="serviceplans.security.log_lockout")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """The failure that starts a lock-out. (axes sends the signal again for every try refused while it
    lasts; those are logged once each, as refused failures, above.)"""
    if request is not None and getattr(request, "axes_failures_since_start", None) is None:
        return
    logger.warning(
        "Sign-in locked out for %s from %s after %s failures",
        _known_username(username),
        ip_address or (request is not None and client_address(request)) or "an unknown address",
        settings.AXES_FAILURE_LIMIT,
        extra={"event": "sign_in_locked_out"},
    )


def sign_in_unlock(*, username: str | None = None, address: str | None = None) -> int:
    """Clear the failures of a username or an address (what admin → Access attempts → delete does)."""
    return AxesProxyHandler.reset_attempts(username=username, ip_address=address)


# -- idle sessions --------------------------------------------------------------------------------------------

#: Where a session remembers when its expiry was last pushed back (seconds since the epoch).
RENEWED_AT = "_session_renewed_at"


class SessionIdleMiddleware:
    """Ends a session after ``SESSION_COOKIE_AGE`` (``SESSION_IDLE_MINUTES``) without use: each request of
    a signed-in person pushes the expiry back, but at most once every ``SESSION_RENEW_SECONDS`` (5
    minutes), so reading pages does not write to the database every time (what Django's
    ``SESSION_SAVE_EVERY_REQUEST`` would do). A session therefore ends between 8 hours less 5 minutes and
    8 hours after its last use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:
            return response  # a failed request (perhaps the database itself) touches nothing more
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            renewed = session.get(RENEWED_AT)
            if not isinstance(renewed, int) or now - renewed >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED_AT] = now  # marks the session changed: saved with a fresh expiry
        return response


@receiver(user_logged_in, dispatch_uid="serviceplans.security.note_session_start")
def note_session_start(sender, request=None, user=None, **kwargs):
    """A new session starts with a full idle allowance (it is saved by the sign-in anyway)."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_AT] = int(time.time())


# -- password reset requests ----------------------------------------------------------------------------------


def _email_digest(email: str) -> str:
    """E-mail addresses are kept only as a digest: enough to count requests, not to read them back."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def password_reset_allowed(*, address: str, email: str) -> bool:
    """Record a reset request and say whether it is within the limits (see the module's rules)."""
    from .models import PasswordResetRequest

    window = timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
    since = timezone.now() - window
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    digest = _email_digest(email)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    by_address = recent.filter(address=address).count()
    by_email = recent.filter(email_digest=digest).count()
    PasswordResetRequest.objects.create(address=address, email_digest=digest)
    return by_address < settings.PASSWORD_RESET_PER_ADDRESS and by_email < settings.PASSWORD_RESET_PER_EMAIL


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={
            "required": "Enter the e-mail address of your account",
            "invalid": "Enter an e-mail address like name@council.gov.uk",
        },
    )


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, sending nothing once an address or an e-mail has asked too often; the
    person sees the same page either way."""

    form_class = ResetRequestForm

    def form_valid(self, form):
        address = client_address(self.request) or "unknown"
        if not password_reset_allowed(address=address, email=form.cleaned_data["email"]):
            logger.warning(
                "Password reset refused from %s: too many requests",
                address,
                extra={"event": "password_reset_limited"},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)
