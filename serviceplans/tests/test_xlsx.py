from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook, load_workbook

from indicators.rules import Rag
from serviceplans.xlsx import (
    DATE,
    NUMBER,
    STATUS,
    TAG_COLOURS,
    Column,
    NumberCell,
    sheet_fill,
    sheet_title,
    workbook_bytes,
    xlsx_response,
)

COLUMNS = [
    Column("Task"),
    Column("Due date", kind=DATE),
    Column("% complete", kind=NUMBER),
    Column("Status", kind=STATUS),
]


def sheet_of(data: bytes):
    return load_workbook(BytesIO(data)).active


def test_the_header_is_bold_frozen_and_filterable():
    sheet = sheet_of(
        workbook_bytes(
            title="Tasks", columns=COLUMNS, rows=[["Sweep", None, 5, "green"], ["Mow", None, 9, "red"]]
        )
    )

    assert [cell.value for cell in sheet[1]] == ["Task", "Due date", "% complete", "Status"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    assert sheet.title == "Tasks"


def test_numbers_dates_and_times_stay_numbers_dates_and_times(settings):
    settings.TIME_ZONE = "Europe/London"
    saved = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    columns = [*COLUMNS, Column("Saved"), Column("Money")]

    sheet = sheet_of(
        workbook_bytes(
            title="Tasks",
            columns=columns,
            rows=[["Sweep", date(2026, 9, 30), 45, "amber", saved, Decimal("1250.50")]],
        )
    )

    task, due, percent, _, when, money = (cell for cell in sheet[2])
    assert due.value == datetime(2026, 9, 30) and due.is_date and due.number_format == "dd/mm/yyyy"
    assert percent.value == 45 and percent.data_type == "n"
    assert when.value == datetime(2026, 7, 1, 10, 30)  # British Summer Time, as it was here
    assert money.value == 1250.5 and money.data_type == "n"


def test_a_status_is_its_word_with_a_fill_in_its_colour():
    sheet = sheet_of(
        workbook_bytes(
            title="Tasks",
            columns=COLUMNS,
            rows=[
                ["a", None, 1, "red"],
                ["b", None, 2, None],
                ["c", None, 3, Rag.NOT_JUDGED],
                ["d", None, 4, "??"],
            ],
        )
    )

    red, missing, not_judged, unknown = (sheet.cell(row=row, column=4) for row in range(2, 6))
    assert [red.value, missing.value, not_judged.value, unknown.value] == [
        "Red",
        "No update",
        "Data only",
        "Unknown",
    ]
    assert red.fill.fgColor.rgb == "00" + TAG_COLOURS["red"][0]
    assert missing.fill.fgColor.rgb == "00" + TAG_COLOURS["grey"][0]


def test_text_is_never_a_formula_and_loses_characters_excel_cannot_hold():
    sheet = sheet_of(
        workbook_bytes(
            title="Tasks",
            columns=[Column("Task")],
            rows=[['=HYPERLINK("http://evil")'], ["Bell\x07 ringing"]],
        )
    )

    formula_like, control = sheet["A2"], sheet["A3"]
    assert formula_like.value == '=HYPERLINK("http://evil")' and formula_like.data_type == "s"
    assert control.value == "Bell ringing"


def test_a_number_can_carry_its_own_format():
    sheet = sheet_of(
        workbook_bytes(
            title="Indicators",
            columns=[Column("Target", kind=NUMBER)],
            rows=[
                [NumberCell(Decimal("45.5"), '#,##0.0"%"')],
                [NumberCell(None, "0")],
                ["Dependent on funds"],
            ],
        )
    )

    assert sheet["A2"].value == 45.5 and sheet["A2"].number_format == '#,##0.0"%"'
    assert sheet["A3"].value is None
    assert sheet["A4"].value == "Dependent on funds"


def test_columns_fit_their_content_within_bounds_and_long_text_wraps():
    long_text = "Review the corporate complaints procedure " * 5
    sheet = sheet_of(
        workbook_bytes(
            title="Tasks",
            columns=[Column("Task"), Column("Ref"), Column("Notes", width=25)],
            rows=[[long_text, "W1", "short"]],
        )
    )

    assert sheet.column_dimensions["A"].width == 60
    assert sheet.column_dimensions["B"].width == 8
    assert sheet.column_dimensions["C"].width == 25
    assert sheet["A2"].alignment.wrap_text
    assert not sheet["B2"].alignment.wrap_text


def test_an_empty_list_still_has_its_header():
    sheet = sheet_of(workbook_bytes(title="Tasks", columns=COLUMNS, rows=[]))

    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:D1"


def test_sheet_titles_keep_within_excels_rules():
    assert sheet_title("Tasks, 2026/27 Q2") == "Tasks, 2026-27 Q2"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("[]") == "Sheet"


def test_the_response_downloads_as_an_xlsx_file():
    response = xlsx_response(filename="tasks-2026-27-q2.xlsx", title="Tasks", columns=COLUMNS, rows=[])

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="tasks-2026-27-q2.xlsx"'
    assert sheet_of(response.content).max_row == 1


def test_a_big_download_is_streamed_from_its_file_a_row_at_a_time(monkeypatch):
    """Past INLINE_BYTES the workbook is served from its temporary file (a FileResponse); the rows are
    consumed lazily, never held as a list, and the sheet keeps its header, freeze, filter and fills."""
    import serviceplans.xlsx

    monkeypatch.setattr(serviceplans.xlsx, "INLINE_BYTES", 1000)
    consumed = []

    def rows():
        for n in range(3000):
            consumed.append(n)
            yield [f"Task {n}", date(2026, 9, 30), n % 100, "red" if n % 2 else "green"]

    response = xlsx_response(filename="tasks.xlsx", title="Tasks", columns=COLUMNS, rows=rows())
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="tasks.xlsx"'
    sheet = sheet_of(b"".join(response.streaming_content))
    assert len(consumed) == 3000 and sheet.max_row == 3001
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3001"
    assert sheet["A3001"].value == "Task 2999" and sheet["D2"].value == "Green"
    assert sheet["D3"].fill.fgColor.rgb.endswith(TAG_COLOURS["red"][0])


def test_a_sheet_of_a_bigger_workbook_is_written_the_same_way_with_shaded_headers_where_asked():
    """sheet_fill (the committee workbook, the plan workbook) writes cells as workbook_file does, shades a
    header cell when its column says so, and leaves blank cells out."""
    workbook = Workbook()
    sheet = workbook.active
    count = sheet_fill(
        sheet,
        columns=[Column("Task", header_fill="F3F2F1"), Column("Due date", kind=DATE, width=12)],
        rows=[["=SUM(A1)\x07", date(2026, 9, 30)], ["", None]],
    )
    assert count == 2
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("F3F2F1")
    assert sheet["B1"].fill.fill_type is None
    assert sheet["A2"].value == "=SUM(A1)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["B"].width == 12
    assert (3, 1) not in sheet._cells and (3, 2) not in sheet._cells
    assert sheet.freeze_panes == "A2"


def test_text_keeps_its_spaces_line_breaks_and_markup_and_error_codes_stay_text():
    """Rows are written as XML by hand (fast): what XML would change must come back as it went in."""
    sheet = sheet_of(
        workbook_bytes(
            title="Tasks",
            columns=[Column("Task"), Column("Done")],
            rows=[
                ["  indented & <b>bold</b> > \"quoted\" 'too'", True],
                ["line one\r\nline two", False],
                ["#N/A", None],
                ["x" * 40_000, 1.5],
            ],
        )
    )

    assert sheet["A2"].value == "  indented & <b>bold</b> > \"quoted\" 'too'"
    assert sheet["B2"].value == "Yes" and sheet["B3"].value == "No"
    assert sheet["A3"].value == "line one\r\nline two" and sheet["A3"].alignment.wrap_text
    assert sheet["A4"].value == "#N/A" and sheet["A4"].data_type == "s"
    assert len(sheet["A5"].value) == 32_767  # the most a cell holds
    assert sheet["B5"].value == 1.5


def test_styles_hold_past_the_rows_judged_for_widths():
    rows = [[f"Task {n}", n, "red" if n % 2 else "green"] for n in range(1, 1_501)]
    rows[-1][0] = "A long task " * 10
    columns = [Column("Task"), Column("N", kind=NUMBER, number_format="0.0"), Column("Status", kind=STATUS)]

    sheet = sheet_of(workbook_bytes(title="Tasks", columns=columns, rows=rows))

    assert sheet.max_row == 1_501 and sheet.auto_filter.ref == "A1:C1501"
    last = sheet[1_501]
    assert last[0].alignment.wrap_text and last[1].alignment.vertical == "top"
    assert last[1].value == 1_500 and last[1].number_format == "0.0"
    assert last[2].value == "Green" and last[2].fill.fgColor.rgb == "00" + TAG_COLOURS["green"][0]
    assert sheet["B3"].number_format == "0.0" and sheet["C3"].value == "Green"
