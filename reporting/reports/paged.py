"""A big committee report's preview: the covering report and one page of its annexes, costing what it shows.

The whole paper (:mod:`.content`) reads every task and indicator in scope and makes each into its row; the
PDF and the workbook need that. The preview of a draft with more rows than ``paged_rows`` shows the
covering report, the summaries and one page of the annexes' rows, so it reads only those:

* **the outline**, counted in SQL: tasks by section, objective and status (the period's return chosen as
  :func:`.gather.period_update` chooses it, overdue by :func:`actions.selectors.with_overdue`, the one
  rule), and indicators by section and stored RAG (:func:`indicators.judgements.join_judgement`). These are
  the paper's counts and roll-ups without reading a row; then the sections and plans they belong to, and
  the key to the frameworks;
* **one page of rows** (tasks, then indicators, as the paper lists them): the outline says which sections
  and objectives the page falls in, and the database orders and cuts the rows in the paper's order (plans,
  sections, objectives, then each task's or indicator's own order). Each row is made by :mod:`.rows`, just
  as the paper makes it.

Its queries are the same in number at any size, and the rows it reads are the page's. A published report
is read from its snapshot, which holds every row already (:meth:`.CommitteeReport.annex_window` cuts it).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from actions.models import Task
from actions.selectors import with_overdue
from indicators.judgements import join_judgement
from indicators.models import Framework, Indicator
from indicators.selectors import indicators_with_record
from plans.models import CouncilSettings, Plan, PlanSection
from reporting.selectors import LIVE_PLAN_STATUSES
from serviceplans.status import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER

from .committee import CommitteeReport, annex_pager, indicator_for_template, listed_rows, report_cover
from .content import figures_in_order, report_counts, report_figures, report_frame
from .gather import Scope, in_scope, tasks_for_rows, with_period_status
from .rollup import OTHER_TASKS, objective_key
from .rows import INDICATOR_EXCEPTIONS, TASK_EXCEPTIONS, indicator_row, objective_place, plan_place, task_row


def preview_paper(report, *, annex_page: int, paged_rows: int) -> CommitteeReport:
    """The paper the preview shows: the whole paper for a report of up to ``paged_rows`` rows in its
    annexes; past that, its covering report and page ``annex_page`` of its annexes."""
    if report.is_published and report.snapshot:
        paper = CommitteeReport(report.snapshot)
        if listed_rows(paper.content) > paged_rows:
            paper.annex_page = annex_page
        return paper
    scope = Scope.of(report)
    outline = report_outline(scope)
    if outline.rows <= paged_rows:
        return CommitteeReport(report_figures(scope) | {"report": report_cover(report)})
    return paged_paper(report, outline, page=annex_page, size=CommitteeReport.ANNEX_PAGE_ROWS)


# -- the outline ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Rows the annexes list together, in the paper's order: a section's tasks (under one objective, once
    the objectives are read; None: “Other tasks”), or a section's indicators."""

    part: str  # "tasks" or "indicators"
    section_id: int
    objective_id: int | None
    rows: int


@dataclass
class Outline:
    """A report's tasks and indicators counted in SQL: by section and status, and how many each section
    lists (with “exceptions only”, only its exceptions)."""

    scope: Scope
    task_counts: dict[int, dict[str, int]] = field(default_factory=dict)  # section → status → tasks
    indicator_counts: dict[int, dict[str, int]] = field(default_factory=dict)  # section → RAG → indicators
    task_rows: dict[int, int] = field(default_factory=dict)  # section → tasks listed
    indicator_rows: dict[int, int] = field(default_factory=dict)  # section → indicators listed

    @property
    def rows(self) -> int:
        """How many rows the annexes list."""
        return sum(self.task_rows.values()) + sum(self.indicator_rows.values())

    @property
    def section_ids(self) -> set[int]:
        return set(self.task_counts) | set(self.indicator_counts)


