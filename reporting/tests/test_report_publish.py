"""Publishing: refused while the period is open; then the content is frozen and renders the same."""

import pytest
from django.core.exceptions import ValidationError

from actions.models import ProgressUpdate
from reporting.models import Report
from reporting.reports.committee import CommitteeReport
from reporting.reports.rendering import report_pdf_render
from reporting.reports.services import report_publish, report_update
from tests.builders import small_council
from tests.factories import UserFactory

from .test_reports_support import make_report, pdf_pages

pytestmark = pytest.mark.django_db


def test_a_report_cannot_be_published_while_its_period_is_open():
    council = small_council(size=1)
    report = make_report(council, period=council["q2"])
    with pytest.raises(ValidationError, match="are still open"):
        report_publish(report=report, user=UserFactory())
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.snapshot is None


def test_publishing_freezes_the_content_so_later_changes_do_not_show():
    council = small_council(size=2)
    user = UserFactory(first_name="Clare", last_name="Clerk")
    report = make_report(council, period=council["q1"])
    before = CommitteeReport.for_report(report).html()
    assert "DRAFT" in before

    report = report_publish(report=report, user=user)
    published_html = CommitteeReport.for_report(report).html()
    published_pdf = CommitteeReport.for_report(report).pdf()

    task = council["tasks"][0]
    original = task.text
    task.text = "A completely different task"
    task.save()
    ProgressUpdate.objects.filter(period=council["q1"]).update(commentary="Rewritten later", status="red")
    report.title = "Changed title"  # not saved through the service: the snapshot still rules

    again = Report.objects.get(pk=report.pk)
    assert again.published_by == user and again.published_at is not None
    assert CommitteeReport.for_report(again).html() == published_html
    assert pdf_pages(CommitteeReport.for_report(again).pdf()) == pdf_pages(published_pdf)
    text = " ".join(pdf_pages(published_pdf))
    assert "A completely different task" not in text and "Rewritten later" not in text
    assert original in text
    assert "DRAFT" not in text and "Published" in text and "Clare Clerk" in text


def test_a_published_report_cannot_be_edited_or_published_again():
    council = small_council(size=1)
    report = report_publish(report=make_report(council, period=council["q1"]), user=UserFactory())
    with pytest.raises(ValidationError, match="can no longer be changed"):
        report_update(report=report, user=None, title="New")
    with pytest.raises(ValidationError, match="already been published"):
        report_publish(report=report, user=None)


def test_a_published_pdf_is_rendered_once_and_kept(private_storage_folder):
    council = small_council(size=1)
    report = report_publish(report=make_report(council, period=council["q1"]), user=UserFactory())
    first = report_pdf_render(report=report)
    kept = Report.objects.get(pk=report.pk).published_pdf_file
    assert kept.startswith("published/") and (private_storage_folder / kept).read_bytes() == first
    assert report_pdf_render(report=report) == first


def test_edits_to_a_draft_show_in_the_paper():
    council = small_council(size=1)
    report = make_report(council)
    report_update(report=report, user=None, purpose="To tell Members how the bins are doing.")
    assert "To tell Members how the bins are doing." in CommitteeReport.for_report(report).html()
