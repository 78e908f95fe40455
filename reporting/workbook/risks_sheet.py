"""The plan workbook's ``Risks`` sheet: the risk register of the plan, exported and imported with the same
rules as the other sheets (every problem named by sheet, row, column and value; nothing written unless
the whole workbook is right).

* **Columns**: Reference, Risk, Section, Category, Cause, Effect, Owners (``A. Hardy / K. Marsh``),
  Existing controls, Further actions, the six levels (Inherent, Current and Target likelihood and impact,
  whole numbers on the council's matrix), Review date, Status (Open or Closed), Reason closed, Task IDs and
  Indicator IDs (the ``ID`` values of rows on the Tasks and Indicators sheets, separated by commas).
* **Required**: Reference, Risk, Category (one of the council's risk categories), at least one owner, and
  every level. A closed risk needs its reason. A reference may appear once on the sheet.
* **Where a risk is held**: the unit of its Section when the section is linked to one, else the plan's
  directorate. Each risk belongs to the new plan.
* **A reference already used** by a risk in the system is imported with “(2)”, “(3)”… added, with a
  warning, since an import always makes a new draft plan (its tasks are new rows too).
* **Owners** are matched and created like responsible officers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from actions.models import Task
from indicators.models import Indicator
from plans.models import Plan, PlanSection
from risks import rules
from risks.models import Risk, RiskCategory, RiskMatrix, RiskOwner

from .columns import RISK_COLUMNS, RISK_LEVELS, RISKS
from .reader import Problem, cell_text, column_letter
from .wording import OfficerNames, header_key, split_officers


@dataclass
class RiskRow:
    row: int
    reference: str
    title: str
    section: str  # section key, or "" for the plan's directorate
    category: RiskCategory
    cause: str
    effect: str
    owners: OfficerNames
    controls: str
    further_actions: str
    levels: dict[str, int]
    review_date: date | None
    closed_reason: str
    tasks: list[int] = field(default_factory=list)  # indexes into the parsed tasks
    indicators: list[int] = field(default_factory=list)


def _date(value) -> date | None | str:
    """A date cell: a real date, or text like 31/03/2027 or 2027-03-31; the text itself when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


def parse_risks(parser, sheet) -> None:
    """Read the Risks sheet into ``parser.data.risks``, reporting every problem on the parser."""
    found = parser.columns(sheet, RISK_COLUMNS)
    if found is None:
        return
    matrix = RiskMatrix.load().as_rules()
    categories = {header_key(c.name): c for c in RiskCategory.objects.filter(active=True)}
    seen: dict[str, int] = {}

    def cell(row, key: str) -> str:
        return cell_text(row.values.get(found[key])) if key in found else ""

    def letter(key: str) -> str:
        return column_letter(found.get(key, 0))

    for row in sheet.rows:
        problems_before = len(parser.errors)
        reference = cell(row, "reference")
        if not reference:
            parser.error(sheet, row.number, letter("reference"), "", "The risk's reference is required.")
        elif len(reference) > 20:
            parser.error(
                sheet, row.number, letter("reference"), reference, "A reference is at most 20 characters."
            )
        elif reference.casefold() in seen:
            parser.error(
                sheet,
                row.number,
                letter("reference"),
                reference,
                f"This reference is already used on row {seen[reference.casefold()]}: each risk needs its own.",
            )
        else:
            seen[reference.casefold()] = row.number
        title = cell(row, "title")
        if not title:
            parser.error(sheet, row.number, letter("title"), "", "The risk is required.")
        title = parser.limited(sheet, row, letter("title"), title, 300)
        section = ""
        if cell(row, "section"):
            section = parser.section(sheet, row, found["section"], register=False) or ""
        category_text = cell(row, "category")
        category = categories.get(header_key(category_text))
        if category is None:
            names = ", ".join(c.name for c in categories.values())
            parser.error(
                sheet, row.number, letter("category"), category_text, f"The category must be one of: {names}."
            )
        owners = split_officers(cell(row, "owners"))
        if not owners.names:
            parser.error(sheet, row.number, letter("owners"), "", "Name at least one owner.")
        parser.check_names(sheet, row, found.get("owners"), owners)
        levels: dict[str, int] = {}
        for key, name in RISK_LEVELS:
            raw = row.values.get(found[key])
            number = _whole(raw)
            if number is None or not 1 <= number <= matrix.size:
                parser.error(
                    sheet,
                    row.number,
                    letter(key),
                    raw,
                    f"{name} must be a whole number from 1 to {matrix.size} (the council's matrix).",
                )
            else:
                levels[key] = number
        review = _date(row.values.get(found["review"])) if "review" in found else None
        if isinstance(review, str):
            parser.error(
                sheet, row.number, letter("review"), review, "The review date must be a date like 31/03/2027."
            )
            review = None
        status = header_key(cell(row, "status")) or "open"
        closed_reason = cell(row, "closed_reason")
        if status not in ("open", "closed"):
            parser.error(
                sheet, row.number, letter("status"), cell(row, "status"), "The status must be Open or Closed."
            )
        elif status == "closed" and not closed_reason:
            parser.error(
                sheet,
                row.number,
                letter("closed_reason"),
                "",
                "A closed risk needs the reason it was closed.",
            )
        tasks = _ids(parser, sheet, row, letter("tasks"), cell(row, "tasks"), parser.task_ids, "Tasks")
        indicators = _ids(
            parser,
            sheet,
            row,
            letter("indicators"),
            cell(row, "indicators"),
            parser.indicator_ids,
            "Indicators",
        )
        if len(parser.errors) > problems_before:
            continue
        parser.data.risks.append(
            RiskRow(
                row=row.number,
                reference=reference,
                title=title,
                section=section,
                category=category,
                cause=cell(row, "cause"),
                effect=cell(row, "effect"),
                owners=owners,
                controls=cell(row, "controls"),
                further_actions=cell(row, "further"),
                levels=levels,
                review_date=review,
                closed_reason=closed_reason if status == "closed" else "",
                tasks=tasks,
                indicators=indicators,
            )
        )


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _ids(parser, sheet, row, column: str, text: str, known: dict[str, int], sheet_name: str) -> list[int]:
    indexes = []
    for part in (p.strip() for p in re.split(r"[,;/]", text) if p.strip()):
        key = part[:-2] if part.endswith(".0") else part
        if key not in known:
            parser.error(
                sheet,
                row.number,
                column,
                part,
                f"There is no row with the ID {part} on the {sheet_name} sheet.",
            )
        else:
            indexes.append(known[key])
    return indexes


