"""The load test's simulated saves (scripts/locustfile.py) are real writes: the page's own form is read (not
the header's sign-out form) and blanks are filled in as an officer would, and the application saves it.
locust patches the standard library when imported, so its file is read in a separate process."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from actions.models import ProgressUpdate
from demo.builder import demo_council_load
from indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
FILL_IN = """
import json, sys
sys.path.insert(0, sys.argv[1])
import locustfile
page = sys.stdin.read()
fields = locustfile.form_fields(page, sys.argv[2])
for field, typed in locustfile.FILLED_IN.items():
    if f'name="{field}"' in page and not fields.get(field):
        fields[field] = typed
print(json.dumps(fields))
"""


def filled_in(page: str, url: str = "") -> dict:
    done = subprocess.run(
        [sys.executable, "-c", FILL_IN, str(SCRIPTS), url],
        input=page,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_simulated_save_is_a_real_write_of_a_task_update_and_of_a_value(client):
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    sign_in = filled_in(client.get("/accounts/login/").content.decode(), "/accounts/login/")
    assert sign_in["csrfmiddlewaretoken"] and set(sign_in) >= {"username", "password"}
    client.force_login(get_user_model().objects.get(username="officer"))
    home = client.get("/").content.decode()
    update_url = re.findall(r'href="(/tasks/\d+/update/\d+/)"', home)[0]
    value_url = re.findall(r'href="(/indicators/\d+/value/\d+/)"', home)[0]
    updates, values = ProgressUpdate.objects.count(), IndicatorValue.objects.count()

    for url in (update_url, value_url):
        fields = filled_in(client.get(url).content.decode())
        assert "version" in fields and fields["csrfmiddlewaretoken"]
        response = client.post(url, fields)
        assert response.status_code == 302, url  # saved, not the form again with errors

    assert ProgressUpdate.objects.count() + IndicatorValue.objects.count() > updates + values
