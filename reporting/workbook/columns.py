"""The plan workbook's sheets and columns, spelled once: the blank template, the export, the importer and
the sample workbook all take their headers from here.

Each :class:`Column` says what its header is, which other headers mean the same (compared as
:func:`~.wording.header_key` gives them: ``Comm.`` is ``comm``), whether the importer requires it, how
wide the template and the export make it, whether the blank template has it (the export writes every
column the importer reads, with IDs), and whether the export computes it (shaded; ignored on import).

Two kinds of column are not listed, because their headers depend on the plan: one column per framework
on the Indicators sheet (where the ``Frameworks`` column stands, headed by the framework's code and
holding an X) and one column of annual targets per year, headed by the year (``2007/08``).

This module is plain Python with no Django or database dependency, so the sample workbook's script can
use it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .wording import header_key

__all__ = [
    "ACTUAL_COLUMNS",
    "COMPUTED_HEADERS",
    "INDICATOR_COLUMNS",
    "PLAN_FIELDS",
    "PLAN_SHEET_COLUMNS",
    "PROGRESS_COLUMNS",
    "RISK_COLUMNS",
    "RISK_LEVELS",
    "STANDARD_FRAMEWORKS",
    "TASK_COLUMNS",
    "Column",
    "headers",
    "indicator_headers",
    "plan_field_key",
    "width_of",
]

PLAN = "Plan"
TASKS = "Tasks"
INDICATORS = "Indicators"
PROGRESS = "Progress"
ACTUALS = "Actuals"
RISKS = "Risks"
NOTES = "Notes"
#: The sheets the importer reads, and those it must find.
SHEETS = (PLAN, TASKS, INDICATORS, PROGRESS, ACTUALS, RISKS)
REQUIRED_SHEETS = (PLAN, TASKS, INDICATORS)
#: Sheets the importer passes over without a warning.
IGNORED_SHEETS = {"notes", "lists", "readme"}


@dataclass(frozen=True)
class Column:
    key: str
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int | None = None  # characters; None: as wide as the header (at least 10)
    in_template: bool = True
    computed: bool = False
    written: bool = True  # False: read when present, never written (the Frameworks list column)

    @property
    def shown_width(self) -> int:
        return self.width or max(10, len(self.name) + 2)


# -- the Plan sheet: a Field and a Value column, a row per field ---------------------------------------------

PLAN_SHEET_COLUMNS = (Column("field", "Field", True, width=22), Column("value", "Value", True, width=60))
PLAN_FIELDS = (
    Column("council", "Council"),
    Column("directorate", "Directorate", True, aliases=("department",)),
    Column("title", "Title", True),
    Column("firstyear", "First year", True),
    Column("years", "Years"),
    Column("reportingfrequency", "Reporting frequency", aliases=("frequency",)),
    Column("planowner", "Plan owner", aliases=("owner",)),
    Column("committee", "Committee", in_template=False),
)


def plan_field_key(label: object) -> str:
    """The field a Plan sheet row names (``"reportingfrequency"``), or its header key when it names none."""
    key = header_key(label)
    for field in PLAN_FIELDS:
        if key in field.aliases:
            return field.key
    return key


# -- the list sheets --------------------------------------------------------------------------------------

_ID = Column("id", "ID", width=8, in_template=False)
_SECTION = Column("section", "Section", True, width=24)
_MEASURE = Column(
    "name",
    "Key Performance Measure",
    True,
    aliases=("keyperformancemeasures", "measure", "indicator", "performanceindicator", "pi"),
    width=50,
)
_TASK = Column("task", "Task", True, aliases=("keytask", "action"), width=50)

TASK_COLUMNS = (
    _ID,
    _SECTION,
    Column("category", "Category", width=22),
    Column("objective", "Objective", aliases=("keyobjective",), width=36),
    Column("reference", "Reference", aliases=("ref",), width=11, in_template=False),
    Column("risk", "Risk", width=28),
    _TASK,
    Column(
        "officers",
        "Responsible Officer",
        aliases=("responsibleofficers", "officer", "officers", "leadofficer"),
        width=24,
    ),
    Column("note", "Responsibility note", aliases=("responsibility",), width=30, in_template=False),
    Column("resources", "Resources", width=22),
    Column("due", "Due Date", aliases=("due", "deadline", "targetdate"), width=22),
    Column("success", "Success criteria", aliases=("successmeasures", "successmeasure"), width=36),
    Column("milestones", "Milestones", width=36, in_template=False),
)
INDICATOR_COLUMNS = (
    _ID,
    _SECTION,
    _MEASURE,
    Column("reference", "Reference", aliases=("ref", "referencecode"), width=11, in_template=False),
    Column("frameworks", "Frameworks", aliases=("framework",), written=False),
    Column(
        "officers", "Responsible officer", aliases=("responsibleofficers", "officer", "officers"), width=24
    ),
    Column("unit", "Unit", width=10),
    Column("decimals", "Decimal places", width=10, in_template=False),
    Column("polarity", "Polarity", width=18),
    Column("tolerance", "Tolerance", aliases=("tolerancepercent",), width=11),
    Column("last_target", "Last year target", width=12),
    Column("last_actual", "Last year actual", width=12),
)
PROGRESS_COLUMNS = (
    _ID,
    _SECTION,
    _TASK,
    Column("period", "Period", True, width=13),
    Column("percent", "Percent complete", True, aliases=("percentcomplete", "complete", "percent"), width=11),
    Column("status", "Status", True, width=15),
    Column(
        "commentary",
        "Commentary",
        aliases=("comments", "comment", "commentsonprogress", "progress"),
        width=50,
    ),
)
ACTUAL_COLUMNS = (
    _ID,
    _SECTION,
    _MEASURE,
    Column("period", "Period", True, width=13),
    Column("actual", "Actual", True, aliases=("value",), width=12),
    Column("no_data", "No data reason", aliases=("reasonfornodata",), width=24, in_template=False),
    Column("commentary", "Commentary", aliases=("comments", "comment", "note"), width=50),
    Column(
        "period_target",
        "Target for period",
        aliases=("periodtarget",),
        width=12,
        in_template=False,
        computed=True,
    ),
    Column("rag", "RAG", width=11, in_template=False, computed=True),
    Column("symbol", "Symbol", width=28, in_template=False, computed=True),
)

#: The six standard frameworks, by header key: the code a column is headed by, and the framework's name.
STANDARD_FRAMEWORKS = {
    "comm": ("Comm.", "Community plan"),
    "laa": ("LAA", "Local area agreement"),
    "corp": ("Corp.", "Corporate plan"),
    "nrf": ("NRF", "Neighbourhood renewal floor targets"),
    "cpa": ("CPA", "Comprehensive performance assessment"),
    "bvpi": ("BVPI", "Best value performance indicator"),
}

# -- the Risks sheet (risks_sheet.py) ---------------------------------------------------------------------

RISK_LEVELS = (
    ("inherent_likelihood", "Inherent likelihood"),
    ("inherent_impact", "Inherent impact"),
    ("current_likelihood", "Current likelihood"),
    ("current_impact", "Current impact"),
    ("target_likelihood", "Target likelihood"),
    ("target_impact", "Target impact"),
)
RISK_COLUMNS = (
    Column("reference", "Reference", True, aliases=("ref",), width=11),
    Column("title", "Risk", True, aliases=("title", "risktitle"), width=28),
    Column("section", "Section", width=24),
    Column("category", "Category", True, width=22),
    Column("cause", "Cause"),
    Column("effect", "Effect", aliases=("consequence",)),
    Column("owners", "Owners", True, aliases=("owner", "riskowner", "riskowners")),
    Column("controls", "Existing controls", aliases=("controls",)),
    Column("further", "Further actions", aliases=("actions", "furtheraction")),
    *[Column(key, name, True) for key, name in RISK_LEVELS],
    Column("review", "Review date", aliases=("nextreview",)),
    Column("status", "Status", width=15),
    Column("closed_reason", "Reason closed", aliases=("closedreason", "reasonforclosing")),
    Column("tasks", "Task IDs", aliases=("tasks", "taskid")),
    Column("indicators", "Indicator IDs", aliases=("indicators", "indicatorid")),
)

#: Headers of computed columns, ignored without a warning on any sheet.
COMPUTED_HEADERS = {
    key for column in ACTUAL_COLUMNS if column.computed for key in (header_key(column.name), *column.aliases)
}


def headers(columns: Sequence[Column], *, template: bool = False) -> list[str]:
    """A sheet's headers in order: those the export writes, or with ``template`` the blank template's."""
    return [column.name for column in columns if column.written and (column.in_template or not template)]


def indicator_headers(
    frameworks: Sequence[str], years: Sequence[str], *, template: bool = False
) -> list[str]:
    """The Indicators sheet's headers: a column per framework code where the Frameworks column stands, and
    a column per year of targets at the end."""
    split = [column.key for column in INDICATOR_COLUMNS].index("frameworks")
    return [
        *headers(INDICATOR_COLUMNS[:split], template=template),
        *frameworks,
        *headers(INDICATOR_COLUMNS[split + 1 :], template=template),
        *years,
    ]


def width_of(header: str, columns: Sequence[Column] = ()) -> int:
    """How wide a header's column is: as its column says, else as wide as the header (at least 10)."""
    for column in columns:
        if column.name == header:
            return column.shown_width
    return max(10, len(header) + 2)
