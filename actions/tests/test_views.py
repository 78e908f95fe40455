from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import small_council
from tests.factories import MilestoneFactory, ProgressUpdateFactory, ReportingPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_task_page_shows_updates_with_expected_progress_and_suggestion(client):
    council = small_council(size=1)
    task = council["tasks"][0]
    task.start_date, task.due_date = date(2026, 4, 1), date(2027, 3, 31)
    task.save()
    MilestoneFactory(task=task, name="Consultation closes", due_date=date(2026, 8, 31), done=True)
    client.force_login(UserFactory())

    response = client.get(reverse("actions:task-detail", args=[task.pk]))

    q2 = response.context["progress"][0]  # newest first
    assert q2.update.period.label == "2026/27 Q2"
    assert q2.expected == 50  # half way through the year at 30 September
    assert (q2.milestones_due, q2.milestones_done) == (1, 1)
    assert q2.suggested == "amber"  # 40% of the 50% expected is 80%: amber (70–90%)
    assert q2.update.status == "red"  # the officer's own status stands beside the suggestion
    assert "Consultation closes" in response.content.decode()


def test_the_milestones_expected_say_how_many_the_task_has(client):
    """A task with 3 milestones, 2 due by the end of Q2, no longer reads “2 of 2 milestones”."""
    council = small_council(size=1)
    task = council["tasks"][0]
    for month, done in ((5, True), (8, True), (12, False)):
        MilestoneFactory(task=task, due_date=date(2026, month, 15), done=done)
    client.force_login(UserFactory())
    content = client.get(reverse("actions:task-detail", args=[task.pk])).content.decode()
    assert "2 of 2 milestones due by then done (3 in all)" in content


def test_task_page_shows_every_saved_version(client):
    council = small_council(size=1)
    update = council["tasks"][0].updates.get(period=council["q2"])
    update.commentary = "Revised after the manager's review."
    update.save()
    client.force_login(UserFactory())

    response = client.get(reverse("actions:task-detail", args=[update.task_id]))

    assert "Revised after the manager&#x27;s review." in response.content.decode()
    assert len(response.context["versions"]) == 3  # Q1 once, Q2 twice


def test_task_page_queries_do_not_grow_with_updates(client):
    """Queries: session, user, task with plan/section/units/objective, officers, milestones, priorities,
    updates, council settings, saved versions."""
    council = small_council(size=1)
    task = council["tasks"][0]
    client.force_login(UserFactory())
    url = reverse("actions:task-detail", args=[task.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in (2023, 2024, 2025):
        for number in (1, 2, 3, 4):
            period = ReportingPeriodFactory(financial_year=year, kind="quarter", number=number)
            ProgressUpdateFactory(task=task, period=period)
        MilestoneFactory(task=task)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["progress"]) == 14
    assert len(few) == len(many)
