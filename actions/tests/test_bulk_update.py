"""Update all my tasks at once: every row checked, nothing saved until all are right."""

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from actions.services import progress_update_save
from tests.builders import small_council
from tests.factories import OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    council = small_council(size=2)
    user = UserFactory(username="kmarsh")
    officer = OfficerFactory(user=user)
    tasks = [council["tasks"][1], council["tasks"][3]]  # neither updated in Q2
    for task in tasks:
        TaskOfficerFactory(task=task, officer=officer)
    return council | {
        "user": user,
        "mine": tasks,
        "url": reverse("actions:bulk-update", args=[council["q2"].pk]),
    }


def row(task, percent, status, commentary="", version=0):
    prefix = f"task-{task.pk}"
    return {
        f"{prefix}-percent_complete": percent,
        f"{prefix}-status": status,
        f"{prefix}-commentary": commentary,
        f"{prefix}-version": version,
    }


def test_the_page_lists_every_task_due_from_the_officer(client, setting):
    client.force_login(setting["user"])
    response = client.get(setting["url"])
    assert [item.task for item, _e, _f in response.context["rows"]] == setting["mine"]


def test_all_valid_rows_are_saved_together(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]
    response = client.post(
        setting["url"], row(first, "50", "green") | row(second, "30", "amber", "Delayed by staffing.")
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.filter(period=setting["q2"], task__in=setting["mine"]).count() == 2


def test_one_bad_row_saves_nothing_and_keeps_every_rows_typing(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]
    response = client.post(setting["url"], row(first, "50", "green") | row(second, "30", "red"))

    content = response.content.decode()
    assert "nothing has been saved yet" in content
    assert f"{second}: Enter commentary explaining why the task is red" in content
    assert (
        f'id="id_task-{first.pk}-percent_complete" name="task-{first.pk}-percent_complete" type="text" inputmode="numeric" value="50"'
        in content
    )
    assert not ProgressUpdate.objects.filter(period=setting["q2"], task__in=setting["mine"]).exists()


def test_a_conflict_on_any_row_saves_none(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]
    progress_update_save(
        task=second,
        period=setting["q2"],
        user=None,
        percent_complete=10,
        status="green",
        commentary="",
        seen_version=0,
    )
    response = client.post(setting["url"], row(first, "50", "green") | row(second, "30", "green"))

    assert response.status_code == 302
    assert not ProgressUpdate.objects.filter(period=setting["q2"], task=first).exists()
    assert ProgressUpdate.objects.get(period=setting["q2"], task=second).percent_complete == 10


def test_a_closed_period_cannot_be_bulk_updated(client, setting):
    client.force_login(setting["user"])
    assert client.get(reverse("actions:bulk-update", args=[setting["q1"].pk])).status_code == 404


def test_someone_with_no_tasks_sees_nothing_to_do(client, setting):
    client.force_login(UserFactory(username="reader"))
    assert "No task updates are due from you" in client.get(setting["url"]).content.decode()
