"""Writes for committee reports: create with texts written from the data, edit, publish (freeze)."""

import json
import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from plans.models import OrganisationUnit, Plan, ReportingPeriod
from reporting.models import Report, ReportRender

from .committee import CommitteeReport, report_content
from .content import TEXT_FIELDS, Scope, default_texts, default_title, report_figures, scope_size

logger = logging.getLogger(__name__)

#: A report may be published once returns for its period can no longer change.
PUBLISHABLE_PERIOD_STATES = {ReportingPeriod.State.CLOSED, ReportingPeriod.State.PUBLISHED}


def report_build(
    *,
    period: ReportingPeriod,
    plan: Plan | None = None,
    unit: OrganisationUnit | None = None,
    include_tasks: bool = True,
    include_indicators: bool = True,
    exceptions_only: bool = False,
    committee: str = "",
    meeting_date: date | None = None,
    report_of: str = "",
    contact_officer: str = "",
    title: str = "",
) -> Report:
    """An unsaved report with its title and texts written from the data (for the command line, and the
    first step of :func:`report_create`)."""
    scope = Scope(
        period=period,
        plan=plan,
        unit=unit,
        include_tasks=include_tasks,
        include_indicators=include_indicators,
        exceptions_only=exceptions_only,
    )
    figures = report_figures(scope)
    owner = plan.owner if plan is not None else (unit.head if unit is not None else None)
    if not contact_officer and owner is not None:
        contact_officer = ", ".join(
            part for part in (owner.name, owner.job_title, owner.phone or owner.email) if part
        )
    if not report_of and owner is not None:
        report_of = owner.job_title
    return Report(
        title=title or default_title(figures),
        committee=committee or (plan.committee if plan is not None else ""),
        meeting_date=meeting_date,
        report_of=report_of,
        contact_officer=contact_officer,
        plan=plan,
        unit=unit,
        period=period,
        include_tasks=include_tasks,
        include_indicators=include_indicators,
        exceptions_only=exceptions_only,
        **default_texts(figures),
    )


@transaction.atomic
def report_create(*, user, **fields) -> Report:
    """Save a new draft report whose texts are written from the data (see :func:`report_build`)."""
    report = report_build(**fields)
    report.created_by = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_update(*, report: Report, user, **fields) -> Report:
    """Change a draft's texts and cover details. A published report is frozen."""
    if report.is_published:
        raise ValidationError("This report has been published, so it can no longer be changed.")
    allowed = {*TEXT_FIELDS, "title", "committee", "meeting_date", "report_of", "contact_officer"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not a report text: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(report, name, value)
    report._change_reason = "Texts edited"
    report.full_clean()
    report.save()
    return report


def publish_refusal(report: Report) -> str | None:
    """Why the report cannot be published now, in words for the clerk; None when it can."""
    if report.is_published:
        return "This report has already been published."
    if report.period.state not in PUBLISHABLE_PERIOD_STATES:
        state = "still open" if report.period.state == ReportingPeriod.State.OPEN else "not open yet"
        return (
            f"Returns for {report.period.label} are {state}. "
            "A report can be published once the performance team has closed the period."
        )
    return None


@transaction.atomic
def report_publish(*, report: Report, user) -> Report:
    """Freeze the report: store its content (with the texts) as a JSON snapshot, with who published it
    and when. From then on it is rendered from the snapshot alone."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("period", "plan", "unit")
        .get(pk=report.pk)
    )
    refusal = publish_refusal(report)
    if refusal:
        raise ValidationError(refusal)
    now = timezone.now()
    content = report_content(report)
    who = (user.get_full_name() or user.get_username()) if user is not None else ""
    content["report"] |= {"published": True, "published_at": now.isoformat(), "published_by": who}
    # Through JSON and back, so what is stored is exactly what a later render reads.
    report.snapshot = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    report.state = Report.State.PUBLISHED
    report.published_pdf = None
    report.published_at = now
    report.published_by = user
    report._change_reason = "Published"
    report.save()
    transaction.on_commit(
        lambda: logger.info(
            "Report %s published",
            report.pk,
            extra={
                "event": "report_publish",
                "report_id": report.pk,
                "by_user_id": getattr(user, "pk", None),
            },
        )
    )
    return report


@transaction.atomic
def report_pdf_render(*, report: Report) -> bytes:
    """The report as PDF. A draft is rendered live every time. A published report is rendered once from its
    snapshot and the PDF kept, so every later download is the very same file (and instant)."""
    if not report.is_published:
        return CommitteeReport.for_report(report).pdf()
    stored = Report.objects.filter(pk=report.pk).values_list("published_pdf", flat=True).first()
    if stored:
        return bytes(stored)
    pdf = CommitteeReport.for_report(report).pdf()
    Report.objects.filter(pk=report.pk).update(published_pdf=pdf)
    return pdf


#: Reports with more tasks and indicators than this are rendered in the background (about 40 pages, which
#: takes around 6 s on a 2-core server; see docs/adr/0002-report-rendering.md).
INLINE_ROWS = 200


def report_renders_inline(report: Report) -> bool:
    """Whether the report is small enough to render within the web request (two counting queries)."""
    if report.is_published and report.snapshot:
        content = report.snapshot
        return content["task_total"] + content["indicator_total"] <= INLINE_ROWS
    return scope_size(Scope.of(report)) <= INLINE_ROWS


@transaction.atomic
def report_render_start(*, report: Report, user) -> ReportRender:
    """Queue the report's PDF for rendering in the background; the task starts once this commits."""
    from .tasks import render_report_pdf

    render = ReportRender.objects.create(report=report, requested_by=user, step="Waiting to start")
    transaction.on_commit(lambda: render_report_pdf.enqueue(render.pk))
    return render


def _step(render: ReportRender, state: str, step: str) -> None:
    render.state, render.step = state, step
    ReportRender.objects.filter(pk=render.pk).update(state=state, step=step)


def report_render_run(*, render_id: int) -> None:
    """Render a queued PDF, recording each step so the page can show progress. Not atomic on purpose: the
    steps must be visible while it runs."""
    render = ReportRender.objects.select_related(
        "report", "report__period", "report__plan", "report__unit"
    ).get(pk=render_id)
    try:
        _step(render, ReportRender.State.RUNNING, "Reading the tasks and indicators")
        paper = CommitteeReport.for_report(render.report)
        _step(render, ReportRender.State.RUNNING, "Laying out the pages and writing the PDF")
        pdf = paper.pdf()
    except Exception as error:
        ReportRender.objects.filter(pk=render.pk).update(
            state=ReportRender.State.FAILED,
            step="Failed",
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    ReportRender.objects.filter(pk=render.pk).update(
        state=ReportRender.State.DONE, step="Ready", pdf=pdf, finished_at=timezone.now()
    )
    if render.report.is_published:
        Report.objects.filter(pk=render.report.pk, published_pdf__isnull=True).update(published_pdf=pdf)
