"""The year's workflow is enforced in the services, so the pages, admin and commands all obey it (issue #11,
findings 3, 4, 5 and 9). Each rule is tried through the service and through the page."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from actions.services import progress_update_save, return_approve, return_send_back
from indicators.models import IndicatorValue
from indicators.services import indicator_value_save
from plans.models import Plan, ReportingPeriod, Return
from plans.rules import IllegalTransition, PeriodNotForThis, return_decision_allowed
from reporting.models import Report
from serviceplans.roles import COMMITTEE_CLERKS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import (
    IndicatorOfficerFactory,
    OfficerFactory,
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
    TaskFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = small_council(size=1)
    groups = roles_ensure()
    user = UserFactory(username="officer")
    user.groups.add(groups[OFFICERS])
    officer = OfficerFactory(user=user, name="Kevin Marsh", unit=council["services"][0])
    task, indicator = council["tasks"][0], council["indicators"][0]
    TaskOfficerFactory(task=task, officer=officer)
    IndicatorOfficerFactory(indicator=indicator, officer=officer)
    performance = UserFactory(username="performance", is_staff=True)
    performance.groups.add(groups[PERFORMANCE_TEAM])
    clerk = UserFactory(username="clerk")
    clerk.groups.add(groups[COMMITTEE_CLERKS])
    month = ReportingPeriodFactory(financial_year=2026, kind="month", number=5, state="open")
    next_q2 = ReportingPeriodFactory(financial_year=2027, kind="quarter", number=2, state="open")
    return council | {
        "user": user,
        "officer": officer,
        "task": task,
        "indicator": indicator,
        "performance": performance,
        "clerk": clerk,
        "month": month,
        "next_q2": next_q2,
    }


# -- finding 3: decisions after the door has shut ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("approve", "open", True),
        ("approve", "closed", True),
        ("approve", "published", False),
        ("send_back", "open", True),
        ("send_back", "closed", False),
        ("send_back", "published", False),
    ],
)
def test_return_decisions_follow_the_period(action, state, allowed):
    assert return_decision_allowed(action, state) is allowed


def _submitted(council, period_state: str) -> Return:
    record = Return.objects.create(officer=council["officer"], period=council["q2"], state="submitted")
    ReportingPeriod.objects.filter(pk=council["q2"].pk).update(state=period_state)
    return record


def test_the_service_refuses_to_approve_a_return_once_its_period_is_published(council):
    record = _submitted(council, "published")
    with pytest.raises(IllegalTransition, match="no longer be approved"):
        return_approve(record=record, user=council["performance"])
    record.refresh_from_db()
    assert record.state == "submitted"


def test_the_service_still_approves_a_return_once_its_period_is_closed(council):
    record = _submitted(council, "closed")
    return_approve(record=record, user=council["performance"])
    record.refresh_from_db()
    assert record.state == "approved"


@pytest.mark.parametrize("period_state", ["closed", "published"])
def test_the_service_refuses_to_send_back_a_return_the_officer_could_not_change(council, period_state):
    record = _submitted(council, period_state)
    with pytest.raises(IllegalTransition, match="no longer be sent back"):
        return_send_back(record=record, user=council["performance"], comment="Fix Q2")
    record.refresh_from_db()
    assert record.state == "submitted"


@pytest.mark.parametrize(("decision", "period_state"), [("approve", "published"), ("send_back", "closed")])
def test_the_sign_off_page_refuses_a_decision_after_the_door_has_shut(
    client, council, decision, period_state
):
    record = _submitted(council, period_state)
    client.force_login(council["performance"])

    response = client.post(
        reverse("actions:return-decide", args=[record.pk, decision]),
        {"comment": "Fix it", "unit": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert "no longer be" in response.content.decode()
    record.refresh_from_db()
    assert record.state == "submitted"


def test_the_sign_off_page_offers_only_the_decisions_the_period_allows(client, council):
    record = _submitted(council, "closed")
    client.force_login(council["performance"])

    page = client.get(reverse("actions:return-list") + f"?period={council['q2'].pk}").content.decode()

    assert reverse("actions:return-decide", args=[record.pk, "approve"]) in page
    assert reverse("actions:return-decide", args=[record.pk, "send_back"]) not in page


def test_admin_approves_through_the_same_rule(client, council):
    record = _submitted(council, "published")
    client.force_login(council["performance"])

    client.post(
        reverse("admin:plans_return_changelist"),
        {"action": "approve_returns", "_selected_action": [record.pk]},
        follow=True,
    )

    record.refresh_from_db()
    assert record.state == "submitted"


# -- finding 4: updates for periods that don't belong ----------------------------------------------------------


def test_the_service_refuses_an_update_for_a_period_of_another_kind_or_year(council):
    for period in (council["month"], council["next_q2"], council["last_q2"]):
        with pytest.raises(PeriodNotForThis):
            progress_update_save(
                task=council["task"],
                period=period,
                user=council["user"],
                percent_complete=50,
                status="green",
                commentary="",
                seen_version=0,
            )
    assert (
        not ProgressUpdate.objects.filter(task=council["task"])
        .exclude(period__in=[council["q1"], council["q2"]])
        .exists()
    )


def test_the_service_refuses_a_value_for_a_period_the_indicator_is_not_collected_for(council):
    for period in (council["month"], council["next_q2"]):
        with pytest.raises(PeriodNotForThis):
            indicator_value_save(
                indicator=council["indicator"],
                period=period,
                user=council["user"],
                value=Decimal(47),
                text_value="",
                no_data_reason="",
                note="",
                seen_version=0,
            )
    assert not IndicatorValue.objects.filter(period__in=[council["month"], council["next_q2"]]).exists()


@pytest.mark.parametrize("which", ["month", "next_q2"])
def test_the_update_and_value_pages_are_not_found_for_a_period_that_does_not_belong(client, council, which):
    client.force_login(council["user"])
    period = council[which]
    task_url = reverse("actions:task-update", args=[council["task"].pk, period.pk])
    value_url = reverse("indicators:value-enter", args=[council["indicator"].pk, period.pk])

    assert client.get(task_url).status_code == 404
    posted = client.post(task_url, {"percent_complete": "50", "status": "green", "version": "0"})
    assert posted.status_code == 404
    assert client.get(value_url).status_code == 404
    assert client.post(value_url, {"value": "47", "version": "0", "confirm": "on"}).status_code == 404
    assert not ProgressUpdate.objects.filter(period=period).exists()
    assert not IndicatorValue.objects.filter(period=period).exists()


def test_a_task_of_next_years_plan_takes_no_update_for_this_year(client, council):
    next_plan = PlanFactory(unit=council["directorate"], first_year=2027, status="approved")
    task = TaskFactory(plan=next_plan, section=PlanSectionFactory(plan=next_plan))
    TaskOfficerFactory(task=task, officer=council["officer"])
    client.force_login(council["user"])

    response = client.post(
        reverse("actions:task-update", args=[task.pk, council["q2"].pk]),
        {"percent_complete": "50", "status": "green", "version": "0"},
    )

    assert response.status_code == 404
    assert not task.updates.exists()


def test_a_published_periods_update_is_refused_by_the_service(council):
    ReportingPeriod.objects.filter(pk=council["q2"].pk).update(state="published")
    council["q2"].refresh_from_db()
    with pytest.raises(IllegalTransition, match="published"):
        progress_update_save(
            task=council["task"],
            period=council["q2"],
            user=council["performance"],
            percent_complete=50,
            status="green",
            commentary="",
            seen_version=0,
        )


# -- finding 5: carry-forward on repeat ----------------------------------------------------------------------


def test_starting_next_years_plan_twice_through_the_page_starts_one(client, council):
    client.force_login(council["performance"])
    url = reverse("plans:plan-step", args=[council["plan"].slug, "carry_forward"])

    client.post(url)
    response = client.post(url, follow=True)

    assert Plan.objects.filter(previous_plan=council["plan"]).count() == 1
    assert "already been started" in response.content.decode()


def test_starting_next_years_plan_from_a_submitted_plan_is_refused_through_the_page(client, council):
    Plan.objects.filter(pk=council["plan"].pk).update(status="submitted")
    client.force_login(council["performance"])

    response = client.post(
        reverse("plans:plan-step", args=[council["plan"].slug, "carry_forward"]), follow=True
    )

    assert not Plan.objects.filter(previous_plan=council["plan"]).exists()
    assert "only be started from an approved plan" in response.content.decode()


def test_admin_has_no_typed_state_for_periods_plans_or_returns(client, council):
    client.force_login(council["performance"])
    record = Return.objects.create(officer=council["officer"], period=council["q2"], state="submitted")
    pages = {
        reverse("admin:plans_reportingperiod_change", args=[council["q2"].pk]): 'name="state"',
        reverse("admin:plans_plan_change", args=[council["plan"].pk]): 'name="status"',
        reverse("admin:plans_return_change", args=[record.pk]): 'name="state"',
        reverse("admin:plans_reportingperiod_changelist"): 'name="form-0-state"',
    }
    for url, field in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert field not in response.content.decode(), url


def test_admin_publishes_only_a_closed_period(client, council):
    client.force_login(council["performance"])

    client.post(
        reverse("admin:plans_reportingperiod_changelist"),
        {"action": "publish_periods", "_selected_action": [council["q2"].pk]},
    )

    council["q2"].refresh_from_db()
    assert council["q2"].state == "open"


def test_closing_a_quarter_closes_its_half_year_on_the_page_and_in_the_admin(client, council):
    """A quarter and the half-year ending with it are one return: the confirmation says the half-year closes
    too, the message says it did; in the admin, choosing both closes both without an error for the second."""
    q2 = council["q2"]
    h1 = ReportingPeriodFactory(financial_year=q2.financial_year, kind="half", number=1, state="open")
    client.force_login(council["performance"])
    url = reverse("plans:period-step", args=[q2.pk, "close"])

    page = html.unescape(" ".join(client.get(url).content.decode().split()))
    assert f"{h1.label} closes with it: its updates are made in the same quarter's return." in page
    response = client.post(url, follow=True)
    message = html.unescape(" ".join(response.content.decode().split()))
    assert f"{q2.label} is closed: returns are now read-only. {h1.label} closed with it" in message
    h1.refresh_from_db()
    assert h1.state == "closed"

    q4 = ReportingPeriodFactory(financial_year=q2.financial_year, kind="quarter", number=4, state="open")
    h2 = ReportingPeriodFactory(financial_year=q2.financial_year, kind="half", number=2, state="open")
    response = client.post(
        reverse("admin:plans_reportingperiod_changelist"),
        {"action": "close_periods", "_selected_action": [q4.pk, h2.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [f"Closed: {q4.label}, {h2.label}."] or shown == [f"Closed: {h2.label}, {q4.label}."]
    assert {p.state for p in ReportingPeriod.objects.filter(pk__in=[q4.pk, h2.pk])} == {"closed"}


# -- finding 9: a report with a meeting date can be saved unchanged --------------------------------------------


def test_a_report_with_a_meeting_date_saves_unchanged(client, council):
    report = Report.objects.create(
        title="Q2 progress",
        plan=council["plan"],
        period=council["q2"],
        meeting_date=date(2026, 12, 14),
        include_tasks=True,
        include_indicators=True,
    )
    client.force_login(council["clerk"])
    url = reverse("reporting:report-update", args=[report.pk])

    form = client.get(url).context["form"]
    shown = {field.name: field for field in form}
    page = client.get(url).content.decode()
    for name, figure in (("day", "14"), ("month", "12"), ("year", "2026")):  # the GOV.UK date input
        assert f'name="meeting_date_{name}" type="text" inputmode="numeric" value="{figure}"' in page
    data = {name: (field.value() or "") for name, field in shown.items() if name != "meeting_date"}
    data |= {"meeting_date_day": "14", "meeting_date_month": "12", "meeting_date_year": "2026"}
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    report.refresh_from_db()
    assert report.meeting_date == date(2026, 12, 14)


@pytest.mark.parametrize("typed", ["14 Dec 2026", "14 December 2026", "14/12/26", "2026-12-14"])
def test_a_meeting_date_is_read_as_people_write_it(client, council, typed):
    from reporting.forms import ReportTextsForm

    form = ReportTextsForm(data={"title": "Q2", "meeting_date": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == date(2026, 12, 14)
