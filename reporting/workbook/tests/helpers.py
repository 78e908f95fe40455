"""Building workbooks in tests."""

from io import BytesIO

from openpyxl import Workbook

PLAN_ROWS = [
    ["Field", "Value"],
    ["Council", "Millbrook Council"],
    ["Directorate", "Chief Executive's Directorate"],
    ["Title", "Chief Executive's Service Plan"],
    ["First year", "2007/08"],
    ["Years", 3],
    ["Reporting frequency", "Quarterly"],
    ["Plan owner", "A. McCorkle"],
]
TASK_HEADER = [
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
INDICATOR_HEADER = [
    "Section",
    "Key Performance Measure",
    "Comm.",
    "LAA",
    "Corp.",
    "NRF",
    "CPA",
    "BVPI",
    "Responsible officer",
    "Polarity",
    "Tolerance",
    "Last year target",
    "Last year actual",
    "2007/08",
    "08/09",
    "09/10",
]
PROGRESS_HEADER = ["Section", "Task", "Period", "Percent complete", "Status", "Commentary"]
ACTUAL_HEADER = ["Section", "Key Performance Measure", "Period", "Actual", "Commentary"]


def task(section="Economic Development", text="Review the employment areas", **extra) -> list:
    values = {
        "Section": section,
        "Category": "",
        "Objective": "1. To encourage investment in the city",
        "Risk": "",
        "Task": text,
        "Responsible Officer": "A. McCorkle",
        "Resources": "Officer time",
        "Due Date": "By April 2008",
        "Success criteria": "Review reported to Cabinet",
    }
    values.update(extra)
    return [values[header] for header in TASK_HEADER]


def indicator(section="Economic Development", name="Business enquiries", **extra) -> list:
    values = dict.fromkeys(INDICATOR_HEADER, None)
    values.update(
        {
            "Section": section,
            "Key Performance Measure": name,
            "LAA": "X",
            "Responsible officer": "B. Jones",
            "Polarity": "Higher is better",
            "Tolerance": "2.5%",
            "Last year target": 600,
            "Last year actual": 612,
            "2007/08": 650,
            "08/09": 700,
            "09/10": "Dependent on available funds",
        }
    )
    values.update(extra)
    return [values[header] for header in INDICATOR_HEADER]


def sheets(*, tasks=None, indicators=None, progress=None, actuals=None, plan=None) -> dict:
    result = {
        "Plan": plan if plan is not None else PLAN_ROWS,
        "Tasks": [TASK_HEADER, *(tasks if tasks is not None else [task()])],
        "Indicators": [INDICATOR_HEADER, *(indicators if indicators is not None else [indicator()])],
    }
    if progress is not None:
        result["Progress"] = [PROGRESS_HEADER, *progress]
    if actuals is not None:
        result["Actuals"] = [ACTUAL_HEADER, *actuals]
    return result


def workbook_bytes(content: dict, *, edit=None) -> bytes:
    """A workbook with a sheet per key, rows as lists; ``edit(workbook)`` may change it before saving."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in content.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_workbook(**kwargs) -> bytes:
    return workbook_bytes(sheets(**kwargs))
