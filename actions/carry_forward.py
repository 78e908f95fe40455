"""Next year's plan keeps the tasks not yet finished (``plans.hooks``: registered in ``ActionsConfig``)."""

from serviceplans.copying import copy_of, recorded_as
from serviceplans.periods import FinancialYear

from .models import Milestone, ProgressStatus, ProgressUpdate, Task, TaskOfficer


def finished_task_ids(plan) -> set[int]:
    """Tasks whose latest update says completed, or 100%: these are not carried forward."""
    latest: dict[int, ProgressUpdate] = {}
    for update in ProgressUpdate.objects.filter(task__plan=plan).order_by("period__end_date", "id"):
        latest[update.task_id] = update
    return {
        task_id
        for task_id, update in latest.items()
        if update.status == ProgressStatus.COMPLETED or update.percent_complete >= 100
    }


def carry_tasks_forward(*, plan, new_plan, sections, objectives, user) -> None:
    """Each unfinished task, remembering the task it carries forward, with its officers, priorities and the
    milestones not yet done; a due date already past when the new plan starts is cleared."""
    new_start = FinancialYear(new_plan.first_year).start
    tasks = (
        Task.objects.filter(plan=plan)
        .exclude(pk__in=finished_task_ids(plan))
        .prefetch_related("task_officers", "priorities", "milestones")
    )
    for task in tasks:
        keeps_date = task.due_date is None or task.due_date >= new_start
        copy = copy_of(
            task,
            Task.CARRIED_FIELDS,
            plan=new_plan,
            section=sections[task.section_id],
            objective=objectives.get(task.objective_id),
            due_date=task.due_date if keeps_date else None,
            due_date_text=task.due_date_text if keeps_date else "",
            carried_forward_from=task,
        )
        recorded_as(copy, user, f"Carried forward from {plan}").save()
        copy.priorities.set(task.priorities.all())
        TaskOfficer.objects.bulk_create(
            TaskOfficer(task=copy, officer_id=link.officer_id, order=link.order)
            for link in task.task_officers.all()
        )
        Milestone.objects.bulk_create(
            copy_of(milestone, Milestone.CARRIED_FIELDS, task=copy)
            for milestone in task.milestones.all()
            if not milestone.done
        )
