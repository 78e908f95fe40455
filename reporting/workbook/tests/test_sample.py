"""The sample workbook transcribed from a real plan (seed 001) imports with the counts transcribed."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from actions.models import Task
from plans.models import Plan
from reporting.workbook.importer import plan_import

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "chief-executives-2002-03.xlsx"


def test_the_sample_plan_imports_with_the_transcribed_counts():
    result = plan_import(workbook_bytes=SAMPLE.read_bytes())

    assert result.ok, result.errors
    assert result.warnings == []
    assert result.plan_slug == "chief-executives-directorate-2002-03"
    assert dict(result.count_rows()) == {
        "Sections": 6,
        "Objectives": 17,
        "Tasks": 70,
        "Milestones": 9,
        "Indicators": 15,
        "Targets": 13,  # two measures have "-" for a target
        "Officers created": 0,
        "Progress updates": 0,
        "Values": 0,
    }
    plan = Plan.objects.get()
    assert (plan.first_year, plan.years, plan.unit.parent.name) == (2002, 1, "Salford City Council")
    assert Task.objects.filter(ongoing=True).count() == 4
    assert Task.objects.filter(category=Task.Category.EQUALITY_AND_DIVERSITY).count() == 5
    briefings = Task.objects.get(text__startswith="Facilitate on-going briefings")
    assert briefings.due_date == date(2002, 12, 31)
    assert [m.due_date for m in briefings.milestones.all()] == [
        date(2002, 5, 31),
        date(2002, 6, 30),
        date(2002, 7, 30),
        date(2002, 12, 31),
    ]
    assert Task.objects.get(
        text__startswith="Lead and co-ordinate the production of the Summary"
    ).due_date == date(2003, 3, 31)
