"""Reading an uploaded workbook safely: whatever the bytes are, we answer with rows or with messages.

The rules
---------

* **Only an .xlsx workbook is read.** Empty files, files over ``IMPORT_MAX_BYTES``, old ``.xls`` and
  password-protected workbooks (both are OLE files, starting ``D0 CF 11 E0``), CSV files renamed to
  ``.xlsx``, other zip files (a Word document) and anything else get a message saying what to do. Reading
  never raises.
* **Rows are counted before anything heavy is done**: a workbook with more than ``IMPORT_MAX_ROWS`` rows
  with something in them (all sheets together), or more than ``MAX_CELLS_PER_ROW`` times as many cells, is
  refused. The rows are counted as the sheets' XML streams out of the zip, stopping at the limit + 1: the
  size a sheet declares for itself is never trusted.
* **Zip bombs are refused before reading**: a workbook whose parts declare more than ``UNPACKED_RATIO``
  times ``IMPORT_MAX_BYTES`` unpacked is refused, and no part is ever read beyond its declared size.
* **Formulas are read as the values Excel saved with them.** A formula saved without its value (written
  by a program, not by Excel) is an error: paste the values instead.
* **Merged cells**: the top-left cell's value is used for every cell of the merged area (a Section
  merged down several rows applies to each row), with a warning naming the cells.
* **A number in a cell formatted as a percentage is read as it is shown**: 0.9 shown as ``90%`` is 90%.
* **Spaces around text are trimmed**; a cell with only spaces is blank; **blank rows are skipped**.
* **The first row with anything in it is the header row.**
"""

from __future__ import annotations

import re
import warnings as python_warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from xml.etree import ElementTree

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
ZIP_SIGNATURE = b"PK\x03\x04"
# A workbook's parts may be compressed: refuse any that unpacks to far more than the upload limit.
UNPACKED_RATIO = 20


@dataclass(frozen=True)
class Problem:
    """An error or warning about one place in the workbook (any part may be blank)."""

    reason: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = f"{self.where[0].upper()}{self.where[1:]}: " if self.where else ""
        value = f" (value “{self.value}”)" if self.value else ""
        return f"{where}{self.reason}{value}"


@dataclass
class Row:
    """One row of a sheet: its number in Excel and its values by column number (1 = A)."""

    number: int
    values: dict[int, object]


@dataclass
class Sheet:
    name: str
    header_row: int = 0
    headers: dict[int, str] = field(default_factory=dict)  # column number -> header as written
    rows: list[Row] = field(default_factory=list)


@dataclass
class Book:
    sheets: list[Sheet] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def shown(value: object) -> str:
    """A cell value as words for a message."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def cell_text(value: object) -> str:
    """A cell value as the text it holds: a whole number without ``.0``, a date as words, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return shown(value)
    return str(value).strip()


def column_letter(column: int) -> str:
    """A column's letter for a message (``3`` is ``C``); blank for no column."""
    return get_column_letter(column) if column else ""


def _refuse(reason: str) -> Book:
    return Book(errors=[Problem(reason=reason)])


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def check_file(data: bytes) -> list[Problem]:
    """What is wrong with the bytes before openpyxl sees them (empty list when they may be a workbook)."""
    limit = settings.IMPORT_MAX_BYTES
    if not data:
        return [Problem(reason="The file is empty. Choose an Excel workbook (.xlsx) with a Plan sheet.")]
    if len(data) > limit:
        return [
            Problem(
                reason=f"The file is {len(data) / 1_048_576:.1f} MB: the largest workbook we accept is "
                f"{limit / 1_048_576:.1f} MB. Split the plan into smaller workbooks."
            )
        ]
    if data.startswith(OLE_SIGNATURE):
        return [
            Problem(
                reason="The file is password-protected or is an old Excel 97–2003 (.xls) workbook. "
                "Remove the password and save it as an Excel workbook (.xlsx), then upload it again."
            )
        ]
    if not data.startswith(ZIP_SIGNATURE):
        if _looks_like_text(data):
            return [
                Problem(
                    reason="The file is text (perhaps a CSV file renamed to .xlsx), not an Excel workbook. "
                    "Open it in Excel and save it as an Excel workbook (.xlsx)."
                )
            ]
        return [Problem(reason="The file is not an Excel workbook (.xlsx). Save it from Excel as .xlsx.")]
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [Problem(reason="The file is damaged or is not an Excel workbook (.xlsx).")]
    if "xl/workbook.xml" not in names and not any(name.endswith("workbook.xml") for name in names):
        return [
            Problem(
                reason="The file is a zip file but not an Excel workbook (perhaps a Word document). "
                "Upload the plan as an Excel workbook (.xlsx)."
            )
        ]
    if unpacked > UNPACKED_RATIO * limit:
        return [Problem(reason="The workbook unpacks to far more data than a plan holds, so it is refused.")]
    return []


