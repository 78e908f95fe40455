"""Checking and importing an uploaded workbook in the background worker, one step at a time.

Upload (web request, here): the file is held in the private storage and a :class:`WorkbookImport` is queued
for checking. Check (worker, :mod:`.worker`): a dry run of :func:`plan_import`; what it found is kept on the record for the
preview page. Confirm (web request): the checked record is queued for import, once. Import (worker): the
real, all-or-nothing :func:`plan_import`, then the held file is deleted. Any app server can take any step:
the file is in the shared storage, the record and the session in the database.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reporting.models import WorkbookImport

from . import holding
from .tasks import check_workbook, import_workbook

State = WorkbookImport.State


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


@transaction.atomic
def workbook_import_start(*, upload: WorkbookImport) -> bool:
    """Queue a checked, error-free upload for import. Only once: a second confirmation (a double click,
    or the same form sent through another server) queues nothing and returns False."""
    queued = WorkbookImport.objects.filter(pk=upload.pk, state=State.CHECKED, result__ok=True).update(
        state=State.IMPORT_QUEUED, step=State.IMPORT_QUEUED.label
    )
    if queued:
        transaction.on_commit(lambda: import_workbook.enqueue(upload.pk))
    return bool(queued)
