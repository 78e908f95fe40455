"""The covering report's texts, from plain figures (pure: no database)."""

from reporting.reports.prose import approval_sentence, default_texts, scope_phrase
from reporting.reports.rows import overdue_reason, task_reason

COUNCIL = {"kind": "unit", "name": "Borough of Millbrook Council", "slug": "millbrook", "council_wide": True}
DIRECTORATE = {"kind": "unit", "name": "Environment Directorate", "slug": "env", "council_wide": False}
PLAN = {"kind": "plan", "name": "Environment Service Plan 2026/27", "slug": "env-plan", "council_wide": False}


def figures(scope, plans=()):
    return {
        "scope": scope,
        "period": {
            "label": "2026/27 Q2",
            "name": "Quarter 2",
            "kind": "quarter",
            "end_month": "September 2026",
        },
        "parts": {"tasks": True, "indicators": True, "exceptions_only": False, "risks": False},
        "expected_percent": 50,
        "task_counts": {"green": 1},
        "task_total": 1,
        "indicator_counts": {"red": 1},
        "indicator_total": 1,
        "plans": list(plans),
    }


def test_the_scope_reads_as_english():
    assert scope_phrase(PLAN) == "the Environment Service Plan 2026/27"
    assert scope_phrase(DIRECTORATE) == "the service plans of the Environment Directorate"
    assert scope_phrase(COUNCIL) == "the service plans across the Borough of Millbrook Council"


def test_the_council_wide_purpose_is_grammatical():
    texts = default_texts(figures(COUNCIL))
    assert texts["purpose"].startswith(
        "To inform Members of progress achieved to date on the service plans across the Borough of "
        "Millbrook Council for Quarter 2."
    )
    assert "on the Borough of Millbrook Council" not in texts["purpose"] + texts["recommendation"]
    assert "achievements of the services made" in texts["conclusion"]


def test_the_background_says_when_the_plans_were_approved():
    one = [{"title": "Environment Service Plan", "years": "2026/27", "approved_on": "2026-02-10"}]
    assert approval_sentence(one) == "The Environment Service Plan 2026/27 was approved on 10 February 2026."
    assert "was approved on 10 February 2026" in default_texts(figures(PLAN, one))["background"]
    two = one + [{"title": "Parks Plan", "years": "2026/27", "approved_on": "2026-01-29"}]
    assert approval_sentence(two) == (
        "The service plans in this report were approved as follows: the Environment Service Plan 2026/27 on "
        "10 February 2026 and the Parks Plan 2026/27 on 29 January 2026."
    )
    assert approval_sentence([one[0] | {"approved_on": None}]) == ""


def test_a_task_status_explains_itself():
    assert task_reason(status="amber", percent=40, expected=50) == (
        "The officer's judgement: 40% complete, 50% expected."
    )
    assert task_reason(status="completed", percent=None, expected=None) == "The officer's judgement."
    assert task_reason(status="missing", percent=None, expected=50) == "No return was made for the period."
    assert overdue_reason(overdue=True, due="June 2026") == (
        "Overdue: due June 2026 and not completed by the end of the period."
    )
    assert overdue_reason(overdue=False, due="June 2026") == ""
