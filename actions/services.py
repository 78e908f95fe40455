"""Writes for tasks: saving an officer's progress update without ever losing someone else's."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from plans.models import Officer, ReportingPeriod, Return
from plans.rules import (
    IllegalTransition,
    PeriodNotForThis,
    PeriodPublished,
    return_decision_check,
    return_period_check,
    return_step_check,
)
from serviceplans.versioning import SaveConflict, versioned_save

from .models import ProgressUpdate, Task


class UpdateConflict(SaveConflict):
    """Someone else saved this update after the form was opened; ``current`` is what they saved."""

    message = "The update was changed by someone else after you opened it."


def progress_update_check(*, task: Task, period: ReportingPeriod) -> None:
    """Raise :class:`IllegalTransition` (saying why) unless an update of ``task`` for ``period`` may be saved:
    the period must be one the task's plan reports by, and not yet published."""
    if not task.plan.reports_in(period):
        raise PeriodNotForThis(
            f"{period.label} is not one of the reporting periods of {task.plan}, which reports "
            f"{task.plan.get_reporting_frequency_display().lower()}."
        )
    if period.state == ReportingPeriod.State.PUBLISHED:
        raise PeriodPublished(f"{period.label} has been published, so its returns can no longer change.")


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
    :class:`UpdateConflict` carries what is there now, so the form can show both. A period the task does
    not report by, or one already published, is refused (:func:`progress_update_check`)."""
    progress_update_check(task=task, period=period)

    def change(update: ProgressUpdate) -> None:
        update.percent_complete = percent_complete
        update.status = status
        update.commentary = commentary.strip()
        update.updated_by = user

    return versioned_save(
        ProgressUpdate,
        lookup={"task": task, "period": period},
        seen_version=seen_version,
        change=change,
        conflict=UpdateConflict,
    )


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
def return_submit(*, officer: Officer, period: ReportingPeriod, user, gaps_reason: str = "") -> Return:
    """``officer``'s return for ``period`` goes to their manager. Only while the period is open; a return
    that was sent back can be submitted again. Missing updates do not stop it: the manager sees how many
    are missing, with ``gaps_reason`` (the officer's reason for them, asked for on the check page), and
    decides. Once submitted, the officer's own tasks and values for the period are
    read-only to them until it is sent back. Returns are made for quarters only
    (:func:`plans.rules.return_period_check`)."""
    return_period_check(period.kind, period.label)
    if period.state != ReportingPeriod.State.OPEN:
        raise IllegalTransition(f"Returns for {period.label} cannot be submitted: the period is not open.")
    record = Return.objects.select_for_update().filter(officer=officer, period=period).first()
    state = return_step_check("submit", record.state if record else Return.State.NOT_STARTED).value
    if record is None:
        record = Return(officer=officer, period=period)
    record.state, record.submitted_at, record.submitted_by = state, timezone.now(), user
    record.gaps_reason = gaps_reason.strip()
    if user is not None:
        record._history_user = user
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Submitted by someone else (a delegate) at the same moment: theirs stands.
        raise IllegalTransition("This return cannot be submitted: it is already submitted.") from None
    return record


def _decided(record: Return, action: str) -> Return:
    """The return, locked, after checking the step and the period's state allow ``action``."""
    record = Return.objects.select_for_update(of=("self",)).select_related("period").get(pk=record.pk)
    return_decision_check(action, record.period.state)
    record.state = return_step_check(action, record.state).value
    return record


@transaction.atomic
def return_approve(*, record: Return, user) -> Return:
    """The manager accepts a submitted return, until its period is published."""
    record = _decided(record, "approve")
    record.decided_at, record.decided_by, record.comment = timezone.now(), user, ""
    return _saved(record, user, ["state", "decided_at", "decided_by", "comment"])


@transaction.atomic
def return_send_back(*, record: Return, user, comment: str) -> Return:
    """The manager sends a return back with a comment saying what to put right; the officer sees it on their
    My updates page and can change their updates again. Only while the period is open (so they can)."""
    comment = comment.strip()
    if not comment:
        raise IllegalTransition("Enter a comment saying what the officer needs to put right.")
    record = _decided(record, "send_back")
    record.decided_at, record.decided_by, record.comment = timezone.now(), user, comment
    return _saved(record, user, ["state", "decided_at", "decided_by", "comment"])
