"""Expected progress on tasks, the status it suggests, and when an update needs commentary.

The rules
---------

* **Expected progress** (:func:`expected_percent`): work delivered at a constant rate should, by the end of
  the period being reported, have reached the share of its time that has passed: the days from its start
  to the end of the period, over the days from its start to its due date, counting both the first and the
  last day, as a whole percentage (halves rounded up). So:

  - a task with no start date starts at the beginning of the financial year;
  - on-going work, and a task with no due date, is measured across the plan year, from the start of the
    year (or the task's start, if that is later in the year) to the end of the year: about 50% is expected
    at mid-year (1 April to 30 September is 183 of the year's 365 days, or 183 of 366 in a leap year);
  - a one-off project follows its own dates; once its due date has passed 100% is expected;
  - a task that has not started yet by the end of the period is expected to be at 0%;
  - a task due before it starts has no expectation (nothing is suggested).

* **Milestones** (:func:`expected_milestones`): we count the milestones due on or before the end of the
  period, and how many of them are done. Milestones with no due date, or due later, are not counted.
* **Progress against expected** (:func:`progress_ratio`): the progress reported divided by the progress
  expected. When nothing is expected yet (0%), or no expectation can be set, there is no ratio.
* **Suggested status** (:func:`suggested_status`), in one council's words: *green* – on trajectory and
  within acceptable tolerances: at least 90% of the expected progress; *amber* – off trajectory but with
  prospects of recovery: from 70% up to 90% of expected; *red* – so far off trajectory that there is little
  prospect of recovery: below 70% of expected. The boundaries belong to the better status: exactly 90% of
  expected is green, exactly 70% amber. A task reported 100% done is *completed*. A task that nobody
  expected to have started (0% expected) is *not started* if it is at 0%, and *green* if work has already
  begun. A task an officer has marked completed or not applicable is not judged, and nothing is suggested
  when no expectation can be set. The suggestion helps the officer, who chooses the status.
* **Effective progress** (:func:`effective_percent`): a task not started is at 0%, a completed task at
  100%, whatever percentage was typed; otherwise the percentage reported.
* **Commentary on a variance** (:func:`variance_needs_commentary`): a narrative is needed when the progress
  reported is more than 20 percentage points ahead of or behind the progress expected (exactly 20 is not
  more).
* **Overdue** (:func:`task_is_overdue`): at a period, a task is overdue when it was due before the period
  ended and the latest status reported by the period's end is neither completed nor not applicable (no
  update at all counts as not finished). A task completed in Q1 is not overdue at Q2 for want of a Q2
  update. The task list, the dashboard and committee papers all use this rule (the lists through
  ``actions.selectors.with_overdue``, the same rule in SQL).
* **Commentary on a status** (:func:`status_needs_commentary`): amber, red and not applicable always need
  the reason written down.

This module is plain Python with no Django or database dependency, so it can be used anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import TextChoices

from serviceplans.status import status_look

__all__ = [
    "MilestoneCount",
    "Status",
    "StatusThresholds",
    "effective_percent",
    "expected_milestones",
    "expected_percent",
    "progress_ratio",
    "status_needs_commentary",
    "suggested_status",
    "variance_needs_commentary",
]


class Status(TextChoices):
    """A task's progress status, as officers report it: the stored value, with its word from
    ``serviceplans.status`` (where every status's word, symbol and colour is defined once).
    ``actions.models.ProgressStatus`` is this class."""

    NOT_STARTED = "not_started", status_look("not_started").word
    GREEN = "green", status_look("green").word
    AMBER = "amber", status_look("amber").word
    RED = "red", status_look("red").word
    COMPLETED = "completed", status_look("completed").word
    NOT_APPLICABLE = "not_applicable", status_look("not_applicable").word


_NOT_JUDGED = frozenset({Status.COMPLETED, Status.NOT_APPLICABLE})
_NEEDS_COMMENTARY = frozenset({Status.AMBER, Status.RED, Status.NOT_APPLICABLE})


@dataclass(frozen=True)
class StatusThresholds:
    """The share of expected progress at which a task is green (``green_at``) and amber (``amber_at``);
    below ``amber_at`` it is red."""

    green_at: Decimal = Decimal("0.9")
    amber_at: Decimal = Decimal("0.7")

    def __post_init__(self) -> None:
        if not 0 <= self.amber_at <= self.green_at:
            raise ValueError("thresholds must satisfy 0 <= amber_at <= green_at")


class MilestoneCount(NamedTuple):
    """Milestones due by the end of a period, and how many of those are done."""

    due: int
    done: int


def expected_percent(
    *,
    start: date | None,
    due: date | None,
    ongoing: bool,
    period_end: date,
    year_start: date,
    year_end: date,
) -> int | None:
    """The percentage complete a constant-rate task should have reached by ``period_end`` (0 to 100), or
    None when its dates contradict each other (due before it starts). See the module's rules."""
    if year_end < year_start:
        raise ValueError("the year cannot end before it starts")
    if ongoing or due is None:
        begin = max(start or year_start, year_start)
        finish = year_end
    else:
        if start is not None and due < start:
            return None
        begin = start or year_start
        finish = due
    if period_end < begin:
        return 0
    if period_end >= finish:
        return 100
    elapsed = (period_end - begin).days + 1
    total = (finish - begin).days + 1
    percent = (Decimal(100) * elapsed / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(percent)


def expected_milestones(
    milestones: Iterable[tuple[date | None, bool]], *, period_end: date
) -> MilestoneCount:
    """(due, done): how many of ``milestones`` (each a due date and whether it is done) were due on or
    before ``period_end``, and how many of those are done."""
    due = done = 0
    for due_date, is_done in milestones:
        if due_date is not None and due_date <= period_end:
            due += 1
            done += bool(is_done)
    return MilestoneCount(due=due, done=done)


def progress_ratio(*, reported: int, expected: int | None) -> Decimal | None:
    """Progress reported ÷ progress expected (1 is on track); None when nothing is expected yet (0) or
    there is no expectation."""
    if not expected:
        return None
    return Decimal(reported) / Decimal(expected)


def suggested_status(
    *,
    reported_percent: int,
    expected_percent: int | None,
    officer_status: str | None = None,
    thresholds: StatusThresholds = StatusThresholds(),
) -> Status | None:
    """The status the progress suggests, or None when the task is not judged (see the module's rules)."""
    if officer_status in _NOT_JUDGED:
        return None
    if reported_percent >= 100:
        return Status.COMPLETED
    if expected_percent is None:
        return None
    if expected_percent <= 0:
        return Status.GREEN if reported_percent > 0 else Status.NOT_STARTED
    reported, expected = Decimal(reported_percent), Decimal(expected_percent)
    if reported >= thresholds.green_at * expected:
        return Status.GREEN
    if reported >= thresholds.amber_at * expected:
        return Status.AMBER
    return Status.RED


def effective_percent(status: str | None, percent: int | None) -> int | None:
    """The progress to count: 0 when not started, 100 when completed, otherwise ``percent``."""
    if status == Status.NOT_STARTED:
        return 0
    if status == Status.COMPLETED:
        return 100
    return percent


def variance_needs_commentary(*, reported: int, expected: int | None, threshold_points: int = 20) -> bool:
    """Whether reported progress is more than ``threshold_points`` percentage points ahead of or behind the
    expected progress. Never when there is no expectation."""
    if expected is None:
        return False
    return abs(reported - expected) > threshold_points


#: Statuses that end a task: once reported, the task is never overdue.
FINISHED_STATUSES = frozenset({Status.COMPLETED.value, Status.NOT_APPLICABLE.value})


def task_is_overdue(*, due_date: date | None, period_end: date, latest_status: str | None) -> bool:
    """Due before ``period_end``, and the latest status reported by then does not finish it."""
    return due_date is not None and due_date < period_end and latest_status not in FINISHED_STATUSES


def status_needs_commentary(status: str | None) -> bool:
    """Whether a status must be explained: amber, red and not applicable."""
    return status in _NEEDS_COMMENTARY
