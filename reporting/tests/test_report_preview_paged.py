"""A big report's preview reads only what it shows (``reporting/reports/paged.py``): its covering report's
figures are counted in SQL and must be the whole paper's; its pages, read one at a time in the database,
must list the paper's rows in the paper's order; and it costs the same number of queries at any size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.builder import demo_council_load
from plans.models import OrganisationUnit, Plan, ReportingPeriod
from reporting.reports.committee import CommitteeReport, indicator_for_template, report_content
from reporting.reports.gather import Scope
from reporting.reports.paged import paged_paper, report_outline
from reporting.reports.services import report_create
from tests.builders import add_rows, small_council

from .test_reports_support import user_with_role

pytestmark = pytest.mark.django_db

SIZE = 37  # rows a page: an odd size, so pages begin and end inside objectives and sections


def paper_rows(plans: list[dict]) -> tuple[list, list]:
    """The task rows and indicator rows the annexes list, in the order they list them."""
    tasks = [t for p in plans for s in p["sections"] for o in s.get("objectives", []) for t in o["tasks"]]
    indicators = [i for p in plans for s in p["sections"] for i in s.get("indicators", [])]
    return tasks, indicators


def figures(content: dict) -> dict:
    """What the covering report and the summaries show, without the annexes' rows."""
    return {key: value for key, value in content.items() if key != "plans"} | {
        "plans": [
            {key: value for key, value in plan.items() if key != "sections"}
            | {
                "sections": [
                    {key: value for key, value in section.items() if key not in ("objectives", "indicators")}
                    for section in plan["sections"]
                ]
            }
            for plan in content["plans"]
        ]
    }


def check_against_the_whole_paper(report) -> int:
    """The preview's figures are the paper's, and its pages, read one at a time, are the paper's rows."""
    whole = CommitteeReport(report_content(report))
    outline = report_outline(Scope.of(report))
    tasks, indicators = paper_rows(whole.content["plans"])
    assert outline.rows == len(tasks) + len(indicators)
    paged_tasks, paged_indicators = [], []
    pages = max(1, -(-outline.rows // SIZE))
    for page in range(1, pages + 1):
        paper = paged_paper(report, outline, page=page, size=SIZE)
        assert figures(paper.content) == figures(whole.content)
        assert paper.summary_rows() == whole.summary_rows()
        assert paper.chart_rows() == whole.chart_rows()
        assert paper.window["annex_pager"]["total"] == outline.rows
        page_tasks, page_indicators = (
            paper_rows(paper.window["task_plans"])[0],
            paper_rows(paper.window["indicator_plans"])[1],
        )
        assert len(page_tasks) + len(page_indicators) == min(SIZE, outline.rows - (page - 1) * SIZE)
        paged_tasks += page_tasks
        paged_indicators += page_indicators
    assert paged_tasks == tasks
    assert paged_indicators == [indicator_for_template(row) for row in indicators]
    return outline.rows


def test_the_preview_of_a_big_report_shows_the_whole_papers_figures_and_rows_on_the_demo_council():
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    council = OrganisationUnit.objects.get(parent__isnull=True)
    periods = ReportingPeriod.objects.filter(kind__in=["quarter", "half"], financial_year=2026)
    plan = Plan.objects.filter(status="published", first_year=2026).first()
    assert periods.count() >= 3
    checked = 0
    for period in periods:
        for fields in (
            {"unit": council},
            {"unit": council, "exceptions_only": True},
            {"unit": council, "include_tasks": False},
            {"plan": plan, "include_indicators": False, "exceptions_only": True},
        ):
            report = report_create(user=None, period=period, committee="Cabinet", **fields)
            checked += check_against_the_whole_paper(report)
    assert checked > 1000


def count_queries(client, url, **data):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
        assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_big_reports_preview_runs_the_same_queries_at_any_size(client, monkeypatch):
    """Queries: session, user, the report with its period and scope, the actor (groups, officer), whether
    the unit is the whole council, the periods ending with the report's, the tasks and the indicators
    counted by section and status, the sections, the plans, the key to the frameworks (the unit's head
    too, when it has one); then for a page with tasks: its sections' tasks counted by objective, the tasks,
    their officers and updates; for a page with indicators: the indicators, their targets, values and
    frameworks, and the council's tolerances."""
    from reporting.views import ReportDetailView

    monkeypatch.setattr(ReportDetailView, "PAGED_ROWS", 5)
    monkeypatch.setattr(CommitteeReport, "ANNEX_PAGE_ROWS", 4)
    council = small_council(size=3)
    report = report_create(user=None, unit=council["council"], period=council["q2"], committee="Cabinet")
    client.force_login(user_with_role("performance"))
    url = reverse("reporting:report-detail", args=[report.pk])
    small = [count_queries(client, url, annex_page=page) for page in (1, 2, 3)]
    add_rows(council, 20)  # 46 tasks and 46 indicators: page 12 holds the last tasks and the first indicators
    large = [count_queries(client, url, annex_page=page) for page in (1, 12, 23)]
    assert [n for n, _html in small] == [n for n, _html in large] == [16, 21, 17]
    assert "page 2 of 3" in small[1][1] and "page 12 of 23" in large[1][1]
    for _n, html in small + large:
        assert html.count("<tr>") - html.count('<tr class="total-row">') >= 4


def test_a_paged_previews_summaries_list_the_first_sections_and_say_so(client, monkeypatch):
    """A big report's summaries could run to thousands of sections: the preview lists the first
    ``SUMMARY_ROWS`` and charts the first ``CHART_BARS``, saying so; the totals and the PDF have them all."""
    from reporting.views import ReportDetailView

    monkeypatch.setattr(ReportDetailView, "PAGED_ROWS", 5)
    monkeypatch.setattr(CommitteeReport, "SUMMARY_ROWS", 1)
    monkeypatch.setattr(CommitteeReport, "CHART_BARS", 1)
    council = small_council(size=3)  # one plan with two sections: Parks, then Waste
    report = report_create(user=None, unit=council["council"], period=council["q2"], committee="Cabinet")
    client.force_login(user_with_role("performance"))
    _n, html = count_queries(client, reverse("reporting:report-detail", args=[report.pk]))
    note = "The preview lists the first 1 of the 2 sections and charts the first 1 of the 2 sections"
    assert html.count(note) == 2  # under the tasks' summary and the indicators'
    assert html.count('<th scope="row">Parks</th>') == 2 and '<th scope="row">Waste</th>' not in html
    assert html.count('<td class="num">6</td></tr>') == 2  # the totals: six tasks, six indicators
    whole = CommitteeReport(report_content(report)).html()
    assert "The preview lists" not in whole and whole.count('<th scope="row">Waste</th>') == 2
