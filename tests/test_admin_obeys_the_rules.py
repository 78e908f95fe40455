"""The admin takes the same permission predicates and services as the pages (issue 12): a staff user the
pages would refuse is refused there too, and a published period's returns are read-only there as well."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from actions.models import ProgressUpdate
from indicators.models import IndicatorValue
from plans.models import Plan, ReportingPeriod, Return
from serviceplans.roles import PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = small_council(size=1)
    groups = roles_ensure()
    performance = UserFactory(username="performance", is_staff=True)
    performance.groups.add(groups[PERFORMANCE_TEAM])
    # A member of staff given every model permission in the admin, but not in the performance team, heading
    # no unit: the pages would let them take no step.
    clerkly = UserFactory(username="staff", is_staff=True)
    clerkly.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["plans", "actions"]))
    officer = OfficerFactory(name="Kevin Marsh", unit=council["services"][0])
    return council | {"performance": performance, "staff": clerkly, "officer": officer}


def test_a_return_is_approved_in_the_admin_only_by_someone_the_pages_let_decide(client, council):
    record = Return.objects.create(officer=council["officer"], period=council["q2"], state="submitted")
    changelist = reverse("admin:plans_return_changelist")

    client.force_login(council["staff"])
    response = client.post(
        changelist, {"action": "approve_returns", "_selected_action": [record.pk]}, follow=True
    )
    record.refresh_from_db()
    assert record.state == "submitted"
    assert "you may not do that" in response.content.decode()

    client.force_login(council["performance"])
    client.post(changelist, {"action": "approve_returns", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.state == "approved"


def test_periods_are_moved_in_the_admin_only_by_those_who_run_them(client, council):
    q2 = council["q2"]
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="closed")
    changelist = reverse("admin:plans_reportingperiod_changelist")

    client.force_login(council["staff"])
    client.post(changelist, {"action": "publish_periods", "_selected_action": [q2.pk]})
    q2.refresh_from_db()
    assert q2.state == "closed"

    client.force_login(council["performance"])
    client.post(changelist, {"action": "publish_periods", "_selected_action": [q2.pk]})
    q2.refresh_from_db()
    assert q2.state == "published"


def test_plan_steps_in_the_admin_follow_the_plan_pages_rules(client, council):
    plan = council["plan"]
    Plan.objects.filter(pk=plan.pk).update(status="draft")
    changelist = reverse("admin:plans_plan_changelist")

    client.force_login(council["staff"])
    client.post(changelist, {"action": "submit_plans", "_selected_action": [plan.pk]})
    plan.refresh_from_db()
    assert plan.status == "draft"

    client.force_login(council["performance"])
    client.post(changelist, {"action": "submit_plans", "_selected_action": [plan.pk]})
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_a_published_periods_update_and_value_are_read_only_in_the_admin(client, council):
    q2 = council["q2"]
    update, _ = ProgressUpdate.objects.update_or_create(
        task=council["tasks"][0], period=q2, defaults={"percent_complete": 40, "status": "green"}
    )
    value, _ = IndicatorValue.objects.update_or_create(
        indicator=council["indicators"][0], period=q2, defaults={"value": Decimal("12")}
    )
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="published")
    client.force_login(council["performance"])

    page = client.get(reverse("admin:actions_progressupdate_change", args=[update.pk])).content.decode()
    assert 'name="percent_complete"' not in page  # shown, not editable
    response = client.post(
        reverse("admin:actions_progressupdate_change", args=[update.pk]),
        {"task": update.task_id, "period": q2.pk, "percent_complete": 90, "status": "green"},
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.percent_complete == 40

    response = client.post(
        reverse("admin:indicators_indicatorvalue_delete", args=[value.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.filter(pk=value.pk).exists()


def test_no_update_is_added_in_the_admin_to_a_published_period(client, council):
    q2 = council["q2"]
    ProgressUpdate.objects.filter(period=q2).delete()
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="published")
    client.force_login(council["performance"])

    response = client.post(
        reverse("admin:actions_progressupdate_add"),
        {"task": council["tasks"][0].pk, "period": q2.pk, "percent_complete": 50, "status": "green"},
    )

    assert response.status_code == 200
    assert "its returns can no longer be changed" in response.content.decode()
    assert not ProgressUpdate.objects.filter(period=q2).exists()
