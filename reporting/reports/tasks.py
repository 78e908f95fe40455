"""Background rendering through Django's tasks framework (``django.tasks``).

With Django's default backend (``ImmediateBackend``) the task runs at once, inside the request that
enqueued it; with a database-backed backend (``django-tasks-db``) and its worker it runs in the background
while the page shows its progress. See docs/adr/0002-report-rendering.md.
"""

from django.tasks import task

from .services import report_render_run


@task
def render_report_pdf(render_id: int) -> None:
    report_render_run(render_id=render_id)
