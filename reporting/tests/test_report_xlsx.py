"""The committee report as Excel, read back with openpyxl."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from reporting.reports.committee import CommitteeReport
from tests.builders import small_council

from .test_reports_support import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook():
    council = small_council(size=2)
    task = council["tasks"][0]
    task.due_date, task.due_date_text = date(2027, 3, 31), "By March 2027"
    task.save()
    report = make_report(council)
    return council, load_workbook(BytesIO(CommitteeReport.for_report(report).xlsx()))


def rows_of(sheet):
    header = [cell.value for cell in sheet[1]]
    return header, [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_one_sheet_for_tasks_and_one_for_indicators_with_frozen_headers_and_filters(workbook):
    _council, book = workbook
    assert book.sheetnames == ["Tasks", "Indicators"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert sheet["A1"].font.bold
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])


def test_tasks_have_real_dates_numbers_and_status_words_with_fills(workbook):
    council, book = workbook
    header, rows = rows_of(book["Tasks"])
    assert len(rows) == len(council["tasks"])
    first = next(r for r in rows if r["Task"].value == council["tasks"][0].text)
    assert isinstance(first["Due date"].value, datetime) and first["Due date"].value.date() == date(
        2027, 3, 31
    )
    assert first["Due date (as written)"].value == "By March 2027"
    assert first["Percent complete"].value == 40 and first["Percent complete"].data_type == "n"
    assert first["Expected progress (%)"].value == 50
    assert first["Status"].value == "Red" and first["Status"].fill.fgColor.rgb.endswith("F4D7D7")
    assert first["Progress update"].value == "On track."
    missing = [r for r in rows if r["Status"].value == "No update"]
    assert len(missing) == 2 and all(r["Percent complete"].value is None for r in missing)


def test_indicators_have_numbers_and_words(workbook):
    council, book = workbook
    _header, rows = rows_of(book["Indicators"])
    assert len(rows) == len(council["indicators"])
    first = rows[0]
    assert first["Actual"].data_type == "n" and first["Actual"].value in (40, 41)
    assert first["RAG"].value == "Red"
    assert first["Against target"].value == "▲ Worse than target range"
    assert first["This year's target"].value == "50%"
