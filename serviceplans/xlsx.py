"""Rows to an Excel workbook: the one way a list or report is downloaded as ``.xlsx`` (openpyxl).

The rules
---------

* **The header row is bold and frozen, with an autofilter**, so whoever opens the sheet can sort and filter
  it straight away and never loses the column names when scrolling.
* **Numbers, dates and times go in as real numbers, dates and times**, never as text, so they add up and
  sort properly. A number can carry its own format (``NumberCell``), as indicators mix %, £ and days.
* **A status goes in as its word** (“Red”, “No update”) **with a fill in the colour of its tag**: the word
  says it all, the colour only helps, because the sheet is often printed in black and white
  (WCAG 2.2, 1.4.1 Use of colour).
* **Text stays text**: something typed into a plan that starts with ``=`` is never run as a formula, and
  characters Excel cannot hold are dropped.
* **Columns are as wide as what is in them** (judged from the first ``WIDTH_SAMPLE`` rows), between 8 and
  60 characters; longer text wraps.
* **Memory stays bounded however many rows**: the sheet is written in openpyxl's write-only mode, row by
  row, into a temporary file; a download bigger than ``INLINE_BYTES`` is streamed from that file.
* **A row costs microseconds, not milliseconds**: each row goes in as its XML, written from style ids worked
  out once (openpyxl's own cell objects cost ~15 µs a cell: 4 s for 20,000 rows of 13 columns). A list's
  download reads plain values rather than model instances where it can (``xlsx_rows``): 20,000 tasks or
  indicators in a few seconds and a few tens of MB (``make bench``).
"""

import math
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import fromstring

from serviceplans.status import status_look

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MIN_WIDTH = 8
MAX_WIDTH = 60
#: Column widths are judged from this many rows: the sheet is written a row at a time, never all held.
WIDTH_SAMPLE = 1000
#: A workbook up to this size is sent in one piece; a bigger one is streamed from its temporary file.
INLINE_BYTES = 1_000_000
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
#: The most characters an Excel cell holds; longer text is cut there.
MAX_CELL_TEXT = 32_767

# The GOV.UK tag colours (govuk-frontend 6), as fill and text colour.
TAG_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("CFE4DC", "083D29"),
    "yellow": ("FFEE80", "7A3C1C"),
    "red": ("F4D7D7", "651B1B"),
    "orange": ("FDE4D7", "7A3C1C"),
    "blue": ("D2E2F1", "0F385C"),
    "grey": ("CECECE", "0B0C0C"),
    "purple": ("DDD6EC", "2A1950"),
}

TEXT = "text"
NUMBER = "number"
DATE = "date"
DATETIME = "datetime"
STATUS = "status"


@dataclass(frozen=True)
class Column:
    """A column of the sheet: its header, what kind of values it holds, and how to show them.

    ``kind`` is ``text``, ``number``, ``date``, ``datetime`` or ``status`` (a status key such as ``"red"``
    or ``"missing"``, written as its word with a fill). ``width`` in characters; None fits the content.
    ``header_fill``: a background colour for the header cell (``"F3F2F1"``), for sheets whose headers are
    shaded (:func:`sheet_fill` only)."""

    header: str
    kind: str = TEXT
    number_format: str | None = None
    width: int | None = None
    header_fill: str | None = None


@dataclass(frozen=True)
class NumberCell:
    """A number with a format of its own, e.g. ``NumberCell(Decimal("45.5"), '0.0"%"')``."""

    value: Decimal | int | float | None
    number_format: str


def sheet_title(title: str) -> str:
    """Excel's limits on a sheet name: no ``[]:*?/\\`` (a year's slash becomes a dash) and at most 31
    characters."""
    cleaned = re.sub(r"[\[\]:*?\\]", " ", title.replace("/", "-")).strip() or "Sheet"
    return cleaned[:31]


def plain(value: str) -> str:
    """Text without the control characters an Excel cell cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _excel_datetime(value: datetime) -> datetime:
    """Excel has no time zones: show the time as it was here."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _shown_length(value, kind: str) -> int:
    if value is None:
        return 0
    if kind == DATE or isinstance(value, date) and not isinstance(value, datetime):
        return 10
    if kind == DATETIME or isinstance(value, datetime):
        return 16
    if kind == STATUS:
        return len(status_look(value).word) + 2
    if isinstance(value, NumberCell):
        value = value.value
    return max((len(line) for line in str(value).splitlines()), default=0)


class _PrebuiltRowsSheet(WriteOnlyWorksheet):
    """openpyxl's write-only sheet, appended rows already written as ``<row>`` XML (see :func:`workbook_file`).

    openpyxl turns every value into a cell object and every style into a look-up of hashed style objects:
    about 15 µs a cell, 4 s for 20,000 rows of 13 columns. Written here as text from precomputed style ids, a
    row costs a few µs; openpyxl still writes the rest of the workbook (styles, columns, filter, panes)."""

    def _values_to_row(self, values, row_idx):
        return values  # one element: the row, already XML

    def _get_writer(self):
        if self._writer is None:
            super()._get_writer()
            self._writer.write_row = lambda xf, row, row_idx: xf.write(row[0])


