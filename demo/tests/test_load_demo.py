"""The demo council loader: what it builds, that a second run changes nothing, and the demo passwords."""

import re
from datetime import date
from io import StringIO
from itertools import chain

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Task
from demo.builder import demo_council_load
from indicators.models import Indicator, IndicatorValue, Target
from plans.models import Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod, Return
from risks.models import Risk, RiskReview
from serviceplans import roles

TODAY = date(2026, 11, 23)
PASSWORD = "demo-pass-123"
USERS = {
    "admin": None,
    "performance": roles.PERFORMANCE_TEAM,
    "clerk": roles.COMMITTEE_CLERKS,
    "manager": roles.MANAGERS,
    "officer": roles.OFFICERS,
}
PASSWORD_LINE = re.compile(r"Password for ([a-z, ]+): (\S+)")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts() -> dict[str, int]:
    models = chain.from_iterable(
        apps.get_app_config(label).get_models(include_auto_created=True)
        for label in ("plans", "actions", "indicators", "risks")
    )
    User = get_user_model()
    extra = [User, Group, User.groups.through]
    return {model._meta.label: model._default_manager.count() for model in chain(models, extra)}


def rows(queryset, *fields) -> list[tuple]:
    return sorted(queryset.values_list(*fields), key=repr)


def fingerprint() -> list:
    """Key fields (and last-changed times) of the rows a careless second run would add to or change."""
    return [
        rows(
            ProgressUpdate.objects,
            *(
                "task_id",
                "period_id",
                "percent_complete",
                "status",
                "commentary",
                "updated_by_id",
                "updated_at",
            ),
        ),
        rows(
            IndicatorValue.objects,
            *("indicator_id", "period_id", "value", "text_value", "no_data_reason", "note", "updated_at"),
        ),
        rows(
            Task.objects,
            *(
                "id",
                "section_id",
                "text",
                "due_date",
                "due_date_text",
                "carried_forward_from_id",
                "updated_at",
            ),
        ),
        rows(Target.objects, "indicator_id", "financial_year", "period_id", "value", "text"),
        rows(ReportingPeriod.objects, "financial_year", "kind", "number", "state", "deadline"),
        rows(OrganisationUnit.objects, "slug", "name", "head_id"),
        rows(Plan.objects, "slug", "status", "previous_plan_id", "updated_at"),
        rows(Return.objects, "officer_id", "period_id", "state", "submitted_at", "decided_at", "comment"),
        rows(get_user_model().objects, "username", "password", "is_staff", "is_superuser", "last_login"),
        rows(Risk.objects, "reference", "current_likelihood", "current_impact", "status", "updated_at"),
        rows(RiskReview.objects, "risk_id", "period_id", "likelihood", "impact", "version", "updated_at"),
    ]


