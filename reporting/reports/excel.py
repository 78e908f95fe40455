"""A committee report as an Excel workbook: the same content as the paper, one sheet of tasks and one of
indicators, following the rules of :mod:`serviceplans.xlsx` (real numbers and dates, status words with fills,
frozen header, autofilter, columns as wide as their content)."""

from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook

from indicators.rules import Direction, Symbol
from indicators.values import excel_number_format
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
                        NumberCell(number, excel_number_format(pi["unit"], pi["decimal_places"]))
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
    """The report's tasks and indicators as an .xlsx file with the sheets “Tasks” and “Indicators”."""
    workbook = Workbook()
    workbook.properties.title = content["report"]["title"]
    workbook.properties.creator = content["council"]
    tasks = workbook.active
    tasks.title = "Tasks"
    sheet_fill(tasks, columns=TASK_COLUMNS, rows=task_rows(content))
    indicators = workbook.create_sheet(sheet_title("Indicators"))
    sheet_fill(indicators, columns=INDICATOR_COLUMNS, rows=indicator_rows(content))
    if content.get("risks"):
        risks = workbook.create_sheet(sheet_title("Risks"))
        sheet_fill(risks, columns=RISK_COLUMNS, rows=risk_rows(content))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
