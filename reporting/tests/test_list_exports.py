"""A list's Excel download of more than ``EXPORT_BACKGROUND_ROWS`` rows is made by the background worker: a
progress page, then the file, for the person who asked only. Up to that many rows it streams as before."""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reporting.exports import worker
from reporting.exports.services import list_exports_sweep
from reporting.models import ListExport
from risks.tests.factories import RiskFactory, RiskOwnerFactory
from serviceplans.xlsx import XLSX_CONTENT_TYPE
from tests.builders import small_council
from tests.factories import OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "tasks": ("actions:task-list", {"status": ["red", "missing"], "sort": "-text", "unit": "env"}),
    "indicators": ("indicators:indicator-list", {"rag": ["red", "green", "amber"], "sort": "name"}),
    "risks": ("risks:risk-list", {"sort": "title"}),
}


@pytest.fixture
def council(settings):
    """Two services of four tasks and indicators each, eight risks; the worker's queue holds its jobs
    (the tests run the worker's step themselves, or the real worker)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    council = small_council(size=4)
    owner = OfficerFactory(name="Olive Owner")
    for task in council["tasks"]:
        TaskOfficerFactory(task=task, officer=owner)
    for index in range(8):
        risk = RiskFactory(unit=council["services"][index % 2], title=f"Risk {index}", current_likelihood=3)
        RiskOwnerFactory(risk=risk, officer=owner)
    return council


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def download(client, name, **extra):
    url_name, params = LISTS[name]
    return client.get(reverse(url_name), params | {"format": "xlsx"} | extra)


def sheet_values(data: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(data)).active.values)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_up_to_the_threshold_the_download_streams_at_once(client, user, council, settings):
    settings.EXPORT_BACKGROUND_ROWS = 8  # the eight tasks: not more than it
    response = download(client, "tasks", status=[])
    assert response.status_code == 200 and response["Content-Type"] == XLSX_CONTENT_TYPE
    assert len(sheet_values(body(response))) == 8 + 1
    assert not ListExport.objects.exists()
    page = client.get(reverse("actions:task-list")).content.decode()
    assert "download>Download these 8 rows as Excel" in page and "made in the background" not in page


def test_the_decision_is_one_count_of_the_filtered_rows(client, user, council, settings):
    """Over the threshold the request reads no task at all. Queries: session, user, periods, units (the
    filters), one COUNT of the filtered tasks; then in one transaction (savepoint, release) the export's own:
    an unfinished one to join, old ones to clear (their files, then them), the new one: 11."""
    settings.EXPORT_BACKGROUND_ROWS = 1
    with CaptureQueriesContext(connection) as queries:
        response = download(client, "tasks")
    assert response.status_code == 302
    tasks = [q["sql"] for q in queries if '"actions_task"' in q["sql"]]
    assert len(tasks) == 1 and tasks[0].startswith("SELECT COUNT(*)")
    assert len(queries) == 11


@pytest.mark.parametrize("name", LISTS)
def test_over_the_threshold_the_worker_makes_the_same_workbook(client, user, council, settings, name):
    streamed = sheet_values(body(download(client, name)))
    rows = len(streamed) - 1
    assert rows > 2
    settings.EXPORT_BACKGROUND_ROWS = 2

    list_page = client.get(reverse(LISTS[name][0]), LISTS[name][1]).content.decode()
    assert f"Download these {rows} " in list_page and "made in the background" in list_page
    assert " download>Download these" not in list_page  # a page follows, not a file: no download attribute

    response = download(client, name)
    export = ListExport.objects.get()
    assert response.status_code == 302 and response.url == reverse("exports:export", args=[export.pk])
    assert export.rows == rows and export.state == ListExport.State.QUEUED
    assert export.requested_by == user
    assert export.filename == ("risks.xlsx" if name == "risks" else f"{name}-2026-27-q2.xlsx")

    waiting = client.get(response.url)
    page = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Refresh"] == "3"  # checks again, with no script
    assert "Making your download" in page and "Waiting to start" in page
    assert f"{rows} rows are too many" in page

    worker.list_export_run(export_id=export.pk)

    done = client.get(response.url)
    page = done.content.decode()
    assert "Refresh" not in done and "Your download is ready" in page
    assert reverse("exports:export-download", args=[export.pk]) in page
    file = client.get(reverse("exports:export-download", args=[export.pk]))
    assert file.status_code == 200 and file["Content-Type"] == XLSX_CONTENT_TYPE
    assert f'filename="{ListExport.objects.get().filename}"' in file["Content-Disposition"]
    assert sheet_values(body(file)) == streamed


def test_the_period_asked_for_is_the_period_written(client, user, council, settings):
    """The list's default period is written into the stored query, so the worker lists the same one."""
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    assert "period=2026%2F27+Q2" in ListExport.objects.get().query


