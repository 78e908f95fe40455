"""What a committee report says, read once and kept as plain data.

Three steps, each in its own module:

1. **Gathering** (:mod:`.gather`): the scope and its tasks and indicators, in a fixed number of queries
   whatever their number;
2. **Serialising** (:mod:`.rows`) each task and indicator into a plain row with its judgement and its
   reason, and **rolling up** (:mod:`.rollup`) the rows into plans, sections and objectives with counts;
3. **Prose** (:mod:`.prose`): the covering report's texts, written from the figures.

**Plain data**: everything is strings, numbers, booleans, lists and dicts (dates as ISO strings, decimals
as strings), so a published report can store it as JSON and be rendered again from it alone.
"""

from collections.abc import Mapping

from django.conf import settings
from django.utils.dateformat import format as date_format

from actions.rules import expected_percent
from plans.models import CouncilSettings, ReportingPeriod
from serviceplans.status import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER

from .gather import Scope, frameworks_used, report_indicators, report_tasks, risks_annex, scope_size
from .prose import TEXT_FIELDS, counts_sentence, default_texts, default_title
from .rollup import roll_up
from .rows import indicator_row, iso, placed, task_row

__all__ = [
    "CONTENT_VERSION",
    "TEXT_FIELDS",
    "Scope",
    "counts_sentence",
    "default_texts",
    "default_title",
    "figures_in_order",
    "report_counts",
    "report_figures",
    "report_frame",
    "report_tasks",
    "scope_size",
    "task_row",
]

CONTENT_VERSION = 1


def _scope_data(scope: Scope) -> dict:
    if scope.plan is not None:
        return {"kind": "plan", "name": scope.name, "slug": scope.plan.slug, "council_wide": False}
    return {
        "kind": "unit",
        "name": scope.name,
        "slug": scope.unit.slug,
        "council_wide": scope.unit.parent_id is None,
    }


def _period_data(period: ReportingPeriod) -> dict:
    fy = period.period.year
    return {
        "label": period.label,
        "name": period.period.name,
        "kind": period.kind,
        "state": period.state,
        "start_date": iso(period.start_date),
        "end_date": iso(period.end_date),
        "end_month": date_format(period.end_date, "F Y"),
        "financial_year": fy.label,
        "last_financial_year": fy.previous().label,
    }


def _signatory(scope: Scope) -> dict | None:
    """Who signs the paper: the plan's owner, or the head of the unit."""
    officer = scope.plan.owner if scope.plan is not None else scope.unit.head
    if officer is None:
        return None
    return {"name": officer.name, "job_title": officer.job_title}


def _expected_percent(period: ReportingPeriod) -> int:
    fy = period.period.year
    return expected_percent(
        start=None, due=None, ongoing=True, period_end=period.end_date, year_start=fy.start, year_end=fy.end
    )


def report_figures(scope: Scope) -> dict:
    """Everything a committee report shows apart from its texts, as plain data (see the module's rules)."""
    period = scope.period
    council = CouncilSettings.load()
    tasks = report_tasks(scope) if scope.include_tasks else []
    indicators = report_indicators(scope) if scope.include_indicators else []
    plans, task_counts, indicator_counts = roll_up(
        (placed(task, task_row(task, period), objective=True) for task in tasks),
        (placed(pi, indicator_row(pi, period, council), objective=False) for pi in indicators),
        exceptions_only=scope.exceptions_only,
    )
    frameworks = [{"code": f.code, "name": f.name} for f in frameworks_used(indicators)]
    return figures_in_order(
        report_frame(scope) | report_counts(task_counts, indicator_counts),
        frameworks=frameworks,
        plans=plans,
    )


#: The order of a paper's figures (a published snapshot keeps it).
FIGURE_KEYS = [
    "version",
    "council",
    "scope",
    "period",
    "parts",
    "risks",
    "expected_percent",
    "task_counts",
    "indicator_counts",
    "task_total",
    "indicator_total",
    "frameworks",
    "signatory",
    "plans",
]


def figures_in_order(figures: dict, *, frameworks: list[dict], plans: list[dict]) -> dict:
    """The frame, the counts, the frameworks' key and the plans as one dict in :data:`FIGURE_KEYS` order."""
    figures = figures | {"frameworks": frameworks, "plans": plans}
    return {key: figures[key] for key in FIGURE_KEYS}


def report_frame(scope: Scope) -> dict:
    """What a committee report shows besides its tasks and indicators: the council, scope, period, parts,
    signatory and the risks annex (the whole paper and a big report's paged preview share it)."""
    return {
        "version": CONTENT_VERSION,
        "council": settings.COUNCIL_NAME,
        "scope": _scope_data(scope),
        "period": _period_data(scope.period),
        "parts": {
            "tasks": scope.include_tasks,
            "indicators": scope.include_indicators,
            "exceptions_only": scope.exceptions_only,
            "risks": scope.include_risks,
        },
        "risks": risks_annex(scope) if scope.include_risks else None,
        "expected_percent": _expected_percent(scope.period),
        "signatory": _signatory(scope),
    }


def report_counts(task_counts: Mapping[str, int], indicator_counts: Mapping[str, int]) -> dict:
    """The paper's overall counts: tasks by status and indicators by RAG, in the council's order, and totals."""
    return {
        "task_counts": {key: task_counts.get(key, 0) for key in TASK_STATUS_ORDER},
        "indicator_counts": {key: indicator_counts.get(key, 0) for key in INDICATOR_RAG_ORDER},
        "task_total": sum(task_counts.values()),
        "indicator_total": sum(indicator_counts.values()),
    }
