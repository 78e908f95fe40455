"""Big reports are rendered in the background through django.tasks, with a page showing progress."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reporting.models import ReportRender
from reporting.reports import services
from reporting.reports.committee import CommitteeReport
from reporting.reports.rendering import report_render_run
from reporting.reports.services import report_render_start
from tests.builders import small_council

from .test_reports_support import make_report, pdf_pages, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(monkeypatch):
    """A report counted as big: anything over two tasks and indicators is rendered in the background."""
    monkeypatch.setattr(services, "INLINE_ROWS", 2)
    council = small_council(size=1)
    return council, make_report(council)


def test_a_small_report_downloads_straight_away(client):
    council = small_council(size=1)
    client.force_login(user_with_role("clerk"))
    response = client.get(reverse("reporting:report-pdf", args=[make_report(council).pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks
def test_a_big_report_is_rendered_in_the_background_and_then_offered(client, big):
    council, report = big
    client.force_login(user_with_role("clerk"))
    response = client.get(reverse("reporting:report-pdf", args=[report.pk]))
    render = ReportRender.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reporting:report-render", args=[report.pk, render.pk])
    assert render.state == ReportRender.State.QUEUED  # queued in the database, not rendered in the request

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)  # the real worker

    render.refresh_from_db()
    assert render.state == ReportRender.State.DONE and render.finished_at is not None

    page = client.get(response.url).content.decode()
    assert "Your PDF is ready" in page and "location.reload" not in page
    download = client.get(reverse("reporting:report-render-download", args=[report.pk, render.pk]))
    text = " ".join(pdf_pages(download.content))
    assert report.title in text and "DRAFT" in text
    assert all(task.text in text for task in council["tasks"])


def test_the_progress_page_while_waiting(client, big):
    _council, report = big
    client.force_login(user_with_role("performance"))
    response = client.get(reverse("reporting:report-pdf", args=[report.pk]), follow=True)
    page = response.content.decode()
    assert "Making the PDF" in page and "Waiting to start" in page and "location.reload" in page
    render = ReportRender.objects.get()
    assert (
        client.get(reverse("reporting:report-render-download", args=[report.pk, render.pk])).status_code
        == 404
    )


def test_progress_pages_follow_the_report_permissions(client, big):
    _council, report = big
    render = report_render_start(report=report, user=None)
    client.force_login(user_with_role("member"))
    assert client.get(reverse("reporting:report-render", args=[report.pk, render.pk])).status_code == 403
    client.force_login(user_with_role("manager"))
    assert client.get(reverse("reporting:report-render", args=[report.pk, render.pk])).status_code == 200
    assert client.get(reverse("reporting:report-render", args=[report.pk, render.pk + 99])).status_code == 404


def test_a_failed_render_says_so(client, big, monkeypatch):
    _council, report = big
    render = report_render_start(report=report, user=None)

    def broken(self):
        raise RuntimeError("out of paper")

    monkeypatch.setattr(CommitteeReport, "pdf", broken)
    with pytest.raises(RuntimeError):
        report_render_run(render_id=render.pk)
    render.refresh_from_db()
    assert (render.state, render.error) == (ReportRender.State.FAILED, "out of paper")
    client.force_login(user_with_role("clerk"))
    page = client.get(reverse("reporting:report-render", args=[report.pk, render.pk])).content.decode()
    assert "could not be made" in page and "Try again" in page


def test_a_rendered_pdf_is_kept_in_the_private_storage_not_the_database(client, big, private_storage_folder):
    """Any app server can hand out what any worker rendered: the file is in STORAGES["private"]."""
    _council, report = big
    render = report_render_start(report=report, user=None)
    report_render_run(render_id=render.pk)
    render.refresh_from_db()
    assert render.pdf_file.startswith("renders/")
    stored = (private_storage_folder / render.pdf_file).read_bytes()
    assert stored.startswith(b"%PDF")
    assert oct((private_storage_folder / render.pdf_file).stat().st_mode & 0o777) == "0o600"
    client.force_login(user_with_role("clerk"))
    download = client.get(reverse("reporting:report-render-download", args=[report.pk, render.pk]))
    assert download.content == stored


def test_old_renders_are_cleared_away_with_their_files(client, big, private_storage_folder, settings):
    _council, report = big
    settings.RENDER_MAX_AGE_DAYS = 7
    old = report_render_start(report=report, user=None)
    report_render_run(render_id=old.pk)  # done, so the next request makes a new render
    recent = report_render_start(report=report, user=None)
    report_render_run(render_id=recent.pk)
    ReportRender.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    old_file = private_storage_folder / ReportRender.objects.get(pk=old.pk).pdf_file

    assert services.report_renders_sweep() == 1

    assert list(ReportRender.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not old_file.exists()
    assert (private_storage_folder / ReportRender.objects.get().pdf_file).exists()


def test_a_render_whose_file_is_gone_says_so(client, big, private_storage_folder):
    _council, report = big
    render = report_render_start(report=report, user=None)
    report_render_run(render_id=render.pk)
    render.refresh_from_db()
    (private_storage_folder / render.pdf_file).unlink()
    client.force_login(user_with_role("clerk"))
    assert (
        client.get(reverse("reporting:report-render-download", args=[report.pk, render.pk])).status_code
        == 404
    )
