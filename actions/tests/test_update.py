"""Officers update a task: permissions, validation that loses nothing, and no lost updates."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from actions.services import UpdateConflict, progress_update_save
from serviceplans.roles import OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    council = small_council(size=1)
    groups = roles_ensure()
    user = UserFactory(username="kmarsh", first_name="Kevin", last_name="Marsh")
    user.groups.add(groups[OFFICERS])
    officer = OfficerFactory(user=user, name="Kevin Marsh")
    task = council["tasks"][1]  # the Parks task; its Q2 return is removed so the officer starts afresh
    task.updates.filter(period=council["q2"]).delete()
    task.start_date, task.due_date = date(2026, 4, 1), date(2027, 3, 31)
    task.save()
    TaskOfficerFactory(task=task, officer=officer)
    return council | {"user": user, "task": task}


def url(task, period):
    return reverse("actions:task-update", args=[task.pk, period.pk])


def test_the_responsible_officer_sees_the_form_with_expected_progress(client, setting):
    client.force_login(setting["user"])
    response = client.get(url(setting["task"], setting["q2"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["expected"] == 50
    for label in ("Percent complete", "Status", "Commentary"):
        assert f">{label}</" in content
    assert "about <strong>50%</strong> complete" in content


def test_saving_an_update_records_who_and_redirects_to_the_task(client, setting):
    client.force_login(setting["user"])
    response = client.post(
        url(setting["task"], setting["q2"]),
        {"percent_complete": "55", "status": "green", "commentary": "", "version": "0"},
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get(task=setting["task"], period=setting["q2"])
    assert (update.percent_complete, update.status, update.updated_by, update.version) == (
        55,
        "green",
        setting["user"],
        1,
    )


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"percent_complete": "", "status": "green"}, "percent_complete", "Enter the percent complete"),
        (
            {"percent_complete": "101", "status": "green"},
            "percent_complete",
            "Percent complete must be 100 or less",
        ),
        ({"percent_complete": "4x", "status": "green"}, "percent_complete", "whole number"),
        ({"percent_complete": "40"}, "status", "Select a status"),
        ({"percent_complete": "40", "status": "purple"}, "status", "Select a status from the list"),
        ({"percent_complete": "40", "status": "red"}, "commentary", "explaining why the task is red"),
        ({"percent_complete": "40", "status": "amber"}, "commentary", "explaining why the task is amber"),
        ({"percent_complete": "0", "status": "not_applicable"}, "commentary", "not applicable"),
        ({"percent_complete": "5", "status": "green"}, "commentary", "far from the 50% expected"),
        ({"percent_complete": "90", "status": "completed"}, "percent_complete", "A completed task is 100%"),
        ({"percent_complete": "10", "status": "not_started"}, "percent_complete", "not started is 0%"),
    ],
)
def test_errors_are_explained_and_nothing_typed_is_lost(client, setting, posted, field, message):
    client.force_login(setting["user"])
    data = {"commentary": "", "version": "0"} | posted
    data.setdefault("commentary", "")
    response = client.post(url(setting["task"], setting["q2"]), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert any(message in error for error in response.context["form"].errors[field])
    if posted.get("percent_complete"):
        assert f'value="{posted["percent_complete"]}"' in content
    assert not ProgressUpdate.objects.filter(task=setting["task"], period=setting["q2"]).exists()


def test_commentary_typed_alongside_an_error_is_kept(client, setting):
    client.force_login(setting["user"])
    response = client.post(
        url(setting["task"], setting["q2"]),
        {
            "percent_complete": "120",
            "status": "red",
            "commentary": "Contractor went into administration.",
            "version": "0",
        },
    )
    assert "Contractor went into administration." in response.content.decode()


def test_another_officer_is_refused(client, setting):
    other = UserFactory(username="someone")
    other.groups.add(roles_ensure()[OFFICERS])
    OfficerFactory(user=other)
    client.force_login(other)

    assert client.get(url(setting["task"], setting["q2"])).status_code == 403
    response = client.post(
        url(setting["task"], setting["q2"]), {"percent_complete": "50", "status": "green", "version": "0"}
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(task=setting["task"], period=setting["q2"]).exists()


def test_a_closed_period_is_read_only_for_officers_but_not_the_performance_team(client, setting):
    client.force_login(setting["user"])
    assert client.get(url(setting["task"], setting["q1"])).status_code == 403

    performance = UserFactory(username="perf")
    performance.groups.add(roles_ensure()[PERFORMANCE_TEAM])
    client.force_login(performance)
    assert client.get(url(setting["task"], setting["q1"])).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, setting):
    response = client.get(url(setting["task"], setting["q2"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_second_of_two_people_editing_is_refused_and_shown_the_other_change(client, setting):
    task, q2 = setting["task"], setting["q2"]
    manager = UserFactory(username="ahardy", first_name="Alison", last_name="Hardy", is_superuser=True)
    # Both open the form when there is no update yet (version 0); the manager saves first.
    progress_update_save(
        task=task,
        period=q2,
        user=manager,
        percent_complete=60,
        status="green",
        commentary="Phase one signed off.",
        seen_version=0,
    )
    client.force_login(setting["user"])
    response = client.post(
        url(task, q2),
        {"percent_complete": "45", "status": "amber", "commentary": "Slipped a little.", "version": "0"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Alison Hardy saved this update while you were editing it" in content
    assert "Phase one signed off." in content  # theirs, shown
    assert "Slipped a little." in content  # ours, kept
    update = ProgressUpdate.objects.get(task=task, period=q2)
    assert (update.percent_complete, update.updated_by) == (60, manager)  # not overwritten
    # Having seen it, the officer can save deliberately over it.
    assert response.context["form"]["version"].value() == 1


def test_the_service_refuses_a_stale_version():
    council = small_council(size=1)
    task, q2 = council["tasks"][0], council["q2"]  # already updated once (version 1)
    with pytest.raises(UpdateConflict) as conflict:
        progress_update_save(
            task=task, period=q2, user=None, percent_complete=1, status="green", commentary="", seen_version=0
        )
    assert conflict.value.current.version == 1


def test_every_save_is_kept_in_the_history(client, setting):
    client.force_login(setting["user"])
    for version, percent in ((0, 40), (1, 50)):
        client.post(
            url(setting["task"], setting["q2"]),
            {
                "percent_complete": str(percent),
                "status": "green",
                "commentary": "ok",
                "version": str(version),
            },
        )
    update = ProgressUpdate.objects.get(task=setting["task"], period=setting["q2"])
    assert [h.percent_complete for h in update.history.order_by("history_date")] == [40, 50]
    assert {h.history_user for h in update.history.all()} == {setting["user"]}


def test_the_task_page_offers_the_update_only_to_those_who_may_make_it(client, setting):
    task_url = reverse("actions:task-detail", args=[setting["task"].pk])
    client.force_login(setting["user"])
    assert "Update progress for 2026/27 Q2" in client.get(task_url).content.decode()

    client.force_login(UserFactory(username="reader"))
    assert "Update progress for" not in client.get(task_url).content.decode()


def test_the_update_form_queries_do_not_grow_with_earlier_updates(client, setting):
    """Queries: session, user, task with its joins, officers, milestones, priorities, updates, period,
    the reader's groups, officer, delegations, units headed, council settings."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProgressUpdateFactory, ReportingPeriodFactory

    client.force_login(setting["user"])
    page = url(setting["task"], setting["q2"])
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for year in (2023, 2024, 2025):
        for number in (1, 2, 3, 4):
            ProgressUpdateFactory(
                task=setting["task"], period=ReportingPeriodFactory(financial_year=year, number=number)
            )
    with CaptureQueriesContext(connection) as many:
        client.get(page)
    assert len(few) == len(many)
