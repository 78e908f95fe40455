"""The plan as a document: cover, contents, introduction, a chapter per section with task and indicator
tables."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.reports.plan_document import PlanDocument, plan_for_document
from tests.builders import add_rows, small_council
from tests.factories import FrameworkFactory, ObjectiveFactory, UserFactory

from .test_reports_support import pdf_pages, pdf_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = small_council(size=2)
    plan = council["plan"]
    plan.introduction = "This plan sets out what Environment will do this year.\n\nIt has two services."
    plan.committee, plan.status = "Cabinet", "published"
    plan.save()
    objective = ObjectiveFactory(
        plan=plan, section=council["sections"][0], reference="1", text="Cleaner streets"
    )
    task = council["tasks"][0]
    task.objective, task.resources, task.success_criteria = objective, "£260k growth", "Fewer complaints"
    task.save()
    council["indicators"][0].frameworks.add(FrameworkFactory(code="LAA"))
    return council


def test_the_plan_document_pdf(council):
    plan = plan_for_document().get(pk=council["plan"].pk)
    pdf = PlanDocument.for_plan(plan).pdf()
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert "Environment Plan" in pages[0] and "2026/27" in pages[0]
    assert "Contents" in pages[1] and "Introduction" in pages[1] and "1 Parks" in pages[1]
    assert "This plan sets out what Environment will do this year." in text
    for words in (
        "Objective 1: Cleaner streets",
        "£260k growth",
        "Fewer complaints",
        "Key performance measures",
    ):
        assert words in text
    for task in council["tasks"]:
        assert task.text in text
    for indicator in council["indicators"]:
        assert indicator.name in text
    assert "Target 2025/26" in text and "Target 2028/29" in text and "45%" in text and "50%" in text

    reader = pdf_reader(pdf)
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == "Environment Plan 2026/27"
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height
    chapters = [p for p, t in zip(reader.pages, pages, strict=True) if "Key task" in t]
    assert chapters and all(p.mediabox.width > p.mediabox.height for p in chapters)
    assert "DRAFT" not in text


def test_a_draft_plan_is_marked_draft(council):
    council["plan"].status = "draft"
    council["plan"].save()
    html = PlanDocument.for_plan(plan_for_document().get(pk=council["plan"].pk)).html()
    assert "DRAFT" in html


def test_the_document_pages(client, council):
    client.force_login(UserFactory())
    slug = council["plan"].slug
    response = client.get(reverse("reporting:plan-document", args=[slug]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    preview = client.get(reverse("reporting:plan-document-preview", args=[slug])).content.decode()
    assert "Cleaner streets" in preview and "Download PDF" in preview


def test_the_plan_workbook_page_downloads_the_import_format(client, council):
    client.force_login(UserFactory())
    response = client.get(reverse("workbook:plan-export", args=[council["plan"].slug]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_the_document_does_not_run_a_query_per_row(council):
    """Queries: the plan with unit and owner, sections, objectives, their priorities, tasks, their officers,
    indicators, targets, values, frameworks, officers, council settings, and for the risks (risks app) the
    risk matrix, the unit tree and the risks: the same at any size."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            PlanDocument.for_plan(plan_for_document().get(pk=council["plan"].pk)).html()
        return len(queries)

    count()  # the first read also saves the council's default settings
    small = count()
    add_rows(council, 5)
    assert count() == small == 15
