from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Plan, ReportingPeriod
from serviceplans.roles import OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.factories import (
    IndicatorFactory,
    OfficerFactory,
    PlanFactory,
    PlanSectionFactory,
    ReportingPeriodFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_plan_list_needs_sign_in(client):
    response = client.get(reverse("plans:plan-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_page_has_labelled_username_and_password(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label class="govuk-label" for="id_username">' in response.content
    assert b'<label class="govuk-label" for="id_password">' in response.content


def test_a_wrong_password_is_explained_and_the_username_kept(client):
    UserFactory(username="officer")
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b'value="officer"' in response.content


def test_plan_list_shows_plans_with_their_counts(client):
    plan = PlanFactory(title="Corporate Services Service Plan", first_year=2008)
    section = PlanSectionFactory(plan=plan)
    TaskFactory.create_batch(3, section=section)
    client.force_login(UserFactory())

    response = client.get(reverse("plans:plan-list"))

    assert response.status_code == 200
    plans = list(response.context["plans"])
    assert [(p.title, p.years_label, p.section_count, p.task_count) for p in plans] == [
        ("Corporate Services Service Plan", "2008/09", 1, 3)
    ]


def test_plan_list_shows_an_empty_state(client):
    client.force_login(UserFactory())
    response = client.get(reverse("plans:plan-list"))
    assert b"There are no plans yet" in response.content


@pytest.mark.parametrize("plans", [1, 6])
def test_plan_list_queries_do_not_grow_with_plans(client, django_assert_num_queries, plans):
    """Queries: the session, the user, the count of plans (for the pages), one for a page of plans with
    their unit, owner and counts (subqueries), and two for the navigation (the user's groups and officer
    record)."""
    for _ in range(plans):
        TaskFactory(section=PlanSectionFactory())
    client.force_login(UserFactory())
    with django_assert_num_queries(6):
        client.get(reverse("plans:plan-list"))


def test_plan_list_pages_25_plans_at_a_time_like_every_list_with_counts_that_do_not_multiply(client):
    plans = [PlanFactory(title="Plan 00", first_year=2008)]
    plans += [PlanFactory(title=f"Plan {n:02d}", first_year=2008, unit=plans[0].unit) for n in range(1, 27)]
    section = PlanSectionFactory(plan=plans[0])
    TaskFactory.create_batch(3, section=section)
    PlanSectionFactory(plan=plans[0])
    IndicatorFactory.create_batch(2, section=section)
    client.force_login(UserFactory())

    first = client.get(reverse("plans:plan-list"))
    shown = list(first.context["plans"])
    assert len(shown) == 25
    assert [(p.section_count, p.task_count, p.indicator_count) for p in shown if p.pk == plans[0].pk] == [
        (2, 3, 2)
    ]
    assert b"27 plans, 1 to 25 shown" in first.content and b"Page 1 of 2" in first.content
    second = client.get(reverse("plans:plan-list"), {"page": 2})
    assert [p.title for p in second.context["plans"]] == ["Plan 25", "Plan 26"]
    assert b'rel="prev"' in second.content


def test_signing_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get(reverse("plans:plan-list")).status_code == 302


# -- the plan page and its lifecycle buttons ----------------------------------------------------------------


def member_of(group, **officer):
    user = UserFactory()
    user.groups.add(roles_ensure()[group])
    if officer is not None:
        OfficerFactory(user=user, **officer)
    return user


def buttons(response) -> list[str]:
    import re

    return re.findall(
        r'<button type="submit" class="govuk-button[^"]*"[^>]*>([^<]+)<', response.content.decode()
    )


def test_plan_titles_link_to_the_plan_page(client):
    plan = PlanFactory(title="Corporate Services Service Plan")
    client.force_login(UserFactory())
    content = client.get(reverse("plans:plan-list")).content.decode()
    assert f'href="{reverse("plans:plan-detail", args=[plan.slug])}"' in content
    assert "Draft" in content


def test_plan_page_shows_status_sections_and_the_steps_the_viewer_may_take(client):
    plan = PlanFactory(title="Environment Plan", committee="Environment Scrutiny Committee")
    section = PlanSectionFactory(plan=plan, title="Waste")
    TaskFactory.create_batch(2, section=section, plan=plan)
    IndicatorFactory(section=section, plan=plan)
    owner = member_of(OFFICERS)
    plan.owner = owner.officer
    plan.save()

    client.force_login(UserFactory())  # a reader: no buttons
    response = client.get(reverse("plans:plan-detail", args=[plan.slug]))
    assert response.status_code == 200
    assert "2 tasks, 1 indicator" in response.content.decode()
    assert buttons(response) == []

    client.force_login(owner)
    assert buttons(client.get(reverse("plans:plan-detail", args=[plan.slug]))) == ["Submit for approval"]
    client.post(reverse("plans:plan-step", args=[plan.slug, "submit"]))
    assert buttons(client.get(reverse("plans:plan-detail", args=[plan.slug]))) == ["Return to draft"]

    client.force_login(member_of(PERFORMANCE_TEAM))
    response = client.get(reverse("plans:plan-detail", args=[plan.slug]))
    assert buttons(response) == ["Return to draft", "Record approval"]
    assert response.context["approve_form"]["committee"].value() == "Environment Scrutiny Committee"


def test_approving_needs_a_committee_and_a_real_past_date(client):
    plan = PlanFactory(status=Plan.Status.SUBMITTED)
    client.force_login(member_of(PERFORMANCE_TEAM))
    url = reverse("plans:plan-step", args=[plan.slug, "approve"])

    response = client.post(url, {"committee": "", "approved_on": "31/02/2026"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and "<title>Error: " in content
    assert '<a href="#id_committee">Enter the committee that approved the plan</a>' in content
    assert "Date approved must be a real date" in content
    response = client.post(url, {"committee": "Cabinet", "approved_on": "01/01/2099"})
    assert "Date approved must be today or in the past" in response.content.decode()

    response = client.post(url, {"committee": "Cabinet", "approved_on": "20/03/2026"}, follow=True)
    assert "has been recorded as approved" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.approved_on) == ("approved", date(2026, 3, 20))
    assert "structure is locked" in response.content.decode()


def test_a_step_the_plans_status_does_not_allow_is_explained_not_a_crash(client):
    plan = PlanFactory(status=Plan.Status.PUBLISHED)
    client.force_login(member_of(PERFORMANCE_TEAM))
    response = client.post(reverse("plans:plan-step", args=[plan.slug, "approve"]), follow=True)
    assert "cannot be recorded as approved: it is published" in response.content.decode()
    assert client.post(reverse("plans:plan-step", args=[plan.slug, "explode"])).status_code == 403
    assert client.post(reverse("plans:plan-step", args=["no-such-plan", "submit"])).status_code == 404
    assert client.get(reverse("plans:plan-detail", args=["no-such-plan"])).status_code == 404


def test_only_the_performance_team_starts_next_years_plan(client):
    plan = PlanFactory(slug="waste-2008-09", status=Plan.Status.PUBLISHED)
    TaskFactory(section=PlanSectionFactory(plan=plan))
    client.force_login(member_of(OFFICERS))
    assert client.post(reverse("plans:plan-step", args=[plan.slug, "carry_forward"])).status_code == 403

    client.force_login(member_of(PERFORMANCE_TEAM))
    assert "Start next year's plan" in buttons(client.get(reverse("plans:plan-detail", args=[plan.slug])))
    response = client.post(reverse("plans:plan-step", args=[plan.slug, "carry_forward"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:plan-detail", args=["waste-2009-10"])
    assert "carrying forward 1 unfinished task" in response.content.decode()
    # Once started, it is not offered again.
    assert "Start next year's plan" not in buttons(client.get(reverse("plans:plan-detail", args=[plan.slug])))


@pytest.mark.parametrize("size", [1, 6])
def test_plan_page_queries_do_not_grow_with_sections_or_history(client, size):
    """Queries: session, user, the plan with unit/owner/previous plan, its sections with counts, the plans
    that follow it, the reader's groups and officer record, the plan's history."""
    plan = PlanFactory()
    for n in range(size):
        TaskFactory(section=PlanSectionFactory(plan=plan, title=f"Section {n}"), plan=plan)
        plan.introduction = f"Version {n}"
        plan.save()
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:plan-detail", args=[plan.slug]))
    assert len(response.context["sections"]) == size
    assert len(queries) == 8


# -- the reporting periods page ------------------------------------------------------------------------------


def test_only_the_performance_team_runs_periods(client):
    period = ReportingPeriodFactory(state="scheduled")
    client.force_login(member_of(OFFICERS))
    assert client.get(reverse("plans:period-list")).status_code == 403
    assert client.post(reverse("plans:period-step", args=[period.pk, "open"])).status_code == 403
    client.logout()
    assert client.get(reverse("plans:period-list")).status_code == 302


def test_scheduling_a_year_from_the_page(client):
    client.force_login(member_of(PERFORMANCE_TEAM))
    response = client.post(
        reverse("plans:period-list"), {"financial_year": "2027/29", "kinds": "", "deadline_days": "-1"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert "Enter the financial year like 2027/28" in content
    assert "Select which periods to schedule" in content
    assert "Days must be 0 or more" in content

    data = {"financial_year": "2027/28", "kinds": "both", "deadline_days": "30"}
    response = client.post(reverse("plans:period-list"), data, follow=True)
    assert "6 periods scheduled for 2027/28" in response.content.decode()
    response = client.post(reverse("plans:period-list"), data, follow=True)
    assert "Nothing new to schedule" in response.content.decode()
    assert ReportingPeriod.objects.filter(financial_year=2027).count() == 6
    assert response.context["form"]["financial_year"].value() == "2028/29"


def test_opening_closing_and_publishing_from_the_page(client):
    period = ReportingPeriodFactory(financial_year=2027, number=1, state="scheduled")
    client.force_login(member_of(PERFORMANCE_TEAM))
    page = client.get(reverse("plans:period-list"))
    assert 'Open<span class="govuk-visually-hidden"> 2027/28 Q1</span>' in page.content.decode()

    response = client.post(reverse("plans:period-step", args=[period.pk, "close"]), follow=True)
    assert "2027/28 Q1: A period that is scheduled cannot be closed" in response.content.decode()
    for action, state in (("open", "open"), ("close", "closed"), ("publish", "published")):
        client.post(reverse("plans:period-step", args=[period.pk, action]))
        period.refresh_from_db()
        assert period.state == state
    assert client.post(reverse("plans:period-step", args=[period.pk, "reopen"])).status_code == 403
    assert client.post(reverse("plans:period-step", args=[99999, "open"])).status_code == 404


def test_the_periods_page_runs_months_and_whole_years_too(client):
    """Monthly and yearly indicators are open for values in months and whole years: the page lists every
    kind, grouped by year then kind, and opens, closes and publishes them as it does quarters."""
    client.force_login(member_of(PERFORMANCE_TEAM))
    data = {"financial_year": "2027/28", "kinds": "all", "deadline_days": "30"}
    response = client.post(reverse("plans:period-list"), data, follow=True)
    assert "19 periods scheduled for 2027/28" in response.content.decode()
    content = response.content.decode()
    for words in ("Whole year", "Half-years", "Quarters", "Months"):
        assert f">{words}<" in content
    assert 'Open<span class="govuk-visually-hidden"> 2027/28 M07</span>' in content
    assert 'Open<span class="govuk-visually-hidden"> 2027/28</span>' in content
    month = ReportingPeriod.objects.get(financial_year=2027, kind="month", number=7)
    for action, state in (("open", "open"), ("close", "closed"), ("publish", "published")):
        client.post(reverse("plans:period-step", args=[month.pk, action]))
        month.refresh_from_db()
        assert month.state == state
    kinds = [words for words, _ in client.get(reverse("plans:period-list")).context["years"][0][1]]
    assert kinds == ["Whole year", "Half-years", "Quarters", "Months"]


@pytest.mark.parametrize("years", [1, 4])
def test_period_list_queries_do_not_grow_with_years(client, years):
    """Queries: session, user, the reader's groups and officer record (and delegations, units headed and
    locked returns), the periods, the latest year (for the form's suggestion)."""
    from plans.services import period_schedule

    for year in range(2026, 2026 + years):
        period_schedule(financial_year=year, kinds=["month", "quarter", "half", "year"])
    client.force_login(member_of(PERFORMANCE_TEAM))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:period-list"))
    assert len(response.context["years"]) == years
    assert len(queries) == 9


@pytest.mark.parametrize(
    ("state", "action", "words"),
    [
        ("scheduled", "open", "Returns for this period become due"),
        ("open", "close", "can no longer change their returns"),
        ("closed", "publish", "This cannot be undone."),
    ],
)
def test_a_period_step_is_confirmed_before_it_is_taken(client, state, action, words):
    from serviceplans.roles import PERFORMANCE_TEAM, roles_ensure
    from tests.factories import ReportingPeriodFactory

    period = ReportingPeriodFactory(financial_year=2026, kind="quarter", number=3, state=state)
    user = UserFactory()
    user.groups.add(roles_ensure()[PERFORMANCE_TEAM])
    client.force_login(user)
    url = reverse("plans:period-step", args=[period.pk, action])

    page = client.get(url).content.decode()

    assert words in page and f"{action.capitalize()} 2026/27 Q3?" in page
    period.refresh_from_db()
    assert period.state == state  # looking changes nothing
    client.post(url)
    period.refresh_from_db()
    assert period.state != state
