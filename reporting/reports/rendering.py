"""Running a committee paper's render (the background task's body) and keeping a published paper's PDF.

Apart from :mod:`.services` so that the task module (:mod:`.tasks`) can call it while the services
enqueue the task: the dependencies run services → tasks → rendering, with no cycle.
"""

from django.utils import timezone

from reporting.models import Report, ReportRender
from reporting.private_files import private_file_delete, private_file_read, private_file_save

from .committee import CommitteeReport
from .pdf import cached_pdf


def report_published_pdf(report: Report) -> bytes | None:
    """The kept PDF of a published report, or None when it has not been rendered yet."""
    name = Report.objects.filter(pk=report.pk).values_list("published_pdf_file", flat=True).first()
    return private_file_read(name or "")


def published_pdf_keep(report: Report, pdf: bytes) -> None:
    """Keep the first PDF rendered of a published report; a second render that lost the race is dropped."""
    name = private_file_save(folder="published", data=pdf, suffix=".pdf")
    if not Report.objects.filter(pk=report.pk, published_pdf_file="").update(published_pdf_file=name):
        private_file_delete(name)


def _step(render: ReportRender, step: str) -> None:
    render.step = step
    ReportRender.objects.filter(pk=render.pk, state=ReportRender.State.RUNNING).update(step=step)


def report_render_run(*, render_id: int) -> None:
    """Render a queued PDF, recording each step so the page can show progress. Not atomic on purpose: the
    steps must be visible while it runs."""
    render = ReportRender.objects.select_related(
        "report", "report__period", "report__plan", "report__unit"
    ).get(pk=render_id)
    # Start it only if it is still waiting: one given up as abandoned is not rendered after all.
    started = ReportRender.objects.filter(pk=render.pk, state=ReportRender.State.QUEUED).update(
        state=ReportRender.State.RUNNING, step="Reading the tasks and indicators"
    )
    if not started:
        return
    try:
        render.state = ReportRender.State.RUNNING
        paper = CommitteeReport.for_report(render.report)
        _step(render, "Laying out the pages and writing the PDF")
        pdf = paper.pdf()
    except Exception as error:
        ReportRender.objects.filter(pk=render.pk).update(
            state=ReportRender.State.FAILED,
            step="Failed",
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    name = private_file_save(folder="renders", data=pdf, suffix=".pdf")
    ReportRender.objects.filter(pk=render.pk).update(
        state=ReportRender.State.DONE, step="Ready", pdf_file=name, finished_at=timezone.now()
    )
    if render.report.is_published:
        published_pdf_keep(render.report, pdf)


def report_pdf_render(*, report: Report) -> bytes:
    """The report as PDF. A draft is rendered live every time. A published report is rendered once from its
    snapshot and the PDF kept (in the private storage), so every later download is the very same file."""
    if not report.is_published:
        return CommitteeReport.for_report(report).pdf()
    stored = report_published_pdf(report)
    if stored is not None:
        return stored
    pdf = CommitteeReport.for_report(report).pdf()
    published_pdf_keep(report, pdf)
    return report_published_pdf(report) or pdf


def report_pdf_kept(report: Report) -> bytes | None:
    """The report's PDF if it need not be laid out again: a published report's kept file, or the PDF
    already rendered from exactly what the paper says now (a pre-render, or an earlier download), else
    None. Reads the report's content (a draft's live figures) to know what it says."""
    if report.is_published:
        stored = report_published_pdf(report)
        if stored is not None:
            return stored
    return cached_pdf(CommitteeReport.for_report(report).html())


def report_pdf_prerender(*, report_id: int) -> None:
    """Render the report's PDF before anyone asks, so the download is immediate: a published report's PDF
    is kept on it; a draft's is kept under its content's digest, and used as long as nothing in the paper
    (texts, figures) changes. Nothing to do if the report has gone or its PDF is already kept."""
    report = Report.objects.select_related("period", "plan", "unit").filter(pk=report_id).first()
    if report is None or report_pdf_kept(report) is not None:
        return
    report_pdf_render(report=report)
