"""Reads for tasks and their updates, with every join they need."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from plans.models import Plan, ReportingPeriod
from plans.selectors import open_periods_in_plan

from .models import ProgressUpdate, Task, TaskOfficer


def tasks_in_scope() -> QuerySet[Task]:
    """Tasks with their plan, section and units, for lists and roll-ups."""
    return Task.objects.select_related("plan", "plan__unit", "section", "section__unit", "objective")


def task_for_page() -> QuerySet[Task]:
    """Everything the task page shows: officers, milestones, priorities and every update with its history."""
    return tasks_in_scope().prefetch_related(
        Prefetch("task_officers", TaskOfficer.objects.select_related("officer")),
        "milestones",
        "priorities",
        Prefetch(
            "updates",
            ProgressUpdate.objects.select_related("period", "updated_by").order_by("period__start_date"),
        ),
    )


def update_versions(task: Task) -> QuerySet:
    """Every saved version of every update of the task, newest first, with who saved it."""
    return (
        ProgressUpdate.history.filter(task_id=task.pk)
        .select_related("history_user", "period")
        .order_by("-history_date")
    )


def periods_for_returns(plan) -> list[ReportingPeriod]:
    """The open periods in which ``plan`` asks for returns: quarters for a quarterly plan, half-years for a
    half-yearly one, within the years the plan covers."""
    return open_periods_in_plan(
        plan, "quarter" if plan.reporting_frequency == Plan.Frequency.QUARTERLY else "half"
    )


@dataclass(frozen=True)
class TaskReturn:
    """A task an officer reports on in an open period, with this period's update and the one before."""

    task: Task
    period: ReportingPeriod
    update: ProgressUpdate | None
    previous: ProgressUpdate | None


def my_task_returns(officer_ids: frozenset[int], periods: list[ReportingPeriod]) -> list[TaskReturn]:
    """The returns due from these officers (themselves and those who delegated to them) in open periods."""
    if not officer_ids or not periods:
        return []
    tasks = (
        tasks_in_scope()
        .filter(
            task_officers__officer_id__in=officer_ids,
            plan__status__in=[Plan.Status.APPROVED, Plan.Status.PUBLISHED],
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "updates", ProgressUpdate.objects.select_related("period").order_by("period__start_date")
            )
        )
    )
    returns = []
    for task in tasks:
        for period in periods:
            plan = task.plan
            kind = "quarter" if plan.reporting_frequency == Plan.Frequency.QUARTERLY else "half"
            if (
                period.kind != kind
                or not plan.first_year <= period.financial_year < plan.first_year + plan.years
            ):
                continue
            updates = list(task.updates.all())
            this = next((u for u in updates if u.period_id == period.pk), None)
            earlier = [u for u in updates if u.period.end_date < period.start_date]
            returns.append(TaskReturn(task, period, this, earlier[-1] if earlier else None))
    returns.sort(
        key=lambda r: (
            r.update is not None,
            r.period.start_date,
            r.task.plan_id,
            r.task.section.order,
            r.task.order,
        )
    )
    return returns
