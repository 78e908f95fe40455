"""The committee report as Excel, read back with openpyxl."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators.values import excel_number_format
from reporting.reports.committee import CommitteeReport
from tests.builders import small_council
from tests.factories import FrameworkFactory

from .test_reports_support import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook():
    council = small_council(size=2)
    task = council["tasks"][0]
    task.due_date, task.due_date_text = date(2027, 3, 31), "By March 2027"
    task.save()
    council["indicators"][0].frameworks.add(
        FrameworkFactory(code="TST", name="Test Framework of the Council")
    )
    report = make_report(council)
    return council, load_workbook(BytesIO(CommitteeReport.for_report(report).xlsx()))


def rows_of(sheet):
    header = [cell.value for cell in sheet[1]]
    return header, [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_a_summary_sheet_then_tasks_indicators_and_a_key_with_frozen_headers_and_filters(workbook):
    _council, book = workbook
    assert book.sheetnames == ["Summary", "Tasks", "Indicators", "Key"]
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
    # Targets are real numbers in the indicator's format, not text such as "50%".
    for column, value in (
        ("This year's target", 50),
        ("Target for the period", 50),
        ("Last year's target", 45),
    ):
        assert first[column].value == value and first[column].data_type == "n", column
        # The one format for indicator figures: the unit and the indicator's decimal places.
        indicator = council["indicators"][0]
        assert first[column].number_format == excel_number_format(indicator.unit, indicator.decimal_places)
    assert first["Last year's actual"].value == 44 and first["Last year's actual"].data_type == "n"
    assert first["This year's target as written"].value is None


def test_every_judgement_says_why(workbook):
    _council, book = workbook
    _header, indicators = rows_of(book["Indicators"])
    assert indicators[0]["Why this RAG"].value.startswith("40% against a target of 50%, higher is better")
    assert indicators[0]["Why this RAG"].value.endswith(": Red")
    assert "against a target of 45%" in indicators[0]["Why, last year"].value
    _header, tasks = rows_of(book["Tasks"])
    red = next(r for r in tasks if r["Status"].value == "Red")
    assert red["Why this status"].value == "The officer's judgement: 40% complete, 50% expected."
    missing = next(r for r in tasks if r["Status"].value == "No update")
    assert missing["Why this status"].value.startswith("No return was made for the period.")


def test_the_summary_counts_by_status_per_section(workbook):
    council, book = workbook
    header, rows = rows_of(book["Summary"])
    assert [r["Section"].value for r in rows] == ["Parks", "Waste", None]
    for row in rows[:2]:  # in each section one task red, one without an update, and two indicators
        assert (row["Tasks: Red"].value, row["Tasks: No update"].value, row["Tasks"].value) == (1, 1, 2)
        assert row["Indicators"].value == 2 and row["Tasks: Red"].data_type == "n"
    total = rows[-1]
    assert total["Plan"].value == "Total" and total["Plan"].font.bold
    assert (total["Tasks: Red"].value, total["Tasks"].value, total["Indicators"].value) == (2, 4, 4)
    assert sum(total[h].value for h in header if h.startswith("Indicators: ")) == 4


def test_the_key_spells_out_the_framework_codes(workbook):
    _council, book = workbook
    _header, rows = rows_of(book["Key"])
    assert ["TST", "Test Framework of the Council"] in [
        [r["Code or mark"].value, r["Meaning"].value] for r in rows
    ]
