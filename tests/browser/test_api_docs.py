"""The interactive API documentation works with no internet: Swagger UI comes from our own static files
(django-ninja ships it), and the page asks nothing of any other host."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_from_our_own_static_files(page, live_server):
    elsewhere = []

    def only_here(route):
        if urlparse(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    page.goto(f"{live_server.url}/api/docs")
    expect(page.get_by_role("heading", name="Service plans and performance API")).to_be_visible()
    expect(page.get_by_text("/api/v1/values").first).to_be_visible()
    assert elsewhere == []
    folder = os.environ.get("OPEN_DATA_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / "api-docs-1280.png"))
