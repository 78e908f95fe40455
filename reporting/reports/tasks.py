"""Background rendering through Django's tasks framework (``django.tasks``).

With Django's default backend (``ImmediateBackend``) the task runs at once, inside the request that
enqueued it; with a database-backed backend (``django-tasks-db``) and its worker it runs in the background
while the page shows its progress. See docs/adr/0002-report-rendering.md.
"""

import logging
import time

from django.tasks import task

from .rendering import report_pdf_prerender, report_render_run

logger = logging.getLogger(__name__)


@task
def render_report_pdf(render_id: int) -> None:
    started = time.perf_counter()
    try:
        report_render_run(render_id=render_id)
    except Exception:
        logger.exception(
            "Rendering PDF %s failed", render_id, extra={"event": "render_failed", "render_id": render_id}
        )
        raise
    logger.info(
        "Rendered PDF %s",
        render_id,
        extra={
            "event": "render_done",
            "render_id": render_id,
            "duration_ms": round((time.perf_counter() - started) * 1000),
        },
    )


@task
def prerender_report_pdf(report_id: int) -> None:
    """Render a report's PDF ahead of its download, after it is edited or published."""
    started = time.perf_counter()
    report_pdf_prerender(report_id=report_id)
    logger.info(
        "Pre-rendered the PDF of report %s",
        report_id,
        extra={
            "event": "prerender_done",
            "report_id": report_id,
            "duration_ms": round((time.perf_counter() - started) * 1000),
        },
    )
