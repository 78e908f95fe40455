"""Several servers, one service: two app servers (gunicorn) and two background workers (db_worker) on one
PostgreSQL database and one private storage, as docs/deploy.md describes.

* A workbook uploaded and previewed through server A is confirmed through server B: the session, the
  upload's record and the queue are in the database, the file in the shared private storage.
* Rendered PDFs queued at once are each made exactly once, by one of the two workers, and either server
  hands out the same file.

PostgreSQL only: SQLite is one file on one machine, so several servers cannot share it (and its
connections are not usable from other processes while the test holds the database).
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from indicators.models import Framework
from plans.models import Plan
from reporting.models import ReportRender, WorkbookImport
from reporting.reports.services import report_render_start
from reporting.tests.test_reports_support import make_report
from reporting.workbook.columns import STANDARD_FRAMEWORKS
from reporting.workbook.tests.helpers import good_workbook, task
from serviceplans.roles import PERFORMANCE_TEAM
from tests.builders import small_council
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL: several servers cannot share a SQLite file (set DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),  # the servers and workers must see what the test writes
]

ROOT = Path(__file__).resolve().parent.parent
PORTS = (8141, 8142)  # this branch's ports
PASSWORD = "several-servers-" + secrets.token_hex(4)
RENDERS = 4


def database_url() -> str:
    """The test database (made by pytest-django), for the servers and workers."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Browser:
    """Enough of a browser for the test: one cookie jar for both servers (cookies ignore the port), so the
    session made by signing in through A is sent to B too."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, str, str]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode()

    def post(self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None):
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, data) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        with self.opener.open(request, timeout=30) as response:  # follows the redirect, as a browser does
            return response.status, response.url, response.read().decode()

    @staticmethod
    def csrf(page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def wait_for(check, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    pytest.fail(f"Timed out waiting for {what}")


@pytest.fixture
def several_servers(tmp_path):
    """Two gunicorn app servers and two db_workers, sharing the test database and one private folder."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.fail("gunicorn is not installed: it is one of the project's dependencies")
    environment = os.environ | {
        "DATABASE_URL": database_url(),
        "DEBUG": "true",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PRIVATE_STORAGE_DIR": str(tmp_path / "shared-private-storage"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "WARNING",
    }
    logs = tmp_path / "logs"
    logs.mkdir()
    commands = {
        f"server-{name}": [gunicorn, "serviceplans.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--threads", "2", "--timeout", "60"]
        for name, port in zip("AB", PORTS, strict=True)
    } | {
        f"worker-{name}": [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        + ["--worker-id", f"worker-{name}", "--no-startup-delay", "-v", "2"]
        for name in "AB"
    }
    processes = {}
    try:
        for name, command in commands.items():
            output = (logs / f"{name}.log").open("wb")
            processes[name] = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
            )
        browser, began = Browser(), time.monotonic()
        for port in PORTS:
            wait_for(
                lambda port=port: _up(browser, f"http://127.0.0.1:{port}/accounts/login/"), f"server {port}"
            )
        print(f"\nTwo app servers and two workers started in {time.monotonic() - began:.1f} s")
        yield {"A": f"http://127.0.0.1:{PORTS[0]}", "B": f"http://127.0.0.1:{PORTS[1]}", "logs": logs}
    finally:
        for process in processes.values():
            process.terminate()
        for name, process in processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover - a stuck process
                process.kill()
                process.wait()
            if process.returncode not in (0, -15):
                print((logs / f"{name}.log").read_text()[-3000:])


def _up(browser: Browser, url: str) -> bool:
    try:
        return browser.get(url)[0] == 200
    except OSError:
        return False