#: The most cells a row of a plan workbook needs (the widest sheet, Indicators, has about twenty columns);
#: with ``IMPORT_MAX_ROWS`` it bounds how many cells the full read may have to hold.
MAX_CELLS_PER_ROW = 40
WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


@dataclass
class Size:
    """What the worksheets really hold, counted from their XML: rows with something in them and cells
    (filled in or only formatted: the full read holds both). Counting stops once either is over its limit,
    so ``rows`` is then limit + 1 at most."""

    rows: int = 0
    cells: int = 0


def _worksheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The zip members that are worksheets: those the package's content types call worksheets, and any
    under ``xl/worksheets/`` (so a sheet cannot hide by leaving itself out of the list)."""
    names = archive.namelist()
    parts = {name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml")}
    if "[Content_Types].xml" in names:
        with archive.open("[Content_Types].xml") as types:
            for _event, element in ElementTree.iterparse(types):
                if element.tag.endswith("Override") and element.get("ContentType") == WORKSHEET_CONTENT_TYPE:
                    name = element.get("PartName", "").lstrip("/")
                    if name in names:
                        parts.add(name)
    return sorted(parts)


def _measure(data: bytes, *, max_rows: int, max_cells: int) -> Size:
    """Count the rows and cells of every worksheet as its XML streams out of the zip, never trusting the
    sheet's own ``<dimension>`` (which any program may write wrongly, or a hostile file may understate).
    Stops reading as soon as a limit is passed. The zip module reads no more of a part than its declared
    size, and :func:`check_file` has already refused parts that declare too much."""
    size = Size()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in _worksheet_parts(archive):
            with archive.open(name) as part:
                parser = ElementTree.iterparse(part, events=("start", "end"))
                for event, element in parser:
                    tag = element.tag.rpartition("}")[2]
                    if event == "start":
                        if tag == "c":
                            size.cells += 1
                            if size.cells > max_cells:
                                return size
                        continue
                    if tag == "row":
                        if any(_has_content(cell) for cell in element):
                            size.rows += 1
                            if size.rows > max_rows:
                                return size
                        element.clear()  # keep memory flat: the row is counted
    return size


def _has_content(cell) -> bool:
    """Whether a cell element (``<c>``) holds a value, inline text or a formula, not only formatting."""
    return any(child.tag.rpartition("}")[2] in {"v", "is", "f"} for child in cell)


def _is_percent_format(number_format: str | None) -> bool:
    """Whether a number format shows a value as a percentage (``0%``, ``0.0%``), ignoring a ``%`` that is
    only quoted text (``0"%"``) or escaped (``0\\%``)."""
    if not number_format:
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def _percent_text(number: int | float) -> str:
    """A number in a cell formatted as a percentage (0.9 shown as 90%) as it was seen: ``90%``."""
    percent = (Decimal(str(number)) * 100).normalize()
    return f"{percent:f}%"


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_workbook(data: bytes) -> Book:
    """The sheets of a workbook as header and rows, with every problem found on the way. Never raises."""
    problems = check_file(data)
    if problems:
        return Book(errors=problems)
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # openpyxl warns about extensions it cannot read
            max_rows = settings.IMPORT_MAX_ROWS
            size = _measure(data, max_rows=max_rows, max_cells=max_rows * MAX_CELLS_PER_ROW)
            if size.rows > max_rows:
                return _refuse(
                    f"The workbook has more than {max_rows:,} rows: the most we accept is "
                    f"{max_rows:,}. Split the plan into smaller workbooks."
                )
            if size.cells > max_rows * MAX_CELLS_PER_ROW:
                return _refuse(
                    f"The workbook has more than {max_rows * MAX_CELLS_PER_ROW:,} cells, filled in or "
                    "formatted: far more than a plan needs. Copy just the plan's rows and columns into a "
                    "new workbook and upload that."
                )
            formulas = load_workbook(BytesIO(data), data_only=False)
            cached = _cached_values(data, formulas)
    except Exception:  # noqa: BLE001 - any failure to read is the file's fault, and gets a message
        return _refuse(
            "The workbook could not be read: it may be damaged. Open it in Excel and save it again."
        )

    book = Book()
    for formula_sheet in formulas.worksheets:
        book.sheets.append(_read_sheet(formula_sheet, cached.get(formula_sheet.title, {}), book))
    return book


def _cached_values(data: bytes, workbook) -> dict[str, dict[tuple[int, int], object]]:
    """The values Excel saved with each formula, by sheet and (row, column). The workbook is read a second
    time (streaming, values only) just for the sheets that hold formulas."""
    wanted: dict[str, set[tuple[int, int]]] = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    wanted.setdefault(sheet.title, set()).add((cell.row, cell.column))
    if not wanted:
        return {}
    values = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        found: dict[str, dict[tuple[int, int], object]] = {}
        for title, places in wanted.items():
            last_row = max(row for row, _ in places)
            sheet_values = found.setdefault(title, {})
            for row_number, row in enumerate(
                values[title].iter_rows(max_row=last_row, values_only=True), start=1
            ):
                for column, value in enumerate(row, start=1):
                    if (row_number, column) in places:
                        sheet_values[(row_number, column)] = value
        return found
    finally:
        values.close()


def _read_sheet(formula_sheet, cached: dict[tuple[int, int], object], book: Book) -> Sheet:
    name = formula_sheet.title
    grid: dict[tuple[int, int], object] = {}
    for row in formula_sheet.iter_rows():
        for cell in row:
            raw = cell.value
            if raw is None:
                continue
            if cell.data_type == "f":
                saved = cached.get((cell.row, cell.column))
                if saved is None:
                    book.errors.append(
                        Problem(
                            sheet=name,
                            row=cell.row,
                            column=get_column_letter(cell.column),
                            value=shown(raw),
                            reason="This cell is a formula saved without its result. Copy the sheet and "
                            "paste it as values (Paste Special → Values), then save and upload again.",
                        )
                    )
                    continue
                raw = saved
            elif not isinstance(raw, str | int | float | bool | date | datetime | time):
                raw = str(raw)  # rich text and other objects: their text
            if (
                isinstance(raw, int | float)
                and not isinstance(raw, bool)
                and _is_percent_format(cell.number_format)
            ):
                raw = _percent_text(raw)
            grid[(cell.row, cell.column)] = _clean(raw)

    for merged in list(formula_sheet.merged_cells.ranges):
        top_left = grid.get((merged.min_row, merged.min_col))
        for row_number in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                grid[(row_number, column)] = top_left
        if top_left is not None and merged.max_row > merged.min_row:
            book.warnings.append(
                Problem(
                    sheet=name,
                    row=merged.min_row,
                    column=get_column_letter(merged.min_col),
                    value=shown(top_left),
                    reason=f"Cells {merged.coord} are merged: the value was used for each of rows "
                    f"{merged.min_row} to {merged.max_row}.",
                )
            )

    by_row: dict[int, dict[int, object]] = {}
    for (row_number, column), value in grid.items():
        if value is not None:
            by_row.setdefault(row_number, {})[column] = value
    sheet = Sheet(name=name)
    for row_number in sorted(by_row):
        cells = by_row[row_number]
        if not sheet.header_row:
            sheet.header_row = row_number
            sheet.headers = {column: shown(value) for column, value in sorted(cells.items())}
            continue
        sheet.rows.append(Row(number=row_number, values=cells))
    return sheet
