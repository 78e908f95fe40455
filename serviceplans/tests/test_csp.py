"""A Content-Security-Policy on every page (Django's own): scripts only from the site or with the page's
nonce, no inline styles."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


def test_the_sign_in_page_has_a_policy_whose_scripts_need_the_pages_nonce(client):
    response = client.get(reverse("login"))
    csp = policy(response)
    html = response.content.decode()
    nonce = re.fullmatch(r"'nonce-([^']+)'", csp["script-src"][1]).group(1)

    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 3
    assert all(f'nonce="{nonce}"' in tag or "src=" in tag for tag in scripts)
    assert f'nonce="{nonce}"' in html


def test_each_response_has_a_new_nonce(client):
    first = policy(client.get(reverse("login")))["script-src"]
    second = policy(client.get(reverse("login")))["script-src"]

    assert first != second


def test_no_page_template_has_an_inline_style_or_a_script_without_the_nonce():
    """Inline styles would be refused by style-src; e-mails are not pages (no CSP there)."""
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    problems = []
    for root in roots:
        for path in root.rglob("*.html"):
            if "emails" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\sstyle=", text):
                problems.append(f"{path}: style attribute")
            for tag in re.findall(r"<script[^>]*>", text):
                if "src=" not in tag and "csp_nonce" not in tag:
                    problems.append(f"{path}: {tag}")
    assert problems == []