def _tasks_listed(scope: Scope, tasks: QuerySet[Task], *, overdue_read: bool) -> tuple[QuerySet[Task], Q]:
    """The tasks with ``period_status`` (and ``is_overdue`` for “exceptions only”, unless ``overdue_read``
    says they have it), and the condition for a task to be listed in the annex: every task, or with
    “exceptions only” those of :data:`.rows.TASK_EXCEPTIONS` and those overdue."""
    tasks = with_period_status(tasks, scope)
    if not scope.exceptions_only:
        return tasks, Q()
    statuses = sorted(TASK_EXCEPTIONS - {"missing"})
    listed = Q(period_status__in=statuses) | Q(period_status__isnull=True) | Q(is_overdue=True)
    return (tasks if overdue_read else with_overdue(tasks, scope.period.end_date)), listed


def _indicators_listed(scope: Scope, indicators: QuerySet[Indicator]) -> tuple[QuerySet[Indicator], Q]:
    """The indicators with their stored judgement for the period, and the condition for one to be listed."""
    indicators = join_judgement(indicators, scope.period.period)
    if not scope.exceptions_only:
        return indicators, Q()
    return indicators, Q(judged_rag__in=sorted(INDICATOR_EXCEPTIONS))


def report_outline(scope: Scope) -> Outline:
    """Count the scope's tasks and indicators in SQL, a row for each section: one query for each part the
    report includes."""
    outline = Outline(scope)
    if scope.include_tasks:
        tasks, listed = _tasks_listed(scope, Task.objects.filter(in_scope(scope)), overdue_read=False)
        counts = {
            f"n_{status}": Count(
                "pk", filter=Q(period_status__isnull=True) if status == "missing" else Q(period_status=status)
            )
            for status in TASK_STATUS_ORDER
        } | {"listed": Count("pk", filter=listed)}
        for section_id, *numbers, rows in (
            tasks.values("section_id").annotate(**counts).order_by().values_list("section_id", *counts)
        ):
            outline.task_counts[section_id] = {
                status: number for status, number in zip(TASK_STATUS_ORDER, numbers, strict=True) if number
            }
            outline.task_rows[section_id] = rows
    if scope.include_indicators:
        indicators, listed = _indicators_listed(scope, Indicator.objects.filter(in_scope(scope)))
        counts = {f"n_{rag}": Count("pk", filter=Q(judged_rag=rag)) for rag in INDICATOR_RAG_ORDER} | {
            "listed": Count("pk", filter=listed)
        }
        for section_id, *numbers, rows in (
            indicators.values("section_id").annotate(**counts).order_by().values_list("section_id", *counts)
        ):
            outline.indicator_counts[section_id] = {
                rag: number for rag, number in zip(INDICATOR_RAG_ORDER, numbers, strict=True) if number
            }
            outline.indicator_rows[section_id] = rows
    return outline


# -- the paged paper --------------------------------------------------------------------------------------


def paged_paper(report, outline: Outline, *, page: int, size: int) -> CommitteeReport:
    """The covering report with the outline's figures, and page ``page`` of ``size`` annex rows: two queries
    for the sections and plans, one for the frameworks, and those reading the page's tasks and indicators."""
    scope = outline.scope
    wanted = outline.section_ids
    sections = [
        section
        for section in _sections(scope).values_list("pk", "order", "title", "plan_id")
        if section[0] in wanted
    ]
    fields = ("pk", "title", "first_year", "years", "slug", "approved_on", "unit__name")
    plans_read = Plan.objects.filter(pk__in={plan_id for *_rest, plan_id in sections}).values_list(*fields)
    places = {
        pk: plan_place(
            Plan(pk=pk, title=title, first_year=first, years=years, slug=slug, approved_on=approved), unit
        )
        for pk, title, first, years, slug, approved, unit in plans_read
    }
    sections.sort(key=lambda s: (places[s[3]]["key"], (s[1], s[2], s[0])))
    plans, where = [], {}
    for pk, _order, title, plan_id in sections:
        if not plans or plans[-1][0] != plan_id:
            plan = {k: v for k, v in places[plan_id].items() if k != "key"} | {"sections": []}
            plans.append((plan_id, plan))
        plan = plans[-1][1]
        section = {
            "title": title,
            "plan": plan["title"],
            "objectives": [],
            "indicators": [],
            "task_counts": outline.task_counts.get(pk, {}),
            "indicator_counts": outline.indicator_counts.get(pk, {}),
        }
        plan["sections"].append(section)
        where[pk] = (plan, section)

    runs = [Run("tasks", pk, None, outline.task_rows[pk]) for pk, *_ in sections if outline.task_rows.get(pk)]
    runs += [
        Run("indicators", pk, None, outline.indicator_rows[pk])
        for pk, *_ in sections
        if outline.indicator_rows.get(pk)
    ]
    pager = annex_pager(sum(run.rows for run in runs), page, size)
    tasks, indicators = _page_rows(scope, runs, pager["first"] - 1, pager["last"])

    task_counts, indicator_counts = Counter(), Counter()
    for counts in outline.task_counts.values():
        task_counts.update(counts)
    for counts in outline.indicator_counts.values():
        indicator_counts.update(counts)
    content = figures_in_order(
        report_frame(scope) | report_counts(task_counts, indicator_counts),
        frameworks=_frameworks(scope),
        plans=[plan for _pk, plan in plans],
    ) | {"report": report_cover(report)}
    window = {
        "task_plans": _nest_tasks(tasks, where, scope),
        "indicator_plans": _nest_indicators(indicators, where, scope),
        "annex_pager": pager,
    }
    return CommitteeReport(content, window=window)


