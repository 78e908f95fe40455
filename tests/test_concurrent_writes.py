"""Twenty people saving at the same moment, through the real server, on SQLite and on PostgreSQL.

Every write the officers' and managers' pages make is tried with 20 simultaneous requests from 20 signed-in
sessions: no server errors; every distinct save is stored; when they all save the same thing, exactly one
wins and the others are told someone else got there first (issue #11, finding 2).
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from indicators.models import IndicatorValue
from plans.models import Plan, ReportingPeriod, Return
from reporting.models import Report
from serviceplans.roles import OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.concurrent import Visitor, post_all, server_errors
from tests.factories import (
    IndicatorOfficerFactory,
    OfficerFactory,
    ReportingPeriodFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]

PEOPLE = 20


@pytest.fixture
def council():
    council = small_council(size=PEOPLE // 2)
    ProgressUpdate.objects.filter(period=council["q2"]).delete()
    IndicatorValue.objects.filter(period=council["q2"]).delete()
    groups = roles_ensure()
    officers = []
    for n in range(PEOPLE):
        user = UserFactory(username=f"officer{n}")
        user.groups.add(groups[OFFICERS])
        officers.append(OfficerFactory(user=user, name=f"Officer {n}", unit=council["services"][n % 2]))
    performance = []
    for n in range(PEOPLE):
        user = UserFactory(username=f"performance{n}")
        user.groups.add(groups[PERFORMANCE_TEAM])
        performance.append(user)
    return council | {"officers": officers, "performance": performance}


def visitors(users) -> list[Visitor]:
    return [Visitor.signed_in(user) for user in users]


def test_twenty_officers_save_twenty_different_task_updates_at_once(live_server, council):
    q2 = council["q2"]
    for officer, task in zip(council["officers"], council["tasks"], strict=True):
        TaskOfficerFactory(task=task, officer=officer)
    posts = [
        (
            visitor,
            reverse("actions:task-update", args=[task.pk, q2.pk]),
            {"percent_complete": str(30 + n), "status": "green", "commentary": f"Update {n}", "version": "0"},
        )
        for n, (visitor, task) in enumerate(
            zip(visitors(o.user for o in council["officers"]), council["tasks"], strict=True)
        )
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert [a.status for a in answers] == [302] * PEOPLE
    stored = ProgressUpdate.objects.filter(period=q2).order_by("percent_complete")
    assert [u.percent_complete for u in stored] == list(range(30, 30 + PEOPLE))
    assert {u.version for u in stored} == {1}


def test_twenty_saves_of_the_same_task_update_give_one_winner_and_conflicts(live_server, council):
    q2, task = council["q2"], council["tasks"][0]
    for officer in council["officers"]:
        TaskOfficerFactory(task=task, officer=officer)
    path = reverse("actions:task-update", args=[task.pk, q2.pk])
    posts = [
        (visitor, path, {"percent_complete": str(n), "status": "green", "commentary": "x", "version": "0"})
        for n, visitor in enumerate(visitors(o.user for o in council["officers"]))
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    winners = [a for a in answers if a.status == 302]
    losers = [a for a in answers if a.status == 200]
    assert len(winners) == 1 and len(losers) == PEOPLE - 1
    assert all("saved this update while you were editing it" in a.body for a in losers)
    update = ProgressUpdate.objects.get(task=task, period=q2)
    assert update.version == 1
    saves = ProgressUpdate.history.filter(task_id=task.pk, period_id=q2.pk, history_user__isnull=False)
    assert saves.count() == 1


@pytest.mark.parametrize("existing", [False, True], ids=["first value", "changing a value"])
def test_twenty_saves_of_the_same_indicator_value_give_one_winner_and_conflicts(
    live_server, council, existing
):
    q2, indicator = council["q2"], council["indicators"][0]
    for officer in council["officers"]:
        IndicatorOfficerFactory(indicator=indicator, officer=officer)
    seen = 0
    if existing:
        IndicatorValue.objects.create(indicator=indicator, period=q2, value=Decimal(41), version=1)
        seen = 1
    path = reverse("indicators:value-enter", args=[indicator.pk, q2.pk])
    posts = [
        (visitor, path, {"value": str(45 + n % 3), "note": "", "version": str(seen), "confirm": "on"})
        for n, visitor in enumerate(visitors(o.user for o in council["officers"]))
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    winners = [a for a in answers if a.status == 302]
    losers = [a for a in answers if a.status == 200]
    assert len(winners) == 1 and len(losers) == PEOPLE - 1
    assert all("Someone else saved a value for this period" in a.body for a in losers)
    assert IndicatorValue.objects.get(indicator=indicator, period=q2).version == seen + 1


def test_twenty_officers_save_twenty_different_indicator_values_at_once(live_server, council):
    q2 = council["q2"]
    for officer, indicator in zip(council["officers"], council["indicators"], strict=True):
        IndicatorOfficerFactory(indicator=indicator, officer=officer)
    posts = [
        (
            visitor,
            reverse("indicators:value-enter", args=[indicator.pk, q2.pk]),
            {"value": "47", "note": f"Note {n}", "version": "0", "confirm": "on"},
        )
        for n, (visitor, indicator) in enumerate(
            zip(visitors(o.user for o in council["officers"]), council["indicators"], strict=True)
        )
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert [a.status for a in answers] == [302] * PEOPLE
    assert IndicatorValue.objects.filter(period=q2, value=47).count() == PEOPLE


def test_twenty_officers_bulk_update_their_tasks_at_once(live_server, council):
    q2 = council["q2"]
    for officer, task in zip(council["officers"], council["tasks"], strict=True):
        TaskOfficerFactory(task=task, officer=officer)
    posts = [
        (
            visitor,
            reverse("actions:bulk-update", args=[q2.pk]),
            {
                f"task-{task.pk}-percent_complete": "50",
                f"task-{task.pk}-status": "green",
                f"task-{task.pk}-commentary": "",
                f"task-{task.pk}-version": "0",
            },
        )
        for visitor, task in zip(visitors(o.user for o in council["officers"]), council["tasks"], strict=True)
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert ProgressUpdate.objects.filter(period=q2, percent_complete=50).count() == PEOPLE


def test_twenty_officers_submit_their_returns_at_once(live_server, council):
    q2 = council["q2"]
    posts = [
        (visitor, reverse("actions:return-submit", args=[q2.pk, officer.pk]), {})
        for visitor, officer in zip(
            visitors(o.user for o in council["officers"]), council["officers"], strict=True
        )
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert Return.objects.filter(period=q2, state=Return.State.SUBMITTED).count() == PEOPLE


def test_twenty_decisions_on_one_return_at_once_approve_it_once(live_server, council):
    q2, officer = council["q2"], council["officers"][0]
    record = Return.objects.create(officer=officer, period=q2, state=Return.State.SUBMITTED)
    path = reverse("actions:return-decide", args=[record.pk, "approve"])
    posts = [(visitor, path, {"unit": ""}) for visitor in visitors(council["performance"])]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    record.refresh_from_db()
    assert record.state == Return.State.APPROVED
    approvals = Return.history.filter(id=record.pk, state=Return.State.APPROVED, history_user__isnull=False)
    assert approvals.count() == 1


def test_twenty_carry_forwards_of_one_plan_at_once_start_one_plan(live_server, council):
    plan = council["plan"]
    path = reverse("plans:plan-step", args=[plan.slug, "carry_forward"])
    posts = [(visitor, path, {}) for visitor in visitors(council["performance"])]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert Plan.objects.filter(previous_plan=plan).count() == 1


def test_twenty_closes_of_one_period_at_once_close_it_once(live_server, council):
    q2 = council["q2"]
    path = reverse("plans:period-step", args=[q2.pk, "close"])
    posts = [(visitor, path, {}) for visitor in visitors(council["performance"])]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    q2.refresh_from_db()
    assert q2.state == ReportingPeriod.State.CLOSED


def test_closing_a_quarter_and_its_half_year_at_once_closes_both_without_a_server_error(live_server, council):
    """Each close takes the other with it (one return): ten of each at once queue on one lock order."""
    q2 = council["q2"]
    h1 = ReportingPeriodFactory(financial_year=q2.financial_year, kind="half", number=1, state="open")
    paths = [reverse("plans:period-step", args=[period.pk, "close"]) for period in (q2, h1)]
    posts = [(visitor, paths[n % 2], {}) for n, visitor in enumerate(visitors(council["performance"]))]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert {p.state for p in ReportingPeriod.objects.filter(pk__in=[q2.pk, h1.pk])} == {"closed"}


def test_twenty_send_backs_of_one_return_at_once_send_it_back_once(live_server, council):
    q2, officer = council["q2"], council["officers"][0]
    record = Return.objects.create(officer=officer, period=q2, state=Return.State.SUBMITTED)
    path = reverse("actions:return-decide", args=[record.pk, "send_back"])
    posts = [
        (visitor, path, {"unit": "", "comment": "Add Q2 figures"})
        for visitor in visitors(council["performance"])
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    sent_back = Return.history.filter(id=record.pk, state=Return.State.SENT_BACK, history_user__isnull=False)
    assert sent_back.count() == 1


def test_twenty_schedulings_of_one_year_at_once_make_each_period_once(live_server, council):
    path = reverse("plans:period-list")
    posts = [
        (visitor, path, {"financial_year": "2030/31", "kinds": "both", "deadline_days": "30"})
        for visitor in visitors(council["performance"])
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    assert ReportingPeriod.objects.filter(financial_year=2030).count() == 6


def test_twenty_plan_submissions_at_once_submit_it_once(live_server, council):
    plan = Plan.objects.create(title="Draft", slug="draft", unit=council["directorate"], first_year=2026)
    path = reverse("plans:plan-step", args=[plan.slug, "submit"])
    posts = [(visitor, path, {}) for visitor in visitors(council["performance"])]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    submitted = Plan.history.filter(id=plan.pk, status="submitted", history_user__isnull=False)
    assert submitted.count() == 1


def test_twenty_publishings_of_one_report_at_once_publish_it_once(live_server, council):
    q1 = council["q1"]
    report = Report.objects.create(
        title="Q1", plan=council["plan"], period=q1, include_tasks=True, include_indicators=True
    )
    path = reverse("reporting:report-publish", args=[report.pk])
    posts = [(visitor, path, {"confirm": "on"}) for visitor in visitors(council["performance"])]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    report.refresh_from_db()
    assert report.is_published


def test_twenty_first_reviews_of_one_risk_at_once_give_one_winner_and_conflicts(live_server, council):
    from risks.models import RiskReview
    from risks.tests.factories import RiskFactory, RiskOwnerFactory

    q2 = council["q2"]
    risk = RiskFactory(unit=council["services"][0])
    for officer in council["officers"]:
        RiskOwnerFactory(risk=risk, officer=officer)
    path = reverse("risks:risk-review", args=[risk.pk, q2.pk])
    posts = [
        (visitor, path, {"likelihood": "3", "impact": "4", "commentary": f"Checked by {n}", "version": "0"})
        for n, visitor in enumerate(visitors(o.user for o in council["officers"]))
    ]

    answers = post_all(live_server.url, posts)

    assert server_errors(answers) == []
    winners = [a for a in answers if a.status == 302]
    assert len(winners) == 1
    assert all("Someone else saved this review" in a.body for a in answers if a.status == 200)
    assert RiskReview.objects.get(risk=risk, period=q2).version == 1
