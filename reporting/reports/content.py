"""What a committee report says, read once and kept as plain data.

The rules
---------

* **Scope**: a plan (all its tasks and indicators, whatever the plan's status), or a unit and every unit
  beneath it (the tasks and indicators of approved or published plans covering the period's financial
  year whose section, or else plan, belongs to one of those units).
* **The return for a period** is the task's update for a period ending on the same day as the report's
  period: a quarterly plan's Q2 update serves a report for H1. Where several end that day, the one of the
  plan's own reporting frequency wins. A task without one has “No update”.
* **Expected progress** is the task's own (:func:`actions.progress.task_expected_percent`); the headline
  figure for the covering report is what continuing work should have reached by the end of the period
  (about 50% at mid-year).
* **Indicators** show last year's target and actual (the whole previous financial year) with ★●▲, this
  year's annual target, and the period's actual with its RAG and direction of travel against the same
  period last year.
* **Exceptions** are tasks that are red, amber, overdue (due before the end of the period, with the latest
  status reported by then neither completed nor not applicable: ``actions.rules.task_is_overdue``, the rule
  the task list and the dashboard use too) or without an update, and indicators that are red, amber or without data.
  With “exceptions only” the annexes list only those; the status summary still counts everything.
* **Plain data**: everything is strings, numbers, booleans, lists and dicts (dates as ISO strings,
  decimals as strings), so a published report can store it as JSON and be rendered again from it alone.

Everything is read in a fixed number of queries, whatever the number of tasks and indicators.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.dateformat import format as date_format

from actions.models import ProgressStatus, ProgressUpdate, Task, TaskOfficer
from actions.progress import task_expected_percent
from actions.rules import expected_percent, task_is_overdue
from actions.selectors import tasks_in_scope, with_overdue
from indicators.models import Indicator
from indicators.performance import IndicatorRecord
from indicators.rules import Rag
from indicators.selectors import indicators_with_record
from plans.models import CouncilSettings, OrganisationUnit, Plan, ReportingPeriod
from plans.selectors import unit_tree
from reporting.selectors import LIVE_PLAN_STATUSES
from serviceplans.periods import Period, PeriodKind, period_kind_for
from serviceplans.status import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER, status_look

CONTENT_VERSION = 1
TASK_EXCEPTIONS = {"red", "amber", "missing"}
INDICATOR_EXCEPTIONS = {Rag.RED.value, Rag.AMBER.value, Rag.NO_DATA.value}
NOT_JUDGED = {ProgressStatus.COMPLETED.value, ProgressStatus.NOT_APPLICABLE.value}


@dataclass(frozen=True)
class Scope:
    """What a report covers: exactly one of ``plan`` and ``unit``, a period, and the parts included."""

    period: ReportingPeriod
    plan: Plan | None = None
    unit: OrganisationUnit | None = None
    include_tasks: bool = True
    include_indicators: bool = True
    exceptions_only: bool = False
    include_risks: bool = False

    def __post_init__(self):
        if (self.plan is None) == (self.unit is None):
            raise ValueError("A report covers a plan or a unit, not both and not neither.")

    @classmethod
    def of(cls, report) -> "Scope":
        return cls(
            period=report.period,
            plan=report.plan,
            unit=report.unit,
            include_tasks=report.include_tasks,
            include_indicators=report.include_indicators,
            exceptions_only=report.exceptions_only,
            include_risks=report.include_risks,
        )

    @cached_property
    def unit_ids(self) -> set[int]:
        """The unit and every unit beneath it (read once, however often it is asked)."""
        return unit_tree().descendant_ids(self.unit.pk) if self.unit is not None else set()

    @property
    def name(self) -> str:
        if self.plan is not None:
            return f"{self.plan.title} {self.plan.years_label}"
        return self.unit.name


# -- reading ---------------------------------------------------------------------------------------------


def _scope_filter(scope: Scope) -> Q:
    if scope.plan is not None:
        return Q(plan=scope.plan)
    unit_ids = scope.unit_ids
    year = scope.period.financial_year
    return (
        (Q(section__unit_id__in=unit_ids) | Q(section__unit__isnull=True, plan__unit_id__in=unit_ids))
        & Q(plan__status__in=LIVE_PLAN_STATUSES, plan__first_year__lte=year)
        & Q(plan__first_year__gt=year - 3)  # narrowed further in Python: first_year + years > year
    )


def _covers(plan: Plan, scope: Scope) -> bool:
    return scope.plan is not None or (
        plan.first_year <= scope.period.financial_year < plan.first_year + plan.years
    )


def report_tasks(scope: Scope) -> list[Task]:
    """Tasks in scope with their plan, section, objective, officers and the updates for periods ending
    when the report's period ends: three queries (four for a unit, which reads the tree)."""
    updates = ProgressUpdate.objects.filter(period__end_date=scope.period.end_date).select_related("period")
    tasks = (
        with_overdue(tasks_in_scope(), scope.period.end_date)
        .filter(_scope_filter(scope))
        .prefetch_related(
            Prefetch("task_officers", TaskOfficer.objects.select_related("officer")),
            Prefetch("updates", updates, to_attr="period_updates"),
        )
    )
    return [task for task in tasks if _covers(task.plan, scope)]


