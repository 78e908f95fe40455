"""The background worker's step for a big list download (run by :mod:`.tasks`).

The rows are not rebuilt here: the worker replays the list's own download (its view, address and query
string) for the person who asked, marked to be written at once (:func:`serviceplans.downloads.background_request`),
so the workbook has exactly the rows, columns, order and names the list would have streamed. The view writes
it into a temporary file, row by row; that file is copied into the private storage, so memory stays bounded
however many rows. The record is claimed first, so no two workers make the same one.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import time

from django.core.files import File
from django.utils import timezone
from django.utils.module_loading import import_string

from reporting.models import ListExport
from reporting.private_files import private_storage
from serviceplans.downloads import ListDownloadMixin, background_request
from serviceplans.xlsx import XLSX_CONTENT_TYPE

__all__ = ["list_export_run"]

logger = logging.getLogger(__name__)

State = ListExport.State
FOLDER = "exports"


class ExportRefused(Exception):
    """The list did not answer with a workbook (the person may no longer see it)."""


def _claim(pk: int) -> ListExport | None:
    """Move the record from queued to running; None if another worker already has it (or it is gone)."""
    step = State.RUNNING.label
    if not ListExport.objects.filter(pk=pk, state=State.QUEUED).update(state=State.RUNNING, step=step):
        return None
    return ListExport.objects.select_related("requested_by").get(pk=pk)


def _fail(export: ListExport, error: str) -> None:
    ListExport.objects.filter(pk=export.pk).update(
        state=State.FAILED, step=State.FAILED.label, error=error[:2000], finished_at=timezone.now()
    )


def _release(response) -> None:
    """Close the file a response streams from. (Not ``response.close()``: that also says the request has
    finished, which closes the worker's database connection under its feet.)"""
    file = getattr(response, "file_to_stream", None)
    if file is not None:
        file.close()


def _workbook(export: ListExport):
    """The list's own download, replayed for the person who asked: its response."""
    user = export.requested_by
    if user is None or not user.is_active:
        raise ExportRefused("The person who asked for this download can no longer sign in.")
    view = import_string(export.view)
    if not (isinstance(view, type) and issubclass(view, ListDownloadMixin)):
        raise ExportRefused(f"{export.view} is not a list that downloads.")
    response = view.as_view()(background_request(path=export.path, query=export.query, user=user))
    if response.status_code != 200 or response.get("Content-Type") != XLSX_CONTENT_TYPE:
        _release(response)
        raise ExportRefused(f"The list answered {response.status_code}, not a workbook.")
    return response


def list_export_run(*, export_id: int) -> None:
    """Make the workbook and keep it in the private storage; any failure is recorded on the export (and
    raised, so the worker logs it)."""
    export = _claim(export_id)
    if export is None:
        return
    started = time.perf_counter()
    try:
        response = _workbook(export)
        try:
            with tempfile.TemporaryFile() as copy:
                for chunk in response:  # a streamed file a block at a time, or a small one in one piece
                    copy.write(chunk)
                size = copy.tell()
                copy.seek(0)
                name = private_storage().save(f"{FOLDER}/{secrets.token_hex(16)}.xlsx", File(copy))
        finally:
            _release(response)
    except Exception as error:
        _fail(export, str(error) or type(error).__name__)
        raise
    ListExport.objects.filter(pk=export.pk).update(
        state=State.DONE, step=State.DONE.label, file=name, size=size, finished_at=timezone.now()
    )
    logger.info(
        "Made the download %s",
        export.pk,
        extra={
            "event": "list_export_done",
            "export_id": export.pk,
            "rows": export.rows,
            "duration_ms": round((time.perf_counter() - started) * 1000),
        },
    )
