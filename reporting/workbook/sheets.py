"""The layout shared by the blank template and the export: headers, widths, frozen header, drop-downs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from actions.models import ProgressStatus, Task
from indicators.models import Indicator
from plans.models import Plan

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PLAN_FIELDS = ["Council", "Directorate", "Title", "First year", "Years", "Reporting frequency", "Plan owner"]
TASK_HEADERS = [
    "Section",
    "Category",
    "Objective",
    "Risk",
    "Task",
    "Responsible Officer",
    "Resources",
    "Due Date",
    "Success criteria",
]
INDICATOR_HEADERS_BEFORE = ["Section", "Key Performance Measure"]
STANDARD_FRAMEWORK_HEADERS = ["Comm.", "LAA", "Corp.", "NRF", "CPA", "BVPI"]
INDICATOR_HEADERS_AFTER = [
    "Responsible officer",
    "Unit",
    "Polarity",
    "Tolerance",
    "Last year target",
    "Last year actual",
]
PROGRESS_HEADERS = ["Section", "Task", "Period", "Percent complete", "Status", "Commentary"]
ACTUAL_HEADERS = ["Section", "Key Performance Measure", "Period", "Actual", "Commentary"]

CATEGORY_CHOICES = [label for _, label in Task.Category.choices]
POLARITY_CHOICES = [label for _, label in Indicator.Polarity.choices]
STATUS_CHOICES = [label for _, label in ProgressStatus.choices]
FREQUENCY_CHOICES = [label for _, label in Plan.Frequency.choices]
UNIT_CHOICES = ["%", "Number", "£", "Days", "Ratio", "Text"]

WIDTHS = {
    "ID": 8,
    "Section": 24,
    "Category": 22,
    "Objective": 36,
    "Reference": 11,
    "Risk": 28,
    "Task": 50,
    "Responsible Officer": 24,
    "Responsible officer": 24,
    "Resources": 22,
    "Responsibility note": 30,
    "Due Date": 22,
    "Success criteria": 36,
    "Milestones": 36,
    "Key Performance Measure": 50,
    "Unit": 10,
    "Decimal places": 10,
    "Polarity": 18,
    "Tolerance": 11,
    "Last year target": 12,
    "Last year actual": 12,
    "Period": 13,
    "Percent complete": 11,
    "Status": 15,
    "Commentary": 50,
    "Actual": 12,
    "No data reason": 24,
    "Target for period": 12,
    "RAG": 11,
    "Symbol": 28,
    "Field": 22,
    "Value": 60,
}

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
HEADER_BORDER = Border(bottom=Side(style="medium", color="0B0C0C"))
COMPUTED_FILL = PatternFill("solid", fgColor="E8F1F8")
TOP = Alignment(vertical="top", wrap_text=True)


def plain(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_table(
    sheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    computed: Iterable[str] = (),
    number_formats: dict[int, str] | None = None,
) -> int:
    """Header row (bold, frozen, filtered), then the rows; text stays text. Returns the last row number."""
    computed = set(computed)
    for number, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=number, value=header)
        cell.font = HEADER_FONT
        cell.fill = COMPUTED_FILL if header in computed else HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = TOP
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS.get(
            header, max(10, len(header) + 2)
        )
    last = 1
    for row_number, row in enumerate(rows, start=2):
        last = row_number
        for column, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, bool):
                cell.value = "Yes" if value else "No"
            elif isinstance(value, datetime | date):
                cell.value = value
                cell.number_format = "d mmmm yyyy"
            elif isinstance(value, int | float | Decimal):
                cell.value = value
                if number_formats and column in number_formats:
                    cell.number_format = number_formats[column]
            else:
                cell.value = plain(str(value))
                cell.data_type = "s"  # never a formula
            cell.alignment = TOP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{max(last, 2)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    return last


def add_choices(
    sheet, header: str, headers: Sequence[str], choices: Sequence[str], *, rows: int = 2000, ref: str = ""
) -> None:
    """A drop-down list of ``choices`` for the column headed ``header`` (rows 2 to ``rows``), or for the
    cells ``ref`` when given."""
    if not ref:
        if header not in headers:
            return
        letter = get_column_letter(list(headers).index(header) + 1)
        ref = f"{letter}2:{letter}{rows}"
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choice.replace(",", " ") for choice in choices) + '"',
        allow_blank=True,
        showDropDown=False,  # openpyxl's name is inverted: False shows the in-cell arrow
        showErrorMessage=True,
        errorTitle=f"{header} not recognised"[:32],
        error=f"Choose one of: {', '.join(choices)}."[:255],
        promptTitle=header[:32],
        prompt=f"Choose from the list: {', '.join(choices)}."[:255],
        showInputMessage=True,
    )
    validation.add(ref)
    sheet.add_data_validation(validation)
