"""The migration to the private storage moves PDFs kept in the database into files, so a council upgrading
keeps every published paper."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reporting.models import Report, ReportRender
from reporting.reports.services import report_publish, report_render_start
from tests.builders import small_council
from tests.factories import UserFactory

from .test_reports_support import make_report

BEFORE = [("reporting", "0002_render_once_per_content")]


@pytest.mark.django_db(transaction=True)
def test_pdfs_kept_in_the_database_move_to_the_private_storage(private_storage_folder):
    council = small_council(size=1)
    report = report_publish(report=make_report(council, period=council["q1"]), user=UserFactory())
    render = report_render_start(report=report, user=None)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reporting_report SET published_pdf = %s WHERE id = %s", [b"%PDF published", report.pk]
            )
            cursor.execute(
                "UPDATE reporting_reportrender SET pdf = %s WHERE id = %s", [b"%PDF render", render.pk]
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    published = Report.objects.get(pk=report.pk).published_pdf_file
    rendered = ReportRender.objects.get(pk=render.pk).pdf_file
    assert published.startswith("published/") and rendered.startswith("renders/")
    assert (private_storage_folder / published).read_bytes() == b"%PDF published"
    assert (private_storage_folder / rendered).read_bytes() == b"%PDF render"
