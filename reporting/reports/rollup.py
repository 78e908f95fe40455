"""Rolling placed rows up into the paper's shape, without the database: plans (newest first, then by
title), their sections (in the plan's order), each section's tasks grouped by objective (objectives in
the plan's order, then “Other tasks”) and its indicators, with counts by status per section and overall.

With “exceptions only” only the exceptions are listed; the counts still count everything.
"""

from collections import Counter
from collections.abc import Iterable

from .rows import Placed

OTHER_TASKS = "Other tasks"


def objective_key(objective: dict | None) -> tuple:
    return (1, 0, "", 0) if objective is None else (0, *objective["key"])


def _section(sections: dict, item: Placed) -> dict:
    """The section's entry, made the first time one of its rows is met."""
    key = (item.plan["key"], item.section["key"])
    if key not in sections:
        sections[key] = {
            "plan": item.plan,
            "title": item.section["title"],
            "objectives": {},
            "indicators": [],
            "task_counts": Counter(),
            "indicator_counts": Counter(),
        }
    return sections[key]


def _add_task(entry: dict, item: Placed) -> None:
    objective = item.objective
    group = entry["objectives"].setdefault(
        objective_key(objective),
        {
            "reference": objective["reference"] if objective else "",
            "text": objective["text"] if objective else OTHER_TASKS,
            "rows": [],
        },
    )
    group["rows"].append(item)


def _in_order(items: list[Placed]) -> list[dict]:
    return [item.row for item in sorted(items, key=lambda item: item.order)]


def _section_out(entry: dict) -> dict:
    return {
        "title": entry["title"],
        "plan": entry["plan"]["title"],
        "objectives": [
            {"reference": group["reference"], "text": group["text"], "tasks": _in_order(group["rows"])}
            for _key, group in sorted(entry["objectives"].items())
        ],
        "indicators": _in_order(entry["indicators"]),
        "task_counts": dict(entry["task_counts"]),
        "indicator_counts": dict(entry["indicator_counts"]),
    }


def _plans_out(sections: dict) -> list[dict]:
    plans: dict[tuple, dict] = {}
    for (plan_key, _section_key), entry in sorted(sections.items()):
        plan = plans.setdefault(
            plan_key, {k: v for k, v in entry["plan"].items() if k != "key"} | {"sections": []}
        )
        plan["sections"].append(_section_out(entry))
    return list(plans.values())


def roll_up(
    tasks: Iterable[Placed], indicators: Iterable[Placed], *, exceptions_only: bool
) -> tuple[list[dict], Counter, Counter]:
    """The plans with their sections, and the counts of tasks by status and indicators by RAG."""
    sections: dict[tuple, dict] = {}
    task_counts: Counter = Counter()
    indicator_counts: Counter = Counter()
    for item in tasks:
        entry = _section(sections, item)
        task_counts[item.row["status"]] += 1
        entry["task_counts"][item.row["status"]] += 1
        if not exceptions_only or item.row["exception"]:
            _add_task(entry, item)
    for item in indicators:
        entry = _section(sections, item)
        indicator_counts[item.row["rag"]] += 1
        entry["indicator_counts"][item.row["rag"]] += 1
        if not exceptions_only or item.row["exception"]:
            entry["indicators"].append(item)
    return _plans_out(sections), task_counts, indicator_counts
