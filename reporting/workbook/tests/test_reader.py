import pytest

from reporting.workbook.reader import Problem, _is_percent_format, _percent_text, read_workbook

from .helpers import sheets, task, workbook_bytes


@pytest.mark.parametrize(
    ("number_format", "percent"),
    [("0%", True), ("0.0%", True), ('0"%"', False), ("0\\%", False), ("General", False), (None, False)],
)
def test_only_a_real_percentage_format_counts(number_format, percent):
    assert _is_percent_format(number_format) is percent


def test_a_percentage_cell_is_read_as_shown():
    assert _percent_text(0.9) == "90%"
    assert _percent_text(0.125) == "12.5%"
    assert _percent_text(1) == "100%"


def test_a_problem_says_where_what_and_why():
    problem = Problem(sheet="Tasks", row=4, column="H", value="Soon", reason="No date found.")
    assert str(problem) == "Sheet Tasks, row 4, column H: No date found. (value “Soon”)"
    assert str(Problem(reason="The file is empty.")) == "The file is empty."


def test_the_first_row_with_anything_in_it_is_the_header():
    content = sheets(tasks=[task()])
    content["Tasks"] = [[None] * 9, *content["Tasks"]]
    book = read_workbook(workbook_bytes(content))
    tasks = next(sheet for sheet in book.sheets if sheet.name == "Tasks")
    assert tasks.header_row == 2
    assert tasks.headers[1] == "Section"
    assert [row.number for row in tasks.rows] == [3]
