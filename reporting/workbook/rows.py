"""A plan workbook's rows as the importer understood them, ready to be written: one dataclass per sheet's
row, each remembering its row number for messages, and :class:`PlanRows` holding the whole plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.values import ParsedValue
from plans.models import Plan
from serviceplans.periods import Period

from .wording import DueDate, MilestoneText, OfficerNames

__all__ = ["ActualRow", "IndicatorRow", "PlanRows", "ProgressRow", "TaskRow"]


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
