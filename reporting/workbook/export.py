"""A plan as a workbook in the import format, with IDs and computed columns.

The sheets are those the importer reads (Plan, Tasks, Indicators, Progress, Actuals, and Risks when the
plan has risks: see ``risks_sheet.py``), plus:

* an ``ID`` column on every list sheet, so Progress and Actuals rows name their task or measure exactly
  (the importer links rows by these IDs within the workbook; it never treats them as database ids);
* optional columns the importer also reads: ``Reference``, ``Responsibility note`` (the officers' words
  when they say more than names), ``Milestones``, ``Decimal places``, ``No data reason``;
* computed columns, shaded blue, on Actuals: ``Target for period``, ``RAG`` and ``Symbol``. The importer
  ignores them without a warning.

Exporting a plan and importing the workbook gives the same plan, sections, objectives, tasks (text,
officers, due date as written, date, ongoing, milestones), indicators, annual targets, progress updates and
values. Not carried: profiled (per-period) targets, a target's own tolerance, milestones' done flags,
priorities, an indicator's definition, aggregation and collection frequency, sections and objectives that
have no task or indicator, and whether an objective belongs to a section (an imported objective belongs to
the section of the tasks that name it). A value for the year before the plan's first year is written as
the indicator's "Last year actual" rather than on the Actuals sheet.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from io import BytesIO

from django.db.models import Prefetch
from openpyxl import Workbook

from actions.models import ProgressUpdate, Task, TaskOfficer
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from indicators.rules import indicator_rag, performance_symbol, target_for_period
from indicators.values import excel_number_format
from plans.models import CouncilSettings, Plan
from plans.selectors import unit_tree
from serviceplans.periods import FinancialYear
from serviceplans.xlsx import NumberCell

from . import columns as spec
from .risks_sheet import export_rows as risk_export_rows
from .sheets import (
    CATEGORY_CHOICES,
    FREQUENCY_CHOICES,
    POLARITY_CHOICES,
    STATUS_CHOICES,
    UNIT_CHOICES,
    UNIT_WORDS,
    add_choices,
    write_table,
)

__all__ = ["plan_workbook_bytes", "plan_workbook_filename"]


def plan_workbook_filename(plan: Plan) -> str:
    return f"{plan.slug}.xlsx"


def _number(value: Decimal | None):
    """A stored number as Excel should hold it: an int when whole, else a Decimal without trailing zeros."""
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else normal


def _figure(value, indicator: Indicator):
    """A target or value cell: a number in the indicator's Excel format, or its words as they are."""
    if isinstance(value, int | Decimal):
        return NumberCell(value, excel_number_format(indicator.unit, indicator.decimal_places))
    return value