def _escaped(text: str) -> str:
    """Text for an XML element: ``&``, ``<`` and ``>`` escaped, a carriage return kept as one."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _text_cell(ref: str, style: str, text: str) -> str:
    """An inline string: never a formula or an error code, whatever it starts with."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>'


def _number_cell(ref: str, style: str, number) -> str:
    if isinstance(number, float) and not math.isfinite(number):
        return f'<c r="{ref}"{style}/>'
    shown = number if isinstance(number, int) else f"{number:.16g}"
    return f'<c r="{ref}"{style} t="n"><v>{shown}</v></c>'


class _Styles:
    """The workbook's cell style ids, each registered once through openpyxl and then reused by number."""

    def __init__(self, sheet):
        self.sheet, self.ids = sheet, {}
        self.fills = {
            colour: (PatternFill("solid", fgColor=fill), Font(color=text, bold=True))
            for colour, (fill, text) in TAG_COLOURS.items()
        }

    def attribute(self, *, wrap: bool = False, colour: str | None = None, number_format: str | None = None):
        """`` s="N"``: the style of a cell aligned to the top (wrapped or not), with any fill and format."""
        key = (wrap, colour, number_format)
        if key not in self.ids:
            cell = WriteOnlyCell(self.sheet)
            cell.alignment = Alignment(vertical="top", wrap_text=True) if wrap else Alignment(vertical="top")
            if colour is not None:
                cell.fill, cell.font = self.fills.get(colour, self.fills["grey"])
            if number_format:
                cell.number_format = number_format
            self.ids[key] = f' s="{cell.style_id}"'
        return self.ids[key]

    def header(self, column: Column) -> str:
        cell = WriteOnlyCell(self.sheet)
        _header_style(cell, column)
        return f' s="{cell.style_id}"'


def _row_writer(columns: Sequence[Column], widths: list[int], styles: _Styles):
    """A function writing one row of values as ``<row>`` XML, styled as :func:`_write` styles a cell: bare
    values in a row of one-line text; in a row with text that wraps, every cell aligned to the top (so it
    lines up with the wrapped one); statuses as their word with a fill; numbers and dates with formats."""
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    kinds = [column.kind for column in columns]
    formats = [column.number_format for column in columns]
    top = styles.attribute()

    def text_style(index: int, text: str) -> str:
        return styles.attribute(wrap=len(text) > widths[index] or "\n" in text)

    def cell(index: int, ref: str, value, wraps: bool) -> str:
        kind, number_format = kinds[index], formats[index]
        # Bare (no style at all) only as before: one-line text or a plain number, in a text or number column
        # of a row where nothing wraps.
        bare = not wraps and kind in (TEXT, NUMBER)
        if kind == STATUS:
            look = status_look(None if value is None else str(value))
            style = styles.attribute(colour=look.colour, wrap=len(look.word) > widths[index])
            return _text_cell(ref, style, look.word)
        if isinstance(value, NumberCell):
            style = styles.attribute(number_format=value.number_format)
            return f'<c r="{ref}"{style}/>' if value.value is None else _number_cell(ref, style, value.value)
        if value is None or value == "":
            return "" if bare else f'<c r="{ref}"{top}/>'
        if isinstance(value, str):
            text = plain(value)[:MAX_CELL_TEXT]
            if bare and not value.startswith("="):
                return _text_cell(ref, "", text)
            return _text_cell(ref, text_style(index, text), text)
        if isinstance(value, datetime):
            style = styles.attribute(number_format=number_format or DATETIME_FORMAT)
            return _number_cell(ref, style, to_excel(_excel_datetime(value)))
        if isinstance(value, date):
            style = styles.attribute(number_format=number_format or DATE_FORMAT)
            return _number_cell(ref, style, to_excel(value))
        if isinstance(value, bool):
            return _text_cell(ref, top, "Yes" if value else "No")
        if isinstance(value, int | float | Decimal):
            if bare and not number_format:
                return _number_cell(ref, "", value)
            return _number_cell(ref, styles.attribute(number_format=number_format), value)
        text = plain(str(value))[:MAX_CELL_TEXT]
        return _text_cell(ref, text_style(index, text), text)

    def row_xml(number: int, row: Sequence[object]) -> str:
        wraps = any(
            isinstance(value, str) and (len(value) > widths[index] or "\n" in value)
            for index, value in enumerate(row)
        )
        cells = "".join(
            cell(index, f"{letter}{number}", row[index], wraps) for index, letter in enumerate(letters)
        )
        return f'<row r="{number}">{cells}</row>'

    return row_xml


