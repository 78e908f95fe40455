"""A committee report as an Excel workbook: the same content as the paper, one sheet of tasks and one of
indicators, following the rules of :mod:`reporting.xlsx` (real numbers and dates, status words with fills,
frozen header, autofilter, columns as wide as their content)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from indicators.rules import Direction, Symbol
from reporting.xlsx import (
    DATE,
    MAX_WIDTH,
    MIN_WIDTH,
    NUMBER,
    STATUS,
    TAG_COLOURS,
    Column,
    NumberCell,
    _plain,
    _shown_length,
    _write,
    sheet_title,
)

PERCENT_FORMAT = '0"%"'
NUMBER_FORMATS = {"percent": '#,##0.####"%"', "money": '"£"#,##0.##', "days": '#,##0.##" days"'}

TASK_COLUMNS = [
    Column("Plan"),
    Column("Section"),
    Column("Objective", width=40),
    Column("Reference"),
    Column("Task", width=60),
    Column("Responsible officers", width=30),
    Column("Due date (as written)", width=24),
    Column("Due date", DATE),
    Column("Expected progress (%)", NUMBER, PERCENT_FORMAT),
    Column("Percent complete", NUMBER, PERCENT_FORMAT),
    Column("Status", STATUS),
    Column("Overdue"),
    Column("Progress update", width=60),
]

INDICATOR_COLUMNS = [
    Column("Plan"),
    Column("Section"),
    Column("Reference"),
    Column("Key performance measure", width=50),
    Column("Frameworks"),
    Column("Last year's target"),
    Column("Last year's actual"),
    Column("Last year against target"),
    Column("This year's target"),
    Column("Target for the period"),
    Column("Actual", NUMBER),
    Column("Actual as shown"),
    Column("Against target"),
    Column("RAG", STATUS),
    Column("Direction of travel (against last year)"),
    Column("Commentary", width=60),
]


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def task_rows(content: dict) -> list[list]:
    rows = []
    for plan in content["plans"]:
        for section in plan["sections"]:
            for objective in section["objectives"]:
                heading = f"{objective['reference']} {objective['text']}".strip()
                for task in objective["tasks"]:
                    rows.append(
                        [
                            f"{plan['title']} {plan['years']}",
                            section["title"],
                            heading,
                            task["reference"],
                            task["text"],
                            task["officers"],
                            task["due"],
                            date.fromisoformat(task["due_date"]) if task["due_date"] else None,
                            task["expected"],
                            task["percent"],
                            task["status"],
                            "Overdue" if task["overdue"] else "",
                            task["commentary"],
                        ]
                    )
    return rows


def indicator_rows(content: dict) -> list[list]:
    rows = []
    for plan in content["plans"]:
        for section in plan["sections"]:
            for pi in section["indicators"]:
                number = _decimal(pi["actual_number"])
                rows.append(
                    [
                        f"{plan['title']} {plan['years']}",
                        section["title"],
                        pi["reference"],
                        pi["name"],
                        ", ".join(pi["frameworks"]),
                        pi["last_year_target"],
                        pi["last_year_actual"],
                        f"{Symbol(pi['last_year_symbol']).mark} {Symbol(pi['last_year_symbol']).label}",
                        pi["target"],
                        pi["period_target"],
                        NumberCell(number, NUMBER_FORMATS.get(pi["unit"], "#,##0.####"))
                        if number is not None
                        else None,
                        pi["actual"],
                        f"{Symbol(pi['symbol']).mark} {Symbol(pi['symbol']).label}",
                        pi["rag"],
                        f"{Direction(pi['direction']).arrow} {Direction(pi['direction']).label}",
                        pi["commentary"],
                    ]
                )
    return rows


def _fill_sheet(sheet, columns: Sequence[Column], rows: list[list]) -> None:
    """Header, rows, widths, frozen header and autofilter, as :func:`reporting.xlsx.workbook_bytes` does
    for a single sheet."""
    header_font = Font(bold=True)
    header_border = Border(bottom=Side(style="medium", color="0B0C0C"))
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=_plain(column.header))
        cell.font, cell.border = header_font, header_border
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [column.width or min(MAX_WIDTH, max(MIN_WIDTH, len(column.header) + 2)) for column in columns]
    for row in rows:
        for index, column in enumerate(columns):
            if column.width is None:
                widths[index] = min(MAX_WIDTH, max(widths[index], _shown_length(row[index], column.kind) + 2))
    fills = {
        colour: (PatternFill("solid", fgColor=fill), Font(color=text, bold=True))
        for colour, (fill, text) in TAG_COLOURS.items()
    }
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns):
            cell = sheet.cell(row=row_number, column=index + 1)
            _write(cell, row[index], column, fills)
            long_text = isinstance(cell.value, str) and (
                len(cell.value) > widths[index] or "\n" in cell.value
            )
            cell.alignment = wrapped if long_text else top
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


def committee_workbook_bytes(content: dict) -> bytes:
    """The report's tasks and indicators as an .xlsx file with the sheets “Tasks” and “Indicators”."""
    workbook = Workbook()
    workbook.properties.title = content["report"]["title"]
    workbook.properties.creator = content["council"]
    tasks = workbook.active
    tasks.title = "Tasks"
    _fill_sheet(tasks, TASK_COLUMNS, task_rows(content))
    indicators = workbook.create_sheet(sheet_title("Indicators"))
    _fill_sheet(indicators, INDICATOR_COLUMNS, indicator_rows(content))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
