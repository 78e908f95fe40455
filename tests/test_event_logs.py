"""The important events are logged by name (``event``), once committed: plan and period transitions,
imports, publishing, and render failures with their traceback."""

import logging

import pytest

from plans.services import period_close, period_open, plan_submit
from reporting.reports.services import report_publish
from reporting.reports.tasks import render_report_pdf
from reporting.workbook.importer import plan_import
from reporting.workbook.tests.helpers import good_workbook, task
from tests.builders import small_council
from tests.factories import PlanFactory, ReportingPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db


def events(caplog) -> dict[str, logging.LogRecord]:
    return {record.event: record for record in caplog.records if hasattr(record, "event")}


def test_plan_and_period_transitions_are_logged_when_committed(caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.INFO)
    user = UserFactory()
    plan = PlanFactory()
    period = ReportingPeriodFactory()
    with django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan, user=user)
        period_open(period=period)
        period_close(period=period)

    logged = events(caplog)
    assert logged["plan_submit"].plan_id == plan.pk
    assert logged["plan_submit"].by_user_id == user.pk
    assert logged["plan_submit"].status == "submitted"
    assert logged["period_open"].period_id == period.pk
    assert logged["period_close"].getMessage() == f"Period {period.label}: close (now closed)"


def test_a_step_that_is_rolled_back_is_not_logged(caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_submit(plan=PlanFactory())

    assert "plan_submit" not in events(caplog)
    assert len(callbacks) == 1


def test_imports_are_logged_with_their_outcome(caplog):
    caplog.set_level(logging.INFO)
    result = plan_import(workbook_bytes=good_workbook(tasks=[task()]), dry_run=True)
    plan_import(workbook_bytes=b"not a workbook")

    preview = events(caplog)["plan_import_preview"]
    refused = events(caplog)["plan_import"]
    assert (preview.outcome, preview.errors) == ("checked", 0) and not result.errors
    assert refused.outcome == "refused" and refused.errors >= 1 and refused.levelname == "WARNING"


def test_publishing_a_report_is_logged(caplog, django_capture_on_commit_callbacks):
    from reporting.tests.test_reports_support import make_report

    caplog.set_level(logging.INFO)
    council = small_council(size=1)
    council["q2"].state = "closed"
    council["q2"].save()
    user = UserFactory()
    report = make_report(council)
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(report=report, user=user)

    logged = events(caplog)["report_publish"]
    assert (logged.report_id, logged.by_user_id) == (report.pk, user.pk)


def test_a_render_failure_is_logged_with_its_traceback(caplog):
    with pytest.raises(Exception, match="does not exist"):
        render_report_pdf.call(987654)

    failed = events(caplog)["render_failed"]
    assert failed.levelname == "ERROR" and failed.render_id == 987654
    assert failed.exc_info is not None
    assert "DoesNotExist" in caplog.text
