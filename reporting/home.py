"""The home page of the people who report rather than return: the committee clerk's reports to prepare and
the performance team's year at a glance. Sections of My updates, added through ``actions.hooks`` (registered
in ``reporting.apps``), since ``actions`` sits below ``reporting`` and never imports it."""

from collections import Counter

from django.db.models import Count

from plans.models import ReportingPeriod, Return
from plans.selectors import dashboard_periods, default_period
from serviceplans.forms import PERIOD_ORDER
from serviceplans.periods import return_period
from serviceplans.permissions import Actor
from serviceplans.roles import COMMITTEE_CLERKS

from .models import Report
from .selectors import dashboard

#: How many of the latest reported periods the clerk's home lists.
CLERK_PERIODS = 6
REPORTED_KINDS = ["quarter", "half", "year"]


def clerk_home_section(actor: Actor, periods) -> dict | None:
    """Reports to prepare: the latest periods closed or published, each with the reports made for it so far
    (to open, check and download) and a link to create one. Three queries, however many reports."""
    if COMMITTEE_CLERKS not in actor.roles or actor.runs_everything:
        return None
    reported = list(
        ReportingPeriod.objects.filter(
            kind__in=REPORTED_KINDS,
            state__in=[ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED],
        ).order_by(*PERIOD_ORDER)[:CLERK_PERIODS]
    )
    reports: dict[int, list[Report]] = {}
    for report in (
        Report.objects.filter(period__in=reported)
        .select_related("plan", "unit")
        .only("title", "state", "period_id", "plan__title", "unit__name", "created_at")
        .order_by("-created_at")
    ):
        reports.setdefault(report.period_id, []).append(report)
    open_now = ReportingPeriod.objects.filter(
        kind__in=REPORTED_KINDS, state=ReportingPeriod.State.OPEN
    ).order_by(*PERIOD_ORDER)
    return {
        "template": "reporting/_home_clerk.html",
        "heading": "Reports to prepare",
        "rows": [{"period": period, "reports": reports.get(period.pk, [])} for period in reported],
        "open_periods": list(open_now),
    }


def performance_home_section(actor: Actor, periods) -> dict | None:
    """The year at a glance: the year's periods and their state, the returns submitted, approved and sent
    back in each, and the current period's exceptions. A fixed number of queries, whatever the size."""
    if not actor.runs_everything:
        return None
    reportable = dashboard_periods()
    current = default_period(reportable)
    if current is not None:
        year = current.financial_year
    else:
        year = (
            ReportingPeriod.objects.order_by("-financial_year")
            .values_list("financial_year", flat=True)
            .first()
        )
    if year is None:
        return {
            "template": "reporting/_home_performance.html",
            "heading": "The year at a glance",
            "year": None,
        }
    year_periods = list(
        ReportingPeriod.objects.filter(financial_year=year).order_by("end_date", "-start_date")
    )
    counts: dict[int, Counter] = {}
    for period_id, state, number in (
        Return.objects.filter(period__financial_year=year)
        .values_list("period_id", "state")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts.setdefault(period_id, Counter())[state] = number
    months = Counter(p.get_state_display() for p in year_periods if p.kind == "month")
    board = None
    if current is not None:
        board = dashboard(period=current, periods=reportable, unit=None, exceptions=False, by_unit=False)
    return {
        "template": "reporting/_home_performance.html",
        "heading": "The year at a glance",
        "year": year_periods[0].period.year if year_periods else None,
        "rows": [
            {
                "period": period,
                "submitted": counts.get(period.pk, Counter())[Return.State.SUBMITTED],
                "approved": counts.get(period.pk, Counter())[Return.State.APPROVED],
                "sent_back": counts.get(period.pk, Counter())[Return.State.SENT_BACK],
                # returns are made for quarters: a half-year's or the year's updates are in its quarter's
                "in_return": None if period.kind == "quarter" else return_period(period.period).label,
            }
            for period in year_periods
            if period.kind != "month"
        ],
        "months": sorted(months.items()),
        "current": current,
        "board": board,
    }
