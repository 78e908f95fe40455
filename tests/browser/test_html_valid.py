"""The Nu Html Checker (vnu-jar from npm, run on the machine's Java) finds no errors in any page officers,
managers, the performance team and clerks reach, nor in the forms showing their error messages.

The pages are read through Django's test client and checked by one Java process (it is slow to start).
A page known to be invalid goes in with them, to prove the checker can fail.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.pages import ROLES, pages_by_role, quarter_world

pytestmark = [pytest.mark.htmlcheck, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
BAD_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><form action=""></form></body></html>'


def vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR") or ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    if java is None:
        pytest.skip("The Nu Html Checker needs Java: apt-get install default-jre-headless")
    if not jar.exists():
        pytest.skip(f"The Nu Html Checker is not installed at {jar}: run `npm ci` (vnu-jar) or set VNU_JAR")
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--stdout"]


def error_pages(client, world) -> dict[str, str]:
    """Forms posted with mistakes, so their error summaries and messages are checked too."""
    q2, people = world["q2"], world["people"]
    posts = {
        "officer": [
            (
                reverse("actions:task-update", args=[world["other_task"].pk, q2.pk]),
                {"percent_complete": "150"},
            ),
            (
                reverse("actions:bulk-update", args=[q2.pk]),
                {f"task-{world['other_task'].pk}-percent_complete": "x"},
            ),
            (reverse("indicators:value-enter", args=[world["indicator"].pk, q2.pk]), {"has_value": "no"}),
            (reverse("actions:return-submit", args=[q2.pk, people["officer"].pk]), {"gaps_reason": ""}),
        ],
        "clerk": [
            (reverse("reporting:report-create"), {"meeting_date_day": "31", "meeting_date_month": "2"}),
            (reverse("reporting:report-update", args=[world["report"].pk]), {"title": ""}),
        ],
        "manager": [
            (reverse("actions:return-decide", args=[world["return"].pk, "send_back"]), {"comment": ""}),
        ],
    }
    pages = {}
    for role, forms in posts.items():
        client.force_login(people[role].user)
        for url, data in forms:
            response = client.post(url, data, follow=True)
            assert response.status_code == 200, (role, url, response.status_code)
            pages[f"{role} POST {url}"] = response.content.decode()
    return pages


def test_the_nu_html_checker_finds_no_errors_in_any_page(client, tmp_path):
    command = vnu_command()
    world = quarter_world()
    pages = {}
    for role in ROLES:
        client.force_login(world["people"][role].user)
        for url in pages_by_role(world)[role]:
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            pages[f"{role} GET {url}"] = response.content.decode()
    pages |= error_pages(client, world)
    names = {}
    for number, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number:03}.html"
        path.write_text(html, encoding="utf-8")
        names[f"file:{path}"] = name
    bad = tmp_path / "known-bad.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")

    result = subprocess.run([*command, *sorted(tmp_path.glob("*.html"))], capture_output=True, text=True)

    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert any(m["url"] == f"file:{bad}" for m in errors), "the checker did not flag the known-bad page"
    found = sorted(
        f"{names.get(m['url'], m['url'])}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if m["url"] != f"file:{bad}"
    )
    assert found == [], "\n".join(found)
    assert len(pages) > 60
