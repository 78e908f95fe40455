"""The blank plan workbook: the headers of every sheet, drop-down lists and a Notes sheet explaining it."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from indicators.models import Framework
from serviceplans.periods import FinancialYear

from . import columns as spec
from .sheets import (
    CATEGORY_CHOICES,
    FREQUENCY_CHOICES,
    POLARITY_CHOICES,
    STATUS_CHOICES,
    UNIT_CHOICES,
    YEARS_CHOICES,
    add_choices,
    write_table,
)

__all__ = ["TEMPLATE_FILENAME", "template_workbook_bytes"]

TEMPLATE_FILENAME = "plan-workbook-template.xlsx"

NOTES = [
    ("How to fill in this workbook", ""),
    (
        "",
        "Fill in one workbook per plan and upload it on the “Import a plan” page. Nothing is saved until you "
        "have checked the preview and confirmed it, and nothing at all is saved if any row has an error.",
    ),
    (
        "Headers",
        "Keep the first row of each sheet as it is. Case, spaces and full stops in headers do not "
        "matter (“Comm.” is the same as “comm”). Columns with other headers are ignored, with a warning.",
    ),
    (
        "Plan",
        "Field and Value. Directorate, Title and First year (such as 2007/08) are required. Years is "
        "1, 2 or 3. Reporting frequency is Quarterly or Half-yearly. Council names the council; it is created if "
        "the system does not know it yet.",
    ),
    (
        "Tasks",
        "Section and Task are required. Category blank means service improvement. Responsible "
        "Officer may name several people, separated by /, commas, & or “and”. Due Date is written as you would "
        "write it: “1 June 2007”, “By April 2008”, “Sept. 08”, “End of 2007”, “On-going”, “March 2008 and "
        "continuing”, or several steps such as “Options appraisal – April 2007 Business case – June 2007”, which "
        "become milestones. What you write is always kept.",
    ),
    (
        "Indicators",
        "Section and Key Performance Measure are required. Put an X in the column of each "
        "framework the measure belongs to, or list the codes in a single Frameworks column (“LAA, BVPI”). "
        "Targets go under columns headed by the year (2007/08, 08/09, 09/10). Values are written as plans "
        "write them: 3.6, 90%, £500,000, 1.118 million, N/A, -, or words. Polarity, Tolerance (such as 2.5%) "
        "and Unit are optional; the unit is worked out from the values when it is blank.",
    ),
    (
        "Progress",
        "Optional. Section and Task must match a row of the Tasks sheet word for word (case and "
        "spacing do not matter). Period is written like 2007/08 Q2 or 2007/08 H1. Percent complete is 0 to 100. "
        "If two tasks in a section have the same words, add an ID column to Tasks and Progress.",
    ),
    (
        "Actuals",
        "Optional. Section and Key Performance Measure must match a row of the Indicators sheet. "
        "Period as in Progress; Actual as a value.",
    ),
    (
        "IDs",
        "Workbooks exported from this system have an ID column on each sheet and shaded computed columns "
        "(Target for period, RAG, Symbol). IDs only link Progress and Actuals rows to their task or measure "
        "in the same workbook; computed columns are ignored when the workbook is imported. An import always "
        "creates a new draft plan.",
    ),
    (
        "Files",
        "Save as an Excel workbook (.xlsx) without a password. Formulas must have been calculated "
        "(paste values if in doubt). Merged cells are read as if each cell held the merged value.",
    ),
]


def template_workbook_bytes() -> bytes:
    """The blank template, as the bytes of an .xlsx file."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = spec.NOTES
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 100
    for row_number, (title, text) in enumerate(NOTES, start=1):
        notes.cell(row=row_number, column=1, value=title).font = Font(
            bold=True, size=14 if row_number == 1 else 11
        )
        cell = notes.cell(row=row_number, column=2, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        notes.cell(row=row_number, column=1).alignment = Alignment(vertical="top")

    fields = [field.name for field in spec.PLAN_FIELDS if field.in_template]
    plan = workbook.create_sheet(spec.PLAN)
    write_table(
        plan,
        spec.headers(spec.PLAN_SHEET_COLUMNS),
        [(name, "") for name in fields],
        columns=spec.PLAN_SHEET_COLUMNS,
    )
    add_choices(
        plan, "Reporting frequency", [], FREQUENCY_CHOICES, ref=f"B{fields.index('Reporting frequency') + 2}"
    )
    add_choices(plan, "Years", [], YEARS_CHOICES, ref=f"B{fields.index('Years') + 2}")
    for row in range(2, len(fields) + 2):
        plan.cell(row=row, column=2).number_format = "@"  # text, so Excel never turns 2007/08 into a date

    task_headers = spec.headers(spec.TASK_COLUMNS, template=True)
    tasks = workbook.create_sheet(spec.TASKS)
    write_table(tasks, task_headers, [], columns=spec.TASK_COLUMNS)
    add_choices(tasks, "Category", task_headers, CATEGORY_CHOICES)

    codes = [code for code, _name in spec.STANDARD_FRAMEWORKS.values()]
    known = {code.lower().rstrip(".") for code in codes}
    for code in (
        Framework.objects.filter(active=True).order_by("order", "code").values_list("code", flat=True)
    ):
        if code.lower().rstrip(".") not in known:
            codes.append(code)
            known.add(code.lower().rstrip("."))
    this_year = FinancialYear.containing(date.today())
    year_headers = [this_year.label, this_year.next().label, this_year.next().next().label]
    indicator_headers = spec.indicator_headers(codes, year_headers, template=True)
    indicators = workbook.create_sheet(spec.INDICATORS)
    write_table(indicators, indicator_headers, [], columns=spec.INDICATOR_COLUMNS)
    add_choices(indicators, "Polarity", indicator_headers, POLARITY_CHOICES)
    add_choices(indicators, "Unit", indicator_headers, UNIT_CHOICES)

    progress_headers = spec.headers(spec.PROGRESS_COLUMNS, template=True)
    progress = workbook.create_sheet(spec.PROGRESS)
    write_table(progress, progress_headers, [], columns=spec.PROGRESS_COLUMNS)
    add_choices(progress, "Status", progress_headers, STATUS_CHOICES)

    actuals = workbook.create_sheet(spec.ACTUALS)
    write_table(actuals, spec.headers(spec.ACTUAL_COLUMNS, template=True), [], columns=spec.ACTUAL_COLUMNS)

    workbook.properties.title = "Plan workbook template"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
