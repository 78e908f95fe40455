"""Workbooks are checked and imported by the background worker, with a page that shows progress."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from reporting.models import WorkbookImport
from reporting.workbook import holding, services, worker
from serviceplans.roles import PERFORMANCE_TEAM
from tests.factories import UserFactory

from .helpers import good_workbook, task

UPLOAD = reverse("workbook:import-upload")
PREVIEW = reverse("workbook:import-preview")
CONFIRM = reverse("workbook:import-confirm")
RESULT = reverse("workbook:import-result")


@pytest.fixture
def team_client(client):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    client.force_login(user)
    return client


def upload(client, data: bytes, name: str = "plan.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(UPLOAD, {"workbook": file})


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)  # the real worker


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks
def test_the_check_and_the_import_run_in_the_worker_with_progress_pages(team_client, private_storage_folder):
    response = upload(team_client, good_workbook(tasks=[task(), task(text="Other")]))
    assert response.status_code == 302 and response.url == PREVIEW
    held = list((private_storage_folder / holding.FOLDER).iterdir())
    assert len(held) == 1  # in the private storage, where every server finds it

    waiting = team_client.get(PREVIEW)
    page = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Refresh"] == "2"  # checks again, with no script
    assert "Checking the workbook" in page and "Waiting to be checked" in page
    assert "Import the plan" not in page and "location.reload" not in page

    run_worker()

    preview = team_client.get(PREVIEW)
    page = preview.content.decode()
    assert "Refresh" not in preview and "Check the import" in page and "Import the plan" in page
    assert '<dt class="govuk-summary-list__key">Tasks</dt>' in page and not Plan.objects.exists()

    first, second = team_client.post(CONFIRM), team_client.post(CONFIRM)  # a double click queues once
    assert first.url == second.url == RESULT
    importing = team_client.get(RESULT)
    assert importing["Refresh"] == "2" and "Importing the plan" in importing.content.decode()

    run_worker()

    done = team_client.get(RESULT).content.decode()
    plan = Plan.objects.get()
    assert "Plan imported" in done and "was imported as a draft plan: 2 tasks and 1 indicator." in done
    assert plan.tasks.count() == 2 and plan.status == Plan.Status.DRAFT
    assert list((private_storage_folder / holding.FOLDER).iterdir()) == []  # the held file is gone
    assert team_client.get(PREVIEW).url == RESULT


@pytest.mark.django_db
def test_a_check_whose_file_has_gone_says_so(team_client, settings, private_storage_folder):
    upload(team_client, good_workbook())
    for held in (private_storage_folder / holding.FOLDER).iterdir():
        held.unlink()
    worker.workbook_check_run(import_id=WorkbookImport.objects.get().pk)
    page = team_client.get(PREVIEW).content.decode()
    assert "The workbook could not be checked" in page and "no longer held" in page
    assert team_client.post(CONFIRM).url == RESULT
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_check_is_done_once(team_client, django_assert_num_queries):
    upload(team_client, good_workbook())
    pk = WorkbookImport.objects.get().pk
    worker.workbook_check_run(import_id=pk)
    with django_assert_num_queries(1):  # the claim finds it checked already: nothing else
        worker.workbook_check_run(import_id=pk)
    assert WorkbookImport.objects.get().state == WorkbookImport.State.CHECKED


@pytest.mark.django_db
def test_only_the_uploader_sees_the_upload(team_client, client):
    upload(team_client, good_workbook())
    pk = WorkbookImport.objects.get().pk
    other = UserFactory()
    other.groups.add(Group.objects.get(name=PERFORMANCE_TEAM))
    entry = team_client.session[holding.SESSION_KEY]
    team_client.force_login(other)  # a new session for someone else: the old upload is not theirs
    stolen = team_client.session
    stolen[holding.SESSION_KEY] = entry
    stolen.save()
    assert team_client.get(PREVIEW).url == UPLOAD
    assert WorkbookImport.objects.get(pk=pk).state == WorkbookImport.State.CHECK_QUEUED


@pytest.mark.django_db
def test_uploads_older_than_a_day_are_cleared_away(team_client, private_storage_folder):
    upload(team_client, good_workbook(), name="old.xlsx")
    old = WorkbookImport.objects.get()
    WorkbookImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    recent = holding.hold({}, b"recent", "recent.xlsx")

    assert services.workbook_imports_sweep() == 1

    assert not WorkbookImport.objects.exists()
    assert [path.name for path in (private_storage_folder / holding.FOLDER).iterdir()] == [f"{recent}.xlsx"]


@pytest.mark.django_db
def test_the_daily_command_clears_old_uploads(team_client, private_storage_folder):
    upload(team_client, good_workbook())
    WorkbookImport.objects.update(created_at=timezone.now() - timedelta(days=2))
    out = io.StringIO()
    call_command("clear_private_files", stdout=out)
    assert out.getvalue().strip() == (
        "Deleted 1 old upload(s), 0 old background PDF(s), 0 old kept PDF(s) and 0 old download(s)."
    )
    assert not WorkbookImport.objects.exists()
    assert list((private_storage_folder / holding.FOLDER).iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PREVIEW, RESULT])
def test_the_progress_and_preview_pages_take_the_same_queries_for_any_size(team_client, url):
    """Queries: the session, the user, the user's groups (performance team?), the user's officer (for the
    navigation), the upload's record. The preview is read from the record's JSON, so a bigger workbook
    costs no more."""
    counts = []
    for size in (1, 40):
        upload(team_client, good_workbook(tasks=[task(text=f"Task {n}") for n in range(size)]))
        pk = WorkbookImport.objects.latest("pk").pk
        worker.workbook_check_run(import_id=pk)
        if url == RESULT:
            services.workbook_import_start(upload=WorkbookImport.objects.get(pk=pk))
        with CaptureQueriesContext(connection) as queries:
            assert team_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts == [5, 5]