def test_two_app_servers_and_two_workers_are_one_service(several_servers, settings):
    began = time.monotonic()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the servers' own
    for code, name in STANDARD_FRAMEWORKS.values():  # an earlier transactional test may have emptied them
        Framework.objects.get_or_create(code=code, defaults={"name": name})
    user = UserFactory(username="performance")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    a, b = several_servers["A"], several_servers["B"]
    browser = Browser()

    # Sign in through A.
    _status, _url, page = browser.get(f"{a}/accounts/login/")
    status, url, page = browser.post(
        f"{a}/accounts/login/",
        {"username": "performance", "password": PASSWORD, "csrfmiddlewaretoken": browser.csrf(page)},
    )
    assert url == f"{a}/", page[:500]

    # Upload through A; A shows the check's progress, then the preview the workers made.
    _status, _url, page = browser.get(f"{a}/workbooks/import/")
    workbook = good_workbook(tasks=[task(), task(text="Other")])
    status, url, page = browser.post(
        f"{a}/workbooks/import/",
        {"csrfmiddlewaretoken": browser.csrf(page)},
        {"workbook": ("plan.xlsx", workbook)},
    )
    assert url == f"{a}/workbooks/import/preview/"
    preview = wait_for(
        lambda: (
            (page := browser.get(f"{a}/workbooks/import/preview/")[2]) and "Import the plan" in page and page
        ),
        "the preview on server A",
    )
    assert "Check the import" in preview and not Plan.objects.exists()

    # Confirm through B, which never saw the upload; B shows the import's progress, then the result.
    _status, _url, page = browser.get(f"{b}/workbooks/import/preview/")
    assert "Import the plan" in page  # the same session and the same upload, read from the database
    status, url, page = browser.post(
        f"{b}/workbooks/import/confirm/", {"csrfmiddlewaretoken": browser.csrf(page)}
    )
    assert url == f"{b}/workbooks/import/result/"
    done = wait_for(
        lambda: (
            (page := browser.get(f"{b}/workbooks/import/result/")[2]) and "Plan imported" in page and page
        ),
        "the import on server B",
    )
    assert "was imported as a draft plan: 2 tasks and 1 indicator." in done
    plan = Plan.objects.get()
    assert plan.tasks.count() == 2
    assert WorkbookImport.objects.get().state == WorkbookImport.State.IMPORTED
    workbook_tasks = DBTaskResult.objects.filter(task_path__startswith="reporting.workbook.tasks.")
    assert sorted(result.task_path.rsplit(".", 1)[1] for result in workbook_tasks) == [
        "check_workbook",
        "import_workbook",
    ]
    assert all(len(result.worker_ids) == 1 for result in workbook_tasks)

    # Renders queued at once: each done exactly once, by one of the two workers.
    council = small_council(size=2)
    # Four different reports: one render each (the same report asked for again would join its render).
    reports = [make_report(council, title=f"Report {n}") for n in range(RENDERS)]
    report = reports[0]
    renders = [report_render_start(report=each, user=None) for each in reports]
    wait_for(
        lambda: ReportRender.objects.filter(state=ReportRender.State.DONE).count() == RENDERS,
        "the renders",
        seconds=45,
    )
    results = DBTaskResult.objects.filter(task_path="reporting.reports.tasks.render_report_pdf")
    assert results.count() == RENDERS
    assert all(result.status == "SUCCESSFUL" and len(result.worker_ids) == 1 for result in results)
    logs = {name: (several_servers["logs"] / f"worker-{name}.log").read_text() for name in "AB"}
    for result in results:  # and the worker logs agree: only the worker that claimed it ran it
        started = f"Task id={result.id} path=reporting.reports.tasks.render_report_pdf state=RUNNING"
        assert [f"worker-{name}" for name, log in logs.items() if started in log] == result.worker_ids
    by_worker = {name: sum(result.worker_ids == [f"worker-{name}"] for result in results) for name in "AB"}

    # Either server hands out the PDF either worker made: the file is in the shared private storage.
    render = renders[0]
    url = reverse("reporting:report-render-download", args=[report.pk, render.pk])
    from_a = browser.opener.open(f"{a}{url}", timeout=30).read()
    from_b = browser.opener.open(f"{b}{url}", timeout=30).read()
    assert from_a == from_b and from_a.startswith(b"%PDF")
    print(
        f"\nTwo servers, two workers: import and {RENDERS} renders in {time.monotonic() - began:.1f} s "
        f"(renders by worker A: {by_worker['A']}, by worker B: {by_worker['B']})"
    )
