"""Password guessing is not free (issue 11, finding 8): lock-out per username and per address after five
failures, on the sign-in page and the admin sign-in alike; password resets limited; idle sessions end."""

import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from serviceplans.models import PasswordResetRequest
from serviceplans.security import RENEWED_AT, client_address, sign_in_unlock
from tests.factories import UserFactory

from .test_settings import PROJECT

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
RESET = reverse("password_reset")


def sign_in(client, username, password, *, url=LOGIN, address="127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def age_attempts(minutes: int) -> None:
    """As if the failures had happened ``minutes`` earlier (instead of waiting in the test)."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_thirty_wrong_passwords_in_a_row_are_throttled(client):
    UserFactory(username="officer", password=PASSWORD)
    answers = [sign_in(client, "officer", f"guess-{n}").status_code for n in range(30)]
    assert answers[:4] == [200] * 4  # the form again, with its error
    assert answers[4:] == [429] * 26  # the fifth failure locks, and every later try is refused

    # The right password is refused too while the lock lasts, and the page says until when.
    response = sign_in(client, "officer", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429 and not signed_in(client)
    assert "You cannot sign in for now" in page and "Try again after" in page
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=15))
    shown = (until.replace(second=0, microsecond=0) + timedelta(minutes=1)).strftime("%H:%M")
    assert f"<strong>{shown}</strong>" in page
    assert int(response["Retry-After"]) > 14 * 60
    assert AccessAttempt.objects.get().failures_since_start == 5  # refused tries do not extend the lock

    age_attempts(16)  # the cool-off has passed
    assert sign_in(client, "officer", PASSWORD).status_code == 302 and signed_in(client)


def test_the_lock_out_page_is_in_the_service_layout(client):
    UserFactory(username="officer", password=PASSWORD)
    for n in range(5):
        response = sign_in(client, "officer", f"guess-{n}")
    page = response.content.decode()
    assert '<html lang="en-GB"' in page and "govuk-header" not in page  # the council's own header
    assert "app-header" in page and "<title>Sign-in locked" in page
    assert f'href="{LOGIN}"' in page


def test_the_username_is_locked_whatever_the_address(client):
    UserFactory(username="officer", password=PASSWORD)
    for n in range(5):
        sign_in(client, "officer", "wrong", address=f"10.0.0.{n}")
    response = sign_in(client, "officer", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429 and not signed_in(client)


def test_the_address_is_locked_whatever_the_username(client):
    UserFactory(username="someone", password=PASSWORD)
    for n in range(5):
        sign_in(client, f"name-{n}", "wrong", address="192.0.2.7")
    assert sign_in(client, "someone", PASSWORD, address="192.0.2.7").status_code == 429
    # Someone else, elsewhere, is not affected.
    assert sign_in(client, "someone", PASSWORD, address="192.0.2.8").status_code == 302


def test_a_successful_sign_in_clears_the_slips_before_it(client):
    UserFactory(username="officer", password=PASSWORD)
    for _ in range(4):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_locked_too(client):
    UserFactory(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)
    answers = [sign_in(client, "admin", "wrong", url=ADMIN_LOGIN).status_code for _ in range(6)]
    assert answers == [200] * 4 + [429] * 2
    response = sign_in(client, "admin", PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429 and "Try again after" in response.content.decode()
    assert f'href="{ADMIN_LOGIN}"' in response.content.decode()
    # One count for both doors: the service's sign-in page is locked as well.
    assert sign_in(client, "admin", PASSWORD).status_code == 429


def test_the_limits_are_settings(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="officer", password=PASSWORD)
    assert [sign_in(client, "officer", "wrong").status_code for _ in range(3)] == [200, 200, 429]


def test_unlocking_by_hand(client):
    UserFactory(username="officer", password=PASSWORD)
    for _ in range(5):
        sign_in(client, "officer", "wrong")
    assert sign_in_unlock(username="officer") == 1
    assert sign_in(client, "officer", PASSWORD).status_code == 302


def test_failures_and_lock_outs_are_logged_without_the_password(client, caplog):
    UserFactory(username="officer", password=PASSWORD)
    with caplog.at_level(logging.WARNING, logger="serviceplans.security"):
        sign_in(client, "no-such-person", "secret-guess-1", address="10.0.0.1")
        for _ in range(6):
            sign_in(client, "officer", "secret-guess-2")
    lines = [r.getMessage() for r in caplog.records if r.name == "serviceplans.security"]
    assert lines == [
        "Sign-in failed for (unknown username) from 10.0.0.1",
        *["Sign-in failed for officer from 127.0.0.1"] * 4,
        "Sign-in locked out for officer from 127.0.0.1 after 5 failures",  # told while the fifth is handled
        "Sign-in failed for officer from 127.0.0.1",
        "Sign-in failed for officer from 127.0.0.1 (refused: locked out)",
    ]
    assert not any("secret-guess" in line for line in lines)


def test_the_test_clients_login_still_works(client):
    """``client.login`` calls authenticate() without a request: passed on, not an error."""
    UserFactory(username="officer", password=PASSWORD)
    assert client.login(username="officer", password=PASSWORD)
    assert not Client().login(username="officer", password="wrong")


# -- the address behind a proxy ------------------------------------------------------------------------------


def test_forwarded_addresses_are_ignored_unless_a_proxy_is_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2")
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"


# -- password reset ------------------------------------------------------------------------------------------


def ask_reset(client, email, address="127.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_password_resets_for_one_email_are_limited(client):
    UserFactory(username="officer", email="officer@millbrook.example.gov.uk")
    answers = [ask_reset(client, "officer@millbrook.example.gov.uk", f"10.0.0.{n}") for n in range(5)]
    assert {(a.status_code, a.url) for a in answers} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == 3  # the fourth and fifth asked too often: nothing sent, the same page shown
    assert PasswordResetRequest.objects.filter(email_digest__contains="@").count() == 0  # kept as digests


def test_password_resets_from_one_address_are_limited(client):
    for n in range(7):
        UserFactory(username=f"person{n}", email=f"person{n}@millbrook.example.gov.uk")
    answers = [ask_reset(client, f"person{n}@millbrook.example.gov.uk", "192.0.2.50") for n in range(7)]
    assert {a.status_code for a in answers} == {302}
    assert len(mail.outbox) == 5
    ask_reset(client, "person6@millbrook.example.gov.uk", "192.0.2.51")  # from elsewhere: sent
    assert len(mail.outbox) == 6


def test_password_reset_limits_last_an_hour(client):
    UserFactory(username="officer", email="officer@millbrook.example.gov.uk")
    for _ in range(3):
        ask_reset(client, "officer@millbrook.example.gov.uk")
    PasswordResetRequest.objects.update(requested_at=timezone.now() - timedelta(minutes=61))
    ask_reset(client, "officer@millbrook.example.gov.uk")
    assert len(mail.outbox) == 4
    assert PasswordResetRequest.objects.count() == 1  # the old ones are gone


def test_a_refused_reset_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="serviceplans.security"):
        for _ in range(6):
            ask_reset(client, "nobody@example.org")
    assert "Password reset refused from 127.0.0.1: too many requests" in caplog.messages
    assert not any("nobody@example.org" in message for message in caplog.messages)


# -- idle sessions ---------------------------------------------------------------------------------------------


def test_sessions_end_after_eight_idle_hours_and_using_them_renews_them(client, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    UserFactory(username="officer", password=PASSWORD)
    sign_in(client, "officer", PASSWORD)
    session = Session.objects.get()
    assert abs(session.expire_date - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)

    # Nearly idle for 8 hours, and last renewed more than 5 minutes ago: a page renews it.
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    stored = client.session
    stored[RENEWED_AT] -= 6 * 60
    stored.save()
    assert client.get(reverse("home")).status_code == 200
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + timedelta(hours=7, minutes=59)

    # Within 5 minutes of the last renewal, reading a page writes nothing.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert Session.objects.get().expire_date == renewed

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # idle too long
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_the_idle_time_comes_from_the_environment():
    program = (
        "import django; from django.conf import settings; django.setup(); print(settings.SESSION_COOKIE_AGE)"
    )
    env = os.environ | {"SESSION_IDLE_MINUTES": "30", "DJANGO_SETTINGS_MODULE": "serviceplans.settings"}
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "1800", result.stderr


def test_the_whole_password_reset_journey_in_the_service_layout(client):
    user = UserFactory(username="officer", email="officer@millbrook.example.gov.uk")
    page = client.get(RESET).content.decode()
    assert "Reset your password" in page and 'autocomplete="email"' in page and "app-header" in page
    assert "Enter the e-mail address of your account" in client.post(RESET, {"email": ""}).content.decode()

    ask_reset(client, user.email)
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    new = "a-long-new-passphrase-42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password has been changed" in done.content.decode()
    assert sign_in(client, "officer", new).status_code == 302

    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_an_address_that_is_not_an_address_is_none(rf, settings):
    """What is stored must be an IP address (PostgreSQL's inet column refuses anything else)."""
    assert client_address(rf.get("/", REMOTE_ADDR="")) is None
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")) is None
    assert (
        client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::1"))
        == "2001:db8::1"
    )


def test_a_forged_forwarded_address_is_harmless_behind_a_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="officer", password=PASSWORD)
    response = client.post(
        LOGIN, {"username": "officer", "password": "wrong"}, HTTP_X_FORWARDED_FOR="not an address"
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address is None
