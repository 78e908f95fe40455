from datetime import date

import pytest

from reporting.workbook.wording import (
    header_key,
    officer_initial_key,
    officer_key,
    read_due_date,
    read_milestones,
    split_officers,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 June 2007", date(2007, 6, 1)),
        ("By April 2008", date(2008, 4, 30)),
        ("Sept. 08", date(2008, 9, 30)),
        ("End of April 2007", date(2007, 4, 30)),
        ("End of 2007", date(2007, 12, 31)),
        ("review completed by 30th June, 2002.", date(2002, 6, 30)),
        ("31/03/2008", date(2008, 3, 31)),
        ("During 2007/08", date(2008, 3, 31)),
        ("Jan 2008", date(2008, 1, 31)),
        ("February 2008", date(2008, 2, 29)),
    ],
)
def test_a_due_date_that_names_a_date_gives_it_and_keeps_the_words(text, expected):
    due = read_due_date(text)
    assert due.due_date == expected
    assert due.text == " ".join(text.split())
    assert not due.ongoing
    assert due.warning == ""


@pytest.mark.parametrize("text", ["On-going", "Ongoing", "ongoing", "Continuing"])
def test_ongoing_work_has_the_flag_and_no_date_and_no_warning(text):
    due = read_due_date(text)
    assert (due.due_date, due.ongoing, due.warning, due.text) == (None, True, "", text)


def test_a_date_and_continuing_gives_both():
    due = read_due_date("March 2008 and continuing")
    assert (due.due_date, due.ongoing) == (date(2008, 3, 31), True)


def test_will_continue_during_a_year_is_ongoing_to_its_end():
    due = read_due_date("Will continue during 2007/8")
    assert (due.due_date, due.ongoing) == (date(2008, 3, 31), True)


@pytest.mark.parametrize(
    "text",
    [
        "Options appraisal – April 2007 Business case – June 2007 Capital work – Jan 2008",
        "Options appraisal – April 2007, Business case – June 2007, Capital work – Jan 2008",
        "Options appraisal - April 2007\nBusiness case - June 2007\nCapital work - Jan 2008",
    ],
)
def test_several_dated_steps_become_milestones_with_the_last_as_the_due_date(text):
    due = read_due_date(text)
    assert [(m.name, m.due_date, m.due_date_text) for m in due.milestones] == [
        ("Options appraisal", date(2007, 4, 30), "April 2007"),
        ("Business case", date(2007, 6, 30), "June 2007"),
        ("Capital work", date(2008, 1, 31), "Jan 2008"),
    ]
    assert due.due_date == date(2008, 1, 31)
    assert due.text == " ".join(text.split())


def test_several_dates_without_names_are_not_milestones():
    due = read_due_date("between 8th May 2002 and 28th August 2002")
    assert due.milestones == ()
    assert due.due_date == date(2002, 8, 28)


@pytest.mark.parametrize("text", ["Soon", "When funding allows", "31 February 2008"])
def test_no_date_leaves_it_empty_with_a_warning(text):
    due = read_due_date(text)
    assert due.due_date is None
    assert not due.ongoing
    assert "No date found" in due.warning
    assert due.text == text


def test_an_excel_date_cell_is_that_date():
    due = read_due_date(date(2007, 6, 1))
    assert (due.due_date, due.text) == (date(2007, 6, 1), "1 June 2007")


def test_a_blank_due_date_is_nothing_without_a_warning():
    assert read_due_date(None).warning == ""
    assert read_due_date("   ").text == ""


def test_milestones_column_one_step_a_line():
    steps = read_milestones("Options appraisal – 30 April 2007\nBusiness case – June 2007; Launch")
    assert [(s.name, s.due_date) for s in steps] == [
        ("Options appraisal", date(2007, 4, 30)),
        ("Business case", date(2007, 6, 30)),
        ("Launch", None),
    ]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("A. McCorkle / B. Jones", ("A. McCorkle", "B. Jones")),
        ("A. McCorkle, B. Jones", ("A. McCorkle", "B. Jones")),
        ("A. McCorkle & B. Jones", ("A. McCorkle", "B. Jones")),
        ("Jo Boulton and Liz Clark", ("Jo Boulton", "Liz Clark")),
        ("Simon Lawrence", ("Simon Lawrence",)),
        ("A. McCorkle / A McCorkle", ("A. McCorkle",)),
    ],
)
def test_several_officers_in_one_cell_are_split(cell, names):
    officers = split_officers(cell)
    assert officers.names == names
    assert officers.note == ""


def test_a_phrase_is_kept_as_a_note_beside_the_names_it_gives():
    officers = split_officers("Overall A. Hardy, but each team leader for work in their areas")
    assert officers.names == ("A. Hardy",)
    assert officers.note == "Overall A. Hardy, but each team leader for work in their areas"
    assert "kept as a note" in officers.warning


def test_officer_keys_ignore_case_dots_and_spacing():
    assert officer_key("A. McCorkle") == officer_key("A McCorkle") == officer_key("a  mccorkle")
    assert officer_initial_key("Andrew McCorkle") == officer_initial_key("A. McCorkle") == "a mccorkle"
    assert officer_initial_key("Policy") == ""


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Comm.", "comm"),
        ("COMM", "comm"),
        ("Responsible  Officer", "responsibleofficer"),
        ("Due Date ", "duedate"),
    ],
)
def test_headers_match_ignoring_case_punctuation_and_spaces(header, key):
    assert header_key(header) == key
