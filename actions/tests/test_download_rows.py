"""The task download reads plain values, not model instances: its rows must say exactly what the tasks
themselves say (the same rules as the list's rows, read the slow way through the models)."""

from datetime import date

import pytest
from django.test import RequestFactory
from django.urls import reverse

from actions.views import TaskListView
from tests.builders import small_council
from tests.factories import OfficerFactory, PlanSectionFactory, TaskFactory, TaskOfficerFactory, UserFactory

pytestmark = [pytest.mark.django_db]


def the_view(**params) -> tuple[TaskListView, object]:
    request = RequestFactory().get(reverse("actions:task-list"), {"format": "xlsx", **params})
    request.user = UserFactory()
    view = TaskListView()
    view.setup(request)
    view.filterset = view.get_filterset(view.get_filterset_class())
    view.object_list = view.filterset.qs
    return view, view.get_table().data


def row_from_the_model(task) -> list:
    """The row as the download wrote it before it read plain values."""
    unit = task.section.unit or task.plan.unit
    return [
        task.reference,
        task.text,
        str(task.plan),
        task.section.title,
        unit.name,
        task.get_category_display(),
        ", ".join(link.officer.name for link in task.task_officers.all()),
        task.due_date_text or ("On-going" if task.ongoing else ""),
        task.due_date,
        task.period_status,
        task.period_percent,
        task.is_overdue,
        task.period_updated_at,
    ]


@pytest.mark.parametrize("sort", ["", "text", "-status", "due_date"])
def test_each_downloaded_row_says_what_the_task_says(sort):
    council = small_council(size=3)
    overdue = council["tasks"][1]
    overdue.due_date, overdue.due_date_text, overdue.ongoing = date(2026, 4, 30), "", False
    overdue.save()
    ongoing = council["tasks"][2]
    ongoing.due_date_text, ongoing.ongoing, ongoing.category = "", True, "statutory"
    ongoing.save()
    TaskFactory(
        plan=council["plan"], section=PlanSectionFactory(plan=council["plan"], unit=None, title="Misc")
    )
    zoe, adam = OfficerFactory(name="Zoe Wright"), OfficerFactory(name="Adam Ash")
    TaskOfficerFactory(task=overdue, officer=zoe, order=0)
    TaskOfficerFactory(task=overdue, officer=adam, order=1)

    view, data = the_view(sort=sort) if sort else the_view()
    downloaded = list(view.xlsx_rows(data))

    expected = [row_from_the_model(task) for task in data.data]
    assert downloaded == expected
    assert len(downloaded) == 7
    assert "Zoe Wright, Adam Ash" in [row[6] for row in downloaded]
    assert "Environment" in [row[4] for row in downloaded]  # no unit of its own: the plan's
