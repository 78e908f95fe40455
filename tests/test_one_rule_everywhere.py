"""One rule, one answer on every surface (issue #12): the task list's filters, the dashboard and the
committee report agree on which tasks are overdue, red, amber and missing.

The case that used to split them: a task due 30 June, completed in Q1 and not updated in Q2. It is not
overdue at Q2 (it is finished), though its Q2 update is missing.
"""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from actions.rules import task_is_overdue
from plans.selectors import dashboard_periods
from reporting.reports.content import Scope, report_tasks, task_row
from reporting.selectors import dashboard
from serviceplans.roles import PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("due", "latest", "overdue"),
    [
        (date(2026, 6, 30), "completed", False),
        (date(2026, 6, 30), "not_applicable", False),
        (date(2026, 6, 30), "green", True),
        (date(2026, 6, 30), None, True),
        (date(2026, 9, 30), "red", False),  # due on the last day is not yet overdue
        (None, "red", False),
    ],
)
def test_task_is_overdue(due, latest, overdue):
    assert task_is_overdue(due_date=due, period_end=date(2026, 9, 30), latest_status=latest) is overdue


@pytest.fixture
def scenario():
    council = small_council(size=3)
    q1, q2 = council["q1"], council["q2"]
    tasks = council["tasks"][:5]
    ProgressUpdate.objects.filter(task__in=tasks, period=q2).delete()
    finished, forgotten, red, amber, missing = tasks
    for task in tasks:
        task.due_date = date(2026, 6, 30) if task in (finished, forgotten) else date(2027, 3, 31)
        task.save()
    ProgressUpdate.objects.filter(task=finished, period=q1).update(status="completed", percent_complete=100)
    ProgressUpdate.objects.create(
        task=red, period=q2, percent_complete=10, status="red", commentary="Stalled"
    )
    ProgressUpdate.objects.create(
        task=amber, period=q2, percent_complete=30, status="amber", commentary="Late"
    )
    ProgressUpdate.objects.filter(task__in=council["tasks"][5:], period=q2).update(status="green")
    for task in council["tasks"][5:]:
        if not ProgressUpdate.objects.filter(task=task, period=q2).exists():
            ProgressUpdate.objects.create(task=task, period=q2, percent_complete=50, status="green")
    expected = {
        "overdue": {forgotten.pk},
        "red": {red.pk},
        "amber": {amber.pk},
        "missing": {finished.pk, forgotten.pk, missing.pk},
    }
    return council | {"expected": expected}


def from_task_list(client, council) -> dict[str, set[int]]:
    url = reverse("actions:task-list")
    period = council["q2"].label

    def ids(**filters):
        response = client.get(url, {"period": period, "per_page": 100, **filters})
        return {row.record.pk for row in response.context["table"].page.object_list}

    return {
        "overdue": ids(overdue="on"),
        "red": ids(status="red"),
        "amber": ids(status="amber"),
        "missing": ids(status="missing"),
    }


def from_dashboard(council) -> dict[str, set[int]]:
    periods = dashboard_periods()
    board = dashboard(period=council["q2"], periods=periods, unit=None, per_page=100, today=date(2026, 10, 1))
    found = {"overdue": set(), "red": set(), "amber": set(), "missing": set()}
    for exception in board.task_exceptions.object_list:
        for reason in exception.reasons:
            found["missing" if reason == "late" else reason].add(exception.task.pk)
    return found


def from_committee_report(council) -> dict[str, set[int]]:
    scope = Scope(
        period=council["q2"],
        plan=council["plan"],
        unit=None,
        include_tasks=True,
        include_indicators=True,
        exceptions_only=False,
    )
    found = {"overdue": set(), "red": set(), "amber": set(), "missing": set()}
    for task in report_tasks(scope):
        row = task_row(task, council["q2"])
        if row["overdue"]:
            found["overdue"].add(task.pk)
        if row["status"] in found:
            found[row["status"]].add(task.pk)
    return found


def test_the_task_list_the_dashboard_and_the_committee_report_agree(client, scenario):
    user = UserFactory(username="performance")
    user.groups.add(roles_ensure()[PERFORMANCE_TEAM])
    client.force_login(user)

    surfaces = {
        "task list": from_task_list(client, scenario),
        "dashboard": from_dashboard(scenario),
        "committee report": from_committee_report(scenario),
    }

    for name, found in surfaces.items():
        assert found == scenario["expected"], name
