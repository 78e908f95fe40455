"""``load_demo --scale N``: the demo council copied N times in SQL, holding together, and only once."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from actions.models import ProgressUpdate, Task, TaskOfficer
from demo.builder import demo_council_load
from demo.scale import demo_council_scale
from indicators.models import Indicator, IndicatorValue
from plans.models import Officer, OrganisationUnit, Plan, PlanSection

pytestmark = pytest.mark.django_db

MODELS = (
    OrganisationUnit,
    Officer,
    Plan,
    PlanSection,
    Task,
    TaskOfficer,
    ProgressUpdate,
    Indicator,
    IndicatorValue,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts():
    return {model: model.objects.count() for model in MODELS}


def test_three_times_the_council_is_three_copies_that_hold_together():
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    one = counts()
    summary = demo_council_scale(copies=3)
    assert summary.added == 2
    SPAN = summary.offset
    three = counts()
    # The council itself is shared; everything beneath it is copied twice.
    assert three[OrganisationUnit] == 3 * one[OrganisationUnit] - 2
    for model in MODELS[1:]:
        assert three[model] == 3 * one[model], model
    # Every copied row points at rows of its own copy.
    for task in Task.objects.filter(pk__gte=SPAN).select_related("plan", "section", "objective"):
        copy = task.pk // SPAN
        assert task.plan.pk // SPAN == task.section.pk // SPAN == copy
        assert task.objective is None or task.objective.pk // SPAN == copy
        assert task.plan.title.endswith(f"(copy {copy + 1})")
    assert not Officer.objects.filter(pk__gte=SPAN, user__isnull=False).exists()
    council = OrganisationUnit.objects.get(parent__isnull=True)
    assert OrganisationUnit.objects.filter(parent=council).count() == 3 * (
        OrganisationUnit.objects.filter(parent=council, pk__lt=SPAN).count()
    )
    # A new row after scaling gets a fresh id (PostgreSQL's sequences were moved past the copies).
    plan = Plan.objects.get(pk__lt=SPAN, slug=Plan.objects.filter(pk__lt=SPAN).first().slug)
    section = PlanSection.objects.create(plan=plan, title="Added after scaling")
    assert section.pk > 2 * SPAN


def test_scaling_again_adds_only_missing_copies_and_the_command_reports():
    out = StringIO()
    call_command("load_demo", password="demo-pass-123", scale=2, stdout=out)
    assert "Scaled to 2×: added 1 copies" in out.getvalue()
    two = counts()
    assert two[Task] == 2 * Task.objects.filter(plan__slug__contains="-copy-").count()
    out = StringIO()
    call_command("load_demo", password="demo-pass-123", scale=2, stdout=out)
    assert "nothing added" in out.getvalue()
    assert counts() == two


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's query plan; PostgreSQL analyses by itself"
)
def test_after_loading_the_planner_reads_judgements_from_their_covering_index():
    """load_demo analyses the tables it filled, so joining an indicator to its judgement (every list, the
    dashboard, the reports) reads the index that holds every column wanted, not the judgement's wide row."""
    from indicators.judgements import join_judgement
    from serviceplans.periods import Period

    call_command("load_demo", password="demo-pass-123", stdout=StringIO())
    joined = join_judgement(Indicator.objects.all(), Period.parse("2026/27 Q2")).values_list(
        "judged_rag", "judged_no_data_reason", "judged_symbol", "judged_target", "judged_actual"
    )
    plan = joined.explain()
    assert "COVERING INDEX judgement_joined_columns" in plan, plan
