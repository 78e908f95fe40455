"""Dates as officers write them ("By April 2027", "Sept. 26", "On-going") and the reporting calendar the
performance team would have left: last year's and this year's periods and their states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from plans.models import ReportingPeriod
from serviceplans.periods import FinancialYear, Period, PeriodKind

from .. import content as c

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip

#: Returns are due this long after a period ends.
RETURN_WINDOW = timedelta(weeks=6)
#: An open period always leaves at least this long to make the returns.
MINIMUM_NOTICE = timedelta(days=7)


def month_of(first_year: int, offset: int) -> tuple[int, int]:
    """(calendar year, month) of a month offset from 1 April of ``first_year`` (1 = April)."""
    index = 3 + offset - 1
    return first_year + index // 12, index % 12 + 1


def month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def month_words(first_year: int, offset: int) -> str:
    year, month = month_of(first_year, offset)
    return f"{MONTH_NAMES[month - 1]} {year}"


@dataclass(frozen=True)
class Due:
    text: str
    due_date: date | None
    ongoing: bool = False


def task_due(spec: c.TaskSpec, first_year: int, years: int) -> Due:
    kind, _, number = spec.due.partition(":")
    if kind == "" and spec.milestones:
        text = ", ".join(f"{name} – {month_words(first_year, offset)}" for name, offset in spec.milestones)
        return Due(text, month_end(*month_of(first_year, max(o for _, o in spec.milestones))))
    if kind == "ongoing":
        return Due("On-going", None, ongoing=True)
    if kind == "endyear":
        return Due(f"End of {first_year}", date(first_year, 12, 31))
    if kind == "during":
        last = FinancialYear(first_year + years - 1)
        words = last.label if years == 1 else f"{first_year}–{first_year + years}"
        return Due(f"Will continue during {words}", last.end)
    year, month = month_of(first_year, int(number))
    due = month_end(year, month)
    if kind == "by":
        return Due(f"By {MONTH_NAMES[month - 1]} {year}", due)
    if kind == "month":
        return Due(f"{MONTH_NAMES[month - 1]} {year}", due)
    if kind == "abbr":
        return Due(f"{_MONTH_ABBREVIATIONS[month - 1]} {year % 100:02d}", due)
    raise ValueError(f"Unknown due date {spec.due!r}")


def weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def as_decimal(number: float, places: int) -> Decimal:
    return Decimal(f"{number:.{places}f}")


def aware(day: date) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(10, 30)))
    return min(moment, timezone.now() - timedelta(minutes=5))


# -- the reporting calendar -------------------------------------------------------------------------------


class Calendar:
    """Last year's and this year's periods and their states, as the performance team would have left them."""

    def __init__(self, today: date):
        self.today = today
        self.year = FinancialYear.containing(today)
        self.years = (self.year.previous(), self.year)
        # The latest quarter that has ended is open for returns; everything before it is closed.
        self.open_quarter = Period.containing(today, PeriodKind.QUARTER).previous()

    def periods(self) -> list[Period]:
        periods = []
        for year in self.years:
            periods += year.months() + year.quarters() + year.halves() + [year.period()]
        return sorted(periods)

    def state(self, period: Period) -> str:
        if period.end >= self.today:
            return ReportingPeriod.State.SCHEDULED
        if period.end >= self.open_quarter.start:
            return ReportingPeriod.State.OPEN
        if period.year == self.years[0]:
            return ReportingPeriod.State.PUBLISHED
        return ReportingPeriod.State.CLOSED

    def deadline(self, period: Period) -> date:
        deadline = period.end + RETURN_WINDOW
        if self.state(period) == ReportingPeriod.State.OPEN:
            deadline = max(deadline, self.today + MINIMUM_NOTICE)
        return deadline


def period_key(period: Period) -> tuple[int, str, int]:
    return (period.year.start_year, period.kind.value, period.number)
