"""The demo council's papers number their tasks in order: each section lists its objectives in order, and
the tasks under them read 1.1, 1.2, 1.3…; the plan document's chapter for a section holds that section's
objectives (chapter 1 holds objective 1.1, not chapter 2)."""

from datetime import date

import pytest

from demo.builder import demo_council_load
from plans.models import Plan, ReportingPeriod
from reporting.reports.content import Scope, report_figures
from reporting.reports.plan_document import PlanDocument, plan_for_document

pytestmark = pytest.mark.django_db


def reference_key(reference: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in reference.split("."))


def test_the_demo_councils_papers_number_tasks_in_order_within_their_own_sections():
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    period = ReportingPeriod.objects.get(kind="quarter", start_date=date(2026, 7, 1))
    plans = Plan.objects.filter(status__in=["approved", "published"], first_year=2026)
    assert plans.exists()
    for plan in plans:
        figures = report_figures(Scope(period=period, plan=plan))
        for number, section in enumerate(figures["plans"][0]["sections"], start=1):
            listed = [t["reference"] for o in section["objectives"] for t in o["tasks"]]
            assert listed == sorted(listed, key=reference_key), (plan.title, section["title"], listed)
            assert all(ref.startswith(f"{number}.") for ref in listed), (section["title"], listed)

        document = PlanDocument.for_plan(plan_for_document().get(pk=plan.pk)).context()
        for chapter in document["chapters"]:
            own = [
                g["objective"].reference
                for g in chapter["groups"]
                if g["objective"] and g["objective"].section_id
            ]
            assert all(ref.startswith(f"{chapter['number']}.") for ref in own), (
                chapter["section"].title,
                own,
            )