def test_builds_a_realistic_council():
    summary = demo_council_load(password=PASSWORD, today=TODAY)

    assert summary.financial_year == "2026/27"
    assert OrganisationUnit.objects.get(kind="council").name == settings.COUNCIL_NAME
    assert OrganisationUnit.objects.filter(kind="directorate").count() >= 3
    assert not OrganisationUnit.objects.filter(head__isnull=True).exists()
    assert PlanSection.objects.count() >= 12
    assert Officer.objects.count() >= 40
    assert Officer.objects.filter(user__isnull=True).count() > Officer.objects.count() - 5
    assert all(
        email.endswith("@millbrook.example.gov.uk")
        for email in Officer.objects.values_list("email", flat=True)
    )

    assert Task.objects.count() >= 150
    assert set(Task.objects.values_list("category", flat=True)) == set(Task.Category.values)
    assert Task.objects.filter(category=Task.Category.RISK_MANAGEMENT).exclude(risk="").exists()
    assert Task.objects.filter(ongoing=True, due_date_text="On-going", due_date__isnull=True).exists()
    assert Task.objects.filter(budget__isnull=False).exists()
    assert Task.objects.exclude(responsibility_note="").exists()
    assert Milestone.objects.exists()
    assert Task.objects.filter(carried_forward_from__isnull=False).exists()
    assert Plan.objects.filter(previous_plan__status=Plan.Status.ARCHIVED, first_year=2026).exists()
    assert Plan.objects.filter(years=3).exists()
    assert Plan.objects.filter(reporting_frequency=Plan.Frequency.HALF_YEARLY).count() == 1
    for plan in Plan.objects.filter(first_year=2026):
        assert plan.approved_on < date(2026, 4, 1)
        assert plan.committee and plan.owner_id

    assert Indicator.objects.count() >= 60
    assert {"percent", "number", "money", "days", "ratio", "text"} <= set(
        Indicator.objects.values_list("unit", flat=True)
    )
    assert set(Indicator.objects.values_list("polarity", flat=True)) == set(Indicator.Polarity.values)
    assert {"monthly", "quarterly", "yearly"} <= set(
        Indicator.objects.values_list("collection_frequency", flat=True)
    )
    assert Indicator.objects.filter(data_only=True).exists()
    assert Target.objects.exclude(text="").exists()
    assert Target.objects.filter(period__isnull=False).exists()
    assert set(Target.objects.values_list("financial_year", flat=True)) == {2025, 2026, 2027, 2028}

    open_periods = ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN)
    assert open_periods.filter(deadline__gt=TODAY).exists()
    assert not open_periods.filter(deadline__lte=TODAY).exists()
    assert not ReportingPeriod.objects.filter(deadline__isnull=True).exists()
    assert not ReportingPeriod.objects.filter(end_date__gte=TODAY).exclude(state="scheduled").exists()
    assert ReportingPeriod.objects.filter(financial_year=2025).exclude(state="published").count() == 0

    past = [ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED]
    assert ProgressUpdate.objects.filter(period__state__in=past).count() >= 150
    statuses = set(ProgressUpdate.objects.values_list("status", flat=True))
    assert statuses == set(ProgressStatus.values)
    assert ProgressUpdate.objects.filter(period__state="open").exists()
    values = IndicatorValue.objects.filter(value__isnull=False)
    assert set(values.values_list("period__financial_year", flat=True)) == {2025, 2026}
    assert values.filter(period__kind="month").exists()
    assert IndicatorValue.objects.exclude(no_data_reason="").exists()


