"""The committee report pages: who may do what, odd input, downloads and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.models import Report
from reporting.reports.services import report_publish
from serviceplans.xlsx import XLSX_CONTENT_TYPE
from tests.builders import add_rows, small_council
from tests.factories import UserFactory

from .test_reports_support import make_report, user_with_role

pytestmark = pytest.mark.django_db

ROLES = ["performance", "clerk", "manager", "officer", "member"]
WRITERS = {"performance", "clerk"}
DRAFT_READERS = {"performance", "clerk", "manager"}


@pytest.fixture
def world():
    council = small_council(size=1)
    draft = make_report(council, title="Draft for Q2")
    published = report_publish(
        report=make_report(council, period=council["q1"], title="Q1 report"), user=None
    )
    return council | {"draft": draft, "published": published}


def status(client, role, url, method="get", data=None):
    if role != "anonymous":
        client.force_login(user_with_role(role))
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_who_may_see_what(client, world, role):
    draft, published = world["draft"], world["published"]
    expect_read = 302 if role == "anonymous" else 200
    expect_draft = 302 if role == "anonymous" else (200 if role in DRAFT_READERS else 403)
    expect_write = 302 if role == "anonymous" else (200 if role in WRITERS else 403)

    assert status(client, role, reverse("reporting:report-list")) == expect_read
    assert status(client, role, reverse("reporting:report-detail", args=[published.pk])) == expect_read
    assert status(client, role, reverse("reporting:report-xlsx", args=[published.pk])) == expect_read
    assert status(client, role, reverse("reporting:report-detail", args=[draft.pk])) == expect_draft
    assert status(client, role, reverse("reporting:report-xlsx", args=[draft.pk])) == expect_draft
    assert status(client, role, reverse("reporting:report-create")) == expect_write
    assert status(client, role, reverse("reporting:report-update", args=[draft.pk])) == expect_write
    assert status(client, role, reverse("reporting:report-publish", args=[draft.pk])) == expect_write


def test_members_see_only_published_reports_in_the_list(client, world):
    client.force_login(user_with_role("member"))
    content = client.get(reverse("reporting:report-list")).content.decode()
    assert "Q1 report" in content and "Draft for Q2" not in content
    assert "Create a report" not in content
    client.force_login(user_with_role("clerk"))
    content = client.get(reverse("reporting:report-list")).content.decode()
    assert "Q1 report" in content and "Draft for Q2" in content and "Create a report" in content


def test_unknown_reports_and_plans_are_not_found(client, world):
    client.force_login(user_with_role("performance"))
    for url in (
        reverse("reporting:report-detail", args=[999999]),
        reverse("reporting:report-pdf", args=[999999]),
        reverse("reporting:report-update", args=[999999]),
        reverse("reporting:report-publish", args=[999999]),
        reverse("reporting:plan-document", args=["no-such-plan"]),
        reverse("reporting:plan-document-preview", args=["no-such-plan"]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_clerk_creates_a_report_whose_texts_are_written_from_the_data(client, world):
    client.force_login(user_with_role("clerk"))
    response = client.post(
        reverse("reporting:report-create"),
        {
            "plan": world["plan"].pk,
            "period": world["q2"].pk,
            "committee": "Cabinet",
            "meeting_date": "27/01/2027",
            "include_tasks": "on",
            "include_indicators": "on",
        },
    )
    report = Report.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse(
        "reporting:report-detail", args=[report.pk]
    )
    assert report.committee == "Cabinet" and str(report.meeting_date) == "2027-01-27"
    assert "expect progress of about 50%" in report.body
    preview = client.get(response.url).content.decode()
    assert "Report created" in preview and report.title in preview and "DRAFT" in preview


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a plan or a part of the council"),
        ({"plan": "PLAN", "unit": "UNIT"}, "Choose a plan or a part of the council, not both"),
        ({"plan": "999999"}, "Select a valid choice"),
        (
            {"plan": "PLAN", "meeting_date": "31/02/2027"},
            "Date of the meeting must be a real date, like 27 1 2027",
        ),
        (
            {"plan": "PLAN", "include_tasks": "", "include_indicators": ""},
            "Include the action plan, the indicators",
        ),
    ],
)
def test_the_create_form_explains_mistakes(client, world, data, message):
    client.force_login(user_with_role("performance"))
    data = {k: {"PLAN": world["plan"].pk, "UNIT": world["council"].pk}.get(v, v) for k, v in data.items()}
    data.setdefault("period", world["q2"].pk)
    count = Report.objects.count()
    response = client.post(reverse("reporting:report-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert Report.objects.count() == count


def test_editing_the_texts(client, world):
    client.force_login(user_with_role("performance"))
    url = reverse("reporting:report-update", args=[world["draft"].pk])
    assert "expect progress of about" in client.get(url).content.decode()
    response = client.post(url, {"title": "New title", "purpose": "Why we report.", "meeting_date": ""})
    assert response.status_code == 302
    world["draft"].refresh_from_db()
    assert (world["draft"].title, world["draft"].purpose) == ("New title", "Why we report.")
    assert "Enter the report" in client.post(url, {"title": ""}).content.decode()


def test_a_published_report_cannot_be_edited(client, world):
    client.force_login(user_with_role("performance"))
    url = reverse("reporting:report-update", args=[world["published"].pk])
    response = client.post(url, {"title": "Sneaky"}, follow=True)
    assert "can no longer be changed" in response.content.decode()
    world["published"].refresh_from_db()
    assert world["published"].title == "Q1 report"


def test_publishing_is_refused_with_a_clear_message_while_the_period_is_open(client, world):
    client.force_login(user_with_role("clerk"))
    url = reverse("reporting:report-publish", args=[world["draft"].pk])
    page = client.get(url).content.decode()
    assert "are still open" in page and "Publish report" not in page
    response = client.post(url, follow=True)
    assert "are still open" in response.content.decode()
    world["draft"].refresh_from_db()
    assert world["draft"].state == Report.State.DRAFT


def test_a_clerk_publishes_a_report_for_a_closed_period(client, world):
    clerk = user_with_role("clerk")
    client.force_login(clerk)
    report = make_report(world, period=world["q1"])
    url = reverse("reporting:report-publish", args=[report.pk])
    assert "Publish report" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Report published" in response.content.decode()
    report.refresh_from_db()
    assert report.is_published and report.published_by == clerk


def test_downloads(client, world):
    client.force_login(UserFactory())
    response = client.get(reverse("reporting:report-pdf", args=[world["published"].pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Named by the plan and the period, not the report's title, so each quarter's paper has its own name.
    slug = world["published"].plan.slug
    name = f"{slug}-progress-report-2026-27-q1"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.pdf"'
    response = client.get(reverse("reporting:report-xlsx", args=[world["published"].pk]))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'


def test_each_period_and_scope_downloads_under_its_own_name(world):
    from reporting.reports.committee import CommitteeReport, paper_filename

    q1, q2 = paper_filename(world["published"], "pdf"), paper_filename(world["draft"], "pdf")
    assert q1 != q2 and q1.endswith("-2026-27-q1.pdf") and q2.endswith("-2026-27-q2.pdf")
    assert CommitteeReport.for_report(world["draft"]).filename("pdf") == q2
    content = {"scope": {"slug": "borough-of-millbrook-council"}, "period": {"label": "2026/27 Q2"}}
    assert paper_filename(content, "xlsx") == "borough-of-millbrook-council-progress-report-2026-27-q2.xlsx"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_preview_does_not_run_a_query_per_row(client):
    """Queries: session, user, the actor (groups, officer), the report with its period and scope, the
    periods ending with the report's, the tasks and indicators counted (to choose between the whole paper
    and a page of it), the council settings, tasks, officers, updates, indicators, targets, values,
    frameworks: the same at any size."""
    council = small_council(size=1)
    report = make_report(council)
    client.force_login(user_with_role("performance"))
    url = reverse("reporting:report-detail", args=[report.pk])
    small = count_queries(client, url)
    add_rows(council, 6)
    large = count_queries(client, url)
    assert small == large == 16


def test_a_big_reports_preview_shows_its_cover_and_one_page_of_annex_rows(client, monkeypatch):
    """Past PAGED_ROWS rows the preview pages its annexes (tasks then indicators, 100 rows a page here 4);
    the PDF's HTML keeps them all."""
    from reporting.reports.committee import CommitteeReport
    from reporting.views import ReportDetailView

    council = small_council(size=3)  # 6 tasks, 6 indicators
    report = make_report(council)
    monkeypatch.setattr(ReportDetailView, "PAGED_ROWS", 5)
    monkeypatch.setattr(CommitteeReport, "ANNEX_PAGE_ROWS", 4)
    client.force_login(user_with_role("performance"))
    url = reverse("reporting:report-detail", args=[report.pk])
    tasks, indicators = council["tasks"], council["indicators"]

    def shown(content, rows):
        return [row for row in rows if str(row.text if hasattr(row, "text") else row.name) in content]

    first = client.get(url).content.decode()
    assert "the preview shows 1 to 4 (page 1 of 3)" in first and 'href="?annex_page=2"' in first
    assert len(shown(first, tasks)) == 4 and not shown(first, indicators)
    second = client.get(url, {"annex_page": 2}).content.decode()
    assert len(shown(second, tasks)) == 2 and len(shown(second, indicators)) == 2
    assert 'href="?annex_page=1"' in second and 'href="?annex_page=3"' in second
    last = client.get(url, {"annex_page": "99"}).content.decode()
    assert "page 3 of 3" in last and len(shown(last, indicators)) == 4
    assert client.get(url, {"annex_page": "x"}).status_code == 200
    whole = CommitteeReport.for_report(report).html()
    assert len(shown(whole, tasks)) == 6 and len(shown(whole, indicators)) == 6
    assert "annex_page" not in whole
