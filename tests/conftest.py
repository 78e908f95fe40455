"""Fixtures shared across apps, and the real browser for the browser tests.

Browser tests drive Debian's Chromium through Playwright (never a downloaded browser) against Django's
live server, and run axe-core from npm inside each page to check it against WCAG 2.2 A and AA.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django must still allow the test's database calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make test`, which installs Debian's chromium package.")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.0/2.1/2.2 A and AA violations axe-core finds in the page as it stands."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test`, which runs `npm ci`.")
    # Evaluated through the DevTools protocol rather than added as a <script>: the site's
    # Content-Security-Policy (rightly) refuses inline scripts without the page's nonce.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
