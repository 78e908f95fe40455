"""A GET of a big report's PDF costs the server at most one render per content, and each person at most
``REPORT_RENDERS_PER_USER`` renders at once (issue 11, finding 6)."""

import threading
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reporting.models import ReportRender
from reporting.reports import services
from reporting.reports.rendering import report_render_run
from reporting.reports.services import RenderLimitReached, report_render_start, report_update
from tests.builders import small_council

from .test_reports_support import make_report, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(monkeypatch):
    """A report counted as big: anything over two tasks and indicators is rendered in the background."""
    monkeypatch.setattr(services, "INLINE_ROWS", 2)
    council = small_council(size=1)
    return council, make_report(council)


def test_ten_requests_for_the_same_pdf_queue_one_render(client, big):
    _council, report = big
    client.force_login(user_with_role("clerk"))
    answers = [client.get(reverse("reporting:report-pdf", args=[report.pk])) for _ in range(10)]
    render = ReportRender.objects.get()
    assert {(a.status_code, a.url) for a in answers} == {
        (302, reverse("reporting:report-render", args=[report.pk, render.pk]))
    }
    assert render.state == ReportRender.State.QUEUED


def test_someone_else_asking_for_the_same_pdf_joins_the_render_under_way(client, big):
    _council, report = big
    first = report_render_start(report=report, user=user_with_role("clerk"))
    client.force_login(user_with_role("performance"))
    response = client.get(reverse("reporting:report-pdf", args=[report.pk]))
    assert response.url == reverse("reporting:report-render", args=[report.pk, first.pk])
    assert ReportRender.objects.count() == 1


def test_a_running_render_is_joined_too_but_changed_texts_need_a_new_one(big):
    _council, report = big
    clerk = user_with_role("clerk")
    first = report_render_start(report=report, user=clerk)
    ReportRender.objects.filter(pk=first.pk).update(state=ReportRender.State.RUNNING)
    assert report_render_start(report=report, user=clerk).pk == first.pk

    report_update(report=report, user=clerk, purpose="Changed after the first render was asked for.")
    second = report_render_start(report=report, user=clerk)
    assert second.pk != first.pk and second.fingerprint != first.fingerprint


def test_a_finished_render_does_not_stop_a_fresh_one(big):
    _council, report = big
    clerk = user_with_role("clerk")
    first = report_render_start(report=report, user=clerk)
    report_render_run(render_id=first.pk)
    second = report_render_start(report=report, user=clerk)
    assert second.pk != first.pk and second.state == ReportRender.State.QUEUED


def test_each_person_may_have_three_pdfs_in_the_making(client, big, settings):
    council, _report = big
    assert settings.REPORT_RENDERS_PER_USER == 3
    reports = [make_report(council, title=f"Report {n}") for n in range(4)]
    clerk = user_with_role("clerk")
    client.force_login(clerk)
    for report in reports[:3]:
        assert client.get(reverse("reporting:report-pdf", args=[report.pk])).status_code == 302

    refused = client.get(reverse("reporting:report-pdf", args=[reports[3].pk]))
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Wait for your other PDFs to finish" in page and "You already have 3 PDFs being made" in page
    assert "Report 0" in page and "Report 2" in page  # links to the renders under way
    assert ReportRender.objects.filter(requested_by=clerk).count() == 3
    # Asking again for one already being made is not more work, so it is not refused.
    assert client.get(reverse("reporting:report-pdf", args=[reports[0].pk])).status_code == 302
    # The limit is each person's own.
    client.force_login(user_with_role("performance"))
    assert client.get(reverse("reporting:report-pdf", args=[reports[3].pk])).status_code == 302


def test_the_limit_is_a_setting(big, settings):
    council, report = big
    settings.REPORT_RENDERS_PER_USER = 1
    clerk = user_with_role("clerk")
    report_render_start(report=report, user=clerk)
    with pytest.raises(RenderLimitReached, match="You already have 1 PDF being made"):
        report_render_start(report=make_report(council, title="Another"), user=clerk)


def test_a_render_abandoned_by_a_stopped_worker_blocks_nothing(big, settings):
    council, report = big
    settings.REPORT_RENDERS_PER_USER = 1
    clerk = user_with_role("clerk")
    stuck = report_render_start(report=report, user=clerk)
    ReportRender.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))

    fresh = report_render_start(report=report, user=clerk)
    stuck.refresh_from_db()
    assert fresh.pk != stuck.pk
    assert stuck.state == ReportRender.State.FAILED and "Abandoned" in stuck.error
    report_render_run(render_id=stuck.pk)  # the worker picks it up late: it is not rendered after all
    stuck.refresh_from_db()
    assert stuck.state == ReportRender.State.FAILED and not stuck.pdf_file


_TEST_DB = django_settings.DATABASES["default"]
IN_MEMORY_SQLITE = _TEST_DB["ENGINE"].endswith("sqlite3") and not _TEST_DB.get("TEST", {}).get("NAME")


@pytest.mark.skipif(
    IN_MEMORY_SQLITE,
    reason="SQLite's shared in-memory test database refuses simultaneous writers (table is locked); the "
    "file-based SQLite test database, and PostgreSQL, take them",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_through_the_server_queue_one_render(live_server, monkeypatch):
    """Twelve sessions ask for the same big PDF at the same moment through the real (threaded) server."""
    monkeypatch.setattr(services, "INLINE_ROWS", 2)
    report = make_report(small_council(size=1))
    cookies = []
    for n in range(12):
        client = Client()
        client.force_login(user_with_role("clerk") if n == 0 else _another_clerk(n))
        cookies.append(client.cookies["sessionid"].value)
    url = live_server.url + reverse("reporting:report-pdf", args=[report.pk])
    start = threading.Barrier(len(cookies))
    answers: list[tuple[int, str]] = []

    def ask(cookie: str) -> None:
        request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
        opener = urllib.request.build_opener(_NoRedirect)
        start.wait()
        try:
            response = opener.open(request, timeout=60)
            answers.append((response.status, response.headers.get("Location", "")))
        except urllib.error.HTTPError as error:
            answers.append((error.code, error.headers.get("Location", "")))

    threads = [threading.Thread(target=ask, args=(cookie,)) for cookie in cookies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    render = ReportRender.objects.get()
    assert answers == [(302, reverse("reporting:report-render", args=[report.pk, render.pk]))] * len(cookies)


def _another_clerk(n: int):
    from serviceplans.roles import COMMITTEE_CLERKS, roles_ensure
    from tests.factories import UserFactory

    user = UserFactory(username=f"clerk-{n}")
    user.groups.add(roles_ensure()[COMMITTEE_CLERKS])
    return user


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
