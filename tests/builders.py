"""Small councils for page tests: a directorate with services, a plan, tasks, indicators and returns."""

from decimal import Decimal

from indicators.judgements import refresh_deferred
from plans.models import Plan, ReportingPeriod
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    ProgressUpdateFactory,
    ReportingPeriodFactory,
    TargetFactory,
    TaskFactory,
)


def small_council(*, size: int, year: int = 2026):
    """A council → directorate → two services, with ``size`` tasks and indicators in each service,
    quarter 1 closed and quarter 2 open, every task updated in Q1 and half of them in Q2."""
    council = OrganisationUnitFactory(name="Millbrook Council", kind="council", slug="council")
    directorate = OrganisationUnitFactory(name="Environment", kind="directorate", parent=council, slug="env")
    services = [
        OrganisationUnitFactory(name=name, kind="service", parent=directorate, slug=name.lower())
        for name in ("Waste", "Parks")
    ]
    q1 = ReportingPeriodFactory(
        financial_year=year, kind="quarter", number=1, state=ReportingPeriod.State.CLOSED
    )
    q2 = ReportingPeriodFactory(
        financial_year=year, kind="quarter", number=2, state=ReportingPeriod.State.OPEN
    )
    last_q2 = ReportingPeriodFactory(
        financial_year=year - 1, kind="quarter", number=2, state=ReportingPeriod.State.PUBLISHED
    )
    plan = PlanFactory(
        unit=directorate, first_year=year, status=Plan.Status.PUBLISHED, title="Environment Plan"
    )
    sections = [PlanSectionFactory(plan=plan, title=service.name, unit=service) for service in services]
    council_parts = {
        "council": council,
        "directorate": directorate,
        "services": services,
        "plan": plan,
        "sections": sections,
        "q1": q1,
        "q2": q2,
        "last_q2": last_q2,
        "year": year,
        "tasks": [],
        "indicators": [],
    }
    add_rows(council_parts, size)
    return council_parts


def add_rows(council, size: int) -> None:
    """Add ``size`` tasks and indicators, with their returns, to each service of a small council. Each
    indicator is judged once, when its targets and values are all in (as an import or the API does)."""
    with refresh_deferred():
        _add_rows(council, size)


def _add_rows(council, size: int) -> None:
    year = council["year"]
    for section in council["sections"]:
        for n in range(size):
            task = TaskFactory(section=section, plan=council["plan"])
            ProgressUpdateFactory(task=task, period=council["q1"], percent_complete=20, status="green")
            if n % 2 == 0:
                status = "red" if n == 0 else "green"
                ProgressUpdateFactory(task=task, period=council["q2"], percent_complete=40, status=status)
            council["tasks"].append(task)
            indicator = IndicatorFactory(section=section, plan=council["plan"], polarity="higher")
            TargetFactory(indicator=indicator, financial_year=year, value=Decimal(50))
            TargetFactory(indicator=indicator, financial_year=year - 1, value=Decimal(45))
            IndicatorValueFactory(indicator=indicator, period=council["last_q2"], value=Decimal(44))
            IndicatorValueFactory(indicator=indicator, period=council["q1"], value=Decimal(48))
            IndicatorValueFactory(indicator=indicator, period=council["q2"], value=Decimal(40 + n))
            council["indicators"].append(indicator)


def staff_of(unit, people, *, head: str | None = None, job_title: str | None = None) -> dict:
    """Signed-in people working in ``unit``: ``people`` are (username, full name, role group[, is staff])
    rows; each gets a user in that group and an officer record. ``head`` (a username) heads the unit.
    Returns the officers by username."""
    from serviceplans.roles import roles_ensure
    from tests.factories import OfficerFactory, UserFactory

    groups = roles_ensure()
    officers = {}
    for username, name, group, *staff in people:
        first, last = name.split()
        user = UserFactory(
            username=username, first_name=first, last_name=last, is_staff=bool(staff and staff[0])
        )
        user.groups.add(groups[group])
        extra = {"job_title": job_title} if job_title else {}
        officers[username] = OfficerFactory(user=user, name=name, unit=unit, **extra)
    if head is not None:
        unit.head = officers[head]
        unit.save()
    return officers