def _page_rows(scope: Scope, runs: list[Run], start: int, end: int) -> tuple[list[Task], list[Indicator]]:
    """The tasks and indicators listed from row ``start`` up to ``end`` (counted from 0 across the annexes),
    in the paper's order: for each part the page shows, a query for its rows (and their prefetches); for
    tasks, one more first, counting the tasks of the page's sections by objective."""
    shown: dict[str, list[Run]] = {"tasks": [], "indicators": []}
    first: dict[str, int] = {}
    index = 0
    for run in runs:
        if index + run.rows > start and index < end:
            first.setdefault(run.part, index)
            shown[run.part].append(run)
        index += run.rows

    def window(part: str) -> tuple[int, int]:
        """Where the page starts within the part's shown runs, and how many of their rows it takes."""
        begin = first[part]
        stop = begin + sum(run.rows for run in shown[part])
        return max(start, begin) - begin, min(end, stop) - max(start, begin)

    tasks, indicators = [], []
    if shown["tasks"]:
        # Only what a row shows (the plan for its reporting frequency): the outline placed it already.
        queryset = tasks_for_rows(scope, Task.objects.select_related("plan", "objective")).filter(
            in_scope(scope)
        )
        queryset, listed = _tasks_listed(scope, queryset, overdue_read=True)
        queryset = queryset.filter(listed)
        tasks = _in_order(queryset, _by_objective(queryset, shown["tasks"]), *window("tasks"))
    if shown["indicators"]:
        queryset = indicators_with_record().filter(in_scope(scope)).prefetch_related("frameworks")
        if scope.exceptions_only:
            queryset, listed = _indicators_listed(scope, queryset)
            queryset = queryset.filter(listed)
        indicators = _in_order(queryset, shown["indicators"], *window("indicators"))
    return tasks, indicators


def _by_objective(tasks: QuerySet[Task], runs: list[Run]) -> list[Run]:
    """The sections' runs of tasks split by objective, in the paper's order (objectives in the plan's order,
    then “Other tasks”): one query, counting the listed tasks of those sections by objective."""
    grouped = (
        tasks.filter(section_id__in=[run.section_id for run in runs])
        .values("section_id", "objective_id", "objective__order", "objective__reference")
        .annotate(number=Count("pk"))
        .order_by()
        .values_list("section_id", "objective_id", "objective__order", "objective__reference", "number")
    )
    objectives: dict[int, list] = {}
    for section_id, objective_id, order, reference, number in grouped:
        key = objective_key(None if objective_id is None else {"key": (order, reference, objective_id)})
        objectives.setdefault(section_id, []).append((key, objective_id, number))
    return [
        Run("tasks", run.section_id, objective_id, number)
        for run in runs
        for _key, objective_id, number in sorted(objectives.get(run.section_id, []))
    ]