def workbook_file(*, title: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]):
    """One sheet with a header row and the rows, written row by row (openpyxl's write-only mode) into a
    temporary file, returned open at its start. Real numbers and dates, status words with their fills,
    columns as wide as their content, a frozen header, an autofilter, landscape printing."""
    workbook = Workbook(write_only=True)
    sheet = _PrebuiltRowsSheet(parent=workbook, title=sheet_title(title))
    workbook._add_sheet(sheet)
    workbook.properties.title = title
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    widths = [column.width or min(MAX_WIDTH, max([MIN_WIDTH, len(column.header) + 2])) for column in columns]
    for row in sample:
        for index, column in enumerate(columns):
            if column.width is None:
                length = _shown_length(row[index], column.kind) + 2
                widths[index] = min(MAX_WIDTH, max(widths[index], length))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"

    styles = _Styles(sheet)
    header = "".join(
        _text_cell(f"{get_column_letter(index)}1", styles.header(column), plain(column.header))
        for index, column in enumerate(columns, start=1)
    )
    sheet.append((fromstring(f'<row r="1">{header}</row>'),))
    row_xml = _row_writer(columns, widths, styles)
    count = 0
    for row in chain(sample, rows):
        count += 1
        sheet.append((fromstring(row_xml(count + 1, row)),))
    last_column = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
    output = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, closed by whoever reads it)
    workbook.save(output)
    output.seek(0)
    return output


def workbook_bytes(*, title: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> bytes:
    """One sheet with a header row and the rows, as the bytes of an .xlsx file."""
    with workbook_file(title=title, columns=columns, rows=rows) as output:
        return output.read()


HEADER_FONT = Font(bold=True)
HEADER_BORDER = Border(bottom=Side(style="medium", color="0B0C0C"))
HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)


def _header_style(cell, column: Column) -> None:
    cell.font, cell.border, cell.alignment = HEADER_FONT, HEADER_BORDER, HEADER_ALIGNMENT
    if column.header_fill:
        cell.fill = PatternFill("solid", fgColor=column.header_fill)


def sheet_fill(sheet, *, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> int:
    """Write a header row and the rows into an ordinary (not write-only) ``sheet`` of a workbook with
    several sheets, as :func:`workbook_file` does: for the committee paper's workbook and the plan workbook
    (whose sheets also carry drop-down lists). Blank cells are left out. Returns the number of rows."""
    rows = list(rows)
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=plain(column.header))
        _header_style(cell, column)

    widths = [column.width or min(MAX_WIDTH, max([MIN_WIDTH, len(column.header) + 2])) for column in columns]
    for row in rows:
        for index, column in enumerate(columns):
            if column.width is None:
                length = _shown_length(row[index], column.kind) + 2
                widths[index] = min(MAX_WIDTH, max(widths[index], length))

    fills = {
        colour: (PatternFill("solid", fgColor=fill), Font(color=text, bold=True))
        for colour, (fill, text) in TAG_COLOURS.items()
    }
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns):
            value = row[index]
            if (value is None or value == "") and column.kind != STATUS:
                continue
            cell = sheet.cell(row=row_number, column=index + 1)
            _write(cell, value, column, fills)
            long_text = isinstance(cell.value, str) and (
                len(cell.value) > widths[index] or "\n" in cell.value
            )
            cell.alignment = wrapped if long_text else top

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    return len(rows)


def _write(cell, value, column: Column, fills) -> None:
    if column.kind == STATUS:
        look = status_look(None if value is None else str(value))
        cell.value = look.word
        fill, font = fills.get(look.colour, fills["grey"])
        cell.fill, cell.font = fill, font
        return
    if isinstance(value, NumberCell):
        cell.value = value.value
        cell.number_format = value.number_format
        return
    if value is None or value == "":
        return
    if isinstance(value, datetime):
        cell.value = _excel_datetime(value)
        cell.number_format = column.number_format or DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = column.number_format or DATE_FORMAT
    elif isinstance(value, bool):
        cell.value = "Yes" if value else "No"
    elif isinstance(value, int | float | Decimal):
        cell.value = value
        if column.number_format:
            cell.number_format = column.number_format
    else:
        cell.value = plain(str(value))
        cell.data_type = "s"  # never a formula, whatever it starts with


def xlsx_response(
    *, filename: str, title: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """An HTTP response that downloads the rows as ``filename`` (which should end in ``.xlsx``): written to a
    temporary file in bounded memory, then sent whole when small or streamed from the file when big."""
    output = workbook_file(title=title, columns=columns, rows=rows)
    size = output.seek(0, 2)
    output.seek(0)
    if size > INLINE_BYTES:
        return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    with output:
        response = HttpResponse(output.read(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
