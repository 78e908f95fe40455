"""Expected progress for a task's updates, from rows already read (no queries here)."""

from dataclasses import dataclass

from serviceplans.periods import FinancialYear

from .rules import (
    StatusThresholds,
    effective_percent,
    expected_milestones,
    expected_percent,
    suggested_status,
)


@dataclass(frozen=True)
class UpdateProgress:
    """An update seen beside what a constant-rate task would have reached by the end of its period."""

    update: object
    expected: int | None
    milestones_due: int
    milestones_done: int
    suggested: str | None
    milestones_total: int = 0

    @property
    def milestones_words(self) -> str:
        """“2 of 2 milestones due by then done (3 in all)”: the milestones due by the period's end, and how
        many the task has, so a task with 3 never reads as if it had 2."""
        plural = "" if self.milestones_due == 1 else "s"
        words = f"{self.milestones_done} of {self.milestones_due} milestone{plural} due by then done"
        if self.milestones_total > self.milestones_due:
            words += f" ({self.milestones_total} in all)"
        return words

    @property
    def variance(self) -> int | None:
        if self.expected is None:
            return None
        return self.update.percent_complete - self.expected


def task_expected_percent(task, period_end) -> int | None:
    """Expected percent for a task at ``period_end``; the plan year frames ongoing work."""
    year = FinancialYear.containing(period_end)
    return expected_percent(
        start=task.start_date,
        due=task.due_date,
        ongoing=task.ongoing,
        period_end=period_end,
        year_start=year.start,
        year_end=year.end,
    )


def update_progress(task, update, *, thresholds: StatusThresholds) -> UpdateProgress:
    period_end = update.period.end_date
    expected = task_expected_percent(task, period_end)
    all_milestones = [(m.due_date, m.done) for m in task.milestones.all()]
    milestones = expected_milestones(all_milestones, period_end=period_end)
    suggested = suggested_status(
        reported_percent=effective_percent(update.status, update.percent_complete) or 0,
        expected_percent=expected,
        officer_status=update.status,
        thresholds=thresholds,
    )
    return UpdateProgress(
        update, expected, milestones.due, milestones.done, suggested, milestones_total=len(all_milestones)
    )
