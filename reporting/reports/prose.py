"""The committee report's texts, written from its figures in the words councils use (the seed papers):
pure functions of the plain data :func:`reporting.reports.content.report_figures` returns, with no
database.

* **The scope in a sentence**: a plan is “the Environment Service Plan 2026/27”; a unit is “the service
  plans of the Environment Directorate”; the whole council is “the service plans across the Borough of
  Millbrook Council”.
* **Expected progress**: for the covering report, what continuing work should have reached by the end of
  the period (about 50% at mid-year).
"""

from datetime import date

from django.utils.dateformat import format as date_format

from serviceplans.status import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER, status_look

TEXT_FIELDS = ["purpose", "background", "body", "implications", "recommendation", "conclusion", "annexes"]

#: The statuses' words as a sentence says them (“3 tasks without an update”), from ``serviceplans.status``.
TASK_WORDS = {key: status_look(key).in_a_sentence for key in TASK_STATUS_ORDER}
INDICATOR_WORDS = {key: status_look(key).in_a_sentence for key in INDICATOR_RAG_ORDER}


def listing(parts: list[str]) -> str:
    """“a, b and c”."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def counts_sentence(counts: dict, words: dict, total: int, noun: str) -> str:
    """“Of the 12 tasks, 8 are green, 2 amber and 2 red.”"""
    if not total:
        return f"There are no {noun}s in this report."
    parts = [(counts[key], words[key]) for key in words if counts.get(key)]
    first_count, first_word = parts[0]
    items = [f"{first_count} {'is' if first_count == 1 else 'are'} {first_word}"]
    items += [f"{count} {word}" for count, word in parts[1:]]
    return f"Of the {total} {noun}{'' if total == 1 else 's'}, {listing(items)}."


def the(name: str) -> str:
    """A name with “the” before it, unless it has one already."""
    return name if name.lower().startswith("the ") else f"the {name}"


def scope_phrase(scope: dict) -> str:
    """What the report is on, to follow “progress on”: see the module's rules."""
    if scope["kind"] == "plan":
        return the(scope["name"])
    if scope.get("council_wide"):
        return f"the service plans across {the(scope['name'])}"
    return f"the service plans of {the(scope['name'])}"


def long_date(iso: str | None) -> str:
    return date_format(date.fromisoformat(iso), "j F Y") if iso else ""


def approval_sentence(plans: list[dict]) -> str:
    """“The Environment Service Plan 2026/27 was approved on 10 February 2026.”, from the plans in the
    report (several are listed together); empty when none has an approval date."""
    approved = [(f"{plan['title']} {plan['years']}", long_date(plan.get("approved_on"))) for plan in plans]
    approved = [(name, day) for name, day in approved if day]
    if not approved:
        return ""
    if len(approved) == 1:
        name, day = approved[0]
        return f"{the(name)[0].upper()}{the(name)[1:]} was approved on {day}."
    return f"The service plans in this report were approved as follows: {listing([f'{the(n)} on {d}' for n, d in approved])}."


def annexe_titles(figures: dict) -> list[str]:
    """The annexes the figures make, in order: the action plan (with the status summary at its top) and
    the indicator table."""
    end = figures["period"]["end_month"]
    titles = []
    if figures["parts"]["tasks"]:
        titles.append(f"Action plan detailing progress to {end}, with a summary of status")
    if figures["parts"]["indicators"]:
        titles.append(f"Performance indicators, {figures['period']['label']}")
    if figures["parts"].get("risks"):
        titles.append(f"Risk register, {figures['period']['label']}, with a heat map")
    return [f"Annexe {number}: {title}" for number, title in enumerate(titles, start=1)]


def default_title(figures: dict) -> str:
    return f"{figures['scope']['name']}: progress report, {figures['period']['label']}"


def _progress_paragraphs(figures: dict) -> list[str]:
    period, expected = figures["period"], figures["expected_percent"]
    exceptions = " (exceptions only: tasks and indicators that are red, amber, overdue or missing a return)"
    only = exceptions if figures["parts"]["exceptions_only"] else ""
    when = (
        "At this mid-point in the year"
        if period["kind"] == "half" and expected == 50
        else "At this point in the year"
    )
    body = [
        f"A report detailing progress on the action plan{only} is attached. Each task shows its responsible "
        "officers, its due date as written in the plan, the progress expected and achieved, and its status "
        "as a word and a symbol as well as a colour, so that it reads the same when printed in black and "
        "white.",
        f"{when} Members can, as a general rule, expect progress of about {expected}% for services "
        "that are delivered at a constant rate throughout the year. The exception is one-off projects with "
        f"deadlines before or after the end of {period['end_month']}, which follow their own dates. "
        "Narrative explaining any variance from the expected level of activity is given in the progress "
        "commentary.",
    ]
    if figures["parts"]["tasks"]:
        body.append(counts_sentence(figures["task_counts"], TASK_WORDS, figures["task_total"], "task"))
    if figures["parts"]["indicators"]:
        body.append(
            counts_sentence(
                figures["indicator_counts"],
                INDICATOR_WORDS,
                figures["indicator_total"],
                "performance indicator",
            )
            + " Each indicator is compared with its target (★ better than the target range, ● within it, "
            "▲ worse than it) and with the same period last year."
        )
    return body


def _risk_sentence(figures: dict) -> str:
    red = figures["task_counts"].get("red", 0) + figures["indicator_counts"].get("red", 0)
    if not red:
        return "Risk: no task or indicator is reported red."
    return (
        f"Risk: {red} {'task or indicator is' if red == 1 else 'tasks and indicators are'} reported red; "
        "the commentary in the annexes explains the remedial action proposed."
    )


def default_texts(figures: dict) -> dict[str, str]:
    """The covering report's texts written from the data, in the words councils use (seed papers)."""
    period, end = figures["period"], figures["period"]["end_month"]
    on = scope_phrase(figures["scope"])
    approval = approval_sentence(figures["plans"])
    return {
        "purpose": (
            f"To inform Members of progress achieved to date on {on} for {period['name']}.\n\n"
            "Relevance to the Council's ambitions and priorities: service plans are produced annually by "
            "all departments, setting out the planned programme of work and demonstrating how each service "
            "contributes to the Council's ambitions and priorities."
        ),
        "background": (
            "As part of the Council's performance management framework service plans are produced annually "
            "by all departments, setting out the planned work programme for each area of the Council's "
            "activities.\n\n"
            "Each service plan includes a detailed action plan setting out the specific objectives, expected "
            "outcomes and deadlines for each area of work, and the performance indicators by which the "
            f"service is measured.{' ' + approval if approval else ''}\n\n"
            f"This report summarises progress for {period['name']}, to the end of {end}."
        ),
        "body": "\n\n".join(_progress_paragraphs(figures)),
        "implications": (
            "Financial: there are no direct financial implications arising from this report.\n\n"
            "Legal: there are no direct legal implications arising from this report.\n\n"
            + _risk_sentence(figures)
        ),
        "recommendation": (
            f"Members are asked to note the progress made on {on} to {end}, and the tasks and "
            "indicators reported red or amber."
        ),
        "conclusion": (
            f"Members are asked to note the achievements of the "
            f"{'service' if figures['scope']['kind'] == 'plan' else 'services'} made to {end}."
        ),
        "annexes": "\n".join(annexe_titles(figures)),
    }
