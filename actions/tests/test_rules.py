"""Tests for actions.rules: expected progress, suggested status and commentary (plain Python, no database)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.rules import (
    MilestoneCount,
    Status,
    StatusThresholds,
    effective_percent,
    expected_milestones,
    expected_percent,
    progress_ratio,
    status_needs_commentary,
    suggested_status,
    variance_needs_commentary,
)
from serviceplans.periods import FinancialYear

FY = FinancialYear(2008)  # 1 April 2008 to 31 March 2009: 365 days
LEAP = FinancialYear(2007)  # 1 April 2007 to 31 March 2008: 366 days (29 February 2008)


def expected(
    *,
    period_end: date,
    start: date | None = None,
    due: date | None = None,
    ongoing: bool = False,
    year: FinancialYear = FY,
) -> int | None:
    return expected_percent(
        start=start, due=due, ongoing=ongoing, period_end=period_end, year_start=year.start, year_end=year.end
    )


# -- expected_percent -------------------------------------------------------------------------------------


def test_expected_percent_mid_year_is_50():
    assert expected(start=date(2008, 4, 1), due=date(2009, 3, 31), period_end=date(2008, 9, 30)) == 50


def test_expected_percent_ongoing_is_measured_across_the_plan_year():
    for period_end, percent in [
        (date(2008, 6, 30), 25),
        (date(2008, 9, 30), 50),
        (date(2008, 12, 31), 75),
        (date(2009, 3, 31), 100),
    ]:
        assert expected(ongoing=True, period_end=period_end) == percent
        assert (
            expected(ongoing=True, start=date(2001, 1, 1), due=date(2008, 5, 1), period_end=period_end)
            == percent
        )


def test_expected_percent_no_due_date_is_measured_across_the_plan_year():
    assert expected(period_end=date(2008, 9, 30)) == 50
    assert expected(start=date(2008, 4, 1), period_end=date(2008, 12, 31)) == 75


def test_expected_percent_ongoing_work_starting_mid_year_counts_from_its_start():
    start = date(2008, 10, 1)
    assert expected(ongoing=True, start=start, period_end=date(2008, 9, 30)) == 0
    assert expected(ongoing=True, start=start, period_end=date(2008, 12, 31)) == 51  # 92 of 182 days
    assert expected(ongoing=True, start=start, period_end=date(2009, 3, 31)) == 100


def test_expected_percent_no_start_date_starts_at_the_beginning_of_the_year():
    # 1 April to 30 September 2008 is 183 of the 214 days to 31 October.
    assert expected(due=date(2008, 10, 31), period_end=date(2008, 9, 30)) == 86


def test_expected_percent_one_off_project_follows_its_own_dates():
    start, due = date(2008, 7, 1), date(2008, 12, 31)  # 184 days
    assert expected(start=start, due=due, period_end=date(2008, 6, 30)) == 0
    assert expected(start=start, due=due, period_end=date(2008, 7, 1)) == 1  # one day in
    assert expected(start=start, due=due, period_end=date(2008, 9, 30)) == 50  # 92 of 184 days
    assert expected(start=start, due=due, period_end=date(2008, 12, 31)) == 100


def test_expected_percent_due_before_the_period_ends_is_100():
    assert expected(start=date(2008, 4, 1), due=date(2008, 5, 15), period_end=date(2008, 6, 30)) == 100
    # Due last year, with no start date.
    assert expected(due=date(2007, 12, 31), period_end=date(2008, 6, 30)) == 100


def test_expected_percent_not_started_yet_is_0():
    assert expected(start=date(2008, 10, 1), due=date(2009, 3, 31), period_end=date(2008, 9, 30)) == 0
    assert expected(start=date(2009, 6, 1), due=date(2010, 3, 31), period_end=date(2009, 3, 31)) == 0
    assert expected(ongoing=True, start=date(2010, 1, 1), period_end=date(2009, 3, 31)) == 0


def test_expected_percent_dates_outside_the_period():
    # A period before the plan year, and one after it.
    assert expected(ongoing=True, period_end=date(2008, 3, 31)) == 0
    assert expected(ongoing=True, period_end=date(2010, 3, 31)) == 100
    # A project running beyond the plan year follows its own dates.
    assert expected(start=date(2008, 4, 1), due=date(2010, 3, 31), period_end=date(2009, 3, 31)) == 50


def test_expected_percent_leap_years():
    # 183 of 366 days in 2007/08, 183 of 365 in 2008/09: both round to 50.
    assert expected(ongoing=True, period_end=date(2007, 9, 30), year=LEAP) == 50
    assert expected(ongoing=True, period_end=date(2007, 12, 31), year=LEAP) == 75  # 275 / 366
    # A task through February 2008: 29 of its 30 days are gone at 29 February.
    assert (
        expected(start=date(2008, 2, 1), due=date(2008, 3, 1), period_end=date(2008, 2, 29), year=LEAP) == 97
    )


def test_expected_percent_rounds_halves_up():
    # Four days, two gone: exactly 50; eight days, one gone: 12.5 rounds to 13.
    assert expected(start=date(2008, 5, 1), due=date(2008, 5, 4), period_end=date(2008, 5, 2)) == 50
    assert expected(start=date(2008, 5, 1), due=date(2008, 5, 8), period_end=date(2008, 5, 1)) == 13


def test_expected_percent_one_day_task():
    day = date(2008, 5, 1)
    assert expected(start=day, due=day, period_end=day - timedelta(days=1)) == 0
    assert expected(start=day, due=day, period_end=day) == 100


def test_expected_percent_none_when_due_before_start():
    assert expected(start=date(2008, 6, 1), due=date(2008, 5, 1), period_end=date(2008, 9, 30)) is None


def test_expected_percent_refuses_a_year_ending_before_it_starts():
    with pytest.raises(ValueError):
        expected_percent(
            start=None,
            due=None,
            ongoing=True,
            period_end=date(2008, 9, 30),
            year_start=date(2009, 3, 31),
            year_end=date(2008, 4, 1),
        )


_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(_days, _days, _days, st.booleans())
def test_expected_percent_is_between_0_and_100_and_never_falls(start, due, period_end, ongoing):
    due = max(start, due)
    first = expected(start=start, due=due, ongoing=ongoing, period_end=period_end)
    later = expected(start=start, due=due, ongoing=ongoing, period_end=period_end + timedelta(days=30))
    assert first is not None and later is not None
    assert 0 <= first <= later <= 100


# -- expected_milestones ----------------------------------------------------------------------------------


def test_expected_milestones():
    milestones = [
        (date(2008, 5, 1), True),
        (date(2008, 6, 30), False),  # due on the last day of the period: counted
        (date(2008, 7, 1), True),  # due later, done early: not counted
        (None, True),  # no due date: not counted
        (date(2008, 4, 15), True),
    ]
    assert expected_milestones(milestones, period_end=date(2008, 6, 30)) == (3, 2)
    assert expected_milestones(milestones, period_end=date(2008, 6, 30)) == MilestoneCount(due=3, done=2)


def test_expected_milestones_none():
    assert expected_milestones([], period_end=date(2008, 6, 30)) == (0, 0)
    assert expected_milestones(iter([(date(2009, 1, 1), False)]), period_end=date(2008, 6, 30)) == (0, 0)


# -- progress_ratio ---------------------------------------------------------------------------------------


def test_progress_ratio():
    assert progress_ratio(reported=45, expected=50) == Decimal("0.9")
    assert progress_ratio(reported=50, expected=50) == 1
    assert progress_ratio(reported=75, expected=50) == Decimal("1.5")
    assert progress_ratio(reported=0, expected=50) == 0


def test_progress_ratio_none_when_nothing_is_expected():
    assert progress_ratio(reported=0, expected=0) is None
    assert progress_ratio(reported=10, expected=0) is None
    assert progress_ratio(reported=10, expected=None) is None


# -- suggested_status -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "expected_value", "status"),
    [
        (50, 50, Status.GREEN),
        (80, 50, Status.GREEN),  # ahead
        (45, 50, Status.GREEN),  # exactly 90% of expected
        (44, 50, Status.AMBER),
        (63, 70, Status.GREEN),  # exactly 90%
        (62, 70, Status.AMBER),
        (35, 50, Status.AMBER),  # exactly 70% of expected
        (49, 70, Status.AMBER),  # exactly 70%
        (34, 50, Status.RED),  # just below 70%
        (48, 70, Status.RED),
        (0, 50, Status.RED),  # should have started by now
        (100, 50, Status.COMPLETED),
        (100, 100, Status.COMPLETED),
        (0, 0, Status.NOT_STARTED),
        (10, 0, Status.GREEN),  # begun before anyone expected
        (99, 100, Status.GREEN),
    ],
)
def test_suggested_status(reported, expected_value, status):
    assert suggested_status(reported_percent=reported, expected_percent=expected_value) is status


@pytest.mark.parametrize("officer_status", ["completed", "not_applicable", Status.COMPLETED])
def test_suggested_status_completed_and_not_applicable_are_not_judged(officer_status):
    assert suggested_status(reported_percent=10, expected_percent=90, officer_status=officer_status) is None
    assert suggested_status(reported_percent=100, expected_percent=90, officer_status=officer_status) is None


def test_suggested_status_other_officer_statuses_are_judged():
    assert suggested_status(reported_percent=10, expected_percent=90, officer_status="green") is Status.RED
    assert (
        suggested_status(reported_percent=0, expected_percent=0, officer_status="not_started")
        == "not_started"
    )


def test_suggested_status_none_without_an_expectation():
    assert suggested_status(reported_percent=40, expected_percent=None) is None
    assert suggested_status(reported_percent=100, expected_percent=None) is Status.COMPLETED


def test_suggested_status_thresholds_can_be_changed():
    strict = StatusThresholds(green_at=Decimal("1"), amber_at=Decimal("0.8"))
    assert suggested_status(reported_percent=49, expected_percent=50, thresholds=strict) is Status.AMBER
    assert suggested_status(reported_percent=50, expected_percent=50, thresholds=strict) is Status.GREEN
    assert suggested_status(reported_percent=39, expected_percent=50, thresholds=strict) is Status.RED


def test_suggested_status_thresholds_must_be_in_order():
    with pytest.raises(ValueError):
        StatusThresholds(green_at=Decimal("0.5"), amber_at=Decimal("0.7"))
    with pytest.raises(ValueError):
        StatusThresholds(green_at=Decimal("0.5"), amber_at=Decimal("-0.1"))


@given(st.integers(0, 100), st.integers(0, 99), st.integers(0, 100))
def test_suggested_status_more_progress_never_worsens_it(reported, more, expected_value):
    order = {Status.RED: 0, Status.AMBER: 1, Status.NOT_STARTED: 1, Status.GREEN: 2, Status.COMPLETED: 3}
    better = min(100, reported + more)
    before = suggested_status(reported_percent=reported, expected_percent=expected_value)
    after = suggested_status(reported_percent=better, expected_percent=expected_value)
    assert order[after] >= order[before]


def test_status_labels():
    assert [s.label for s in Status] == [
        "Not started",
        "Green",
        "Amber",
        "Red",
        "Completed",
        "Not applicable",
    ]


# -- effective_percent ------------------------------------------------------------------------------------


def test_effective_percent():
    assert effective_percent("not_started", 30) == 0
    assert effective_percent(Status.NOT_STARTED, None) == 0
    assert effective_percent("completed", 80) == 100
    assert effective_percent(Status.COMPLETED, None) == 100
    assert effective_percent("green", 40) == 40
    assert effective_percent("red", None) is None
    assert effective_percent(None, 25) == 25


# -- variance_needs_commentary ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "expected_value", "needs"),
    [
        (50, 50, False),
        (30, 50, False),  # exactly 20 points behind
        (29, 50, True),
        (70, 50, False),  # exactly 20 points ahead
        (71, 50, True),
        (0, None, False),
    ],
)
def test_variance_needs_commentary(reported, expected_value, needs):
    assert variance_needs_commentary(reported=reported, expected=expected_value) is needs


def test_variance_needs_commentary_threshold_can_be_changed():
    assert variance_needs_commentary(reported=40, expected=50, threshold_points=5) is True
    assert variance_needs_commentary(reported=40, expected=50, threshold_points=10) is False


# -- status_needs_commentary ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "needs"),
    [
        ("amber", True),
        ("red", True),
        ("not_applicable", True),
        (Status.AMBER, True),
        ("green", False),
        ("completed", False),
        ("not_started", False),
        (None, False),
        ("", False),
    ],
)
def test_status_needs_commentary(status, needs):
    assert status_needs_commentary(status) is needs
