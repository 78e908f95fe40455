"""The background worker's steps for an uploaded workbook (run by :mod:`.tasks`): the check, a dry run of
:func:`~.importer.plan_import` whose findings are kept for the preview page, and the real import. Each
step first claims the record, so no two workers take the same one."""

from __future__ import annotations

from django.utils import timezone

from reporting.models import WorkbookImport

from . import holding
from .importer import plan_import
from .result import import_summary

__all__ = ["workbook_check_run", "workbook_import_run"]

State = WorkbookImport.State


def _claim(pk: int, waiting: str, running: str, step: str) -> WorkbookImport | None:
    """Move the record from ``waiting`` to ``running``; None if another worker already has it."""
    if not WorkbookImport.objects.filter(pk=pk, state=waiting).update(state=running, step=step):
        return None
    return WorkbookImport.objects.select_related("requested_by").get(pk=pk)


def _fail(upload: WorkbookImport, error: str) -> None:
    WorkbookImport.objects.filter(pk=upload.pk).update(
        state=State.FAILED, step="Failed", error=error[:2000], finished_at=timezone.now()
    )


def _import_held(upload: WorkbookImport, *, dry_run: bool):
    """Import (or check, ``dry_run``) the held workbook; ``None`` when it is no longer held. Any failure
    is recorded on the import before it is raised."""
    data = holding.held_bytes(upload.token)
    if data is None:
        _fail(upload, "The uploaded workbook is no longer held.")
        return None
    try:
        return plan_import(workbook_bytes=data, dry_run=dry_run, user=upload.requested_by)
    except Exception as error:
        _fail(upload, str(error))
        raise


def workbook_check_run(*, import_id: int) -> None:
    """The worker's check: a dry run of the import, its findings kept for the preview page. Not atomic
    on purpose: the steps must be visible while it runs."""
    upload = _claim(import_id, State.CHECK_QUEUED, State.CHECKING, "Reading and checking every row")
    if upload is None:
        return
    result = _import_held(upload, dry_run=True)
    if result is None:
        return
    WorkbookImport.objects.filter(pk=upload.pk).update(
        state=State.CHECKED,
        step=State.CHECKED.label,
        result=import_summary(result),
        checked_at=timezone.now(),
    )


def workbook_import_run(*, import_id: int) -> None:
    """The worker's import: the real one, all or nothing. If the workbook no longer imports cleanly (say a
    plan of the same name appeared since the check), the record goes back to "checked" with the errors."""
    upload = _claim(import_id, State.IMPORT_QUEUED, State.IMPORTING, "Writing the plan, all or nothing")
    if upload is None:
        return
    result = _import_held(upload, dry_run=False)
    if result is None:
        return
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
