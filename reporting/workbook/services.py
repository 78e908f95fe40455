"""Checking and importing an uploaded workbook in the background worker, one step at a time.

Upload (web request): the file is held in the private storage and a :class:`WorkbookImport` is queued
for checking. Check (worker): a dry run of :func:`plan_import`; what it found is kept on the record for the
preview page. Confirm (web request): the checked record is queued for import, once. Import (worker): the
real, all-or-nothing :func:`plan_import`, then the held file is deleted. Any app server can take any step:
the file is in the shared storage, the record and the session in the database.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reporting.models import WorkbookImport

from . import holding
from .importer import ImportResult, plan_import

#: The most errors or warnings kept (and listed on the preview page); the rest are counted.
SHOWN_PROBLEMS = 200

State = WorkbookImport.State


def import_summary(result: ImportResult) -> dict:
    """What the preview and result pages show of an import, as plain JSON."""
    return {
        "ok": result.ok,
        "plan_title": result.plan_title,
        "plan_slug": result.plan_slug,
        "counts": result.counts,
        "count_rows": result.count_rows(),
        "officers_created": result.officers_created,
        "units_created": result.units_created,
        "periods_created": result.periods_created,
        "frameworks_created": result.frameworks_created,
        "error_count": len(result.errors),
        "warning_count": len(result.warnings),
        "errors": [asdict(problem) for problem in result.errors[:SHOWN_PROBLEMS]],
        "warnings": [asdict(problem) for problem in result.warnings[:SHOWN_PROBLEMS]],
    }


def session_import(session, user) -> WorkbookImport | None:
    """The import this session last uploaded, if it is still there and was uploaded by ``user``."""
    entry = session.get(holding.SESSION_KEY) or {}
    pk = entry.get("import")
    if not isinstance(pk, int):
        return None
    return WorkbookImport.objects.filter(pk=pk, requested_by=user).first()


def workbook_imports_sweep() -> int:
    """Forget uploads older than a day (their records and held files); how many went. (No check or import
    takes a day: one still marked as running then was cut off, and rolled back, by a stopped worker.)"""
    cutoff = timezone.now() - timedelta(seconds=holding.MAX_AGE_SECONDS)
    old = WorkbookImport.objects.filter(created_at__lt=cutoff)
    tokens = list(old.values_list("token", flat=True))
    for token in tokens:
        holding.discard(token)
    old.delete()
    holding.sweep()
    return len(tokens)


@transaction.atomic
def workbook_check_start(*, session, data: bytes, filename: str, user) -> WorkbookImport:
    """Hold the upload and queue its check; the worker starts once this commits."""
    from .tasks import check_workbook

    previous_entry = session.pop(holding.SESSION_KEY, None) or {}
    previous = WorkbookImport.objects.filter(pk=previous_entry.get("import") or 0).first()
    if previous is None or not previous.is_importing:  # an import under way still needs its file
        holding.discard(previous_entry.get("token", ""))
    workbook_imports_sweep()
    token = holding.hold(session, data, filename)
    upload = WorkbookImport.objects.create(
        token=token, filename=filename[:200], requested_by=user, step=State.CHECK_QUEUED.label
    )
    session[holding.SESSION_KEY] = session[holding.SESSION_KEY] | {"import": upload.pk}
    transaction.on_commit(lambda: check_workbook.enqueue(upload.pk))
    return upload


def _claim(pk: int, waiting: str, running: str, step: str) -> WorkbookImport | None:
    """Move the record from ``waiting`` to ``running``; None if another worker already has it."""
    if not WorkbookImport.objects.filter(pk=pk, state=waiting).update(state=running, step=step):
        return None
    return WorkbookImport.objects.select_related("requested_by").get(pk=pk)


def _fail(upload: WorkbookImport, error: str) -> None:
    WorkbookImport.objects.filter(pk=upload.pk).update(
        state=State.FAILED, step="Failed", error=error[:2000], finished_at=timezone.now()
    )


def workbook_check_run(*, import_id: int) -> None:
    """The worker's check: a dry run of the import, its findings kept for the preview page. Not atomic
    on purpose: the steps must be visible while it runs."""
    upload = _claim(import_id, State.CHECK_QUEUED, State.CHECKING, "Reading and checking every row")
    if upload is None:
        return
    data = holding.held_bytes(upload.token)
    if data is None:
        _fail(upload, "The uploaded workbook is no longer held.")
        return
    try:
        result = plan_import(workbook_bytes=data, dry_run=True, user=upload.requested_by)
    except Exception as error:
        _fail(upload, str(error))
        raise
    WorkbookImport.objects.filter(pk=upload.pk).update(
        state=State.CHECKED,
        step=State.CHECKED.label,
        result=import_summary(result),
        checked_at=timezone.now(),
    )


@transaction.atomic
def workbook_import_start(*, upload: WorkbookImport) -> bool:
    """Queue a checked, error-free upload for import. Only once: a second confirmation (a double click,
    or the same form sent through another server) queues nothing and returns False."""
    from .tasks import import_workbook

    queued = WorkbookImport.objects.filter(pk=upload.pk, state=State.CHECKED, result__ok=True).update(
        state=State.IMPORT_QUEUED, step=State.IMPORT_QUEUED.label
    )
    if queued:
        transaction.on_commit(lambda: import_workbook.enqueue(upload.pk))
    return bool(queued)


def workbook_import_run(*, import_id: int) -> None:
    """The worker's import: the real one, all or nothing. If the workbook no longer imports cleanly (say a
    plan of the same name appeared since the check), the record goes back to "checked" with the errors."""
    upload = _claim(import_id, State.IMPORT_QUEUED, State.IMPORTING, "Writing the plan, all or nothing")
    if upload is None:
        return
    data = holding.held_bytes(upload.token)
    if data is None:
        _fail(upload, "The uploaded workbook is no longer held.")
        return
    try:
        result = plan_import(workbook_bytes=data, user=upload.requested_by)
    except Exception as error:
        _fail(upload, str(error))
        raise
    summary = import_summary(result)
    if not result.ok:
        WorkbookImport.objects.filter(pk=upload.pk).update(
            state=State.CHECKED, step=State.CHECKED.label, result=summary, checked_at=timezone.now()
        )
        return
    WorkbookImport.objects.filter(pk=upload.pk).update(
        state=State.IMPORTED,
        step=State.IMPORTED.label,
        result=summary,
        plan_id=result.plan_id,
        finished_at=timezone.now(),
    )
    holding.discard(upload.token)
