"""One task or indicator as plain data: the row a committee paper, its Excel workbook and a published
snapshot all read (strings, numbers, booleans, lists and dicts only; dates as ISO strings, decimals as
strings), and where the row sits in the paper (plan, section, objective).

* **Expected progress** is the task's own (:func:`actions.progress.task_expected_percent`).
* **Indicators** show last year's target and actual (the whole previous financial year) with ★●▲, this
  year's annual target, and the period's actual with its RAG and direction of travel against the same
  period last year, each judgement with its reason in words (:func:`indicators.rules.rag_reason`, with
  the figures unrounded where rounding would hide it).
* **Exceptions** are tasks that are red, amber, overdue (due before the end of the period, with the latest
  status reported by then neither completed nor not applicable: ``actions.rules.task_is_overdue``, the
  rule the task list and the dashboard use too) or without an update, and indicators that are red, amber
  or without data.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateformat import format as date_format

from actions.models import Task
from actions.progress import task_expected_percent
from actions.rules import task_is_overdue
from indicators.models import Indicator
from indicators.performance import IndicatorRecord
from indicators.rules import Rag
from plans.models import CouncilSettings, Objective, Plan, PlanSection, ReportingPeriod
from serviceplans.periods import Period, PeriodKind

from .gather import period_update

TASK_EXCEPTIONS = {"red", "amber", "missing"}
INDICATOR_EXCEPTIONS = {Rag.RED.value, Rag.AMBER.value, Rag.NO_DATA.value}


def iso(day) -> str | None:
    return day.isoformat() if day else None


def number_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def officers_text(task: Task) -> str:
    if task.responsibility_note:
        return task.responsibility_note
    return ", ".join(link.officer.name for link in task.task_officers.all())


def due_text(task: Task) -> str:
    """The due date as the plan wrote it, else the month and year, else “On-going” or a dash."""
    if task.due_date_text:
        return task.due_date_text
    if task.due_date:
        return date_format(task.due_date, "F Y")
    return "On-going" if task.ongoing else "–"


def task_reason(*, status: str, percent: int | None, expected: int | None) -> str:
    """Why a task shows its status, in words, to stand beside the status: whose judgement it is and the
    figures it rests on. “The officer's judgement: 40% complete, 50% expected.”"""
    if status == "missing":
        return "No return was made for the period."
    figures = []
    if percent is not None:
        figures.append(f"{percent}% complete")
    if expected is not None:
        figures.append(f"{expected}% expected")
    return "The officer's judgement" + (f": {', '.join(figures)}." if figures else ".")


def overdue_reason(*, overdue: bool, due: str) -> str:
    """Why a task is overdue, in words; empty when it is not."""
    return f"Overdue: due {due} and not completed by the end of the period." if overdue else ""


def task_row(task: Task, period: ReportingPeriod) -> dict:
    update = period_update(task)
    status = update.status if update else "missing"
    overdue = task_is_overdue(
        due_date=task.due_date, period_end=period.end_date, latest_status=task.latest_status
    )
    expected = task_expected_percent(task, period.end_date)
    percent = update.percent_complete if update else None
    due = due_text(task)
    return {
        "id": task.pk,
        "reference": task.reference,
        "text": task.text,
        "officers": officers_text(task),
        "due": due,
        "due_date": iso(task.due_date),
        "expected": expected,
        "percent": percent,
        "status": status,
        "overdue": overdue,
        "commentary": update.commentary if update else "",
        "reason": task_reason(status=status, percent=percent, expected=expected),
        "overdue_reason": overdue_reason(overdue=overdue, due=due),
        "exception": status in TASK_EXCEPTIONS or overdue,
    }


def indicator_row(indicator: Indicator, period: ReportingPeriod, council: CouncilSettings) -> dict:
    record = IndicatorRecord(
        indicator,
        default_tolerance=council.default_tolerance_percent,
        same_tolerance=council.same_tolerance_percent,
    )
    this = period.period
    year = Period(this.year, PeriodKind.YEAR, 1)
    last_year = record.performance(Period(this.year.previous(), PeriodKind.YEAR, 1))
    target, target_text, _tolerance = record.target(year)
    performance = record.performance(this)
    return {
        "id": indicator.pk,
        "reference": indicator.reference_code,
        "name": indicator.name,
        "frameworks": [framework.code for framework in indicator.frameworks.all()],
        "unit": indicator.unit,
        "decimal_places": indicator.decimal_places,
        "polarity": indicator.get_polarity_display(),
        "last_year_target": last_year.target_display,
        "last_year_target_number": number_text(last_year.target),
        "last_year_actual": last_year.actual_display,
        "last_year_actual_number": number_text(last_year.actual),
        "last_year_symbol": last_year.symbol.value,
        "last_year_reason": last_year.reason,
        "target": target_text or record.display(target),
        "target_number": number_text(target),
        "period_target": performance.target_display,
        "period_target_number": number_text(performance.target),
        "actual": performance.actual_display,
        "actual_number": number_text(performance.actual),
        "symbol": performance.symbol.value,
        "rag": performance.rag.value,
        "reason": performance.reason,
        "direction": performance.direction_last_year.value,
        "commentary": performance.note or performance.no_data_reason,
        "exception": performance.rag.value in INDICATOR_EXCEPTIONS,
    }


# -- where a row sits in the paper ------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A row with its place: the plan, section and objective it is listed under, and its order there."""

    plan: dict
    section: dict
    objective: dict | None
    order: tuple
    row: dict


def plan_place(plan: Plan, unit_name: str | None = None) -> dict:
    """The plan's place and heading; ``unit_name`` when its unit was read without it."""
    return {
        "key": (-plan.first_year, plan.title, plan.pk),
        "title": plan.title,
        "unit": plan.unit.name if unit_name is None else unit_name,
        "years": plan.years_label,
        "slug": plan.slug,
        "approved_on": iso(plan.approved_on),
    }


def section_place(section: PlanSection) -> dict:
    return {"key": (section.order, section.title, section.pk), "title": section.title}


def objective_place(objective: Objective | None) -> dict | None:
    if objective is None:
        return None
    return {
        "key": (objective.order, objective.reference, objective.pk),
        "reference": objective.reference,
        "text": objective.text,
    }


def placed(item: Task | Indicator, row: dict, *, objective: bool) -> Placed:
    """``item``'s row in its place; tasks are grouped under their objective, indicators are not."""
    return Placed(
        plan=plan_place(item.plan),
        section=section_place(item.section),
        objective=objective_place(item.objective) if objective else None,
        order=(item.order, item.pk),
        row=row,
    )
