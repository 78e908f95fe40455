import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import Plan
from reporting.workbook import holding
from serviceplans.roles import PERFORMANCE_TEAM
from serviceplans.xlsx import XLSX_CONTENT_TYPE
from tests.factories import UserFactory

from .helpers import good_workbook, sheets, task, workbook_bytes
from .test_export import build_plan

pytestmark = pytest.mark.django_db

UPLOAD = reverse("workbook:import-upload")
PREVIEW = reverse("workbook:import-preview")
CONFIRM = reverse("workbook:import-confirm")


IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
RESULT = reverse("workbook:import-result")


@pytest.fixture
def team_client(client, settings):
    """A performance team member; the background work runs at once, when each request's work commits
    (test_background.py runs the real worker)."""
    settings.TASKS = IMMEDIATE
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    client.force_login(user)
    return client


def upload(client, data: bytes, name: str = "plan.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    with TestCase.captureOnCommitCallbacks(execute=True):  # the check is queued once the upload commits
        return client.post(UPLOAD, {"workbook": file})


def confirm(client):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the import is queued once the request commits
        return client.post(CONFIRM)


@pytest.mark.parametrize("url", [UPLOAD, PREVIEW])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_confirm_needs_sign_in(client):
    assert client.post(CONFIRM).status_code == 302


@pytest.mark.parametrize("url", [UPLOAD, PREVIEW])
def test_people_outside_the_performance_team_get_403(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(CONFIRM).status_code == 403


def test_the_upload_page_has_a_labelled_file_input(team_client):
    response = team_client.get(UPLOAD)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Import a plan from a workbook</h1>' in html
    assert '<label class="govuk-label govuk-label--m" for="id_workbook">Plan workbook</label>' in html
    assert 'type="file"' in html and 'class="govuk-file-upload"' in html
    assert f'accept=".xlsx,{XLSX_CONTENT_TYPE}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert reverse("workbook:template") in html


def test_a_superuser_may_import(client):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(UPLOAD).status_code == 200


def test_no_file_chosen_shows_the_error_summary(team_client):
    response = team_client.post(UPLOAD, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert '<a href="#id_workbook">Choose a plan workbook to upload</a>' in html


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused_at_upload(team_client):
    response = upload(team_client, good_workbook())
    assert response.status_code == 200
    assert "must be smaller than" in response.content.decode()


def test_upload_preview_and_confirm(team_client):
    data = good_workbook(tasks=[task(), task(text="Other", **{"Due Date": "Soon"})])
    response = upload(team_client, data)
    assert response.status_code == 302
    assert response.url == PREVIEW

    response = team_client.get(PREVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check the import" in html
    assert "govuk-error-summary" not in html
    assert "Chief Executive&#x27;s Service Plan" in html
    assert '<dt class="govuk-summary-list__key">Tasks</dt>' in html
    assert "No date found in “Soon”" in html
    assert "A. McCorkle" in html  # an officer to be created
    assert not Plan.objects.exists()

    response = confirm(team_client)
    assert response.status_code == 302
    assert response.url == RESULT
    plan = Plan.objects.get()
    assert plan.tasks.count() == 2
    followed = team_client.get(response.url)
    assert "was imported as a draft plan: 2 tasks and 1 indicator." in followed.content.decode()
    assert reverse("plans:plan-detail", args=[plan.slug]) in followed.content.decode()
    assert holding.held(team_client.session) is None
    assert confirm(team_client).status_code == 302  # already imported: not again
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Section,Task\nA,B\n", "CSV"),
        (b"\xd0\xcf\x11\xe0" + bytes(600), "password"),
        (b"", "empty"),
    ],
)
def test_a_bad_upload_shows_the_error_summary_not_a_server_error(team_client, data, message):
    response = upload(team_client, data)
    if data == b"":
        assert response.status_code == 200  # Django refuses an empty upload in the form
        assert "The file you chose is empty" in response.content.decode()
        return
    response = team_client.get(PREVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert "Import the plan" not in html


def test_errors_are_listed_with_sheet_row_column_value_and_reason(team_client):
    upload(team_client, workbook_bytes(sheets(tasks=[task(Category="Gardening")])))

    html = team_client.get(PREVIEW).content.decode()

    assert '<a href="#import-errors">1 error in plan.xlsx</a>' in html
    assert 'id="import-errors"' in html
    for cell in ["Tasks", ">2<", ">B<", "Gardening", "The category must be"]:
        assert cell in html
    assert "Import the plan" not in html
    assert confirm(team_client).status_code == 200
    assert not Plan.objects.exists()


def test_the_preview_without_an_upload_goes_back_to_the_upload_page(team_client):
    response = team_client.get(PREVIEW)
    assert response.status_code == 302 and response.url == UPLOAD


def test_the_template_downloads(client):
    client.force_login(UserFactory())
    response = client.get(reverse("workbook:template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "plan-workbook-template.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Notes"


def test_the_template_needs_sign_in(client):
    assert client.get(reverse("workbook:template")).status_code == 302


def test_anyone_signed_in_may_export_a_plan(client):
    plan = build_plan(size=1)
    client.force_login(UserFactory())
    response = client.get(reverse("workbook:plan-export", args=[plan.slug]))
    assert response.status_code == 200
    assert f"{plan.slug}.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames == [
        "Plan",
        "Tasks",
        "Indicators",
        "Progress",
        "Actuals",
    ]


def test_export_needs_sign_in_and_a_real_plan(client):
    assert client.get(reverse("workbook:plan-export", args=["nothing"])).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("workbook:plan-export", args=["nothing"])).status_code == 404


def test_the_export_download_takes_the_same_queries_at_two_sizes(client):
    """Queries: the session; the user; the plan by slug; then the export's 14 (see test_export): the plan
    with unit and owner, the unit tree, council settings, tasks, task officers, milestones, indicators,
    their frameworks, officers and targets, progress updates, values, the frameworks, and the plan's risks
    (for the Risks sheet; none here)."""
    client.force_login(UserFactory())
    small = build_plan(size=1)
    large = build_plan(size=5, prefix="Other ")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("workbook:plan-export", args=[small.slug])).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("workbook:plan-export", args=[large.slug])).status_code == 200
    assert len(few) == len(many) == 17