def test_demo_users_have_their_roles():
    demo_council_load(password=PASSWORD, today=TODAY)
    User = get_user_model()
    for username, group in USERS.items():
        user = User.objects.get(username=username)
        assert user.check_password(PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == ([group] if group else [])
    assert User.objects.get(username="admin").is_superuser
    assert all(User.objects.get(username=name).is_staff for name in ("admin", "performance"))
    assert not User.objects.get(username="clerk").is_staff  # no Admin link: the clerk's home is the pages

    manager = Officer.objects.get(user__username="manager")
    assert manager.units_headed.exists()

    officer = Officer.objects.get(user__username="officer")
    open_quarter = ReportingPeriod.objects.get(financial_year=2026, kind="quarter", number=2, state="open")
    tasks = Task.objects.filter(
        officers=officer, plan__reporting_frequency="quarterly", plan__first_year=2026
    )
    assert tasks.count() >= 3
    assert Indicator.objects.filter(officers=officer, plan__first_year=2026).count() >= 2
    # Some of the officer's returns are still to do.
    assert ProgressUpdate.objects.filter(task__in=tasks, period=open_quarter).count() < tasks.count()


def test_the_year_workflow_is_under_way():
    demo_council_load(password=PASSWORD, today=TODAY)
    open_quarter = ReportingPeriod.objects.get(financial_year=2026, kind="quarter", number=2)
    states = list(Return.objects.filter(period=open_quarter).values_list("state", flat=True))
    assert states.count("approved") == 1
    assert states.count("sent_back") == 1
    assert states.count("submitted") >= 2
    sent_back = Return.objects.get(period=open_quarter, state="sent_back")
    assert sent_back.officer.user.username == "officer"
    assert sent_back.decided_by.username == "manager" and sent_back.comment
    # The manager has someone else's return waiting for a decision.
    assert Return.objects.filter(
        period=open_quarter, state="submitted", officer__unit=sent_back.officer.unit
    ).exists()

    submitted = Plan.objects.get(status=Plan.Status.SUBMITTED)
    assert submitted.first_year == 2027
    assert submitted.previous_plan.first_year == 2026
    assert submitted.tasks.filter(carried_forward_from__plan=submitted.previous_plan).exists()
    assert submitted.indicators.exists()
    assert set(Target.objects.filter(indicator__plan=submitted).values_list("financial_year", flat=True)) == {
        2027
    }


def test_second_run_changes_nothing():
    first = demo_council_load(password=PASSWORD, today=TODAY)
    counts, prints = row_counts(), fingerprint()

    second = demo_council_load(password=PASSWORD, today=TODAY)

    assert first.created_anything
    assert not second.created_anything
    assert second.counts == first.counts
    assert row_counts() == counts
    assert fingerprint() == prints


def test_password_option_sets_and_resets_passwords(client):
    out = StringIO()
    call_command("load_demo", "--password", PASSWORD, stdout=out)
    assert not PASSWORD_LINE.search(out.getvalue())
    assert client.login(username="officer", password=PASSWORD)
    User = get_user_model()
    assert all(User.objects.get(username=name).check_password(PASSWORD) for name in USERS)

    call_command("load_demo", "--password", "another-pass-456", stdout=StringIO())
    assert all(User.objects.get(username=name).check_password("another-pass-456") for name in USERS)

    hashes = dict(User.objects.values_list("username", "password"))
    call_command("load_demo", "--password", "another-pass-456", stdout=StringIO())
    assert dict(User.objects.values_list("username", "password")) == hashes


def test_generated_password_is_printed_once():
    out = StringIO()
    call_command("load_demo", stdout=out)
    found = PASSWORD_LINE.findall(out.getvalue())
    assert len(found) == 1
    usernames, password = found[0]
    assert usernames.split(", ") == list(USERS)
    User = get_user_model()
    assert all(User.objects.get(username=name).check_password(password) for name in USERS)
    hashes = dict(User.objects.values_list("username", "password"))

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert not PASSWORD_LINE.search(again.getvalue())
    assert password not in again.getvalue()
    assert "passwords are unchanged" in again.getvalue()
    assert dict(User.objects.values_list("username", "password")) == hashes


def test_content_follows_the_date():
    today = date(2008, 11, 20)
    summary = demo_council_load(password=PASSWORD, today=today)

    assert summary.financial_year == "2008/09"
    assert Plan.objects.filter(first_year=2008).count() >= 4
    assert Plan.objects.filter(first_year=2007, status=Plan.Status.ARCHIVED).exists()
    assert Task.objects.count() >= 150
    assert Task.objects.filter(due_date_text__contains="2009").exists()
    assert ReportingPeriod.objects.filter(state="open", deadline__gt=today).exists()
    assert set(IndicatorValue.objects.values_list("period__financial_year", flat=True)) == {2007, 2008}
    assert set(Target.objects.values_list("financial_year", flat=True)) == {2007, 2008, 2009, 2010}


def test_early_in_the_year_last_years_fourth_quarter_is_open():
    today = date(2026, 5, 10)
    demo_council_load(password=PASSWORD, today=today)

    open_periods = ReportingPeriod.objects.filter(state="open")
    assert {(p.financial_year, p.kind, p.number) for p in open_periods if p.kind != "month"} == {
        (2025, "quarter", 4),
        (2025, "half", 2),
        (2025, "year", 1),
    }
    assert all(p.deadline > today for p in open_periods)
    # Only April's monthly returns are due from this year; nothing else of it has ended.
    this_year = ReportingPeriod.objects.filter(financial_year=2026).exclude(state="scheduled")
    assert [(p.kind, p.number) for p in this_year] == [("month", 1)]
    assert ProgressUpdate.objects.filter(period__financial_year=2025).exists()


def test_a_later_day_only_adds_what_has_fallen_due():
    demo_council_load(password=PASSWORD, today=TODAY)
    updates = set(
        rows(ProgressUpdate.objects, "id", "percent_complete", "status", "commentary", "updated_at")
    )
    tasks = Task.objects.count()

    later = date(2027, 1, 20)
    demo_council_load(password=PASSWORD, today=later)
    # Existing periods are left as they were: no returns go into the third quarter until it is opened.
    assert not ProgressUpdate.objects.filter(period__financial_year=2026, period__number=3).exists()
    ReportingPeriod.objects.filter(financial_year=2026, kind="quarter", number=3).update(state="open")
    demo_council_load(password=PASSWORD, today=later)

    assert Task.objects.count() == tasks
    later = set(rows(ProgressUpdate.objects, "id", "percent_complete", "status", "commentary", "updated_at"))
    assert updates < later
    assert ProgressUpdate.objects.filter(
        period__financial_year=2026, period__kind="quarter", period__number=3
    ).exists()


def test_a_new_financial_year_leaves_last_years_plans_alone():
    demo_council_load(password=PASSWORD, today=TODAY)
    last_year = {plan.slug: plan.tasks.count() for plan in Plan.objects.filter(first_year__gte=2025)}

    demo_council_load(password=PASSWORD, today=date(2027, 5, 10))

    assert {slug: Plan.objects.get(slug=slug).tasks.count() for slug in last_year} == last_year
    assert Plan.objects.filter(first_year=2027, previous_plan__first_year=2026).exists()
    assert ReportingPeriod.objects.filter(state="open", deadline__gt=date(2027, 5, 10)).exists()


def test_the_demo_has_a_published_report_and_a_draft():
    from reporting.models import Report

    demo_council_load(password=PASSWORD, today=TODAY)

    reports = {r.period.label: r for r in Report.objects.select_related("period")}
    assert set(reports) == {"2026/27 Q1", "2026/27 H1"}
    assert reports["2026/27 Q1"].is_published and reports["2026/27 Q1"].snapshot
    assert not reports["2026/27 H1"].is_published
    assert reports["2026/27 Q1"].created_by.username == "clerk"


def test_after_the_demo_nobody_has_two_returns_for_the_same_months():
    """Returns are made for quarters (issue #15): every demo return is a quarter's, each officer has one a
    quarter, and the open quarter's return holds the half-year and the months ending in it."""
    from actions.selectors import returns_for_period

    demo_council_load(password=PASSWORD, today=TODAY)
    records = list(Return.objects.select_related("period"))
    assert records and {r.period.kind for r in records} == {"quarter"}
    by_officer: dict[int, list] = {}
    for record in records:
        for other in by_officer.get(record.officer_id, []):
            overlap = (
                record.period.start_date <= other.end_date and other.start_date <= record.period.end_date
            )
            assert not overlap, (record, other)
        by_officer.setdefault(record.officer_id, []).append(record.period)
    # Every open period's updates and values belong to a quarter's return: none is left out. (October's
    # value is owed already, in the return for the quarter still running.)
    periods = list(ReportingPeriod.objects.all())
    quarters = [p for p in periods if p.kind == "quarter"]
    for period in periods:
        if period.state == ReportingPeriod.State.OPEN:
            assert any(q.start_date <= period.end_date <= q.end_date for q in quarters), period
    # The demo officer's returns: one for each quarter, none for the half-year, counted as My updates lists.
    officer = Officer.objects.get(user__username="officer")
    half = ReportingPeriod.objects.get(financial_year=2026, kind="half", number=1)
    assert returns_for_period(half, officer_ids=[officer.pk]) == []
    open_quarter = ReportingPeriod.objects.get(financial_year=2026, kind="quarter", number=2)
    (row,) = returns_for_period(open_quarter, officer_ids=[officer.pk])
    assert row.state == "sent_back"
