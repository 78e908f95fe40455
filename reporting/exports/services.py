"""Queueing a big list download for the worker, and clearing old ones away."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reporting.models import ListExport
from reporting.private_files import private_file_delete

from .tasks import make_list_export

#: Downloads (their records and files) are kept this long, then cleared away.
MAX_AGE = timedelta(days=1)


def list_exports_sweep() -> int:
    """Forget downloads older than a day (their records and files); how many went. (None takes a day: one
    still marked as running then was cut off by a stopped worker.)"""
    old = ListExport.objects.filter(created_at__lt=timezone.now() - MAX_AGE)
    files = list(old.values_list("file", flat=True))
    for name in files:
        private_file_delete(name)
    old.delete()
    return len(files)


@transaction.atomic
def list_export_start(
    *, view: str, path: str, query: str, title: str, filename: str, rows: int, user
) -> ListExport:
    """Queue the download of a list (its view's dotted path, address and query string) for ``user``; the
    worker starts once this commits. The same download asked for again while it is being made (a double
    click, a reload) is joined rather than queued twice."""
    unfinished = ListExport.objects.filter(
        requested_by=user, view=view, path=path, query=query, state__in=ListExport.UNFINISHED
    ).first()
    if unfinished is not None:
        return unfinished
    list_exports_sweep()
    export = ListExport.objects.create(
        view=view,
        path=path[:200],
        query=query,
        title=title[:200],
        filename=filename[:200],
        rows=rows,
        requested_by=user,
        step=ListExport.State.QUEUED.label,
    )
    transaction.on_commit(lambda: make_list_export.enqueue(export.pk))
    return export
