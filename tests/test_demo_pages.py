"""The pages render for the whole demo council: every indicator, a spread of tasks, every dashboard level."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import Task
from demo.builder import demo_council_load
from indicators.models import Indicator
from plans.models import OrganisationUnit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_indicator_and_task_pages_render_with_the_demo_council(client):
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    client.force_login(UserFactory())

    failures = []
    urls = [reverse("reporting:dashboard"), reverse("reporting:dashboard") + "?period=2026/27 H1"]
    urls += [
        f"{reverse('reporting:dashboard')}?unit={slug}"
        for slug in OrganisationUnit.objects.values_list("slug", flat=True)
    ]
    urls += [
        reverse("indicators:indicator-detail", args=[pk])
        for pk in Indicator.objects.values_list("pk", flat=True)
    ]
    urls += [
        reverse("actions:task-detail", args=[pk]) for pk in Task.objects.values_list("pk", flat=True)[::7]
    ]
    for url in urls:
        status = client.get(url).status_code
        if status != 200:
            failures.append((url, status))

    assert failures == []
    board = client.get(reverse("reporting:dashboard")).context["dashboard"]
    assert board.period.label == "2026/27 Q2"
    assert board.totals.returns_due > 100
    assert {"red", "amber", "green"} <= set(board.totals.indicators)
