"""Rolling rows up into the paper's shape (pure: no database)."""

from reporting.reports.rollup import roll_up
from reporting.reports.rows import Placed

PLAN = {"key": (-2026, "Plan", 1), "title": "Plan", "unit": "Unit", "years": "2026/27", "slug": "plan"}
OLDER = PLAN | {"key": (-2025, "Plan", 2), "years": "2025/26", "slug": "older"}
WASTE = {"key": (1, "Waste", 10), "title": "Waste"}
PARKS = {"key": (2, "Parks", 11), "title": "Parks"}
ONE = {"key": (1, "1.1", 100), "reference": "1.1", "text": "Recycle more"}
TWO = {"key": (2, "1.2", 101), "reference": "1.2", "text": "Clean streets"}


def task(ref, order, *, plan=PLAN, section=WASTE, objective=ONE, status="green", exception=False):
    row = {"reference": ref, "status": status, "exception": exception}
    return Placed(plan=plan, section=section, objective=objective, order=(order, order), row=row)


def indicator(ref, order, rag="green", exception=False, section=WASTE):
    row = {"reference": ref, "rag": rag, "exception": exception}
    return Placed(plan=PLAN, section=section, objective=None, order=(order, order), row=row)


def test_plans_newest_first_sections_in_plan_order_objectives_in_order_then_other_tasks():
    plans, _tasks, _pis = roll_up(
        [
            task("2.1", 1, section=PARKS),
            task("1.3", 3, objective=None),
            task("1.2", 2, objective=TWO),
            task("1.1", 1),
            task("9.1", 1, plan=OLDER),
        ],
        [],
        exceptions_only=False,
    )
    assert [p["years"] for p in plans] == ["2026/27", "2025/26"]
    assert "key" not in plans[0]
    assert [s["title"] for s in plans[0]["sections"]] == ["Waste", "Parks"]
    waste = plans[0]["sections"][0]
    assert [
        (o["reference"], o["text"], [t["reference"] for t in o["tasks"]]) for o in waste["objectives"]
    ] == [
        ("1.1", "Recycle more", ["1.1"]),
        ("1.2", "Clean streets", ["1.2"]),
        ("", "Other tasks", ["1.3"]),
    ]


def test_exceptions_only_lists_exceptions_and_counts_everything():
    plans, tasks, pis = roll_up(
        [task("1.1", 1), task("1.2", 2, status="red", exception=True)],
        [indicator("A", 1), indicator("B", 2, rag="amber", exception=True)],
        exceptions_only=True,
    )
    section = plans[0]["sections"][0]
    assert [t["reference"] for o in section["objectives"] for t in o["tasks"]] == ["1.2"]
    assert [i["reference"] for i in section["indicators"]] == ["B"]
    assert tasks == {"green": 1, "red": 1} and pis == {"green": 1, "amber": 1}
    assert section["task_counts"] == {"green": 1, "red": 1}
    assert section["indicator_counts"] == {"green": 1, "amber": 1}


def test_indicators_in_their_order_and_a_section_with_only_indicators():
    plans, _tasks, _pis = roll_up(
        [], [indicator("B", 2, section=PARKS), indicator("A", 1, section=PARKS)], exceptions_only=False
    )
    (parks,) = plans[0]["sections"]
    assert [i["reference"] for i in parks["indicators"]] == ["A", "B"] and parks["objectives"] == []