def report_indicators(scope: Scope) -> list[Indicator]:
    """Indicators in scope with their targets, values and frameworks: four queries (five for a unit)."""
    indicators = indicators_with_record().filter(_scope_filter(scope)).prefetch_related("frameworks")
    return [indicator for indicator in indicators if _covers(indicator.plan, scope)]


def scope_size(scope: Scope) -> int:
    """About how many tasks and indicators the report lists (two counting queries), to decide how to
    render it."""
    tasks = Task.objects.filter(_scope_filter(scope)).count() if scope.include_tasks else 0
    indicators = Indicator.objects.filter(_scope_filter(scope)).count() if scope.include_indicators else 0
    return tasks + indicators


def _update_for(task: Task):
    updates = task.period_updates
    if not updates:
        return None
    kind = period_kind_for(task.plan.reporting_frequency)
    return next((u for u in updates if u.period.kind == kind), updates[0])


# -- turning rows into plain data -------------------------------------------------------------------------


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _officers(task: Task) -> str:
    if task.responsibility_note:
        return task.responsibility_note
    return ", ".join(link.officer.name for link in task.task_officers.all())


def _due(task: Task) -> str:
    if task.due_date_text:
        return task.due_date_text
    if task.due_date:
        return date_format(task.due_date, "F Y")
    return "On-going" if task.ongoing else "–"


def task_row(task: Task, period: ReportingPeriod) -> dict:
    update = _update_for(task)
    status = update.status if update else "missing"
    overdue = task_is_overdue(
        due_date=task.due_date, period_end=period.end_date, latest_status=task.latest_status
    )
    return {
        "id": task.pk,
        "reference": task.reference,
        "text": task.text,
        "officers": _officers(task),
        "due": _due(task),
        "due_date": _iso(task.due_date),
        "expected": task_expected_percent(task, period.end_date),
        "percent": update.percent_complete if update else None,
        "status": status,
        "overdue": overdue,
        "commentary": update.commentary if update else "",
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
        "last_year_actual": last_year.actual_display,
        "last_year_symbol": last_year.symbol.value,
        "target": target_text or record.display(target),
        "period_target": performance.target_display,
        "actual": performance.actual_display,
        "actual_number": _number(performance.actual),
        "symbol": performance.symbol.value,
        "rag": performance.rag.value,
        "direction": performance.direction_last_year.value,
        "commentary": performance.note or performance.no_data_reason,
        "exception": performance.rag.value in INDICATOR_EXCEPTIONS,
    }


def _plan_key(plan: Plan):
    return (-plan.first_year, plan.title, plan.pk)


def _section_key(section):
    return (section.order, section.title, section.pk)


def _objective_key(objective):
    if objective is None:
        return (1, 0, "", 0)
    return (0, objective.order, objective.reference, objective.pk)


