"""Returns are made for quarters (issue #15): a quarter's return holds the quarter's task updates, the
half-year's (or year's) ending with it and the values of the months in it, so nobody has two returns for the
same months and every page counts the same things."""

import re
from decimal import Decimal

import pytest
from django.forms import modelform_factory
from django.urls import reverse

from actions.selectors import returns_for_period
from actions.services import return_submit
from indicators.permissions import can_enter_value
from plans.models import Plan, ReportingPeriod, Return
from plans.permissions import actor_for
from plans.rules import IllegalTransition
from serviceplans.roles import MANAGERS, roles_ensure
from tests.builders import small_council
from tests.factories import (
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    OfficerFactory,
    PlanFactory,
    PlanSectionFactory,
    ProgressUpdateFactory,
    ReportingPeriodFactory,
    TaskFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    """A manager who owes, in July to September 2026: a quarterly task (updated), a half-yearly task (not
    updated), a quarterly indicator (entered) and a monthly one (July and August entered, September not)."""
    council = small_council(size=1)
    waste = council["services"][0]
    h1 = ReportingPeriodFactory(financial_year=2026, kind="half", number=1, state=ReportingPeriod.State.OPEN)
    months = [
        ReportingPeriodFactory(financial_year=2026, kind="month", number=n, state=ReportingPeriod.State.OPEN)
        for n in (4, 5, 6)  # July, August, September
    ]
    user = UserFactory(username="alison", first_name="Alison", last_name="Hardy")
    user.groups.add(roles_ensure()[MANAGERS])
    manager = OfficerFactory(user=user, name="Alison Hardy", unit=waste)
    halves = PlanFactory(
        unit=waste,
        first_year=2026,
        status=Plan.Status.PUBLISHED,
        reporting_frequency="half_yearly",
        title="Waste improvement plan",
    )
    half_task = TaskFactory(section=PlanSectionFactory(plan=halves, unit=waste), plan=halves)
    quarter_task = council["tasks"][0]  # updated in Q2 by small_council
    TaskOfficerFactory(task=quarter_task, officer=manager)
    TaskOfficerFactory(task=half_task, officer=manager)
    IndicatorOfficerFactory(indicator=council["indicators"][0], officer=manager)  # quarterly, entered in Q2
    monthly = IndicatorFactory(
        section=council["sections"][0], plan=council["plan"], collection_frequency="monthly"
    )
    IndicatorOfficerFactory(indicator=monthly, officer=manager)
    for month in months[:2]:
        IndicatorValueFactory(indicator=monthly, period=month, value=Decimal(10))
    return council | {
        "h1": h1,
        "months": months,
        "manager": manager,
        "user": user,
        "half_task": half_task,
        "quarter_task": quarter_task,
        "monthly": monthly,
    }


def test_a_manager_with_quarterly_and_half_yearly_tasks_has_one_q2_return_listing_both(council):
    q2, manager = council["q2"], council["manager"]
    rows = returns_for_period(q2, officer_ids=[manager.pk])
    assert len(rows) == 1
    row = rows[0]
    assert (row.tasks_due, row.tasks_done) == (2, 1)  # the Q2 update made, the H1 update missing
    assert row.title == (
        "Return for 2026/27 Q2 (July to September 2026), includes the half-year update to 30 September"
    )
    # The half-year has no return of its own.
    assert returns_for_period(council["h1"], officer_ids=[manager.pk]) == []
    ProgressUpdateFactory(task=council["half_task"], period=council["h1"])
    assert returns_for_period(q2, officer_ids=[manager.pk])[0].tasks_done == 2


def test_monthly_values_count_in_the_quarters_return(council):
    row = returns_for_period(council["q2"], officer_ids=[council["manager"].pk])[0]
    # the quarterly indicator's Q2 value, and the monthly one's July, August and September
    assert (row.values_due, row.values_done) == (4, 3)
    assert row.missing == 2  # the H1 task update and September's value
    # A month not opened yet owes nothing.
    september = council["months"][2]
    september.state = ReportingPeriod.State.SCHEDULED
    september.save()
    row = returns_for_period(council["q2"], officer_ids=[council["manager"].pk])[0]
    assert (row.values_due, row.values_done) == (3, 3)


def test_my_updates_shows_one_consistent_count(client, council):
    client.force_login(council["user"])
    response = client.get(reverse("home"))
    sign_off = response.context["sign_off"]
    assert [(row.officer, row.period) for row in sign_off] == [(council["manager"], council["q2"])]
    row = sign_off[0]
    # the page lists exactly what the return holds
    assert len(response.context["returns"]) == row.tasks_due == 2
    assert len(response.context["done"]) == row.tasks_done == 1
    assert response.context["values_total"] == row.values_due == 4
    assert len(response.context["values_done"]) == row.values_done == 3
    content = " ".join(response.content.decode().split())
    assert "1 of 2 task updates, 3 of 4 values" in content
    assert "Indicator values (3 of 4 entered)" in content
    assert "Return for 2026/27 Q2 (July to September 2026), includes the half-year update" in content
    # no second return for the same months
    assert reverse("actions:return-detail", args=[council["h1"].pk, council["manager"].pk]) not in content


def test_the_return_and_check_pages_list_every_period_in_it(client, council):
    q2, manager = council["q2"], council["manager"]
    client.force_login(council["user"])
    page = client.get(reverse("actions:return-submit", args=[q2.pk, manager.pk]))
    assert page.context["missing"] == 2
    content = " ".join(page.content.decode().split())
    assert reverse("actions:task-update", args=[council["half_task"].pk, council["h1"].pk]) in content
    september = council["months"][2]
    assert reverse("indicators:value-enter", args=[council["monthly"].pk, september.pk]) in content
    assert "2026/27 M06" in content
    # the half-year's address leads to the quarter's return
    response = client.get(reverse("actions:return-detail", args=[council["h1"].pk, manager.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:return-detail", args=[q2.pk, manager.pk])


def test_a_return_can_only_be_for_a_quarter(council):
    with pytest.raises(IllegalTransition, match="Returns are made for quarters"):
        return_submit(officer=council["manager"], period=council["h1"], user=None)
    with pytest.raises(IllegalTransition, match="Returns are made for quarters"):
        return_submit(officer=council["manager"], period=council["months"][0], user=None)
    assert not Return.objects.exists()
    # The model says so too, so the admin's form refuses (and does not offer) any other period.
    record = Return(officer=council["manager"], period=council["h1"])
    with pytest.raises(Exception, match="Returns are made for quarters"):
        record.full_clean()
    form_class = modelform_factory(Return, fields=["officer", "period"])
    assert {p.kind for p in form_class().fields["period"].queryset} == {"quarter"}
    form = form_class({"officer": council["manager"].pk, "period": council["h1"].pk})
    assert "period" in form.errors


def test_submitting_the_quarters_return_locks_the_half_year_and_the_months(council):
    q2, manager = council["q2"], council["manager"]
    return_submit(officer=manager, period=q2, user=None)
    actor = actor_for(council["user"])
    from actions.permissions import can_update_task
    from actions.selectors import task_for_page

    half_task = task_for_page().get(pk=council["half_task"].pk)
    assert not can_update_task(actor, half_task, council["h1"])
    monthly = council["monthly"]
    assert not can_enter_value(actor, monthly, council["months"][2])
    # Q3's months are not in it.
    october = ReportingPeriodFactory(financial_year=2026, kind="month", number=7, state="open")
    assert can_enter_value(actor, monthly, october)


def test_the_sign_off_page_offers_quarters_and_counts_the_whole_return(client, council):
    performance = UserFactory(username="perf", is_superuser=True)
    client.force_login(performance)
    response = client.get(reverse("actions:return-list"))
    assert response.context["period"] == council["q2"]
    rows = [row for group in response.context["groups"] for row in group.rows]
    alison = next(row for row in rows if row.officer == council["manager"])
    assert alison.done_words == "1 of 2 task updates, 3 of 4 values"
    response = client.get(reverse("actions:return-list"), {"period": council["h1"].pk})
    assert response.context["period"] == council["q2"]  # not offered: the default quarter instead


def test_the_sign_off_pages_counts_lead_to_exactly_what_they_count(client, council):
    """“1 of 2 task updates” and “3 of 4 values” link to the officer's return, which lists those 2 updates
    (the half-year's too) and 4 values (each month's): not to the lists, which show every task and indicator
    of the officer's plans (those not due, and a monthly indicator once for its three values)."""
    client.force_login(UserFactory(username="perf", is_superuser=True))
    content = client.get(reverse("actions:return-list")).content.decode()
    links = {
        " ".join(words.split()): href
        for href, words in re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)<span', content)
    }
    page = reverse("actions:return-detail", args=[council["q2"].pk, council["manager"].pk])
    assert links["1 of 2 task updates"] == f"{page}#task-updates"
    assert links["3 of 4 values"] == f"{page}#indicator-values"
    response = client.get(page)
    assert len(response.context["tasks"]) == 2
    assert len(response.context["values"]) == 4
    shown = response.content.decode()
    assert 'id="task-updates"' in shown and 'id="indicator-values"' in shown


def test_a_half_year_updates_history_shows_the_quarters_return(council):
    from actions.selectors import task_for_page
    from actions.views import task_history

    ProgressUpdateFactory(task=council["half_task"], period=council["h1"])
    return_submit(officer=council["manager"], period=council["q2"], user=None)
    history = task_history(task_for_page().get(pk=council["half_task"].pk))
    assert any(entry.what == "Alison Hardy's return, 2026/27 Q2" for entry in history)
