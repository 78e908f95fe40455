"""Papers members want to read: set at a readable size, no page left with a row or two, every judgement
explained, and the plan's approval, a signatory and a key to the framework codes on the paper."""

import re
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from reporting.reports.committee import CommitteeReport
from tests.builders import small_council
from tests.factories import FrameworkFactory, OfficerFactory

from .test_reports_support import make_report, pdf_pages


def task(n: int, section: int = 1) -> dict:
    return {
        "id": n,
        "reference": f"T{section}.{n}",
        "text": "Roll out the fortnightly kerbside food waste collection to all households in the borough",
        "officers": "Kevin Marsh",
        "due": "March 2027",
        "due_date": "2027-03-31",
        "expected": 50,
        "percent": 45,
        "status": "amber",
        "overdue": False,
        "commentary": "Slightly behind schedule owing to the late receipt of data from partners.",
        "reason": "The officer's judgement: 45% complete, 50% expected.",
        "overdue_reason": "",
        "exception": True,
    }


def paper_content(*, tasks: int) -> dict:
    """A paper's content (as a published report keeps it) with one section of ``tasks`` tasks."""
    return {
        "version": 1,
        "council": "Borough of Millbrook Council",
        "scope": {
            "kind": "plan",
            "name": "Environment Plan 2026/27",
            "slug": "environment-plan",
            "council_wide": False,
        },
        "period": {
            "label": "2026/27 Q2",
            "name": "Quarter 2 (July to September 2026)",
            "kind": "quarter",
            "state": "closed",
            "start_date": "2026-07-01",
            "end_date": "2026-09-30",
            "end_month": "September 2026",
            "financial_year": "2026/27",
            "last_financial_year": "2025/26",
        },
        "parts": {"tasks": True, "indicators": False, "exceptions_only": False, "risks": False},
        "risks": None,
        "expected_percent": 50,
        "task_counts": {"amber": tasks},
        "indicator_counts": {},
        "task_total": tasks,
        "indicator_total": 0,
        "frameworks": [],
        "signatory": {"name": "Paul Brennan", "job_title": "Director of Environment"},
        "plans": [
            {
                "title": "Environment Plan",
                "unit": "Environment",
                "years": "2026/27",
                "slug": "environment-plan",
                "approved_on": "2026-02-10",
                "sections": [
                    {
                        "title": "Waste and Recycling",
                        "plan": "Environment Plan",
                        "objectives": [
                            {
                                "reference": "1.1",
                                "text": "To increase recycling",
                                "tasks": [task(n) for n in range(1, tasks + 1)],
                            }
                        ],
                        "indicators": [],
                        "task_counts": {"amber": tasks},
                        "indicator_counts": {},
                    }
                ],
            }
        ],
        "report": {
            "title": "Environment Plan 2026/27: progress report, 2026/27 Q2",
            "committee": "Environment Scrutiny Committee",
            "meeting_date": None,
            "report_of": "Director of Environment",
            "contact_officer": "",
            "texts": {"purpose": "To inform Members."},
            "published": True,
            "published_at": "2026-10-20T10:00:00+00:00",
            "published_by": "Clerk",
        },
    }


# -- the tests ---------------------------------------------------------------------------------------------


def task_rows_per_page(pdf: bytes) -> list[int]:
    return [len(re.findall(r"\bT\d+\.\d+\b", page)) for page in pdf_pages(pdf)]


@pytest.mark.parametrize("tasks", [10, 11])
def test_a_long_table_never_leaves_one_or_two_rows_alone_on_a_page(tasks):
    """Ten rows of these tasks used to leave one on the annex's first page and one on the last."""
    counts = task_rows_per_page(CommitteeReport(paper_content(tasks=tasks)).pdf())
    assert sum(counts) == tasks
    assert all(count == 0 or count >= 3 for count in counts), counts


def font_sizes(pdf: bytes, words: str) -> set[float]:
    """The sizes (pt) at which text beginning with ``words`` is set, on every page."""
    sizes = set()
    for page in PdfReader(BytesIO(pdf)).pages:

        def visit(text, cm, tm, _font, size):
            if text.strip().startswith(words):
                sizes.add(round(size * tm[0] * cm[0], 1))

        page.extract_text(visitor_text=visit)
    return sizes


def test_the_commentary_is_set_at_the_size_of_the_text_around_it():
    pdf = CommitteeReport(paper_content(tasks=2)).pdf()
    commentary = font_sizes(pdf, "Slightly behind schedule")
    task_text = font_sizes(pdf, "Roll out the fortnightly")
    assert commentary == task_text and min(commentary) >= 9


def test_the_cover_says_when_the_plan_was_approved_and_who_signs_it():
    text = " ".join(pdf_pages(CommitteeReport(paper_content(tasks=1)).pdf()))
    assert "PLAN APPROVED 10 February 2026" in text
    assert "PAUL BRENNAN Director of Environment" in text


@pytest.mark.django_db
def test_the_paper_keys_the_framework_codes_and_every_judgement_says_why():
    council = small_council(size=1)
    plan = council["plan"]
    plan.approved_on = date(2026, 2, 10)
    plan.owner = OfficerFactory(name="Paul Brennan", job_title="Director of Environment")
    plan.save()
    council["indicators"][0].frameworks.add(
        FrameworkFactory(code="TST", name="Test Framework of the Council")
    )
    report = make_report(council)
    text = " ".join(pdf_pages(CommitteeReport.for_report(report).pdf()))

    assert "was approved on 10 February 2026" in text and "PLAN APPROVED 10 February 2026" in text
    assert "PAUL BRENNAN Director of Environment" in text
    assert "Key to framework codes TST Test Framework of the Council" in text
    assert (
        "40% against a target of 50%, higher is better: worse than target, beyond the 2.5% tolerance: Red"
        in text
    )
    assert "The officer's judgement: 40% complete, 50% expected." in text
