from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import ProgressUpdate, Task
from tests.factories import (
    MilestoneFactory,
    OfficerFactory,
    PlanSectionFactory,
    ProgressUpdateFactory,
    ReportingPeriodFactory,
    TaskFactory,
    TaskOfficerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("percent", [0, 100])
def test_percent_complete_may_be_0_to_100(percent):
    assert ProgressUpdateFactory(percent_complete=percent).percent_complete == percent


def test_percent_complete_over_100_is_refused_by_the_database():
    update = ProgressUpdateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(percent_complete=101)


def test_percent_complete_over_100_is_refused_by_validation():
    update = ProgressUpdateFactory.build(
        percent_complete=101, task=TaskFactory(), period=ReportingPeriodFactory()
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "percent_complete" in error.value.message_dict


def test_negative_percent_complete_is_refused():
    update = ProgressUpdateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(percent_complete=-1)


def test_one_update_per_task_and_period():
    update = ProgressUpdateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdateFactory(task=update.task, period=update.period)


def test_the_same_task_has_one_update_in_each_period():
    task = TaskFactory()
    ProgressUpdateFactory(task=task, period=ReportingPeriodFactory(number=1), percent_complete=20)
    ProgressUpdateFactory(task=task, period=ReportingPeriodFactory(number=2), percent_complete=45)
    assert [u.percent_complete for u in task.updates.all()] == [20, 45]


def test_earlier_versions_of_an_update_are_kept():
    update = ProgressUpdateFactory(percent_complete=40, commentary="Consultation under way.")
    update.percent_complete = 55
    update.commentary = "Consultation closed; report drafted."
    update.save()

    versions = list(update.history.order_by("history_date").values_list("percent_complete", "commentary"))
    assert versions == [(40, "Consultation under way."), (55, "Consultation closed; report drafted.")]


def test_responsible_officers_are_kept_in_order():
    task = TaskFactory()
    second = OfficerFactory(name="A. Hardy")
    first = OfficerFactory(name="Simon Lawrence")
    TaskOfficerFactory(task=task, officer=second, order=2)
    TaskOfficerFactory(task=task, officer=first, order=1)

    assert [link.officer.name for link in task.task_officers.all()] == ["Simon Lawrence", "A. Hardy"]


def test_a_task_holds_everything_a_plan_says_of_it():
    task = TaskFactory(
        category=Task.Category.RISK_MANAGEMENT,
        risk="Loss of the ICT service for more than a day",
        responsibility_note="Overall A. Hardy, but each team leader for work in their areas",
        resources="£260k growth",
        budget=260000,
        due_date_text="Options appraisal – April 2007, Business case – June 2007, Capital work – Jan 2008",
        due_date=date(2008, 1, 31),
        ongoing=False,
        success_criteria="Service restored within 4 hours in the annual test",
    )
    MilestoneFactory(task=task, name="Options appraisal", due_date=date(2007, 4, 30), order=1)
    MilestoneFactory(task=task, name="Business case", due_date=date(2007, 6, 30), order=2)
    task.refresh_from_db()

    assert task.get_category_display() == "Risk management"
    assert [m.name for m in task.milestones.all()] == ["Options appraisal", "Business case"]


def test_due_date_cannot_be_before_start_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(start_date=date(2008, 6, 1), due_date=date(2008, 5, 1))


def test_task_section_must_belong_to_its_plan():
    task = TaskFactory()
    task.section = PlanSectionFactory()
    with pytest.raises(ValidationError, match="section"):
        task.clean()
