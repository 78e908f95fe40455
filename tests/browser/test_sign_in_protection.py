"""The lock-out page and the password reset pages in a real browser: found by role, no axe-core
violations, and no sideways scrolling at 320 px."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser]

live = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR")  # set it to keep PNGs of the pages for a look


def shoot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def try_password(page, live_server, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def reflows(page) -> bool:
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@live
def test_five_wrong_passwords_show_the_lock_out_page(page, live_server):
    UserFactory(username="officer")
    for n in range(5):
        try_password(page, live_server, f"wrong-{n}")
    expect(page.get_by_role("heading", level=1, name="You cannot sign in for now")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Try again after \d\d:\d\d"))).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "locked-out-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    assert reflows(page)
    shoot(page, "locked-out-320")

    page.set_viewport_size({"width": 1280, "height": 900})
    try_password(page, live_server, "correct-horse-battery")  # the right one is refused too, for now
    expect(page.get_by_role("heading", level=1, name="You cannot sign in for now")).to_be_visible()


@live
def test_the_password_reset_pages(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1, name="Reset your password")).to_be_visible()
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "reset-error-1280")

    page.get_by_label("E-mail address").fill("someone@millbrook.example.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1, name="Check your e-mail")).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert reflows(page)
    shoot(page, "reset-done-320")