def _in_order(queryset: QuerySet, runs: list[Run], skip: int, take: int) -> list:
    """The runs' rows in the paper's order (the runs', then each row's own), from ``skip`` for ``take``."""
    ordered = (
        queryset.filter(section_id__in={run.section_id for run in runs})
        .annotate(paper_position=_position(queryset.model, runs))
        .filter(paper_position__isnull=False)
        .order_by("paper_position", "order", "pk")
    )
    return list(ordered[skip : skip + take])


def _position(model, runs: list[Run]) -> RawSQL:
    """Which of the runs each row belongs to (its place in the list), NULL for none. Written as SQL with
    only numbers for parameters, because the ORM takes about a quarter of a millisecond to build each
    condition and a page can span a hundred runs."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    section, objective = f"{table}.{quote('section_id')}", f"{table}.{quote('objective_id')}"
    whens, params = [], []
    for number, run in enumerate(runs):
        if run.part == "indicators":
            whens.append(f"WHEN {section} = %s THEN %s")
            params += [run.section_id, number]
        elif run.objective_id is None:
            whens.append(f"WHEN {section} = %s AND {objective} IS NULL THEN %s")
            params += [run.section_id, number]
        else:
            whens.append(f"WHEN {section} = %s AND {objective} = %s THEN %s")
            params += [run.section_id, run.objective_id, number]
    return RawSQL(f"CASE {' '.join(whens)} END", params, output_field=IntegerField())


def _nest_tasks(tasks: list[Task], where: dict, scope: Scope) -> list[dict]:
    """The page's task rows under their plans, sections and objectives (as the annex lists them)."""
    plans: list[dict] = []
    last = (None, None, object())
    for task in tasks:
        plan, section = where[task.section_id]
        if last[0] is not plan:
            plans.append(plan | {"sections": []})
        if last[1] is not section:
            plans[-1]["sections"].append(section | {"objectives": []})
        if last[1] is not section or last[2] != task.objective_id:
            objective = objective_place(task.objective)
            plans[-1]["sections"][-1]["objectives"].append(
                {
                    "reference": objective["reference"] if objective else "",
                    "text": objective["text"] if objective else OTHER_TASKS,
                    "tasks": [],
                }
            )
        plans[-1]["sections"][-1]["objectives"][-1]["tasks"].append(task_row(task, scope.period))
        last = (plan, section, task.objective_id)
    return plans


def _nest_indicators(indicators: list[Indicator], where: dict, scope: Scope) -> list[dict]:
    """The page's indicator rows under their plans and sections."""
    council = CouncilSettings.load() if indicators else None
    plans: list[dict] = []
    last = (None, None)
    for indicator in indicators:
        plan, section = where[indicator.section_id]
        if last[0] is not plan:
            plans.append(plan | {"sections": []})
        if last[1] is not section:
            plans[-1]["sections"].append(section | {"indicators": []})
        row = indicator_row(indicator, scope.period, council)
        plans[-1]["sections"][-1]["indicators"].append(indicator_for_template(row))
        last = (plan, section)
    return plans


def _sections(scope: Scope) -> QuerySet[PlanSection]:
    """The sections the scope's tasks and indicators can be in (a few more, perhaps: none is missed)."""
    if scope.plan is not None:
        return PlanSection.objects.filter(plan=scope.plan)
    year = scope.period.financial_year
    sections = PlanSection.objects.filter(
        plan__status__in=LIVE_PLAN_STATUSES,
        plan__first_year__lte=year,
        plan__first_year__gt=year - F("plan__years"),
    )
    if scope.whole_council:
        return sections
    units = scope.unit_ids
    return sections.filter(Q(unit_id__in=units) | Q(unit__isnull=True, plan__unit_id__in=units))


def _frameworks(scope: Scope) -> list[dict]:
    """The frameworks the scope's indicators belong to, in the council's order (one query)."""
    if not scope.include_indicators:
        return []
    indicators = Indicator.objects.filter(in_scope(scope))
    frameworks = Framework.objects.filter(indicators__in=indicators).distinct().order_by("order", "code")
    return [{"code": code, "name": name} for code, name in frameworks.values_list("code", "name")]
