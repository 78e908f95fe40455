"""Writes for tasks: saving an officer's progress update without ever losing someone else's."""

from django.db import transaction
from django.utils import timezone

from plans.models import Officer, ReportingPeriod
from plans.rules import IllegalTransition, return_step_check

from .models import ProgressUpdate, Return, Task


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


# -- returns: an officer submits, their manager approves or sends back -------------------------------------


def _saved(record: Return, user, fields: list[str]) -> Return:
    if user is not None:
        record._history_user = user
    record.save(update_fields=fields)
    return record


@transaction.atomic
def return_submit(*, officer: Officer, period: ReportingPeriod, user) -> Return:
    """``officer``'s return for ``period`` goes to their manager. Only while the period is open; a return
    that was sent back can be submitted again. Missing updates do not stop it: the manager sees how many
    are missing and decides. Once submitted, the officer's own tasks and values for the period are
    read-only to them until it is sent back."""
    if period.state != ReportingPeriod.State.OPEN:
        raise IllegalTransition(f"Returns for {period.label} cannot be submitted: the period is not open.")
    record = Return.objects.select_for_update().filter(officer=officer, period=period).first()
    state = return_step_check("submit", record.state if record else Return.State.NOT_STARTED).value
    if record is None:
        record = Return(officer=officer, period=period)
    record.state, record.submitted_at, record.submitted_by = state, timezone.now(), user
    if user is not None:
        record._history_user = user
    record.save()
    return record


@transaction.atomic
def return_approve(*, record: Return, user) -> Return:
    """The manager accepts a submitted return."""
    record = Return.objects.select_for_update().get(pk=record.pk)
    record.state = return_step_check("approve", record.state).value
    record.decided_at, record.decided_by, record.comment = timezone.now(), user, ""
    return _saved(record, user, ["state", "decided_at", "decided_by", "comment"])


@transaction.atomic
def return_send_back(*, record: Return, user, comment: str) -> Return:
    """The manager sends a return back with a comment saying what to put right; the officer sees it on their
    My updates page and can change their updates again."""
    comment = comment.strip()
    if not comment:
        raise IllegalTransition("Enter a comment saying what the officer needs to put right.")
    record = Return.objects.select_for_update().get(pk=record.pk)
    record.state = return_step_check("send_back", record.state).value
    record.decided_at, record.decided_by, record.comment = timezone.now(), user, comment
    return _saved(record, user, ["state", "decided_at", "decided_by", "comment"])
