"""How long a big workbook takes to check and import in the background worker:
``.venv/bin/python -m reporting.workbook.benchmark [--rows 9000] [--database-url URL]``.

Builds a plan workbook of about ``--rows`` rows (tasks, indicators and a progress return for every task),
then goes through the import pages as a performance team member would (Django's test client) while a real
``manage.py db_worker`` runs in another process: upload, wait for the check, preview, confirm, wait for the
import. Prints how long each web request took (they only queue work now) and how long the worker took. It
prints figures and asserts nothing.

By default it uses a throwaway SQLite file; ``--database-url`` points it at an empty PostgreSQL database
(created if missing; its tables are made by ``migrate``).
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def build_workbook(rows: int) -> tuple[bytes, dict[str, int]]:
    from .tests.helpers import indicator, sheets, task, workbook_bytes

    indicators = max(rows // 9, 1)
    tasks = max((rows - indicators) // 2, 1)
    sections = [f"Section {number}" for number in range(1, 11)]
    task_rows = [
        task(section=sections[n % 10], text=f"Task {n}: review the service and report to Cabinet")
        for n in range(tasks)
    ]
    indicator_rows = [indicator(section=sections[n % 10], name=f"Indicator {n}") for n in range(indicators)]
    progress = [
        [sections[n % 10], f"Task {n}: review the service and report to Cabinet", "2007/08 Q1", 25, "Green",
         "Work is on track; the consultation closed and responses are being analysed."]
        for n in range(tasks)
    ]  # fmt: skip
    data = workbook_bytes(sheets(tasks=task_rows, indicators=indicator_rows, progress=progress))
    return data, {"tasks": tasks, "indicators": indicators, "progress": tasks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=9000)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="workbook-benchmark-"))
    environment = {
        "DATABASE_URL": options.database_url or f"sqlite:///{folder / 'benchmark.sqlite3'}",
        "DEBUG": "true",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "testserver",
        "PRIVATE_STORAGE_DIR": str(folder / "private"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "IMPORT_MAX_ROWS": str(max(options.rows * 2, 20_000)),
        "DJANGO_SETTINGS_MODULE": "serviceplans.settings",
    }
    os.environ.update(environment)
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from plans.models import Plan
    from reporting.models import WorkbookImport
    from serviceplans.roles import PERFORMANCE_TEAM

    if options.database_url:
        _create_database(options.database_url)
    call_command("migrate", verbosity=0)
    user, _created = User.objects.get_or_create(username="workbook-benchmark")
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    client = Client()
    client.force_login(user)

    started = time.perf_counter()
    data, sizes = build_workbook(options.rows)
    print(
        f"Workbook: {sum(sizes.values()):,} rows ({sizes['tasks']:,} tasks, {sizes['indicators']:,} indicators, "
        f"{sizes['progress']:,} progress rows), {len(data) / 1e6:.1f} MB, built in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ | environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # let the worker start, so its start-up is not counted as work
        client.get("/workbooks/import/")  # and load the pages' code once, as a running server has
        file = io.BytesIO(data)
        file.name = "benchmark.xlsx"
        seconds, response = _timed(lambda: client.post("/workbooks/import/", {"workbook": file}))
        print(f"Upload request:   {seconds * 1000:7.0f} ms (status {response.status_code})", flush=True)
        upload = WorkbookImport.objects.get()
        checked = _wait(
            lambda: WorkbookImport.objects.get(pk=upload.pk).state == WorkbookImport.State.CHECKED
        )
        print(f"Check in worker:  {checked:7.1f} s (upload to preview ready)", flush=True)
        seconds, response = _timed(lambda: client.get("/workbooks/import/preview/"))
        print(f"Preview request:  {seconds * 1000:7.0f} ms (status {response.status_code})", flush=True)
        seconds, response = _timed(lambda: client.post("/workbooks/import/confirm/"))
        print(f"Confirm request:  {seconds * 1000:7.0f} ms (status {response.status_code})", flush=True)
        imported = _wait(
            lambda: WorkbookImport.objects.get(pk=upload.pk).state == WorkbookImport.State.IMPORTED
        )
        plan = Plan.objects.get(pk=WorkbookImport.objects.get(pk=upload.pk).plan_id)
        print(f"Import in worker: {imported:7.1f} s (confirm to plan written: {plan.tasks.count():,} tasks)")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"Database: {django.db.connection.vendor}; {_load()}")


def _timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def _wait(done, timeout: float = 600) -> float:
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > timeout:
            raise SystemExit("Timed out waiting for the worker")
        time.sleep(0.1)
    return time.perf_counter() - started


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def _create_database(url: str) -> None:
    import psycopg
    from django.db import connection
    from psycopg import sql

    name = connection.settings_dict["NAME"]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()
