"""The Tasks and Progress sheets: a task per row, and a progress update per task and period."""

from __future__ import annotations

from actions.models import ProgressStatus, Task
from indicators.values import parse_value
from serviceplans.periods import Period

from .columns import PROGRESS_COLUMNS, TASK_COLUMNS
from .interpreter import Interpreter
from .reader import Row, Sheet, cell_text, column_letter
from .rows import ProgressRow, TaskRow
from .wording import OfficerNames, header_key, read_due_date, read_milestones, split_officers

__all__ = ["parse_progress", "parse_tasks"]

CATEGORIES = {
    "": Task.Category.SERVICE_IMPROVEMENT,
    "serviceimprovement": Task.Category.SERVICE_IMPROVEMENT,
    "improvement": Task.Category.SERVICE_IMPROVEMENT,
    "si": Task.Category.SERVICE_IMPROVEMENT,
    "equalityanddiversity": Task.Category.EQUALITY_AND_DIVERSITY,
    "equalitydiversity": Task.Category.EQUALITY_AND_DIVERSITY,
    "equalities": Task.Category.EQUALITY_AND_DIVERSITY,
    "equality": Task.Category.EQUALITY_AND_DIVERSITY,
    "riskmanagement": Task.Category.RISK_MANAGEMENT,
    "risk": Task.Category.RISK_MANAGEMENT,
    "businesscontinuity": Task.Category.BUSINESS_CONTINUITY,
    "continuity": Task.Category.BUSINESS_CONTINUITY,
}
STATUSES = {
    "notstarted": ProgressStatus.NOT_STARTED,
    "green": ProgressStatus.GREEN,
    "ontrack": ProgressStatus.GREEN,
    "amber": ProgressStatus.AMBER,
    "red": ProgressStatus.RED,
    "completed": ProgressStatus.COMPLETED,
    "complete": ProgressStatus.COMPLETED,
    "done": ProgressStatus.COMPLETED,
    "notapplicable": ProgressStatus.NOT_APPLICABLE,
    "na": ProgressStatus.NOT_APPLICABLE,
}


def parse_tasks(reading: Interpreter, sheet: Sheet) -> None:
    """Read the Tasks sheet into ``reading.data.tasks``, remembering each row's ID for the Progress and
    Risks sheets."""
    columns = reading.columns(sheet, TASK_COLUMNS)
    if columns is None:
        return
    seen: dict[tuple[str, str], int] = {}
    ids: dict[str, int] = {}

    def cell(row: Row, key: str) -> str:
        return cell_text(row.values.get(columns[key])) if key in columns else ""

    for row in sheet.rows:
        section = reading.section(sheet, row, columns["section"], register=True)
        text = cell(row, "task")
        if not text:
            reading.error(sheet, row.number, column_letter(columns["task"]), "", "The task is required.")
        if section is None or not text:
            continue
        category_text = cell(row, "category")
        category = CATEGORIES.get(header_key(category_text))
        if category is None:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["category"]),
                category_text,
                "The category must be Service improvement, Equality and diversity, Risk management or "
                "Business continuity (blank means service improvement).",
            )
            category = Task.Category.SERVICE_IMPROVEMENT
        row_id = cell(row, "id")
        reading.note_identity(
            sheet, row, columns, "task", row_id, (section, text), len(reading.data.tasks), ids, seen
        )
        due_cell = row.values.get(columns["due"]) if "due" in columns else None
        due = read_due_date(due_cell)
        if due.warning:
            reading.warn(sheet, row.number, column_letter(columns["due"]), due_cell, due.warning)
        reading.limited(sheet, row, column_letter(columns.get("due", 0)), due.text, 300)
        officers = split_officers(cell(row, "officers"))
        if officers.warning:
            reading.warn(
                sheet, row.number, column_letter(columns["officers"]), officers.note, officers.warning
            )
        if cell(row, "note"):
            officers = OfficerNames(names=officers.names, note=cell(row, "note"))
        reading.check_names(sheet, row, columns.get("officers"), officers)
        milestones = read_milestones(cell(row, "milestones")) if cell(row, "milestones") else due.milestones
        for step in milestones:
            reading.limited(
                sheet, row, column_letter(columns.get("milestones", columns.get("due", 0))), step.name, 300
            )
        reference = reading.limited(
            sheet, row, column_letter(columns.get("reference", 0)), cell(row, "reference"), 20
        )
        reading.data.tasks.append(
            TaskRow(
                row=row.number,
                id=row_id,
                section=section,
                category=category,
                objective=cell(row, "objective"),
                reference=reference,
                risk=cell(row, "risk"),
                text=text,
                officers=officers,
                resources=cell(row, "resources"),
                due=due,
                milestones=milestones,
                success=cell(row, "success"),
            )
        )
    reading.task_ids = ids


def parse_progress(reading: Interpreter, sheet: Sheet) -> None:
    """Read the Progress sheet into ``reading.data.progress``: one update per task and period."""
    columns = reading.columns(sheet, PROGRESS_COLUMNS)
    if columns is None:
        return
    seen: dict[tuple[int, Period], int] = {}
    for row in sheet.rows:
        task = reading.match(sheet, row, columns, "task", reading.data.tasks, reading.task_ids, "task")
        period = reading.period(sheet, row, columns["period"])
        percent_cell = row.values.get(columns["percent"])
        parsed = parse_value(percent_cell)
        percent = None
        if not parsed.is_number or not 0 <= parsed.number <= 100:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["percent"]),
                percent_cell,
                "Percent complete must be a number from 0 to 100.",
            )
        else:
            percent = int(parsed.number.to_integral_value(rounding="ROUND_HALF_UP"))
            if percent != parsed.number:
                reading.warn(
                    sheet,
                    row.number,
                    column_letter(columns["percent"]),
                    percent_cell,
                    f"Rounded to {percent}%.",
                )
        status_text = cell_text(row.values.get(columns["status"]))
        status = STATUSES.get(header_key(status_text))
        if status is None:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["status"]),
                status_text,
                "The status must be Not started, Green, Amber, Red, Completed or Not applicable.",
            )
        if task is None or period is None or percent is None or status is None:
            continue
        if (task, period) in seen:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["period"]),
                period.label,
                f"Row {seen[(task, period)]} already gives this task's progress for this period.",
            )
            continue
        seen[(task, period)] = row.number
        commentary = cell_text(row.values.get(columns["commentary"])) if "commentary" in columns else ""
        reading.data.progress.append(ProgressRow(row.number, task, period, percent, status, commentary))