def report_figures(scope: Scope) -> dict:
    """Everything a committee report shows apart from its texts, as plain data (see the module's rules)."""
    period = scope.period
    council = CouncilSettings.load()
    fy = period.period.year
    tasks = report_tasks(scope) if scope.include_tasks else []
    indicators = report_indicators(scope) if scope.include_indicators else []

    plans: dict[int, dict] = {}
    sections: dict[int, dict] = {}

    def section_entry(item) -> dict:
        plan, section = item.plan, item.section
        if plan.pk not in plans:
            plans[plan.pk] = {
                "key": _plan_key(plan),
                "title": plan.title,
                "unit": plan.unit.name,
                "years": plan.years_label,
                "slug": plan.slug,
                "sections": [],
            }
        if section.pk not in sections:
            sections[section.pk] = entry = {
                "key": _section_key(section),
                "title": section.title,
                "plan": plan.title,
                "objectives": {},
                "indicators": [],
                "task_counts": Counter(),
                "indicator_counts": Counter(),
            }
            plans[plan.pk]["sections"].append(entry)
        return sections[section.pk]

    task_counts: Counter = Counter()
    for task in tasks:
        entry = section_entry(task)
        row = task_row(task, period)
        task_counts[row["status"]] += 1
        entry["task_counts"][row["status"]] += 1
        if scope.exceptions_only and not row["exception"]:
            continue
        objective = task.objective
        group = entry["objectives"].setdefault(
            objective.pk if objective else None,
            {
                "key": _objective_key(objective),
                "reference": objective.reference if objective else "",
                "text": objective.text if objective else "Other tasks",
                "tasks": [],
            },
        )
        group["tasks"].append((task.order, task.pk, row))

    indicator_counts: Counter = Counter()
    for indicator in indicators:
        entry = section_entry(indicator)
        row = indicator_row(indicator, period, council)
        indicator_counts[row["rag"]] += 1
        entry["indicator_counts"][row["rag"]] += 1
        if scope.exceptions_only and not row["exception"]:
            continue
        entry["indicators"].append((indicator.order, indicator.pk, row))

    ordered_plans = []
    for plan in sorted(plans.values(), key=lambda p: p["key"]):
        plan_sections = []
        for section in sorted(plan.pop("sections"), key=lambda s: s["key"]):
            objectives = [
                {
                    "reference": group["reference"],
                    "text": group["text"],
                    "tasks": [row for *_, row in sorted(group["tasks"], key=lambda t: t[:2])],
                }
                for group in sorted(section["objectives"].values(), key=lambda g: g["key"])
            ]
            plan_sections.append(
                {
                    "title": section["title"],
                    "plan": section["plan"],
                    "objectives": objectives,
                    "indicators": [row for *_, row in sorted(section["indicators"], key=lambda i: i[:2])],
                    "task_counts": dict(section["task_counts"]),
                    "indicator_counts": dict(section["indicator_counts"]),
                }
            )
        plan.pop("key")
        ordered_plans.append(plan | {"sections": plan_sections})

    return {
        "version": CONTENT_VERSION,
        "council": settings.COUNCIL_NAME,
        "scope": {
            "kind": "plan" if scope.plan is not None else "unit",
            "name": scope.name,
            "slug": scope.plan.slug if scope.plan is not None else scope.unit.slug,
        },
        "period": {
            "label": period.label,
            "name": period.period.name,
            "kind": period.kind,
            "state": period.state,
            "start_date": _iso(period.start_date),
            "end_date": _iso(period.end_date),
            "end_month": date_format(period.end_date, "F Y"),
            "financial_year": fy.label,
            "last_financial_year": fy.previous().label,
        },
        "parts": {
            "tasks": scope.include_tasks,
            "indicators": scope.include_indicators,
            "exceptions_only": scope.exceptions_only,
            "risks": scope.include_risks,
        },
        "risks": _risks_annex(scope) if scope.include_risks else None,
        "expected_percent": expected_percent(
            start=None,
            due=None,
            ongoing=True,
            period_end=period.end_date,
            year_start=fy.start,
            year_end=fy.end,
        ),
        "task_counts": {key: task_counts[key] for key in TASK_STATUS_ORDER},
        "indicator_counts": {key: indicator_counts[key] for key in INDICATOR_RAG_ORDER},
        "task_total": sum(task_counts.values()),
        "indicator_total": sum(indicator_counts.values()),
        "plans": ordered_plans,
    }


def _risks_annex(scope: Scope) -> dict:
    """The risks annex (``risks.selectors.risks_annex``): the risks held by the scope's units."""
    from risks.selectors import risks_annex

    if scope.plan is not None:
        return risks_annex(period=scope.period, plan=scope.plan)
    return risks_annex(period=scope.period, unit_ids=scope.unit_ids)


# -- the texts ---------------------------------------------------------------------------------------------

TEXT_FIELDS = ["purpose", "background", "body", "implications", "recommendation", "conclusion", "annexes"]

#: The statuses' words as a sentence says them (“3 tasks without an update”), from ``serviceplans.status``.
TASK_WORDS = {key: status_look(key).in_a_sentence for key in TASK_STATUS_ORDER}
INDICATOR_WORDS = {key: status_look(key).in_a_sentence for key in INDICATOR_RAG_ORDER}


