"""Writes for tasks: saving an officer's progress update without ever losing someone else's."""

from django.db import transaction

from plans.models import ReportingPeriod

from .models import ProgressUpdate, Task


class UpdateConflict(Exception):
    """Someone else saved this update after the form was opened; ``current`` is what they saved."""

    def __init__(self, current: ProgressUpdate | None):
        super().__init__("The update was changed by someone else after you opened it.")
        self.current = current


@transaction.atomic
def progress_update_save(
    *,
    task: Task,
    period: ReportingPeriod,
    user,
    percent_complete: int,
    status: str,
    commentary: str,
    seen_version: int,
) -> ProgressUpdate:
    """Save the update for ``task`` and ``period``, as ``user`` saw it at ``seen_version`` (0 = none yet).

    If the update has been saved by anyone since (its version moved on), nothing is written and
    :class:`UpdateConflict` carries what is there now, so the form can show both."""
    current = ProgressUpdate.objects.select_for_update().filter(task=task, period=period).first()
    if (current.version if current else 0) != seen_version:
        raise UpdateConflict(current)
    update = current or ProgressUpdate(task=task, period=period, version=0)
    update.percent_complete = percent_complete
    update.status = status
    update.commentary = commentary.strip()
    update.updated_by = user
    update.version += 1
    update.save()
    return update


@transaction.atomic
def progress_updates_save_all(*, period: ReportingPeriod, user, rows: list[tuple[Task, dict]]) -> int:
    """Save several updates at once, all or nothing: a conflict on any row saves none of them.

    Each row is a task and the cleaned data of its form (percent_complete, status, commentary, version)."""
    for task, data in rows:
        progress_update_save(
            task=task,
            period=period,
            user=user,
            percent_complete=data["percent_complete"],
            status=data["status"],
            commentary=data["commentary"],
            seen_version=data["version"],
        )
    return len(rows)