def write_risks(
    writer, plan: Plan, sections: dict[str, PlanSection], tasks: list[Task], indicators: list[Indicator]
) -> int:
    """Create the parsed risks for the new ``plan``; returns how many."""
    rows = writer.data.risks
    if not rows:
        return 0
    taken = set(Risk.objects.values_list("reference", flat=True))
    for row in rows:
        reference = row.reference
        if reference in taken:
            number = 2
            while f"{row.reference[:15]} ({number})" in taken:
                number += 1
            reference = f"{row.reference[:15]} ({number})"
            writer.result.warnings.append(
                Problem(
                    sheet=RISKS,
                    row=row.row,
                    column="A",
                    value=row.reference,
                    reason=f"A risk with this reference is already in the register: imported as “{reference}”.",
                )
            )
        taken.add(reference)
        section = sections.get(row.section) if row.section else None
        risk = Risk(
            unit=(section.unit if section and section.unit_id else None) or plan.unit,
            plan=plan,
            reference=reference,
            title=row.title,
            cause=row.cause,
            effect=row.effect,
            category=row.category,
            controls=row.controls,
            further_actions=row.further_actions,
            review_date=row.review_date,
            status=Risk.Status.CLOSED if row.closed_reason else Risk.Status.OPEN,
            closed_reason=row.closed_reason,
            closed_on=date.today() if row.closed_reason else None,
            **row.levels,
        )
        if writer.user is not None:
            risk._history_user = writer.user
        risk.save()
        RiskOwner.objects.bulk_create(
            RiskOwner(risk=risk, officer=writer.officer(name), order=order)
            for order, name in enumerate(dict.fromkeys(row.owners.names))
        )
        if row.tasks:
            risk.tasks.set([tasks[index] for index in row.tasks])
        if row.indicators:
            risk.indicators.set([indicators[index] for index in row.indicators])
    return len(rows)


def export_rows(plan: Plan, tree=None) -> list[list]:
    """The plan's risks (linked to it, or held by its unit or beneath) as rows under :data:`.columns.RISK_COLUMNS`. Task
    and indicator IDs are those of the plan's own Tasks and Indicators sheets."""
    from risks.selectors import risks_in_report_scope

    risks = (
        risks_in_report_scope(plan=plan, tree=tree, closed_too=True)
        .select_related("category")
        .prefetch_related("risk_owners__officer", "tasks", "indicators")
    )
    risks = list(risks.order_by("reference"))
    if not risks:
        return []  # one query when the plan has no risks
    section_of_unit = {}
    for section in plan.sections.all():
        if section.unit_id:
            section_of_unit.setdefault(section.unit_id, section.title)
    rows = []
    for risk in risks:
        rows.append(
            [
                risk.reference,
                risk.title,
                section_of_unit.get(risk.unit_id, ""),
                risk.category.name,
                risk.cause,
                risk.effect,
                " / ".join(link.officer.name for link in risk.risk_owners.all()),
                risk.controls,
                risk.further_actions,
                *[getattr(risk, key) for key, _name in RISK_LEVELS],
                risk.review_date,
                risk.get_status_display(),
                risk.closed_reason,
                ", ".join(str(t.pk) for t in risk.tasks.all() if t.plan_id == plan.pk),
                ", ".join(str(i.pk) for i in risk.indicators.all() if i.plan_id == plan.pk),
            ]
        )
    return rows


def matrix_note(matrix: rules.Matrix) -> str:
    return f"Levels are whole numbers from 1 to {matrix.size}."
