"""Bad files never cause an exception or a partial import: each gets a clear message."""

import io
import os
import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook

from plans.models import Plan
from reporting.workbook.importer import plan_import
from reporting.workbook.reader import read_workbook

from .helpers import good_workbook, sheets, workbook_bytes

pytestmark = pytest.mark.django_db


def only_error(data: bytes) -> str:
    result = plan_import(workbook_bytes=data)
    assert not result.ok
    assert not Plan.objects.exists()
    return " ".join(str(error) for error in result.errors)


def test_an_empty_file():
    assert "empty" in only_error(b"")


def test_random_bytes():
    assert "not an Excel workbook" in only_error(os.urandom(2048).replace(b"PK", b"pk"))


def test_a_csv_file_renamed():
    data = b"Section,Task,Due Date\nEconomic Development,Review the employment areas,By April 2008\n"
    assert "CSV" in only_error(data)


def test_a_password_protected_or_old_excel_file():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    assert "password" in only_error(data)


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert "not an Excel workbook" in only_error(buffer.getvalue())


def test_a_damaged_workbook():
    data = good_workbook()
    assert "damaged" in only_error(data[: len(data) // 2])


def test_a_workbook_with_a_broken_part():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good_workbook())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = b"<not xml"
            target.writestr(item, content)
    assert "could not be read" in only_error(buffer.getvalue())


def test_an_empty_workbook():
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    message = only_error(buffer.getvalue())
    assert "no “Plan” sheet" in message
    assert "no “Tasks” sheet" in message


def test_a_workbook_with_no_tasks_sheet():
    content = sheets()
    del content["Tasks"]
    message = only_error(workbook_bytes(content))
    assert "no “Tasks” sheet" in message


@override_settings(IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit():
    assert "the largest workbook we accept" in only_error(good_workbook())


@override_settings(IMPORT_MAX_ROWS=3)
def test_a_workbook_over_the_row_limit():
    assert "more than 3 rows" in only_error(good_workbook())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK\x03\x04",
        b"PK\x03\x04" + bytes(100),
        b"\xd0\xcf\x11\xe0",
        b"\x00" * 10,
        "é,ü\n".encode("cp1252"),
    ],
)
def test_reading_never_raises(data):
    book = read_workbook(data)
    assert book.errors
