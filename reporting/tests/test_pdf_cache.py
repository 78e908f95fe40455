"""A paper is laid out once per content: the PDF is kept under a digest of what it is made from, used again
for the same content, rendered ahead after an edit or publication, and swept away in time."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone

from actions.models import ProgressUpdate
from reporting.models import Report, ReportRender
from reporting.reports import pdf as pdf_module
from reporting.reports import services
from reporting.reports.committee import CommitteeReport
from reporting.reports.pdf import cached_pdf, html_to_pdf, pdf_cache_sweep, pdf_digest
from reporting.reports.rendering import report_pdf_kept, report_pdf_prerender
from reporting.reports.services import (
    report_publish,
    report_update,
)
from tests.builders import small_council

from .test_reports_support import make_report, pdf_pages, pdf_reader, user_with_role

pytestmark = pytest.mark.django_db

PAPER = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title>'
    '<link rel="stylesheet" href="/static/reporting/paper.css"></head>'
    "<body><main><h1>{title}</h1><p>Page text.</p></main></body></html>"
)


@pytest.fixture
def renders(monkeypatch):
    """Counts the times pages are laid out."""
    calls = []
    real = pdf_module.render_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(pdf_module, "render_pdf", counting)
    return calls


def test_the_same_html_is_laid_out_once(renders):
    html = PAPER.format(title="Cabinet report")
    first = html_to_pdf(html)
    again = html_to_pdf(html)
    assert again == first and len(renders) == 1
    catalog = pdf_reader(again).trailer["/Root"]  # the kept PDF is the tagged one
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en-GB"
    html_to_pdf(PAPER.format(title="Scrutiny report"))
    assert len(renders) == 2


def test_a_storage_that_fails_still_gives_the_pdf(renders, monkeypatch):
    def broken():
        raise OSError("The bucket is unreachable")

    monkeypatch.setattr(pdf_module, "private_storage", broken)
    monkeypatch.setattr(pdf_module, "private_file_read", lambda name: broken())
    html = PAPER.format(title="Cabinet report")
    assert html_to_pdf(html).startswith(b"%PDF") and html_to_pdf(html).startswith(b"%PDF")
    assert len(renders) == 2


def test_a_changed_stylesheet_makes_a_new_pdf(monkeypatch, tmp_path):
    stylesheet = tmp_path / "paper.css"
    stylesheet.write_text("body { color: black; }")
    monkeypatch.setattr(pdf_module, "static_path", lambda name: str(stylesheet))
    html = PAPER.format(title="Cabinet report")
    before = pdf_digest(html)
    assert pdf_digest(html) == before
    stylesheet.write_text("body { color: navy; }")
    assert pdf_digest(html) != before


def test_a_stylesheet_imported_by_a_stylesheet_counts(monkeypatch, tmp_path):
    files = {"reporting/paper.css": tmp_path / "a.css", "reporting/fonts.css": tmp_path / "b.css"}
    files["reporting/paper.css"].write_text('@import "fonts.css"; body { color: black; }')
    files["reporting/fonts.css"].write_text("h1 { font-weight: bold; }")
    monkeypatch.setattr(pdf_module, "static_path", lambda name: str(files[name]))
    html = PAPER.format(title="Cabinet report")
    before = pdf_digest(html)
    files["reporting/fonts.css"].write_text("h1 { font-weight: normal; }")
    assert pdf_digest(html) != before


def test_kept_pdfs_are_swept_after_a_while(renders):
    html = PAPER.format(title="Cabinet report")
    html_to_pdf(html)
    assert pdf_cache_sweep(before=timezone.now() - timedelta(days=1)) == 0
    assert cached_pdf(html) is not None
    assert pdf_cache_sweep(before=timezone.now() + timedelta(days=1)) == 1
    assert cached_pdf(html) is None
    html_to_pdf(html)
    assert len(renders) == 2


def test_the_daily_clear_up_sweeps_old_kept_pdfs(renders, settings):
    html_to_pdf(PAPER.format(title="Cabinet report"))
    out = StringIO()
    call_command("clear_private_files", stdout=out)
    assert "0 old kept PDF(s)" in out.getvalue()
    settings.RENDER_MAX_AGE_DAYS = -1  # everything kept is older than that
    call_command("clear_private_files", stdout=out)
    assert "1 old kept PDF(s)" in out.getvalue()
    assert cached_pdf(PAPER.format(title="Cabinet report")) is None


@pytest.fixture
def big(monkeypatch):
    """A report counted as big: anything over two tasks and indicators is rendered in the background."""
    monkeypatch.setattr(services, "INLINE_ROWS", 2)
    council = small_council(size=1)
    return council, make_report(council)


def test_a_big_report_rendered_ahead_downloads_straight_away(client, big):
    council, report = big
    report_pdf_prerender(report_id=report.pk)
    client.force_login(user_with_role("clerk"))
    response = client.get(reverse("reporting:report-pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not ReportRender.objects.exists()  # nothing queued: the kept PDF was the answer
    text = " ".join(pdf_pages(response.content))
    assert report.title in text and all(task.text in text for task in council["tasks"])
    pages = pdf_pages(response.content)
    assert f"Page 1 of {len(pages)}" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert len(pdf_reader(response.content).outline) >= 3


def test_a_pdf_rendered_ahead_is_not_used_once_the_figures_change(client, big):
    council, report = big
    report_pdf_prerender(report_id=report.pk)
    update = ProgressUpdate.objects.filter(period=council["q2"]).order_by("pk").first()
    update.commentary = "Delayed by the contractor."
    update.save()
    assert report_pdf_kept(report) is None
    client.force_login(user_with_role("clerk"))
    response = client.get(reverse("reporting:report-pdf", args=[report.pk]))
    assert response.status_code == 302 and ReportRender.objects.count() == 1


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_editing_a_report_renders_its_pdf_ahead(big, dummy_tasks, django_capture_on_commit_callbacks):
    _council, report = big
    with django_capture_on_commit_callbacks(execute=True):
        report_update(report=report, user=None, purpose="To note progress at the half year.")
    [result] = dummy_tasks.results
    assert result.task.name == "prerender_report_pdf" and result.args == [report.pk]
    assert report_pdf_kept(report) is None
    report_pdf_prerender(report_id=report.pk)  # what the worker does
    html = CommitteeReport.for_report(report).html()
    assert "To note progress at the half year." in html and report_pdf_kept(report) == cached_pdf(html)


def test_publishing_a_report_renders_its_pdf_ahead(big, dummy_tasks, django_capture_on_commit_callbacks):
    council, report = big
    period = council["q2"]
    period.state = period.State.CLOSED
    period.save()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_publish(report=report, user=None)
    [result] = dummy_tasks.results
    assert result.args == [report.pk]
    report_pdf_prerender(report_id=report.pk)
    stored = Report.objects.get(pk=report.pk).published_pdf_file
    assert stored and report_pdf_kept(report) is not None


def test_no_render_ahead_when_tasks_run_inside_the_request(big, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _council, report = big
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report_update(report=report, user=None, purpose="To note progress.")
    assert callbacks == [] and report_pdf_kept(report) is None
