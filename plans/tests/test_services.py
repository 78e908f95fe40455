"""A plan's life, starting next year's plan, and the reporting periods' steps."""

from datetime import date
from decimal import Decimal

import pytest

from actions.models import Task
from indicators.models import Target
from plans.models import Plan, ReportingPeriod
from plans.rules import IllegalTransition, PlanStructureLocked
from plans.services import (
    period_close,
    period_open,
    period_publish,
    period_schedule,
    plan_approve,
    plan_archive,
    plan_carry_forward,
    plan_publish,
    plan_return_to_draft,
    plan_submit,
)
from tests.factories import (
    FrameworkFactory,
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    ObjectiveFactory,
    OfficerFactory,
    PlanFactory,
    PlanSectionFactory,
    ProgressUpdateFactory,
    ReportingPeriodFactory,
    TargetFactory,
    TaskFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_plan_goes_from_draft_to_archive_and_history_names_who():
    plan = PlanFactory()
    owner, performance = UserFactory(username="owner"), UserFactory(username="perf")

    plan = plan_submit(plan=plan, user=owner)
    plan = plan_return_to_draft(plan=plan, user=performance)
    plan = plan_submit(plan=plan, user=owner)
    plan = plan_approve(
        plan=plan,
        committee=" Environment Scrutiny Committee ",
        approved_on=date(2008, 3, 20),
        user=performance,
    )
    assert (plan.committee, plan.approved_on, plan.is_locked) == (
        "Environment Scrutiny Committee",
        date(2008, 3, 20),
        True,
    )
    plan = plan_publish(plan=plan, user=performance)
    plan = plan_archive(plan=plan, user=performance)

    steps = list(
        plan.history.order_by("history_date", "history_id").values_list("status", "history_user__username")
    )
    assert steps[1:] == [
        ("submitted", "owner"),
        ("draft", "perf"),
        ("submitted", "owner"),
        ("approved", "perf"),
        ("published", "perf"),
        ("archived", "perf"),
    ]


def test_illegal_plan_steps_are_refused_with_a_reason_and_change_nothing():
    plan = PlanFactory()
    with pytest.raises(IllegalTransition, match="cannot be published"):
        plan_publish(plan=plan)
    with pytest.raises(IllegalTransition, match="cannot be recorded as approved"):
        plan_approve(plan=plan, committee="Cabinet", approved_on=date(2008, 3, 1))
    plan_submit(plan=plan)
    with pytest.raises(IllegalTransition, match="Enter the committee"):
        plan_approve(plan=plan, committee=" ", approved_on=date(2008, 3, 1))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


def test_tasks_of_an_approved_plan_are_not_deleted():
    task = TaskFactory()
    task.delete()  # a draft plan's task can go
    task = TaskFactory(section__plan__status=Plan.Status.APPROVED)
    with pytest.raises(PlanStructureLocked, match="cannot be deleted"):
        task.delete()
    assert Task.objects.filter(pk=task.pk).exists()


@pytest.fixture
def last_year():
    plan = PlanFactory(slug="environment-2008-09", first_year=2008, status=Plan.Status.PUBLISHED)
    section = PlanSectionFactory(plan=plan, title="Waste")
    objective = ObjectiveFactory(plan=plan, section=section, text="Recycle more")
    q4 = ReportingPeriodFactory(financial_year=2008, number=4)
    q3 = ReportingPeriodFactory(financial_year=2008, number=3)
    unfinished = TaskFactory(section=section, plan=plan, objective=objective, text="Roll out food waste")
    done = TaskFactory(section=section, plan=plan, text="Buy new lorries")
    completed = TaskFactory(section=section, plan=plan, text="Review charges")
    TaskFactory(section=section, plan=plan, text="Consult residents", due_date=date(2008, 9, 30))
    officer = OfficerFactory(name="Kevin Marsh")
    TaskOfficerFactory(task=unfinished, officer=officer)
    MilestoneFactory(task=unfinished, name="Pilot", done=True)
    MilestoneFactory(task=unfinished, name="Borough-wide")
    ProgressUpdateFactory(task=unfinished, period=q3, percent_complete=100, status="completed")
    ProgressUpdateFactory(
        task=unfinished, period=q4, percent_complete=70, status="amber"
    )  # latest: unfinished
    ProgressUpdateFactory(task=done, period=q4, percent_complete=100, status="green")
    ProgressUpdateFactory(task=completed, period=q4, percent_complete=90, status="completed")
    indicator = IndicatorFactory(
        section=section, plan=plan, name="Waste recycled", tolerance_percent=Decimal(5)
    )
    indicator.frameworks.add(FrameworkFactory(code="LAA"))
    IndicatorOfficerFactory(indicator=indicator, officer=officer)
    for year, value in ((2008, 40), (2009, 45), (2010, 50)):
        TargetFactory(indicator=indicator, financial_year=year, value=value)
    IndicatorValueFactory(indicator=indicator, period=q4, value=41)
    return plan


def test_carry_forward_starts_next_years_plan_with_unfinished_work(last_year):
    performance = UserFactory(username="perf")

    new = plan_carry_forward(plan=last_year, user=performance)

    assert (new.slug, new.first_year, new.status, new.previous_plan) == (
        "environment-2009-10",
        2009,
        Plan.Status.DRAFT,
        last_year,
    )
    assert list(new.sections.values_list("title", flat=True)) == ["Waste"]
    tasks = {t.text: t for t in new.tasks.select_related("carried_forward_from", "objective", "section")}
    assert set(tasks) == {"Roll out food waste", "Consult residents"}
    food = tasks["Roll out food waste"]
    assert food.carried_forward_from.plan == last_year
    assert food.objective.plan == new and food.objective.text == "Recycle more"
    assert food.section.plan == new
    assert [o.name for o in food.officers.all()] == ["Kevin Marsh"]
    assert list(food.milestones.values_list("name", "done")) == [("Borough-wide", False)]
    assert tasks["Consult residents"].due_date is None  # last year's date does not carry
    [indicator] = new.indicators.all()
    assert (indicator.name, indicator.tolerance_percent) == ("Waste recycled", Decimal(5))
    assert [f.code for f in indicator.frameworks.all()] == ["LAA"]
    assert [o.name for o in indicator.officers.all()] == ["Kevin Marsh"]
    assert list(Target.objects.filter(indicator=indicator).values_list("financial_year", "value")) == [
        (2009, Decimal(45))
    ]
    assert not indicator.values.exists()
    assert new.history.first().history_user == performance
    assert "Carried forward from" in new.history.first().history_change_reason


def test_carrying_forward_makes_a_unique_slug(last_year):
    PlanFactory(slug="environment-2009-10", first_year=2009)

    new = plan_carry_forward(plan=last_year)

    assert new.slug == "environment-2009-10-2"


def test_carrying_forward_twice_is_refused_and_starts_nothing_more(last_year):
    plan_carry_forward(plan=last_year)

    with pytest.raises(IllegalTransition, match="already been started"):
        plan_carry_forward(plan=last_year)
    assert Plan.objects.filter(previous_plan=last_year).count() == 1


@pytest.mark.parametrize("status", [Plan.Status.DRAFT, Plan.Status.SUBMITTED])
def test_carrying_forward_a_plan_not_yet_approved_is_refused(last_year, status):
    Plan.objects.filter(pk=last_year.pk).update(status=status)

    with pytest.raises(IllegalTransition, match="only be started from an approved plan"):
        plan_carry_forward(plan=last_year)
    assert not Plan.objects.filter(previous_plan=last_year).exists()


def test_scheduling_a_year_is_idempotent_and_keeps_existing_periods():
    kept = ReportingPeriodFactory(
        financial_year=2027, kind="quarter", number=1, deadline=date(2027, 7, 1), state="open"
    )

    created = period_schedule(financial_year=2027, kinds=["quarter", "half"], deadline_days=30)

    assert [p.label for p in created] == [
        "2027/28 Q2",
        "2027/28 Q3",
        "2027/28 Q4",
        "2027/28 H1",
        "2027/28 H2",
    ]
    assert {p.label: p.deadline for p in created}["2027/28 Q2"] == date(2027, 10, 29)  # 30 Oct is a Saturday
    kept.refresh_from_db()
    assert (kept.state, kept.deadline) == ("open", date(2027, 7, 1))
    assert period_schedule(financial_year=2027, kinds=["quarter", "half"]) == []
    assert ReportingPeriod.objects.filter(financial_year=2027).count() == 6


def test_a_period_is_opened_closed_and_published_in_order_and_publishing_freezes_judgements():
    period = ReportingPeriodFactory(financial_year=2008, number=1, state="scheduled")
    value = IndicatorValueFactory(period=period, value=38)
    TargetFactory(indicator=value.indicator, financial_year=2008, value=40)
    with pytest.raises(IllegalTransition, match="cannot be closed"):
        period_close(period=period)
    with pytest.raises(IllegalTransition, match="cannot be published"):
        period_publish(period=period)

    period_open(period=period)
    with pytest.raises(IllegalTransition, match="cannot be opened"):
        period_open(period=period)
    period_close(period=period)
    period = period_publish(period=period)

    assert period.state == ReportingPeriod.State.PUBLISHED
    value.refresh_from_db()
    assert value.target_applied == 40


def test_closing_a_quarter_or_its_half_year_closes_the_other_as_they_are_one_return():
    q1, q2 = (
        ReportingPeriodFactory(financial_year=2030, kind="quarter", number=n, state="open") for n in (1, 2)
    )
    h1 = ReportingPeriodFactory(financial_year=2030, kind="half", number=1, state="open")
    september = ReportingPeriodFactory(financial_year=2030, kind="month", number=6, state="open")
    year = ReportingPeriodFactory(financial_year=2030, kind="year", number=1, state="scheduled")

    period_close(period=q1)  # ends in June: nothing else is in its return
    assert [ReportingPeriod.objects.get(pk=p.pk).state for p in (q2, h1, september)] == ["open"] * 3

    period_close(period=h1)
    assert ReportingPeriod.objects.get(pk=q2.pk).state == "closed"
    assert ReportingPeriod.objects.get(pk=september.pk).state == "open"  # months close on their own

    # and the other way: closing the quarter closes its open half-year; a scheduled year is left alone
    q4 = ReportingPeriodFactory(financial_year=2030, kind="quarter", number=4, state="open")
    h2 = ReportingPeriodFactory(financial_year=2030, kind="half", number=2, state="open")
    period_close(period=q4)
    assert ReportingPeriod.objects.get(pk=h2.pk).state == "closed"
    assert ReportingPeriod.objects.get(pk=year.pk).state == "scheduled"


def test_the_quarters_are_always_scheduled_because_returns_are_made_for_them():
    created = period_schedule(financial_year=2031, kinds=["half"])
    assert sorted((p.kind, p.number) for p in created) == [
        ("half", 1),
        ("half", 2),
        ("quarter", 1),
        ("quarter", 2),
        ("quarter", 3),
        ("quarter", 4),
    ]


def test_opening_a_half_year_opens_the_quarter_its_return_is_made_in():
    from plans.services import period_open

    period_schedule(financial_year=2031, kinds=["half"])
    h1 = ReportingPeriod.objects.get(financial_year=2031, kind="half", number=1)
    period_open(period=h1)
    states = dict(
        ReportingPeriod.objects.filter(financial_year=2031, kind="quarter").values_list("number", "state")
    )
    assert states == {1: "scheduled", 2: "open", 3: "scheduled", 4: "scheduled"}
