"""Admin keeps an approved plan's structure: nothing deleted, and every change has a logged reason."""

import pytest
from django.urls import reverse

from actions.models import Task
from indicators.models import Target
from plans.models import Plan
from tests.factories import IndicatorFactory, TargetFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(
        UserFactory(username="root", first_name="Root", last_name="User", is_staff=True, is_superuser=True)
    )
    return client


def task_form(task, **changes) -> dict:
    data = {
        "plan": task.plan_id,
        "section": task.section_id,
        "objective": "",
        "reference": task.reference,
        "order": task.order,
        "category": task.category,
        "text": task.text,
        "responsibility_note": "",
        "resources": "",
        "budget": "",
        "start_date": "",
        "due_date": "",
        "due_date_text": task.due_date_text,
        "success_criteria": "",
        "risk": "",
        "carried_forward_from": "",
        "reason_for_change": "",
    }
    for prefix in ("task_officers", "milestones", "updates"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_changing_a_task_of_an_approved_plan_needs_a_reason_kept_in_its_history(admin_client):
    task = TaskFactory(plan__status=Plan.Status.APPROVED, section__plan__status=Plan.Status.APPROVED)
    task = Task.objects.get(pk=task.pk)
    url = reverse("admin:actions_task_change", args=[task.pk])
    assert "Reason for change" in admin_client.get(url).content.decode()

    response = admin_client.post(url, task_form(task, due_date_text="By March 2027"))
    assert response.status_code == 200
    assert "Enter the reason for this change" in response.content.decode()
    task.refresh_from_db()
    assert task.due_date_text == ""

    response = admin_client.post(
        url,
        task_form(task, due_date_text="By March 2027", reason_for_change="Contractor delay agreed by DMT"),
    )
    assert response.status_code == 302
    latest = task.history.latest()
    assert (latest.due_date_text, latest.history_change_reason, latest.history_user.username) == (
        "By March 2027",
        "Contractor delay agreed by DMT",
        "root",
    )
    # The audit trail on the task page shows the reason and the change.
    page = admin_client.get(reverse("actions:task-detail", args=[task.pk])).content.decode()
    assert "Reason: Contractor delay agreed by DMT" in page
    assert "Root User" in page


def test_a_draft_plans_task_needs_no_reason(admin_client):
    task = TaskFactory()
    url = reverse("admin:actions_task_change", args=[task.pk])
    assert admin_client.post(url, task_form(task, due_date_text="Soon")).status_code == 302


def test_nothing_in_an_approved_plan_can_be_deleted_in_admin(admin_client):
    task = TaskFactory(section__plan__status=Plan.Status.PUBLISHED)
    task.plan = task.section.plan
    task.save()
    indicator = IndicatorFactory(section=task.section, plan=task.plan)
    assert admin_client.get(reverse("admin:actions_task_delete", args=[task.pk])).status_code == 403
    assert (
        admin_client.get(reverse("admin:indicators_indicator_delete", args=[indicator.pk])).status_code == 403
    )
    response = admin_client.post(
        reverse("admin:actions_task_changelist"),
        {"action": "delete_selected", "_selected_action": [task.pk], "post": "yes"},
    )
    assert Task.objects.filter(pk=task.pk).exists(), response
    # A draft plan's task can still be deleted.
    draft_task = TaskFactory()
    assert admin_client.get(reverse("admin:actions_task_delete", args=[draft_task.pk])).status_code == 200


def test_a_target_change_needs_a_reason_and_admin_history_shows_the_diff(admin_client):
    indicator = IndicatorFactory(
        plan__status=Plan.Status.APPROVED, section__plan__status=Plan.Status.APPROVED
    )
    indicator.plan = indicator.section.plan
    indicator.save()
    target = TargetFactory(indicator=indicator, value=40)
    url = reverse("admin:indicators_target_change", args=[target.pk])
    data = {"indicator": indicator.pk, "financial_year": 2008, "period": "", "value": "42", "text": ""}
    data["tolerance_percent"] = ""
    response = admin_client.post(url, data | {"reason_for_change": ""})
    assert "Enter the reason for this change" in response.content.decode()
    admin_client.post(url, data | {"reason_for_change": "Revised by committee, 12/09/2026"})
    assert Target.objects.get(pk=target.pk).value == 42

    history = admin_client.get(reverse("admin:indicators_target_history", args=[target.pk])).content.decode()
    assert "Revised by committee, 12/09/2026" in history
    assert "40" in history and "42" in history
    page = admin_client.get(reverse("indicators:indicator-detail", args=[indicator.pk])).content.decode()
    assert "Target, 2008/09" in page and "Reason: Revised by committee, 12/09/2026" in page


def test_an_approved_plans_tasks_are_read_only_inline_on_the_plan_page(admin_client):
    task = TaskFactory(section__plan__status=Plan.Status.APPROVED)
    plan = task.section.plan
    page = admin_client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    assert 'name="tasks-0-text"' not in page  # shown, not editable here
    assert reverse("admin:actions_task_change", args=[task.pk]) in page
    draft = TaskFactory()
    page = admin_client.get(reverse("admin:plans_plan_change", args=[draft.plan.pk])).content.decode()
    assert 'name="tasks-0-text"' in page
