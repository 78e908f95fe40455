"""Importing a plan workbook: all or nothing.

The format is described in the template's Notes sheet (:mod:`reporting.workbook.template`). How the
importer decides where the issue leaves it open:

* **A new plan every time.** An import always creates a new draft plan. ``ID`` columns only link rows
  between the sheets of the same workbook (Progress and Actuals to Tasks and Indicators); they are never
  database ids, so a workbook exported from one system imports cleanly into another.
* **Units**: ``Council`` names a top-level unit (ignoring case); a council that does not exist is created.
  ``Directorate`` names a unit beneath the council (created as a directorate when missing). When
  ``Council`` is blank the directorate must name exactly one existing unit. A section is linked to a unit
  of the same name beneath the directorate when there is one.
* **Officers** are matched ignoring case and dots (``A. McCorkle`` = ``A McCorkle``), then by initial and
  surname when one of the two names gives only an initial and exactly one officer fits; the rest are
  created in the directorate and listed in the summary.
* **Frameworks**: columns headed ``Comm.``, ``LAA``, ``Corp.``, ``NRF``, ``CPA`` or ``BVPI``, or by the code
  of any framework in the system, hold an X (any mark except ``no``, ``n``, ``-`` or ``0``); one of the
  six standard frameworks missing from the system is created, with a warning.
* **Computed columns** the export adds (``RAG``, ``Symbol``, ``Target for period``) are ignored without
  a warning; any other unknown column is ignored with one.
* **Periods** named in Progress and Actuals (and the previous year, for ``Last year actual``) are created
  when missing: closed if they have ended, scheduled otherwise. No period is ever opened.
* **Last year actual** is recorded as the value for the whole of the year before the plan's first year.
* **Repeats**: a task repeated word for word in one section is imported twice, with a warning; a Progress
  row that then matches both is an error asking for the ``ID`` column. The same goes for indicators.
* **Percent complete** is a whole number from 0 to 100 (``50``, ``50%``); a fraction is rounded, with a
  warning.
* **Dry run**: everything is written inside a transaction that is then rolled back, so a dry run reports
  exactly what a real import would, and leaves nothing behind.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import DatabaseError, transaction
from django.utils.text import slugify
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Task, TaskOfficer
from indicators.models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Target
from indicators.values import (
    VALUE_DECIMAL_PLACES,
    VALUE_LIMIT,
    ParsedValue,
    infer_unit,
    parse_value,
    round_half_up,
    value_problem,
)
from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod
from plans.selectors import unit_tree
from serviceplans.periods import FinancialYear, Period, PeriodParseError

from .reader import Book, Problem, Row, Sheet, read_workbook, shown
from .risks_sheet import parse_risks, write_risks
from .wording import (
    DueDate,
    MilestoneText,
    OfficerNames,
    header_key,
    officer_initial_key,
    officer_key,
    read_due_date,
    read_milestones,
    split_officers,
)

__all__ = ["ImportResult", "plan_import", "COUNT_LABELS"]

#: The counts every summary shows, in order.
COUNT_LABELS = {
    "sections": "Sections",
    "objectives": "Objectives",
    "tasks": "Tasks",
    "milestones": "Milestones",
    "indicators": "Indicators",
    "targets": "Targets",
    "officers_created": "Officers created",
    "progress_updates": "Progress updates",
    "values": "Values",
    "risks": "Risks",
}

STANDARD_FRAMEWORKS = {
    "comm": ("Comm.", "Community plan"),
    "laa": ("LAA", "Local area agreement"),
    "corp": ("Corp.", "Corporate plan"),
    "nrf": ("NRF", "Neighbourhood renewal floor targets"),
    "cpa": ("CPA", "Comprehensive performance assessment"),
    "bvpi": ("BVPI", "Best value performance indicator"),
}
COMPUTED_COLUMNS = {"rag", "symbol", "targetforperiod", "periodtarget"}
IGNORED_SHEETS = {"notes", "lists", "readme"}
NOT_A_MARK = {"", "no", "n", "0", "false"}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    key: str
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()


TASK_COLUMNS = (
    Column("id", "ID"),
    Column("section", "Section", True),
    Column("category", "Category"),
    Column("objective", "Objective", aliases=("keyobjective",)),
    Column("reference", "Reference", aliases=("ref",)),
    Column("risk", "Risk"),
    Column("task", "Task", True, aliases=("keytask", "action")),
    Column(
        "officers",
        "Responsible Officer",
        aliases=("responsibleofficers", "officer", "officers", "leadofficer"),
    ),
    Column("note", "Responsibility note", aliases=("responsibility",)),
    Column("resources", "Resources"),
    Column("due", "Due Date", aliases=("due", "deadline", "targetdate")),
    Column("success", "Success criteria", aliases=("successmeasures", "successmeasure")),
    Column("milestones", "Milestones"),
)
INDICATOR_COLUMNS = (
    Column("id", "ID"),
    Column("section", "Section", True),
    Column(
        "name",
        "Key Performance Measure",
        True,
        aliases=("keyperformancemeasures", "measure", "indicator", "performanceindicator", "pi"),
    ),
    Column("reference", "Reference", aliases=("ref", "referencecode")),
    Column("frameworks", "Frameworks", aliases=("framework",)),
    Column("officers", "Responsible officer", aliases=("responsibleofficers", "officer", "officers")),
    Column("unit", "Unit"),
    Column("decimals", "Decimal places"),
    Column("polarity", "Polarity"),
    Column("tolerance", "Tolerance", aliases=("tolerancepercent",)),
    Column("last_target", "Last year target"),
    Column("last_actual", "Last year actual"),
)
PROGRESS_COLUMNS = (
    Column("id", "ID"),
    Column("section", "Section", True),
    Column("task", "Task", True, aliases=("keytask", "action")),
    Column("period", "Period", True),
    Column("percent", "Percent complete", True, aliases=("percentcomplete", "complete", "percent")),
    Column("status", "Status", True),
    Column("commentary", "Commentary", aliases=("comments", "comment", "commentsonprogress", "progress")),
)
ACTUAL_COLUMNS = (
    Column("id", "ID"),
    Column("section", "Section", True),
    Column(
        "name",
        "Key Performance Measure",
        True,
        aliases=("keyperformancemeasures", "measure", "indicator", "performanceindicator", "pi"),
    ),
    Column("period", "Period", True),
    Column("actual", "Actual", True, aliases=("value",)),
    Column("no_data", "No data reason", aliases=("reasonfornodata",)),
    Column("commentary", "Commentary", aliases=("comments", "comment", "note")),
)
PLAN_FIELDS = {
    "council": "Council",
    "directorate": "Directorate",
    "title": "Title",
    "firstyear": "First year",
    "years": "Years",
    "reportingfrequency": "Reporting frequency",
    "planowner": "Plan owner",
    "committee": "Committee",
}
PLAN_FIELD_ALIASES = {"department": "directorate", "frequency": "reportingfrequency", "owner": "planowner"}

CATEGORIES = {
    "": Task.Category.SERVICE_IMPROVEMENT,
    "serviceimprovement": Task.Category.SERVICE_IMPROVEMENT,
    "improvement": Task.Category.SERVICE_IMPROVEMENT,
    "si": Task.Category.SERVICE_IMPROVEMENT,
    "equalityanddiversity": Task.Category.EQUALITY_AND_DIVERSITY,
    "equalitydiversity": Task.Category.EQUALITY_AND_DIVERSITY,
    "equalities": Task.Category.EQUALITY_AND_DIVERSITY,
    "equality": Task.Category.EQUALITY_AND_DIVERSITY,
    "riskmanagement": Task.Category.RISK_MANAGEMENT,
    "risk": Task.Category.RISK_MANAGEMENT,
    "businesscontinuity": Task.Category.BUSINESS_CONTINUITY,
    "continuity": Task.Category.BUSINESS_CONTINUITY,
}
STATUSES = {
    "notstarted": ProgressStatus.NOT_STARTED,
    "green": ProgressStatus.GREEN,
    "ontrack": ProgressStatus.GREEN,
    "amber": ProgressStatus.AMBER,
    "red": ProgressStatus.RED,
    "completed": ProgressStatus.COMPLETED,
    "complete": ProgressStatus.COMPLETED,
    "done": ProgressStatus.COMPLETED,
    "notapplicable": ProgressStatus.NOT_APPLICABLE,
    "na": ProgressStatus.NOT_APPLICABLE,
}
POLARITIES = {
    "": Indicator.Polarity.HIGHER,
    "higher": Indicator.Polarity.HIGHER,
    "higherisbetter": Indicator.Polarity.HIGHER,
    "high": Indicator.Polarity.HIGHER,
    "lower": Indicator.Polarity.LOWER,
    "lowerisbetter": Indicator.Polarity.LOWER,
    "low": Indicator.Polarity.LOWER,
    "closest": Indicator.Polarity.CLOSEST,
    "closesttotargetisbest": Indicator.Polarity.CLOSEST,
    "closesttotarget": Indicator.Polarity.CLOSEST,
}
UNITS = {
    "percent": Indicator.Unit.PERCENT,
    "percentage": Indicator.Unit.PERCENT,
    "number": Indicator.Unit.NUMBER,
    "count": Indicator.Unit.NUMBER,
    "money": Indicator.Unit.MONEY,
    "pounds": Indicator.Unit.MONEY,
    "days": Indicator.Unit.DAYS,
    "day": Indicator.Unit.DAYS,
    "ratio": Indicator.Unit.RATIO,
    "text": Indicator.Unit.TEXT,
    "words": Indicator.Unit.TEXT,
}
FREQUENCIES = {
    "": Plan.Frequency.QUARTERLY,
    "quarterly": Plan.Frequency.QUARTERLY,
    "quarter": Plan.Frequency.QUARTERLY,
    "halfyearly": Plan.Frequency.HALF_YEARLY,
    "halfyear": Plan.Frequency.HALF_YEARLY,
    "sixmonthly": Plan.Frequency.HALF_YEARLY,
}
_OBJECTIVE_REF_RE = re.compile(
    r"^(?P<ref>\d{1,3}[a-z]?|[a-z])[.)]\s+(?P<text>\S.*)$", re.IGNORECASE | re.DOTALL
)


# -- the result -------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    dry_run: bool = False
    plan_slug: str = ""
    plan_title: str = ""
    plan_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_LABELS, 0))
    officers_created: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    periods_created: list[str] = field(default_factory=list)
    frameworks_created: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count_rows(self) -> list[tuple[str, int]]:
        return [
            (label, self.counts[key])
            for key, label in COUNT_LABELS.items()
            if key != "risks" or self.counts[key]  # risks only when the workbook has a Risks sheet with rows
        ]

    def summary_lines(self) -> list[str]:
        """The summary the command prints: the plan, the counts, what was created, then every warning."""
        lines = [f"Plan: {self.plan_slug}"]
        lines += [f"{label}: {count}" for label, count in self.count_rows()]
        for label, names in (
            ("New officers", self.officers_created),
            ("New units", self.units_created),
            ("New periods", self.periods_created),
            ("New frameworks", self.frameworks_created),
        ):
            if names:
                lines.append(f"{label}: {', '.join(names)}")
        lines.append(f"Warnings: {len(self.warnings)}")
        lines += [f"  {warning}" for warning in self.warnings]
        return lines


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.reason)
        self.problem = problem


class _DryRun(Exception):
    pass


# -- parsed rows ------------------------------------------------------------------------------------------


@dataclass
class TaskRow:
    row: int
    id: str
    section: str
    category: str
    objective: str
    reference: str
    risk: str
    text: str
    officers: OfficerNames
    resources: str
    due: DueDate
    milestones: tuple[MilestoneText, ...]
    success: str


@dataclass
class IndicatorRow:
    row: int
    id: str
    section: str
    name: str
    reference: str
    frameworks: list[str]  # keys of framework codes
    officers: OfficerNames
    unit: str
    decimal_places: int
    polarity: str
    tolerance: Decimal | None
    targets: dict[int, ParsedValue]
    last_actual: ParsedValue | None


@dataclass
class ProgressRow:
    row: int
    task: int  # index into tasks
    period: Period
    percent: int
    status: str
    commentary: str


@dataclass
class ActualRow:
    row: int
    indicator: int  # index into indicators
    period: Period
    value: ParsedValue
    no_data_reason: str
    commentary: str


@dataclass
class PlanRows:
    council: str = ""
    directorate: str = ""
    title: str = ""
    first_year: int = 0
    years: int = 1
    frequency: str = Plan.Frequency.QUARTERLY
    owner: OfficerNames = field(default_factory=OfficerNames)
    committee: str = ""
    sections: dict[str, str] = field(default_factory=dict)  # key -> title as first written
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    progress: list[ProgressRow] = field(default_factory=list)
    actuals: list[ActualRow] = field(default_factory=list)
    frameworks: dict[str, str] = field(default_factory=dict)  # key -> code as the system writes it
    risks: list = field(default_factory=list)  # risks_sheet.RiskRow: the Risks sheet (issue 17)


def text_key(value: str) -> str:
    """How section, task and measure texts are compared: spacing and case ignored."""
    return " ".join(value.split()).casefold()


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return shown(value)
    return str(value).strip()


# -- reading the sheets -----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, book: Book, known_frameworks: dict[str, str]):
        self.book = book
        self.errors = book.errors
        self.warnings = book.warnings
        self.known_frameworks = known_frameworks  # header key -> code
        self.data = PlanRows()
        self.task_ids: dict[str, int] = {}  # ID column value -> index into data.tasks
        self.indicator_ids: dict[str, int] = {}
        self._indexes: dict[int, dict[tuple[str, str], list[int]]] = {}  # (section, text) -> row indexes

    # helpers

    def error(self, sheet: Sheet | str, row: int | None, column: str, value: object, reason: str) -> None:
        name = sheet if isinstance(sheet, str) else sheet.name
        self.errors.append(Problem(sheet=name, row=row, column=column, value=shown(value), reason=reason))

    def warn(self, sheet: Sheet | str, row: int | None, column: str, value: object, reason: str) -> None:
        name = sheet if isinstance(sheet, str) else sheet.name
        self.warnings.append(Problem(sheet=name, row=row, column=column, value=shown(value), reason=reason))

    def limited(self, sheet: Sheet, row: Row, column: str, text: str, limit: int) -> str:
        if len(text) > limit:
            self.error(
                sheet, row.number, column, text, f"This is {len(text)} characters: the most is {limit}."
            )
            return text[:limit]
        return text

    def sheets(self) -> dict[str, Sheet]:
        found: dict[str, Sheet] = {}
        for sheet in self.book.sheets:
            key = header_key(sheet.name)
            if key in {"plan", "tasks", "indicators", "progress", "actuals", "risks"} and key not in found:
                found[key] = sheet
            elif key not in IGNORED_SHEETS:
                self.warn(sheet, None, "", sheet.name, "This sheet is not part of the format and is ignored.")
        return found

    def columns(self, sheet: Sheet, specs: tuple[Column, ...], other=None) -> dict[str, int] | None:
        """Column numbers by key; reports unknown and missing columns. None when a required one is missing."""
        lookup: dict[str, Column] = {}
        for spec in specs:
            lookup[header_key(spec.name)] = spec
            for alias in spec.aliases:
                lookup[alias] = spec
        found: dict[str, int] = {}
        for column, header in sheet.headers.items():
            key = header_key(header)
            spec = lookup.get(key)
            letter = _letter(column)
            if spec is not None:
                if spec.key in found:
                    self.warn(
                        sheet,
                        sheet.header_row,
                        letter,
                        header,
                        "A second column with this header is ignored.",
                    )
                else:
                    found[spec.key] = column
            elif (other is not None and other(column, header)) or key in COMPUTED_COLUMNS or not key:
                continue
            else:
                self.warn(sheet, sheet.header_row, letter, header, "Unknown column: it is ignored.")
        missing = [spec.name for spec in specs if spec.required and spec.key not in found]
        for name in missing:
            self.error(
                sheet,
                sheet.header_row or None,
                "",
                name,
                f"The required column “{name}” is missing from the header row.",
            )
        return None if missing else found

    # sheets

    def parse(self) -> PlanRows:
        sheets = self.sheets()
        for key, name in (("plan", "Plan"), ("tasks", "Tasks"), ("indicators", "Indicators")):
            if key not in sheets:
                self.error(name, None, "", "", f"The workbook has no “{name}” sheet: it is required.")
        if "plan" in sheets:
            self.parse_plan(sheets["plan"])
        if "tasks" in sheets:
            self.parse_tasks(sheets["tasks"])
        if "indicators" in sheets and self.data.first_year:
            self.parse_indicators(sheets["indicators"])
        if "progress" in sheets:
            self.parse_progress(sheets["progress"])
        if "actuals" in sheets:
            self.parse_actuals(sheets["actuals"])
        if "risks" in sheets:
            parse_risks(self, sheets["risks"])  # the risk register (risks_sheet.py)
        return self.data

    def parse_plan(self, sheet: Sheet) -> None:
        keys = {header_key(header): column for column, header in sheet.headers.items()}
        field_column = keys.get("field")
        value_column = keys.get("value")
        if field_column is None or value_column is None:
            self.error(
                sheet, sheet.header_row or None, "", "", "The Plan sheet needs two columns: Field and Value."
            )
            return
        given: dict[str, tuple[Row, object]] = {}
        for row in sheet.rows:
            label = row.values.get(field_column)
            key = header_key(label)
            key = PLAN_FIELD_ALIASES.get(key, key)
            if not key:
                continue
            if key not in PLAN_FIELDS:
                self.warn(sheet, row.number, _letter(field_column), label, "Unknown field: it is ignored.")
                continue
            given[key] = (row, row.values.get(value_column))
        value_letter = _letter(value_column)

        def text(key: str) -> str:
            return _as_text(given[key][1]) if key in given else ""

        def where(key: str) -> int | None:
            return given[key][0].number if key in given else None

        data = self.data
        data.council = text("council")
        data.directorate = text("directorate")
        data.title = text("title")
        data.committee = text("committee")[:200]
        for key in ("directorate", "title", "firstyear"):
            if not text(key):
                self.error(sheet, where(key), value_letter, "", f"“{PLAN_FIELDS[key]}” is required.")
        if len(data.title) > 300:
            self.error(sheet, where("title"), value_letter, data.title, "A title is at most 300 characters.")
        for key in ("council", "directorate"):
            if len(text(key)) > 200:
                self.error(
                    sheet, where(key), value_letter, text(key), "A unit's name is at most 200 characters."
                )
        first = given.get("firstyear", (None, None))[1]
        if isinstance(first, date):
            self.error(
                sheet,
                where("firstyear"),
                value_letter,
                first,
                "Excel has turned the year into a date. Format the cell as text and type the year "
                "as plans write it, such as 2007/08.",
            )
        elif first is not None:
            try:
                if (
                    isinstance(first, int | float)
                    and not isinstance(first, bool)
                    and float(first).is_integer()
                ):
                    data.first_year = FinancialYear(int(first)).start_year
                else:
                    data.first_year = FinancialYear.parse(_as_text(first)).start_year
            except (PeriodParseError, ValueError, TypeError) as problem:
                self.error(sheet, where("firstyear"), value_letter, first, str(problem))
        years = text("years")
        if years:
            if years in {"1", "2", "3"}:
                data.years = int(years)
            else:
                self.error(sheet, where("years"), value_letter, years, "Years must be 1, 2 or 3.")
        frequency = header_key(text("reportingfrequency"))
        if frequency in FREQUENCIES:
            data.frequency = FREQUENCIES[frequency]
        else:
            self.error(
                sheet,
                where("reportingfrequency"),
                value_letter,
                text("reportingfrequency"),
                "The reporting frequency must be Quarterly or Half-yearly.",
            )
        data.owner = split_officers(text("planowner"))
        if len(data.owner.names) > 1:
            self.warn(
                sheet,
                where("planowner"),
                value_letter,
                text("planowner"),
                "A plan has one owner: the first is used.",
            )

    def _section(self, sheet: Sheet, row: Row, column: int, register: bool) -> str | None:
        title = " ".join(_as_text(row.values.get(column)).split())
        if not title:
            self.error(sheet, row.number, _letter(column), "", "The section is required.")
            return None
        if len(title) > 200:
            self.error(
                sheet, row.number, _letter(column), title, "A section title is at most 200 characters."
            )
            return None
        key = text_key(title)
        if register:
            self.data.sections.setdefault(key, title)
        elif key not in self.data.sections:
            self.error(
                sheet,
                row.number,
                _letter(column),
                title,
                "There is no section of this name on the Tasks or Indicators sheet.",
            )
            return None
        return key

    def _note_identity(
        self,
        sheet: Sheet,
        row: Row,
        columns: dict[str, int],
        text_column: str,
        row_id: str,
        section_and_text: tuple[str, str],
        index: int,
        ids: dict[str, int],
        seen: dict[tuple[str, str], int],
    ) -> None:
        """Remember a task's or measure's ``ID`` (an error when used twice) and warn when the same words
        repeat an earlier row of the same section: real plans contain such repeats, so both are imported."""
        if row_id:
            if row_id in ids:
                self.error(sheet, row.number, _letter(columns["id"]), row_id, "This ID is used twice.")
            ids[row_id] = index
        section, text = section_and_text
        key = (section, text_key(text))
        if key in seen:
            noun = "task" if text_column == "task" else "measure"
            self.warn(
                sheet,
                row.number,
                _letter(columns[text_column]),
                text,
                f"This {noun} repeats row {seen[key]} word for word: both are imported.",
            )
        else:
            seen[key] = row.number

    def parse_tasks(self, sheet: Sheet) -> None:
        columns = self.columns(sheet, TASK_COLUMNS)
        if columns is None:
            return
        seen: dict[tuple[str, str], int] = {}
        ids: dict[str, int] = {}

        def cell(row: Row, key: str) -> str:
            return _as_text(row.values.get(columns[key])) if key in columns else ""

        for row in sheet.rows:
            section = self._section(sheet, row, columns["section"], register=True)
            text = cell(row, "task")
            if not text:
                self.error(sheet, row.number, _letter(columns["task"]), "", "The task is required.")
            if section is None or not text:
                continue
            category_text = cell(row, "category")
            category = CATEGORIES.get(header_key(category_text))
            if category is None:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["category"]),
                    category_text,
                    "The category must be Service improvement, Equality and diversity, Risk management or "
                    "Business continuity (blank means service improvement).",
                )
                category = Task.Category.SERVICE_IMPROVEMENT
            row_id = cell(row, "id")
            self._note_identity(
                sheet, row, columns, "task", row_id, (section, text), len(self.data.tasks), ids, seen
            )
            due_cell = row.values.get(columns["due"]) if "due" in columns else None
            due = read_due_date(due_cell)
            if due.warning:
                self.warn(sheet, row.number, _letter(columns["due"]), due_cell, due.warning)
            self.limited(sheet, row, _letter(columns.get("due", 0)), due.text, 300)
            officers = split_officers(cell(row, "officers"))
            if officers.warning:
                self.warn(sheet, row.number, _letter(columns["officers"]), officers.note, officers.warning)
            if cell(row, "note"):
                officers = OfficerNames(names=officers.names, note=cell(row, "note"))
            self._check_names(sheet, row, columns.get("officers"), officers)
            milestones = (
                read_milestones(cell(row, "milestones")) if cell(row, "milestones") else due.milestones
            )
            for step in milestones:
                self.limited(
                    sheet, row, _letter(columns.get("milestones", columns.get("due", 0))), step.name, 300
                )
            reference = self.limited(
                sheet, row, _letter(columns.get("reference", 0)), cell(row, "reference"), 20
            )
            self.data.tasks.append(
                TaskRow(
                    row=row.number,
                    id=row_id,
                    section=section,
                    category=category,
                    objective=cell(row, "objective"),
                    reference=reference,
                    risk=cell(row, "risk"),
                    text=text,
                    officers=officers,
                    resources=cell(row, "resources"),
                    due=due,
                    milestones=milestones,
                    success=cell(row, "success"),
                )
            )
        self.task_ids = ids

    def _check_names(self, sheet: Sheet, row: Row, column: int | None, officers: OfficerNames) -> None:
        for name in officers.names:
            if len(name) > 120:
                self.error(
                    sheet,
                    row.number,
                    _letter(column or 0),
                    name,
                    "An officer's name is at most 120 characters.",
                )
        if len(officers.note) > 300:
            self.error(
                sheet, row.number, _letter(column or 0), officers.note, "This is more than 300 characters."
            )

    def parse_indicators(self, sheet: Sheet) -> None:
        first_year = self.data.first_year
        plan_years = range(first_year, first_year + self.data.years)
        year_columns: dict[int, int] = {}  # column -> financial year
        framework_columns: dict[int, str] = {}  # column -> framework key
        outside: dict[int, str] = {}  # year columns outside the plan's years

        def other(column: int, header: str) -> bool:
            key = header_key(header)
            if key in self.known_frameworks or key in STANDARD_FRAMEWORKS:
                framework_columns[column] = key
                return True
            if re.fullmatch(r"\s*\d{2,4}\s*[/\-\u2013]\s*\d{1,4}\s*", header):
                try:
                    year = FinancialYear.parse(header).start_year
                except (PeriodParseError, ValueError):
                    return False
                if year not in plan_years:
                    outside[column] = header
                year_columns[column] = year
                return True
            return False

        columns = self.columns(sheet, INDICATOR_COLUMNS, other)
        if columns is None:
            return
        seen: dict[tuple[str, str], int] = {}
        ids: dict[str, int] = {}

        def cell(row: Row, key: str) -> str:
            return _as_text(row.values.get(columns[key])) if key in columns else ""

        for row in sheet.rows:
            section = self._section(sheet, row, columns["section"], register=True)
            name = cell(row, "name")
            if not name:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["name"]),
                    "",
                    "The key performance measure is required.",
                )
            if section is None or not name:
                continue
            self.limited(sheet, row, _letter(columns["name"]), name, 400)
            reference = self.limited(
                sheet, row, _letter(columns.get("reference", 0)), cell(row, "reference"), 40
            )
            row_id = cell(row, "id")
            self._note_identity(
                sheet, row, columns, "name", row_id, (section, name), len(self.data.indicators), ids, seen
            )

            frameworks: list[str] = []
            for column, framework in framework_columns.items():
                mark = _as_text(row.values.get(column))
                if mark.lower() not in NOT_A_MARK and framework not in frameworks:
                    frameworks.append(framework)
            for code in re.split(r"[,;/\n]+", cell(row, "frameworks")):
                framework = header_key(code)
                if not framework:
                    continue
                if framework in self.known_frameworks or framework in STANDARD_FRAMEWORKS:
                    if framework not in frameworks:
                        frameworks.append(framework)
                else:
                    self.warn(
                        sheet,
                        row.number,
                        _letter(columns["frameworks"]),
                        code.strip(),
                        "No framework has this code: it is ignored.",
                    )

            polarity_text = cell(row, "polarity")
            polarity = POLARITIES.get(header_key(polarity_text))
            if polarity is None:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["polarity"]),
                    polarity_text,
                    "Polarity must be “Higher is better”, “Lower is better” or “Closest to target is best”.",
                )
            tolerance = None
            tolerance_cell = row.values.get(columns["tolerance"]) if "tolerance" in columns else None
            if tolerance_cell is not None:
                parsed = parse_value(tolerance_cell)
                if not parsed.is_number or parsed.number < 0 or parsed.number >= 10_000:
                    self.error(
                        sheet,
                        row.number,
                        _letter(columns["tolerance"]),
                        tolerance_cell,
                        "The tolerance must be a percentage of the target, such as 2.5%.",
                    )
                else:
                    tolerance = round(parsed.number, 2)

            targets: dict[int, ParsedValue] = {}
            samples: list[object] = []
            if "last_target" in columns:
                targets[first_year - 1] = parse_value(row.values.get(columns["last_target"]))
                samples.append(row.values.get(columns["last_target"]))
            for column, year in year_columns.items():
                targets[year] = parse_value(row.values.get(column))
                samples.append(row.values.get(column))
            last_actual = None
            if "last_actual" in columns and row.values.get(columns["last_actual"]) is not None:
                last_actual = parse_value(row.values.get(columns["last_actual"]))
                samples.append(row.values.get(columns["last_actual"]))
                if last_actual.is_none:
                    last_actual = None  # "N/A", "-": nothing to record

            unit_text = cell(row, "unit")
            if unit_text:
                unit = UNITS.get(
                    "percent" if unit_text.strip() == "%" else "money" if unit_text.strip() == "£" else None
                ) or UNITS.get(_unit_key(unit_text))
                if unit is None:
                    self.error(
                        sheet,
                        row.number,
                        _letter(columns["unit"]),
                        unit_text,
                        "The unit must be %, number, £, days, ratio or text.",
                    )
                    unit = Indicator.Unit.NUMBER
            else:
                unit = str(infer_unit(samples))
            if unit == Indicator.Unit.TEXT:
                targets = {
                    year: parse_value(value.text or value.number, unit) for year, value in targets.items()
                }
            decimals_text = cell(row, "decimals")
            if decimals_text:
                if decimals_text in {"0", "1", "2", "3", "4"}:
                    decimal_places = int(decimals_text)
                else:
                    self.error(
                        sheet,
                        row.number,
                        _letter(columns["decimals"]),
                        decimals_text,
                        "Decimal places must be 0 to 4.",
                    )
                    decimal_places = 0
            else:
                decimal_places = _decimal_places([*targets.values(), last_actual])
            for year, value in targets.items():
                if value.is_number and abs(value.number) >= VALUE_LIMIT:
                    self.error(
                        sheet,
                        row.number,
                        "",
                        value.number,
                        f"The {year} target: {value_problem(value.number)}.",
                    )
                if value.is_text and len(value.text) > 300:
                    self.error(
                        sheet, row.number, "", value.text, f"The {year} target is more than 300 characters."
                    )
            officers = split_officers(cell(row, "officers"))
            if officers.warning:
                self.warn(sheet, row.number, _letter(columns["officers"]), officers.note, officers.warning)
            self._check_names(sheet, row, columns.get("officers"), officers)
            self.data.indicators.append(
                IndicatorRow(
                    row=row.number,
                    id=row_id,
                    section=section,
                    name=name,
                    reference=reference,
                    frameworks=frameworks,
                    officers=officers,
                    unit=unit,
                    decimal_places=decimal_places,
                    polarity=polarity or Indicator.Polarity.HIGHER,
                    tolerance=tolerance,
                    targets=targets,
                    last_actual=last_actual,
                )
            )
        self.indicator_ids = ids
        for column, header in outside.items():
            if any(row.values.get(column) is not None for row in sheet.rows):
                self.warn(
                    sheet,
                    sheet.header_row,
                    _letter(column),
                    header,
                    "This year is outside the plan's years: its targets are imported all the same.",
                )

    def _match(
        self,
        sheet: Sheet,
        row: Row,
        columns: dict[str, int],
        text_column: str,
        things: list,
        ids: dict[str, int],
        what: str,
    ) -> int | None:
        """Which task or indicator a Progress or Actuals row is about: by ID, else by section and text."""
        if "id" in columns and row.values.get(columns["id"]) is not None:
            row_id = _as_text(row.values.get(columns["id"]))
            if row_id not in ids:
                self.error(sheet, row.number, _letter(columns["id"]), row_id, f"No {what} has this ID.")
                return None
            return ids[row_id]
        section = self._section(sheet, row, columns["section"], register=False)
        text = _as_text(row.values.get(columns[text_column]))
        if not text:
            self.error(sheet, row.number, _letter(columns[text_column]), "", f"The {what} is required.")
            return None
        if section is None:
            return None
        index = self._indexes.get(id(things))
        if index is None:
            index = defaultdict(list)
            for number, thing in enumerate(things):
                index[(thing.section, _text_of(thing))].append(number)
            self._indexes[id(things)] = index
        matches = index.get((section, text_key(text)), [])
        if not matches:
            self.error(
                sheet,
                row.number,
                _letter(columns[text_column]),
                text,
                f"No {what} in section “{self.data.sections[section]}” has this text.",
            )
            return None
        if len(matches) > 1:
            rows = ", ".join(str(things[index].row) for index in matches)
            self.error(
                sheet,
                row.number,
                _letter(columns[text_column]),
                text,
                f"This matches {len(matches)} {what}s (rows {rows}) word for word. Add an ID column to both "
                f"sheets to say which one is meant.",
            )
            return None
        return matches[0]

    def _period(self, sheet: Sheet, row: Row, column: int) -> Period | None:
        value = row.values.get(column)
        try:
            return Period.parse(_as_text(value))
        except PeriodParseError as problem:
            self.error(sheet, row.number, _letter(column), value, str(problem))
            return None

    def parse_progress(self, sheet: Sheet) -> None:
        columns = self.columns(sheet, PROGRESS_COLUMNS)
        if columns is None:
            return
        seen: dict[tuple[int, Period], int] = {}
        for row in sheet.rows:
            task = self._match(sheet, row, columns, "task", self.data.tasks, self.task_ids, "task")
            period = self._period(sheet, row, columns["period"])
            percent_cell = row.values.get(columns["percent"])
            parsed = parse_value(percent_cell)
            percent = None
            if not parsed.is_number or not 0 <= parsed.number <= 100:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["percent"]),
                    percent_cell,
                    "Percent complete must be a number from 0 to 100.",
                )
            else:
                percent = int(parsed.number.to_integral_value(rounding="ROUND_HALF_UP"))
                if percent != parsed.number:
                    self.warn(
                        sheet,
                        row.number,
                        _letter(columns["percent"]),
                        percent_cell,
                        f"Rounded to {percent}%.",
                    )
            status_text = _as_text(row.values.get(columns["status"]))
            status = STATUSES.get(header_key(status_text))
            if status is None:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["status"]),
                    status_text,
                    "The status must be Not started, Green, Amber, Red, Completed or Not applicable.",
                )
            if task is None or period is None or percent is None or status is None:
                continue
            if (task, period) in seen:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["period"]),
                    period.label,
                    f"Row {seen[(task, period)]} already gives this task's progress for this period.",
                )
                continue
            seen[(task, period)] = row.number
            commentary = _as_text(row.values.get(columns["commentary"])) if "commentary" in columns else ""
            self.data.progress.append(ProgressRow(row.number, task, period, percent, status, commentary))

    def parse_actuals(self, sheet: Sheet) -> None:
        columns = self.columns(sheet, ACTUAL_COLUMNS)
        if columns is None:
            return
        seen: dict[tuple[int, Period], int] = {}
        for row in sheet.rows:
            indicator = self._match(
                sheet,
                row,
                columns,
                "name",
                self.data.indicators,
                self.indicator_ids,
                "measure",
            )
            period = self._period(sheet, row, columns["period"])
            if indicator is None or period is None:
                continue
            unit = self.data.indicators[indicator].unit
            actual_cell = row.values.get(columns["actual"])
            value = parse_value(actual_cell, unit)
            no_data = _as_text(row.values.get(columns["no_data"])) if "no_data" in columns else ""
            commentary = _as_text(row.values.get(columns["commentary"])) if "commentary" in columns else ""
            if value.is_number and abs(value.number) >= VALUE_LIMIT:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["actual"]),
                    actual_cell,
                    f"{value_problem(value.number)}.",
                )
                continue
            if value.is_number and value_problem(value.number):
                # More decimal places than are kept (often a spreadsheet's arithmetic): kept rounded, with a word.
                self.warn(
                    sheet,
                    row.number,
                    _letter(columns["actual"]),
                    actual_cell,
                    f"Kept to {VALUE_DECIMAL_PLACES} decimal places, as "
                    f"{round_half_up(value.number, VALUE_DECIMAL_PLACES):f}.",
                )
            if value.is_text and unit != Indicator.Unit.TEXT:
                self.warn(
                    sheet,
                    row.number,
                    _letter(columns["actual"]),
                    actual_cell,
                    "This is not a number: it is recorded as the reason there is no value.",
                )
                no_data = no_data or value.text
                value = parse_value(None)
            if value.is_none and not no_data:
                no_data = _as_text(actual_cell) or "Not reported"
            if len(no_data) > 300 or len(value.text) > 300:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["actual"]),
                    actual_cell,
                    "This is more than 300 characters.",
                )
                continue
            if (indicator, period) in seen:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["period"]),
                    period.label,
                    f"Row {seen[(indicator, period)]} already gives this measure's actual for this period.",
                )
                continue
            last_year = FinancialYear(self.data.first_year - 1).period() if self.data.first_year else None
            if period == last_year and self.data.indicators[indicator].last_actual is not None:
                self.error(
                    sheet,
                    row.number,
                    _letter(columns["period"]),
                    period.label,
                    "The Indicators sheet already gives this measure's last year actual.",
                )
                continue
            seen[(indicator, period)] = row.number
            self.data.actuals.append(ActualRow(row.number, indicator, period, value, no_data, commentary))


def _text_of(thing) -> str:
    return text_key(thing.text if isinstance(thing, TaskRow) else thing.name)


def _letter(column: int) -> str:
    return get_column_letter(column) if column else ""


def _unit_key(text: str) -> str:
    key = header_key(text)
    for word in ("percentage", "percent", "money", "number", "days", "ratio", "text"):
        if key.startswith(word):
            return word
    return key


def _decimal_places(values: list[ParsedValue | None]) -> int:
    places = 0
    for value in values:
        if value is not None and value.is_number:
            try:
                exponent = value.number.normalize().as_tuple().exponent
            except InvalidOperation:  # pragma: no cover - defensive
                continue
            if isinstance(exponent, int) and exponent < 0:
                places = max(places, -exponent)
    return min(places, 4)


# -- writing ----------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, data: PlanRows, result: ImportResult, user):
        self.data = data
        self.result = result
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.today = date.today()

    def unique_unit_slug(self, name: str) -> str:
        base = (slugify(name) or "unit")[:70]
        slug, number = base, 2
        while OrganisationUnit.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def units(self) -> tuple[OrganisationUnit, OrganisationUnit]:
        data = self.data
        if data.council:
            council = (
                OrganisationUnit.objects.filter(parent__isnull=True, name__iexact=data.council).first()
                or OrganisationUnit.objects.filter(
                    kind=OrganisationUnit.Kind.COUNCIL, name__iexact=data.council
                ).first()
            )
            if council is None:
                council = OrganisationUnit.objects.create(
                    name=data.council,
                    kind=OrganisationUnit.Kind.COUNCIL,
                    slug=self.unique_unit_slug(data.council),
                )
                self.result.units_created.append(data.council)
            tree = unit_tree()
            beneath = tree.descendant_ids(council.pk) - {council.pk}
            candidates = [
                unit
                for unit in OrganisationUnit.objects.filter(pk__in=beneath, name__iexact=data.directorate)
                if unit.pk in beneath
            ]
            candidates.sort(key=lambda unit: unit.parent_id != council.pk)
            if candidates:
                return council, candidates[0]
            if text_key(data.directorate) == text_key(council.name):
                return council, council  # a plan for the whole council
            directorate = OrganisationUnit.objects.create(
                name=data.directorate,
                kind=OrganisationUnit.Kind.DIRECTORATE,
                parent=council,
                slug=self.unique_unit_slug(data.directorate),
            )
            self.result.units_created.append(data.directorate)
            return council, directorate
        found = list(OrganisationUnit.objects.filter(name__iexact=data.directorate)[:2])
        if len(found) != 1:
            raise _Refused(
                Problem(
                    sheet="Plan",
                    column="Value",
                    value=data.directorate,
                    reason="Give the Council too: "
                    + (
                        "no unit has this name."
                        if not found
                        else "more than one unit has this name, in different councils."
                    ),
                )
            )
        directorate = found[0]
        return directorate.parent or directorate, directorate

    def write(self) -> None:
        data, result, counts = self.data, self.result, self.result.counts
        council, directorate = self.units()
        self.directorate = directorate
        self.officers_read()
        owner = self.officer(data.owner.names[0]) if data.owner.names else None
        plan = Plan.objects.create(
            title=data.title,
            slug=self.unique_plan_slug(directorate.name),
            unit=directorate,
            first_year=data.first_year,
            years=data.years,
            reporting_frequency=data.frequency,
            status=Plan.Status.DRAFT,
            committee=data.committee,
            owner=owner,
        )
        result.plan_slug, result.plan_title, result.plan_id = plan.slug, plan.title, plan.pk

        tree = unit_tree()
        beneath = tree.descendant_ids(directorate.pk)
        units_by_name: dict[str, OrganisationUnit] = {}
        for unit_id in beneath:
            units_by_name.setdefault(text_key(tree.units[unit_id].name), tree.units[unit_id])
        sections = {
            key: PlanSection(plan=plan, title=title, order=order, unit=units_by_name.get(key))
            for order, (key, title) in enumerate(data.sections.items(), start=1)
        }
        PlanSection.objects.bulk_create(sections.values())
        counts["sections"] = len(sections)

        objectives: dict[tuple[str, str], Objective] = {}
        for task in data.tasks:
            if task.objective and (task.section, text_key(task.objective)) not in objectives:
                match = _OBJECTIVE_REF_RE.match(task.objective)
                reference, text = (match["ref"], match["text"]) if match else ("", task.objective)
                objectives[(task.section, text_key(task.objective))] = Objective(
                    plan=plan,
                    section=sections[task.section],
                    reference=reference,
                    text=text,
                    order=len(objectives) + 1,
                )
        Objective.objects.bulk_create(objectives.values())
        counts["objectives"] = len(objectives)

        order_in_section: dict[str, int] = defaultdict(int)
        tasks = []
        for row in data.tasks:
            order_in_section[row.section] += 1
            due_date = row.due.due_date
            tasks.append(
                Task(
                    plan=plan,
                    section=sections[row.section],
                    objective=objectives.get((row.section, text_key(row.objective)))
                    if row.objective
                    else None,
                    reference=row.reference,
                    category=row.category,
                    text=row.text,
                    risk=row.risk,
                    responsibility_note=row.officers.note,
                    resources=row.resources,
                    due_date=due_date,
                    due_date_text=row.due.text,
                    ongoing=row.due.ongoing,
                    success_criteria=row.success,
                    order=order_in_section[row.section],
                )
            )
        tasks = bulk_create_with_history(tasks, Task, default_user=self.user)
        counts["tasks"] = len(tasks)
        links, milestones = [], []
        for task, row in zip(tasks, data.tasks, strict=True):
            for order, name in enumerate(row.officers.names):
                links.append(TaskOfficer(task=task, officer=self.officer(name), order=order))
            for order, step in enumerate(row.milestones, start=1):
                milestones.append(
                    Milestone(
                        task=task,
                        name=step.name,
                        due_date=step.due_date,
                        due_date_text=step.due_date_text[:100],
                        order=order,
                    )
                )
        TaskOfficer.objects.bulk_create(links)
        Milestone.objects.bulk_create(milestones)
        counts["milestones"] = len(milestones)

        frameworks = self.frameworks()
        order_in_section.clear()
        indicators = []
        for row in data.indicators:
            order_in_section[row.section] += 1
            indicators.append(
                Indicator(
                    plan=plan,
                    section=sections[row.section],
                    name=row.name,
                    reference_code=row.reference,
                    unit=row.unit,
                    decimal_places=row.decimal_places,
                    polarity=row.polarity,
                    tolerance_percent=row.tolerance,
                    order=order_in_section[row.section],
                )
            )
        indicators = bulk_create_with_history(indicators, Indicator, default_user=self.user)
        counts["indicators"] = len(indicators)
        through = Indicator.frameworks.through
        memberships, officer_links, targets = [], [], []
        periods = self.periods()
        values = []
        for indicator, row in zip(indicators, data.indicators, strict=True):
            memberships += [
                through(indicator_id=indicator.pk, framework_id=frameworks[key].pk) for key in row.frameworks
            ]
            for order, name in enumerate(row.officers.names):
                officer_links.append(
                    IndicatorOfficer(indicator=indicator, officer=self.officer(name), order=order)
                )
            for year, value in row.targets.items():
                if value.is_none:
                    continue
                targets.append(
                    Target(
                        indicator=indicator,
                        financial_year=year,
                        value=value.number if value.is_number else None,
                        text="" if value.is_number else value.text,
                    )
                )
            if row.last_actual is not None:
                values.append(
                    self.value(
                        indicator,
                        periods[FinancialYear(data.first_year - 1).period()],
                        row.last_actual,
                        "",
                        "",
                    )
                )
        through.objects.bulk_create(memberships)
        IndicatorOfficer.objects.bulk_create(officer_links)
        bulk_create_with_history(targets, Target, default_user=self.user)
        counts["targets"] = len(targets)

        updates = [
            ProgressUpdate(
                task=tasks[row.task],
                period=periods[row.period],
                percent_complete=row.percent,
                status=row.status,
                commentary=row.commentary,
                updated_by=self.user,
            )
            for row in data.progress
        ]
        bulk_create_with_history(updates, ProgressUpdate, default_user=self.user)
        counts["progress_updates"] = len(updates)
        values += [
            self.value(
                indicators[row.indicator], periods[row.period], row.value, row.no_data_reason, row.commentary
            )
            for row in data.actuals
        ]
        bulk_create_with_history(values, IndicatorValue, default_user=self.user)
        counts["values"] = len(values)
        counts["risks"] = write_risks(self, plan, sections, tasks, indicators)
        counts["officers_created"] = len(result.officers_created)

    def value(self, indicator, period, parsed: ParsedValue, no_data: str, commentary: str) -> IndicatorValue:
        if parsed.is_text and indicator.unit != Indicator.Unit.TEXT:
            parsed, no_data = parse_value(None), no_data or parsed.text  # words where a number belongs
        return IndicatorValue(
            indicator=indicator,
            period=period,
            value=parsed.number if parsed.is_number else None,
            text_value=parsed.text if parsed.is_text else "",
            no_data_reason="" if not parsed.is_none else (no_data or "Not reported"),
            note=commentary,
            entered_by=self.user,
        )

    def unique_plan_slug(self, unit_name: str) -> str:
        data = self.data
        years = (
            f"{data.first_year}-{(data.first_year + 1) % 100:02d}"
            if data.years == 1
            else f"{data.first_year}-{data.first_year + data.years}"
        )
        base = f"{slugify(unit_name)[:100]}-{years}".strip("-")
        slug, number = base, 2
        taken = set(Plan.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def officers_read(self) -> None:
        self.by_key: dict[str, Officer] = {}
        self.by_initial: dict[str, list[Officer]] = defaultdict(list)
        for officer in Officer.objects.only("pk", "name").order_by("pk"):
            self.remember(officer)

    def remember(self, officer: Officer) -> None:
        self.by_key.setdefault(officer_key(officer.name), officer)
        initial = officer_initial_key(officer.name)
        if initial:
            self.by_initial[initial].append(officer)

    def officer(self, name: str) -> Officer:
        key = officer_key(name)
        if key in self.by_key:
            return self.by_key[key]
        initial = officer_initial_key(name)
        if initial:
            first = key.split()[0]
            candidates = {
                officer.pk: officer
                for officer in self.by_initial.get(initial, [])
                if len(first) == 1 or len(officer_key(officer.name).split()[0]) == 1
            }
            if len(candidates) == 1:
                officer = next(iter(candidates.values()))
                self.by_key[key] = officer
                return officer
        officer = Officer.objects.create(name=name, unit=self.directorate)
        self.result.officers_created.append(name)
        self.remember(officer)
        return officer

    def frameworks(self) -> dict[str, Framework]:
        wanted = {key for row in self.data.indicators for key in row.frameworks}
        found = {header_key(framework.code): framework for framework in Framework.objects.all()}
        for key in sorted(wanted - set(found)):
            code, name = STANDARD_FRAMEWORKS[key]
            found[key] = Framework.objects.create(code=code, name=name)
            self.result.frameworks_created.append(code)
            self.result.warnings.append(
                Problem(
                    sheet="Indicators",
                    value=code,
                    reason="This framework was not in the system: it was created.",
                )
            )
        return found

    def periods(self) -> dict[Period, ReportingPeriod]:
        wanted = {row.period for row in self.data.progress} | {row.period for row in self.data.actuals}
        if any(row.last_actual is not None for row in self.data.indicators):
            wanted.add(FinancialYear(self.data.first_year - 1).period())
        found: dict[Period, ReportingPeriod] = {}
        years = {period.year.start_year for period in wanted}
        for period in ReportingPeriod.objects.filter(financial_year__in=years):
            found[period.period] = period
        for period in sorted(wanted - set(found)):
            state = (
                ReportingPeriod.State.CLOSED if period.end < self.today else ReportingPeriod.State.SCHEDULED
            )
            found[period] = ReportingPeriod.objects.create(
                financial_year=period.year.start_year,
                kind=period.kind.value,
                number=period.number,
                state=state,
            )
            self.result.periods_created.append(period.label)
        return found


# -- the service ------------------------------------------------------------------------------------------


def _known_frameworks() -> dict[str, str]:
    return {header_key(code): code for code in Framework.objects.values_list("code", flat=True)}


def plan_import(*, workbook_bytes: bytes, dry_run: bool = False, user=None) -> ImportResult:
    """Import a plan workbook as a new draft plan, all or nothing.

    Returns what was (or, with ``dry_run``, would be) created, with every warning; when anything is wrong
    the result carries the errors and nothing is written. Never raises for a bad file. Each import (and
    each preview) is logged with its outcome.
    """
    started = time.perf_counter()
    result = _plan_import(workbook_bytes=workbook_bytes, dry_run=dry_run, user=user)
    outcome = "refused" if result.errors else "checked" if dry_run else "imported"
    logger.log(
        logging.WARNING if result.errors and not dry_run else logging.INFO,
        "Plan workbook %s: %d errors, %d warnings",
        outcome,
        len(result.errors),
        len(result.warnings),
        extra={
            "event": "plan_import" if not dry_run else "plan_import_preview",
            "outcome": outcome,
            "plan_id": result.plan_id,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "bytes": len(workbook_bytes),
            "duration_ms": round((time.perf_counter() - started) * 1000),
            "by_user_id": getattr(user, "pk", None),
        },
    )
    return result


@transaction.atomic
def _plan_import(*, workbook_bytes: bytes, dry_run: bool, user) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    book = read_workbook(workbook_bytes)
    result.warnings = book.warnings
    result.errors = book.errors
    if book.errors:
        return result
    data = _Parser(book, _known_frameworks()).parse()
    result.warnings, result.errors = book.warnings, book.errors
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _Writer(data, result, user).write()
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.plan_id = None
    except _Refused as refused:
        result.errors.append(refused.problem)
    except DatabaseError as error:
        result.errors.append(Problem(reason=f"The plan could not be saved: {error}"))
    if result.errors:
        result.counts = dict.fromkeys(COUNT_LABELS, 0)
        result.officers_created, result.units_created, result.periods_created = [], [], []
        result.frameworks_created = []
    return result