def _listing(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def counts_sentence(counts: dict, words: dict, total: int, noun: str) -> str:
    """“Of the 12 tasks, 8 are green, 2 amber and 2 red.”"""
    if not total:
        return f"There are no {noun}s in this report."
    parts = [(counts[key], words[key]) for key in words if counts.get(key)]
    first_count, first_word = parts[0]
    items = [f"{first_count} {'is' if first_count == 1 else 'are'} {first_word}"]
    items += [f"{count} {word}" for count, word in parts[1:]]
    return f"Of the {total} {noun}{'' if total == 1 else 's'}, {_listing(items)}."


def annexe_titles(figures: dict) -> list[str]:
    """The annexes the figures make, in order: the action plan (with the status summary at its top) and
    the indicator table."""
    end = figures["period"]["end_month"]
    titles = []
    if figures["parts"]["tasks"]:
        titles.append(f"Action plan detailing progress to {end}, with a summary of status")
    if figures["parts"]["indicators"]:
        titles.append(f"Performance indicators, {figures['period']['label']}")
    if figures["parts"].get("risks"):
        titles.append(f"Risk register, {figures['period']['label']}, with a heat map")
    return [f"Annexe {number}: {title}" for number, title in enumerate(titles, start=1)]


def default_title(figures: dict) -> str:
    return f"{figures['scope']['name']}: progress report, {figures['period']['label']}"


def default_texts(figures: dict) -> dict[str, str]:
    """The covering report's texts written from the data, in the words councils use (seed papers)."""
    scope, period = figures["scope"], figures["period"]
    name, end = scope["name"], period["end_month"]
    expected = figures["expected_percent"]
    exceptions = " (exceptions only: tasks and indicators that are red, amber, overdue or missing a return)"
    only = exceptions if figures["parts"]["exceptions_only"] else ""
    mid_year = (
        "At this mid-point in the year"
        if period["kind"] == "half" and expected == 50
        else ("At this point in the year")
    )
    body = [
        f"A report detailing progress on the action plan{only} is attached. Each task shows its responsible "
        "officers, its due date as written in the plan, the progress expected and achieved, and its status "
        "as a word and a symbol as well as a colour, so that it reads the same when printed in black and "
        "white.",
        f"{mid_year} Members can, as a general rule, expect progress of about {expected}% for services "
        "that are delivered at a constant rate throughout the year. The exception is one-off projects with "
        f"deadlines before or after the end of {end}, which follow their own dates. Narrative explaining "
        "any variance from the expected level of activity is given in the progress commentary.",
    ]
    if figures["parts"]["tasks"]:
        body.append(counts_sentence(figures["task_counts"], TASK_WORDS, figures["task_total"], "task"))
    if figures["parts"]["indicators"]:
        body.append(
            counts_sentence(
                figures["indicator_counts"],
                INDICATOR_WORDS,
                figures["indicator_total"],
                "performance indicator",
            )
            + " Each indicator is compared with its target (★ better than the target range, ● within it, "
            "▲ worse than it) and with the same period last year."
        )
    red = figures["task_counts"].get("red", 0) + figures["indicator_counts"].get("red", 0)
    return {
        "purpose": (
            f"To inform Members of progress achieved to date on the {name} for {period['name']}.\n\n"
            "Relevance to the Council's ambitions and priorities: service plans are produced annually by "
            "all departments, setting out the planned programme of work and demonstrating how each service "
            "contributes to the Council's ambitions and priorities."
        ),
        "background": (
            "As part of the Council's performance management framework service plans are produced annually "
            "by all departments, setting out the planned work programme for each area of the Council's "
            "activities.\n\n"
            "Each service plan includes a detailed action plan setting out the specific objectives, expected "
            "outcomes and deadlines for each area of work, and the performance indicators by which the "
            "service is measured.\n\n"
            f"This report summarises progress for {period['name']}, to the end of {end}."
        ),
        "body": "\n\n".join(body),
        "implications": (
            "Financial: there are no direct financial implications arising from this report.\n\n"
            "Legal: there are no direct legal implications arising from this report.\n\n"
            + (
                f"Risk: {red} {'task or indicator is' if red == 1 else 'tasks and indicators are'} reported red; "
                "the commentary in the annexes explains the remedial action proposed."
                if red
                else "Risk: no task or indicator is reported red."
            )
        ),
        "recommendation": (
            f"Members are asked to note the progress made on the {name} to {end}, and the tasks and "
            "indicators reported red or amber."
        ),
        "conclusion": f"Members are asked to note the achievements of the service made to {end}.",
        "annexes": "\n".join(annexe_titles(figures)),
    }
