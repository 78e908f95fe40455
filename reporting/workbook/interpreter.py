"""Interpreting a workbook's rows: what each cell means, with every problem named by sheet, row, column and
value. The shared machinery and the Plan sheet; the other sheets are read by their own modules."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from plans.models import Plan
from serviceplans.periods import FinancialYear, Period, PeriodParseError

from .columns import COMPUTED_HEADERS, IGNORED_SHEETS, PLAN_FIELDS, SHEETS, Column, plan_field_key
from .reader import Book, Problem, Row, Sheet, cell_text, column_letter, shown
from .rows import PlanRows, TaskRow
from .wording import OfficerNames, header_key, split_officers, text_key

__all__ = ["Interpreter"]

FREQUENCIES = {
    "": Plan.Frequency.QUARTERLY,
    "quarterly": Plan.Frequency.QUARTERLY,
    "quarter": Plan.Frequency.QUARTERLY,
    "halfyearly": Plan.Frequency.HALF_YEARLY,
    "halfyear": Plan.Frequency.HALF_YEARLY,
    "sixmonthly": Plan.Frequency.HALF_YEARLY,
}


class Interpreter:
    """Reads the sheets of a workbook into :class:`~.rows.PlanRows`, recording every problem by sheet,
    row, column and value. The Plan sheet is read here; each other sheet by its own module
    (:mod:`.task_sheets`, :mod:`.indicator_sheets`, :mod:`.risks_sheet`), through the shared helpers here:
    finding columns, sections, repeated rows, the task or measure a row is about, and periods."""

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
            if key in {header_key(name) for name in SHEETS} and key not in found:
                found[key] = sheet
            elif key not in IGNORED_SHEETS:
                self.warn(sheet, None, "", sheet.name, "This sheet is not part of the format and is ignored.")
        return found

    def columns(self, sheet: Sheet, specs: tuple[Column, ...], other=None) -> dict[str, int] | None:
        """Column numbers by key; reports unknown and missing columns. None when a required one is missing.
        Computed columns (the export's) are passed over; ``other(column, header)`` claims further columns
        (frameworks, years)."""
        specs = tuple(spec for spec in specs if not spec.computed)
        lookup: dict[str, Column] = {}
        for spec in specs:
            lookup[header_key(spec.name)] = spec
            for alias in spec.aliases:
                lookup[alias] = spec
        found: dict[str, int] = {}
        for column, header in sheet.headers.items():
            key = header_key(header)
            spec = lookup.get(key)
            letter = column_letter(column)
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
            elif (other is not None and other(column, header)) or key in COMPUTED_HEADERS or not key:
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

    def parse_plan(self, sheet: Sheet) -> None:
        keys = {header_key(header): column for column, header in sheet.headers.items()}
        field_column = keys.get("field")
        value_column = keys.get("value")
        if field_column is None or value_column is None:
            self.error(
                sheet, sheet.header_row or None, "", "", "The Plan sheet needs two columns: Field and Value."
            )
            return
        names = {field.key: field.name for field in PLAN_FIELDS}
        given: dict[str, tuple[Row, object]] = {}
        for row in sheet.rows:
            label = row.values.get(field_column)
            key = plan_field_key(label)
            if not key:
                continue
            if key not in names:
                self.warn(
                    sheet, row.number, column_letter(field_column), label, "Unknown field: it is ignored."
                )
                continue
            given[key] = (row, row.values.get(value_column))
        value_letter = column_letter(value_column)

        def text(key: str) -> str:
            return cell_text(given[key][1]) if key in given else ""

        def where(key: str) -> int | None:
            return given[key][0].number if key in given else None

        data = self.data
        data.council = text("council")
        data.directorate = text("directorate")
        data.title = text("title")
        data.committee = text("committee")[:200]
        for field in PLAN_FIELDS:
            if field.required and not text(field.key):
                self.error(sheet, where(field.key), value_letter, "", f"“{field.name}” is required.")
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
                    data.first_year = FinancialYear.parse(cell_text(first)).start_year
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

    def section(self, sheet: Sheet, row: Row, column: int, register: bool) -> str | None:
        title = " ".join(cell_text(row.values.get(column)).split())
        if not title:
            self.error(sheet, row.number, column_letter(column), "", "The section is required.")
            return None
        if len(title) > 200:
            self.error(
                sheet, row.number, column_letter(column), title, "A section title is at most 200 characters."
            )
            return None
        key = text_key(title)
        if register:
            self.data.sections.setdefault(key, title)
        elif key not in self.data.sections:
            self.error(
                sheet,
                row.number,
                column_letter(column),
                title,
                "There is no section of this name on the Tasks or Indicators sheet.",
            )
            return None
        return key

    def note_identity(
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
                self.error(sheet, row.number, column_letter(columns["id"]), row_id, "This ID is used twice.")
            ids[row_id] = index
        section, text = section_and_text
        key = (section, text_key(text))
        if key in seen:
            noun = "task" if text_column == "task" else "measure"
            self.warn(
                sheet,
                row.number,
                column_letter(columns[text_column]),
                text,
                f"This {noun} repeats row {seen[key]} word for word: both are imported.",
            )
        else:
            seen[key] = row.number

    def check_names(self, sheet: Sheet, row: Row, column: int | None, officers: OfficerNames) -> None:
        for name in officers.names:
            if len(name) > 120:
                self.error(
                    sheet,
                    row.number,
                    column_letter(column or 0),
                    name,
                    "An officer's name is at most 120 characters.",
                )
        if len(officers.note) > 300:
            self.error(
                sheet,
                row.number,
                column_letter(column or 0),
                officers.note,
                "This is more than 300 characters.",
            )

    def match(
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
            row_id = cell_text(row.values.get(columns["id"]))
            if row_id not in ids:
                self.error(sheet, row.number, column_letter(columns["id"]), row_id, f"No {what} has this ID.")
                return None
            return ids[row_id]
        section = self.section(sheet, row, columns["section"], register=False)
        text = cell_text(row.values.get(columns[text_column]))
        if not text:
            self.error(sheet, row.number, column_letter(columns[text_column]), "", f"The {what} is required.")
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
                column_letter(columns[text_column]),
                text,
                f"No {what} in section “{self.data.sections[section]}” has this text.",
            )
            return None
        if len(matches) > 1:
            rows = ", ".join(str(things[index].row) for index in matches)
            self.error(
                sheet,
                row.number,
                column_letter(columns[text_column]),
                text,
                f"This matches {len(matches)} {what}s (rows {rows}) word for word. Add an ID column to both "
                f"sheets to say which one is meant.",
            )
            return None
        return matches[0]

    def period(self, sheet: Sheet, row: Row, column: int) -> Period | None:
        value = row.values.get(column)
        try:
            return Period.parse(cell_text(value))
        except PeriodParseError as problem:
            self.error(sheet, row.number, column_letter(column), value, str(problem))
            return None


def _text_of(thing) -> str:
    return text_key(thing.text if isinstance(thing, TaskRow) else thing.name)
