"""Gathering a committee report's content, and the texts written from it."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.reports.content import Scope, counts_sentence, default_texts, report_figures
from tests.builders import add_rows, small_council
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    TargetFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def all_tasks(figures):
    return [
        task
        for plan in figures["plans"]
        for section in plan["sections"]
        for objective in section["objectives"]
        for task in objective["tasks"]
    ]


def test_figures_group_tasks_by_section_and_count_statuses():
    council = small_council(size=2)
    figures = report_figures(Scope(period=council["q2"], plan=council["plan"]))

    assert [s["title"] for s in figures["plans"][0]["sections"]] == [
        "Parks",
        "Waste",
    ]  # equal order: by title
    # In each service the first task is red in Q2 and the second has no update.
    assert figures["task_counts"]["red"] == 2 and figures["task_counts"]["missing"] == 2
    assert figures["task_total"] == 4 and figures["indicator_total"] == 4
    assert {t["text"] for t in all_tasks(figures)} == {t.text for t in council["tasks"]}
    red = next(t for t in all_tasks(figures) if t["status"] == "red")
    assert (red["percent"], red["expected"], red["commentary"]) == (40, 50, "On track.")


def test_indicator_rows_have_last_year_this_year_and_the_period():
    council = small_council(size=1)
    figures = report_figures(Scope(period=council["q2"], plan=council["plan"]))
    row = figures["plans"][0]["sections"][0]["indicators"][0]
    assert row["target"] == "50%" and row["actual"] == "40%"
    assert row["last_year_target"] == "45%"
    assert (row["rag"], row["symbol"], row["direction"]) == ("red", "worse", "worse")


def test_exceptions_only_lists_only_exceptions_but_counts_everything():
    council = small_council(size=4)
    figures = report_figures(Scope(period=council["q2"], plan=council["plan"], exceptions_only=True))
    statuses = {t["status"] for t in all_tasks(figures)}
    assert statuses == {"red", "missing"}  # the green ones are left out
    assert figures["task_total"] == 8 and figures["task_counts"]["green"] == 2


def test_a_unit_covers_the_units_beneath_it_and_only_live_plans():
    council = small_council(size=1)
    elsewhere = OrganisationUnitFactory(name="Finance", parent=council["council"])
    other_plan = PlanFactory(unit=elsewhere, first_year=council["year"], status="published")
    TaskFactory(section=PlanSectionFactory(plan=other_plan), plan=other_plan, text="Close the accounts")
    draft = PlanFactory(unit=council["directorate"], first_year=council["year"], status="draft")
    TaskFactory(section=PlanSectionFactory(plan=draft), plan=draft, text="Draft only")

    env = report_figures(Scope(period=council["q2"], unit=council["directorate"]))
    whole = report_figures(Scope(period=council["q2"], unit=council["council"]))

    assert {t["text"] for t in all_tasks(env)} == {t.text for t in council["tasks"]}
    assert "Close the accounts" in {t["text"] for t in all_tasks(whole)}
    assert "Draft only" not in {t["text"] for t in all_tasks(whole)}


def test_figures_are_plain_json():
    council = small_council(size=1)
    figures = report_figures(Scope(period=council["q2"], plan=council["plan"]))
    assert json.loads(json.dumps(figures)) == figures


def test_default_texts_are_written_from_the_data():
    council = small_council(size=2)
    texts = default_texts(report_figures(Scope(period=council["q2"], plan=council["plan"])))
    assert "expect progress of about 50%" in texts["body"]
    assert "Of the 4 tasks, 2 are red and 2 without an update." in texts["body"]
    assert texts["recommendation"].startswith("Members are asked to note")
    assert texts["annexes"].splitlines() == [
        "Annexe 1: Action plan detailing progress to September 2026, with a summary of status",
        "Annexe 2: Performance indicators, 2026/27 Q2",
    ]


def test_counts_sentence_reads_naturally():
    words = {"green": "green", "red": "red"}
    assert counts_sentence({"green": 1}, words, 1, "task") == "Of the 1 task, 1 is green."
    assert (
        counts_sentence({"green": 3, "red": 1}, words, 4, "task") == "Of the 4 tasks, 3 are green and 1 red."
    )
    assert counts_sentence({}, words, 0, "task") == "There are no tasks in this report."


def test_a_task_reported_in_the_matching_quarter_serves_a_half_year_report():
    council = small_council(size=1)
    from tests.factories import ReportingPeriodFactory

    h1 = ReportingPeriodFactory(financial_year=council["year"], kind="half", number=1)
    figures = report_figures(Scope(period=h1, plan=council["plan"]))
    assert {t["status"] for t in all_tasks(figures)} == {"red"}


def count_queries(scope_kwargs, council):
    with CaptureQueriesContext(connection) as queries:
        report_figures(Scope(period=council["q2"], **scope_kwargs(council)))
    return len(queries)


@pytest.mark.parametrize(
    "scope_kwargs",
    [lambda c: {"plan": c["plan"]}, lambda c: {"unit": c["council"]}],
    ids=["plan", "unit"],
)
def test_gathering_does_not_run_a_query_per_row(scope_kwargs):
    """Queries: council settings; tasks, their officers, their updates; indicators, targets, values,
    frameworks: 8, and 9 for a unit, which also reads the unit tree; the same at any size."""
    council = small_council(size=1)
    count_queries(scope_kwargs, council)  # the first read also saves the council's default settings
    small = count_queries(scope_kwargs, council)
    add_rows(council, 6)
    large = count_queries(scope_kwargs, council)
    assert small == large
    assert large == (9 if "unit" in scope_kwargs(council) else 8)


def test_an_indicator_row_says_why_with_figures_that_rounding_would_hide():
    """3.533 days against 3.5 shown to no decimal places would read “4 days against 4 days: Amber”."""
    council = small_council(size=1)
    section = council["sections"][0]
    indicator = IndicatorFactory(
        section=section, plan=council["plan"], unit="days", decimal_places=0, polarity="lower"
    )
    TargetFactory(indicator=indicator, financial_year=council["year"], value=Decimal("3.5"))
    IndicatorValueFactory(indicator=indicator, period=council["q2"], value=Decimal("3.533"))
    figures = report_figures(Scope(period=council["q2"], plan=council["plan"]))
    row = next(r for s in figures["plans"][0]["sections"] for r in s["indicators"] if r["id"] == indicator.pk)
    assert row["actual"] == "4 days" and row["rag"] == "amber"
    assert row["reason"] == (
        "3.53 days against a target of 3.5 days, lower is better: worse than target, within the 2.5% "
        "tolerance: Amber"
    )
    assert Decimal(row["actual_number"]) == Decimal("3.533") and Decimal(row["target_number"]) == Decimal(
        "3.5"
    )
