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


def test_rows_left_as_they_were_are_skipped_and_the_changed_ones_saved(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]
    untouched = row(second, "", "", "")

    response = client.post(setting["url"], row(first, "50", "green") | untouched, follow=True)

    assert ProgressUpdate.objects.filter(period=setting["q2"], task=first).get().percent_complete == 50
    assert not ProgressUpdate.objects.filter(period=setting["q2"], task=second).exists()
    assert "1 update for 2026/27 Q2 saved; 1 task left as it was." in response.content.decode()


def test_a_changed_row_with_an_error_saves_none_of_the_changed_rows(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]

    response = client.post(setting["url"], row(first, "50", "green") | row(second, "101", "green"))

    assert response.status_code == 200
    assert "Percent complete must be 100 or less" in response.content.decode()
    assert not ProgressUpdate.objects.filter(period=setting["q2"], task__in=setting["mine"]).exists()


def test_nothing_changed_saves_nothing_and_says_so(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]

    response = client.post(setting["url"], row(first, "", "") | row(second, "", ""), follow=True)

    assert "Nothing was saved: no task was changed." in response.content.decode()
    assert not ProgressUpdate.objects.filter(period=setting["q2"], task__in=setting["mine"]).exists()


def test_last_periods_commentary_is_shown_beside_each_task(client, setting):
    first = setting["mine"][0]
    ProgressUpdate.objects.filter(task=first, period=setting["q1"]).update(
        commentary="Tender went out in June."
    )
    client.force_login(setting["user"])

    assert "Tender went out in June." in client.get(setting["url"]).content.decode()


def test_save_and_next_goes_to_the_next_task_then_home(client, setting):
    client.force_login(setting["user"])
    first, second = setting["mine"]
    q2 = setting["q2"]
    data = {
        "percent_complete": "50",
        "status": "green",
        "commentary": "",
        "version": "0",
        "save_and_next": "1",
    }

    response = client.post(reverse("actions:task-update", args=[first.pk, q2.pk]), data)
    assert response["Location"] == reverse("actions:task-update", args=[second.pk, q2.pk])

    response = client.post(reverse("actions:task-update", args=[second.pk, q2.pk]), data)
    assert response["Location"] == reverse("home")
