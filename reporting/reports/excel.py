"""A committee report as an Excel workbook: the same content as the paper (a summary sheet of counts, one
sheet of tasks and one of indicators, each judgement with its reason, and a key), following the rules of :mod:`serviceplans.xlsx` (real numbers and dates, status words with fills,
frozen header, autofilter, columns as wide as their content)."""

from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.rules import Direction, Symbol
from indicators.values import excel_number_format
from serviceplans.status import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER, status_look
from serviceplans.xlsx import (
    DATE,
    NUMBER,
    STATUS,
    Column,
    NumberCell,
    sheet_fill,
    sheet_title,
)

PERCENT_FORMAT = '0"%"'

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
    Column("Why this status", width=50),
    Column("Overdue"),
    Column("Progress update", width=60),
]

INDICATOR_COLUMNS = [
    Column("Plan"),
    Column("Section"),
    Column("Reference"),
    Column("Key performance measure", width=50),
    Column("Frameworks"),
    Column("Last year's target", NUMBER),
    Column("Last year's actual", NUMBER),
    Column("Last year against target"),
    Column("Why, last year", width=50),
    Column("This year's target", NUMBER),
    Column("This year's target as written"),
    Column("Target for the period", NUMBER),
    Column("Actual", NUMBER),
    Column("Actual as shown"),
    Column("Against target"),
    Column("RAG", STATUS),
    Column("Why this RAG", width=50),
    Column("Direction of travel (against last year)"),
    Column("Commentary", width=60),
]


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def _figure(text: str | None, unit: str, decimal_places: int) -> NumberCell | None:
    """A figure as a real number in the indicator's format (``indicators.values.excel_number_format``), or
    an empty cell."""
    number = _decimal(text)
    return None if number is None else NumberCell(number, excel_number_format(unit, decimal_places))


def _symbol(value: str) -> str:
    return f"{Symbol(value).mark} {Symbol(value).label}"


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
                            " ".join(
                                part for part in (task.get("reason"), task.get("overdue_reason")) if part
                            ),
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
                measure = pi["unit"], pi.get("decimal_places", 0)  # how its figures are written
                target = _figure(pi.get("target_number"), *measure)
                rows.append(
                    [
                        f"{plan['title']} {plan['years']}",
                        section["title"],
                        pi["reference"],
                        pi["name"],
                        ", ".join(pi["frameworks"]),
                        _figure(pi.get("last_year_target_number"), *measure),
                        _figure(pi.get("last_year_actual_number"), *measure),
                        _symbol(pi["last_year_symbol"]),
                        pi.get("last_year_reason", ""),
                        target,
                        "" if target is not None else pi["target"].replace("–", ""),
                        _figure(pi.get("period_target_number"), *measure),
                        _figure(pi["actual_number"], *measure),
                        pi["actual"],
                        _symbol(pi["symbol"]),
                        pi["rag"],
                        pi.get("reason", ""),
                        f"{Direction(pi['direction']).arrow} {Direction(pi['direction']).label}",
                        pi["commentary"],
                    ]
                )
    return rows


def summary_columns() -> list[Column]:
    """Plan, section, the tasks by status and the indicators by RAG (in the status words), with totals."""
    return [
        Column("Plan"),
        Column("Section"),
        *[Column(f"Tasks: {status_look(key).word}", NUMBER) for key in TASK_STATUS_ORDER],
        Column("Tasks", NUMBER),
        *[Column(f"Indicators: {status_look(key).word}", NUMBER) for key in INDICATOR_RAG_ORDER],
        Column("Indicators", NUMBER),
    ]


def summary_rows(content: dict) -> list[list]:
    """A row per section with its counts, then the whole report's (which count every task and indicator
    even when the annexes list only the exceptions)."""

    def counts(tasks: dict, indicators: dict) -> list[int]:
        return [
            *[tasks.get(key, 0) for key in TASK_STATUS_ORDER],
            sum(tasks.values()),
            *[indicators.get(key, 0) for key in INDICATOR_RAG_ORDER],
            sum(indicators.values()),
        ]

    rows = [
        [
            f"{plan['title']} {plan['years']}",
            section["title"],
            *counts(section["task_counts"], section["indicator_counts"]),
        ]
        for plan in content["plans"]
        for section in plan["sections"]
    ]
    rows.append(["Total", "", *counts(content["task_counts"], content["indicator_counts"])])
    return rows


KEY_COLUMNS = [Column("Code or mark"), Column("Meaning", width=70)]


def key_rows(content: dict) -> list[list]:
    """The framework codes with their full names, and the marks used in the sheets."""
    rows = [[framework["code"], framework["name"]] for framework in content.get("frameworks", [])]
    rows += [[symbol.mark, symbol.label] for symbol in Symbol]
    rows += [[direction.arrow, direction.describe()] for direction in Direction]
    return rows


RISK_COLUMNS = [
    Column("Reference"),
    Column("Risk", width=50),
    Column("Part of the council"),
    Column("Category"),
    Column("Owners", width=30),
    Column("Likelihood", NUMBER),
    Column("Impact", NUMBER),
    Column("Score", NUMBER),
    Column("Likelihood × impact", width=36),
    Column("Band", STATUS),
    Column("Band (council's word)"),
    Column("Direction since the review before"),
    Column("Target score", NUMBER),
    Column("Commentary on the controls", width=60),
    Column("Reviewed in"),
]


def risk_rows(content: dict) -> list[list]:
    """The risks annex's rows (``risks.selectors.risks_annex``)."""
    from indicators.rules import Direction

    return [
        [
            risk["reference"],
            risk["title"],
            risk["unit"],
            risk["category"],
            risk["owners"],
            risk["likelihood"],
            risk["impact"],
            risk["score"],
            risk["words"],
            risk["band"],
            risk["band_word"],
            Direction(risk["direction"]).label,
            risk["target_score"],
            risk["commentary"],
            risk["reviewed_in"],
        ]
        for risk in (content.get("risks") or {}).get("risks", [])
    ]


def committee_workbook_bytes(content: dict) -> bytes:
    """The report as an .xlsx file: the sheets “Summary” (counts by status per section), “Tasks”,
    “Indicators”, “Risks” (when the report has the annex) and “Key” (framework codes and marks)."""
    workbook = Workbook()
    workbook.properties.title = content["report"]["title"]
    workbook.properties.creator = content["council"]
    summary = workbook.active
    summary.title = "Summary"
    sheet_fill(summary, columns=summary_columns(), rows=summary_rows(content))
    summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    tasks = workbook.create_sheet("Tasks")
    sheet_fill(tasks, columns=TASK_COLUMNS, rows=task_rows(content))
    indicators = workbook.create_sheet(sheet_title("Indicators"))
    sheet_fill(indicators, columns=INDICATOR_COLUMNS, rows=indicator_rows(content))
    if content.get("risks"):
        risks = workbook.create_sheet(sheet_title("Risks"))
        sheet_fill(risks, columns=RISK_COLUMNS, rows=risk_rows(content))
    key = workbook.create_sheet("Key")
    sheet_fill(key, columns=KEY_COLUMNS, rows=key_rows(content))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
