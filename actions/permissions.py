"""Who may report progress on a task (the principles are in ``serviceplans.permissions``)."""

from plans.models import ReportingPeriod
from plans.permissions import period_is_open_to
from serviceplans.permissions import Actor, responsible_for


def task_unit_id(task) -> int | None:
    return task.section.unit_id or task.plan.unit_id


def can_update_task(actor: Actor, task, period: ReportingPeriod) -> bool:
    """May ``actor`` report progress on ``task`` for ``period``? Needs ``task.task_officers`` and
    ``task.section`` / ``task.plan`` read already."""
    officer_ids = {link.officer_id for link in task.task_officers.all()}
    return period_is_open_to(actor, period) and responsible_for(
        actor, officer_ids=officer_ids, unit_id=task_unit_id(task), period_end=period.end_date
    )