def plan_workbook_bytes(plan: Plan) -> bytes:
    """The plan as an .xlsx workbook: Plan, Tasks, Indicators, Progress and Actuals sheets, as the importer
    reads them, with IDs and the computed RAG and symbol of each actual.

    A fixed number of queries whatever the size of the plan (see the query-count test)."""
    plan = Plan.objects.select_related("unit", "owner").get(pk=plan.pk)
    tree = unit_tree()
    chain = [*tree.ancestors(plan.unit_id), tree.units[plan.unit_id]]
    council = chain[0]
    settings_row = CouncilSettings.objects.filter(pk=1).first()
    default_tolerance = settings_row.default_tolerance_percent if settings_row else Decimal("2.5")

    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("section", "objective")
        .prefetch_related(
            Prefetch("task_officers", queryset=TaskOfficer.objects.select_related("officer")),
            "milestones",
        )
        .order_by("section__order", "section__title", "order", "id")
    )
    indicators = list(
        Indicator.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            "frameworks",
            Prefetch("indicator_officers", queryset=IndicatorOfficer.objects.select_related("officer")),
            Prefetch("targets", queryset=Target.objects.select_related("period")),
        )
        .order_by("section__order", "section__title", "order", "id")
    )
    updates = list(
        ProgressUpdate.objects.filter(task__plan=plan)
        .select_related("task__section", "period")
        .order_by("period__start_date", "task__section__order", "task__order", "task_id")
    )
    values = list(
        IndicatorValue.objects.filter(indicator__plan=plan)
        .select_related("indicator__section", "period")
        .order_by("period__start_date", "-period__end_date", "indicator__section__order", "indicator__order")
    )
    used = {framework.pk for indicator in indicators for framework in indicator.frameworks.all()}
    frameworks = [f for f in Framework.objects.order_by("order", "code") if f.active or f.pk in used]

    workbook = Workbook()
    plan_sheet = workbook.active
    plan_sheet.title = spec.PLAN
    given = {
        "council": council.name,
        "directorate": plan.unit.name,
        "title": plan.title,
        "firstyear": FinancialYear(plan.first_year).label,
        "years": plan.years,
        "reportingfrequency": plan.get_reporting_frequency_display(),
        "planowner": plan.owner.name if plan.owner else "",
        "committee": plan.committee,
    }
    fields = [field.key for field in spec.PLAN_FIELDS]
    write_table(
        plan_sheet,
        spec.headers(spec.PLAN_SHEET_COLUMNS),
        [(field.name, given[field.key]) for field in spec.PLAN_FIELDS],
        columns=spec.PLAN_SHEET_COLUMNS,
    )
    add_choices(
        plan_sheet,
        "Reporting frequency",
        [],
        FREQUENCY_CHOICES,
        ref=f"B{fields.index('reportingfrequency') + 2}",
    )

    task_headers = spec.headers(spec.TASK_COLUMNS)
    task_rows = []
    for task in tasks:
        officers = " / ".join(link.officer.name for link in task.task_officers.all())
        objective = ""
        if task.objective is not None:
            objective = (
                f"{task.objective.reference}. {task.objective.text}"
                if task.objective.reference
                else task.objective.text
            )
        due = task.due_date_text or task.due_date or ("On-going" if task.ongoing else "")
        milestones = "\n".join(
            f"{step.name} – {step.due_date_text or (f'{step.due_date.day} {step.due_date:%B %Y}' if step.due_date else '')}".rstrip(
                " –"
            )
            for step in task.milestones.all()
        )
        task_rows.append(
            [
                task.pk,
                task.section.title,
                task.get_category_display(),
                objective,
                task.reference,
                task.risk,
                task.text,
                officers,
                task.responsibility_note,
                task.resources,
                due,
                task.success_criteria,
                milestones,
            ]
        )
    tasks_sheet = workbook.create_sheet(spec.TASKS)
    write_table(tasks_sheet, task_headers, task_rows, columns=spec.TASK_COLUMNS)
    add_choices(tasks_sheet, "Category", task_headers, CATEGORY_CHOICES)

    years = [plan.first_year + offset for offset in range(plan.years)]
    last_year = plan.first_year - 1
    indicator_headers = spec.indicator_headers(
        [framework.code for framework in frameworks], [FinancialYear(year).label for year in years]
    )
    last_year_values: dict[int, IndicatorValue] = {}
    for value in values:
        period = value.period
        if period.kind == "year" and period.financial_year == last_year:
            last_year_values[value.indicator_id] = value
    indicator_rows = []
    annual: dict[int, dict[int, Target]] = defaultdict(dict)
    profiles: dict[int, dict] = defaultdict(dict)
    for indicator in indicators:
        for target in indicator.targets.all():
            if target.period_id is None:
                annual[indicator.pk][target.financial_year] = target
            else:
                profiles[indicator.pk][target.period.period] = target.value
        member = {framework.pk for framework in indicator.frameworks.all()}

        def target_cell(year: int, indicator=indicator):
            target = annual[indicator.pk].get(year)
            if target is None:
                return None
            return _figure(_number(target.value), indicator) if target.value is not None else target.text

        last_value = last_year_values.get(indicator.pk)
        indicator_rows.append(
            [
                indicator.pk,
                indicator.section.title,
                indicator.name,
                indicator.reference_code,
                *["X" if framework.pk in member else "" for framework in frameworks],
                " / ".join(link.officer.name for link in indicator.indicator_officers.all()),
                UNIT_WORDS.get(indicator.unit, indicator.unit),
                indicator.decimal_places,
                indicator.get_polarity_display(),
                f"{indicator.tolerance_percent.normalize():f}%"
                if indicator.tolerance_percent is not None
                else "",
                target_cell(last_year),
                _figure(_value_cell(last_value), indicator) if last_value else None,
                *[target_cell(year) for year in years],
            ]
        )
    indicators_sheet = workbook.create_sheet(spec.INDICATORS)
    write_table(indicators_sheet, indicator_headers, indicator_rows, columns=spec.INDICATOR_COLUMNS)
    add_choices(indicators_sheet, "Polarity", indicator_headers, POLARITY_CHOICES)
    add_choices(indicators_sheet, "Unit", indicator_headers, UNIT_CHOICES)

    progress_headers = spec.headers(spec.PROGRESS_COLUMNS)
    progress_rows = [
        [
            update.task_id,
            update.task.section.title,
            update.task.text,
            update.period.label,
            update.percent_complete,
            update.get_status_display(),
            update.commentary,
        ]
        for update in updates
    ]
    progress_sheet = workbook.create_sheet(spec.PROGRESS)
    write_table(progress_sheet, progress_headers, progress_rows, columns=spec.PROGRESS_COLUMNS)
    add_choices(progress_sheet, "Status", progress_headers, STATUS_CHOICES)

    by_id = {indicator.pk: indicator for indicator in indicators}
    actual_rows = []
    for value in values:
        if last_year_values.get(value.indicator_id) is value:
            continue  # written as the indicator's last year actual
        indicator = by_id[value.indicator_id]
        period = value.period.period
        target_row = annual[indicator.pk].get(period.year.start_year)
        annual_target = None
        if target_row is not None:
            annual_target = target_row.value if target_row.value is not None else target_row.text
        target = target_for_period(
            annual=annual_target,
            profile=profiles[indicator.pk],
            period=period,
            aggregation=indicator.aggregation,
        )
        tolerance = (
            indicator.tolerance_percent if indicator.tolerance_percent is not None else default_tolerance
        )
        rag = indicator_rag(
            actual=value.value,
            target=target,
            polarity=indicator.polarity,
            tolerance_percent=tolerance,
            data_only=indicator.data_only,
        )
        symbol = performance_symbol(
            actual=value.value, target=target, polarity=indicator.polarity, tolerance_percent=tolerance
        )
        actual_rows.append(
            [
                indicator.pk,
                indicator.section.title,
                indicator.name,
                value.period.label,
                _figure(_value_cell(value), indicator),
                value.no_data_reason,
                value.note,
                _figure(_number(target.quantize(Decimal("0.0001"))), indicator)
                if target is not None
                else None,
                rag.label,
                f"{symbol.mark} {symbol.label}",
            ]
        )
    actuals_sheet = workbook.create_sheet(spec.ACTUALS)
    write_table(actuals_sheet, spec.headers(spec.ACTUAL_COLUMNS), actual_rows, columns=spec.ACTUAL_COLUMNS)

    risk_rows = risk_export_rows(plan, tree=tree)  # the risk register (risks_sheet.py), when there are risks
    if risk_rows:
        risks_sheet = workbook.create_sheet(spec.RISKS)
        write_table(risks_sheet, spec.headers(spec.RISK_COLUMNS), risk_rows, columns=spec.RISK_COLUMNS)

    workbook.properties.title = f"{plan.title} {plan.years_label}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _value_cell(value: IndicatorValue):
    if value.value is not None:
        return _number(value.value)
    return value.text_value or None