def test_only_the_person_who_asked_sees_it_and_bad_ids_are_not_found(client, user, council, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()
    worker.list_export_run(export_id=export.pk)
    page = reverse("exports:export", args=[export.pk])
    file = reverse("exports:export-download", args=[export.pk])
    assert client.get(file).status_code == 200

    client.force_login(UserFactory())
    assert client.get(page).status_code == 404 and client.get(file).status_code == 404
    client.logout()
    assert client.get(file).url.startswith("/accounts/login/")
    client.force_login(user)
    for missing in (export.pk + 1, 999_999):
        assert client.get(reverse("exports:export", args=[missing])).status_code == 404
        assert client.get(reverse("exports:export-download", args=[missing])).status_code == 404
    assert client.get("/downloads/nonsense/").status_code == 404


def test_asking_again_while_it_is_made_joins_it(client, user, council, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    first, second = download(client, "tasks"), download(client, "tasks")
    assert first.url == second.url and ListExport.objects.count() == 1
    assert download(client, "tasks", sort="text").url != first.url  # another order is another download


def test_a_file_not_ready_yet_is_not_offered(client, user, council, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()
    response = client.get(reverse("exports:export-download", args=[export.pk]))
    assert response.url == reverse("exports:export", args=[export.pk])


def test_a_failure_says_so_clearly_and_offers_to_try_again(client, user, council, settings, monkeypatch):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()

    def broken(self, data):
        raise RuntimeError("disk full")

    monkeypatch.setattr("actions.views.TaskListView.xlsx_rows", broken)
    with pytest.raises(RuntimeError):
        worker.list_export_run(export_id=export.pk)

    export.refresh_from_db()
    assert export.state == ListExport.State.FAILED and export.error == "disk full" and not export.file
    response = client.get(reverse("exports:export", args=[export.pk]))
    page = response.content.decode()
    assert "Refresh" not in response and "The download could not be made" in page
    assert "there is no file to download" in page and "Try again" in page
    assert "disk full" not in page  # the details are for the logs, not the page
    assert client.get(reverse("exports:export-download", args=[export.pk])).status_code == 302


def test_someone_who_can_no_longer_sign_in_gets_no_file(client, user, council, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()
    user.is_active = False
    user.save()
    with pytest.raises(worker.ExportRefused):
        worker.list_export_run(export_id=export.pk)
    assert ListExport.objects.get().state == ListExport.State.FAILED


def test_an_export_is_made_once(client, user, council, settings, django_assert_num_queries):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()
    worker.list_export_run(export_id=export.pk)
    with django_assert_num_queries(1):  # the claim finds it made already: nothing else
        worker.list_export_run(export_id=export.pk)


def test_downloads_older_than_a_day_are_cleared_away(client, user, council, settings, private_storage_folder):
    settings.EXPORT_BACKGROUND_ROWS = 1
    download(client, "tasks")
    export = ListExport.objects.get()
    worker.list_export_run(export_id=export.pk)
    assert len(list((private_storage_folder / worker.FOLDER).iterdir())) == 1
    assert list_exports_sweep() == 0
    ListExport.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    out = StringIO()
    call_command("clear_private_files", stdout=out)
    assert "1 old download(s)" in out.getvalue()
    assert not ListExport.objects.exists()
    assert list((private_storage_folder / worker.FOLDER).iterdir()) == []


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks
def test_the_real_worker_makes_it(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    small_council(size=3)
    client.force_login(UserFactory())
    streamed = sheet_values(body(download(client, "tasks", status=[])))
    settings.EXPORT_BACKGROUND_ROWS = 2
    response = download(client, "tasks", status=[])
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    export = ListExport.objects.get()
    assert export.state == ListExport.State.DONE and export.size > 0
    assert "Your download is ready" in client.get(response.url).content.decode()
    file = client.get(reverse("exports:export-download", args=[export.pk]))
    assert sheet_values(body(file)) == streamed
