"""Writes for committee reports: create with texts written from the data, edit, publish (freeze)."""

import hashlib
import json
import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from plans.models import OrganisationUnit, Plan, ReportingPeriod
from reporting.models import Report, ReportRender
from reporting.private_files import private_file_delete

from .committee import report_content
from .content import report_figures
from .gather import Scope, scope_size
from .pdf import pdf_cache_sweep
from .prose import TEXT_FIELDS, default_texts, default_title
from .tasks import render_report_pdf

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
    include_risks: bool = False,
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
        include_risks=include_risks,
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
        include_risks=include_risks,
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
    _prerender_later(report)
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
    report.published_pdf_file = ""
    report.published_at = now
    report.published_by = user
    report._change_reason = "Published"
    report.save()
    _prerender_later(report)
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


def _renders_in_background() -> bool:
    """Whether tasks go to a worker. With the immediate backend a task runs inside the request that
    enqueued it, so a pre-render would make the clerk wait for a PDF nobody asked for yet."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def _prerender_later(report: Report) -> None:
    """Once this commits, have the worker render the report's PDF ahead of the download (see
    :func:`report_pdf_prerender`)."""
    if not _renders_in_background():
        return
    from .tasks import prerender_report_pdf

    report_id = report.pk
    transaction.on_commit(lambda: prerender_report_pdf.enqueue(report_id))


def report_pdfs_kept_sweep(*, now: datetime | None = None) -> int:
    """Delete PDFs kept by content (see :func:`reporting.reports.pdf.html_to_pdf`) older than
    ``RENDER_MAX_AGE_DAYS``; how many went. Daily, from ``clear_private_files``: it lists the folder, too
    much for every render."""
    return pdf_cache_sweep(before=(now or timezone.now()) - timedelta(days=settings.RENDER_MAX_AGE_DAYS))


#: Reports with more tasks and indicators than this are rendered in the background (about 40 pages, which
#: takes around 6 s on a 2-core server; see docs/adr/0002-report-rendering.md).
INLINE_ROWS = 200


def report_renders_inline(report: Report) -> bool:
    """Whether the report is small enough to render within the web request (two counting queries)."""
    if report.is_published and report.snapshot:
        content = report.snapshot
        return content["task_total"] + content["indicator_total"] <= INLINE_ROWS
    return scope_size(Scope.of(report)) <= INLINE_ROWS


#: A render still queued or running this long after it was asked for is taken to be abandoned (its worker
#: stopped): it no longer blocks a new render of the same content, nor counts against the person's limit.
ABANDONED_AFTER = timedelta(minutes=30)


class RenderLimitReached(Exception):
    """The person already has as many PDFs being made as they may (``REPORT_RENDERS_PER_USER``)."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"You already have {limit} PDF{'' if limit == 1 else 's'} being made. "
            "Wait for one of them to finish, then try again."
        )


def report_fingerprint(report: Report) -> str:
    """What a render of the report depends on, as a short digest: the report itself (its texts, parts and
    state; ``updated_at`` moves on every save, publishing included). Draft figures are read when the render
    starts, so a queued render always shows the latest returns."""
    parts = [
        report.pk,
        report.state,
        report.updated_at.isoformat() if report.updated_at else "",
        report.published_at.isoformat() if report.published_at else "",
    ]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def renders_per_user() -> int:
    return max(1, int(getattr(settings, "REPORT_RENDERS_PER_USER", 3)))


def _abandon_stale_renders(**where) -> None:
    stale = ReportRender.objects.filter(
        state__in=ReportRender.UNFINISHED, created_at__lt=timezone.now() - ABANDONED_AFTER, **where
    )
    if not stale.exists():  # a read: most requests find nothing to mark, and write nothing
        return
    stale.update(
        state=ReportRender.State.FAILED,
        step="Failed",
        error="Abandoned: it did not finish in time.",
        finished_at=timezone.now(),
    )


@transaction.atomic
def report_render_start(*, report: Report, user) -> ReportRender:
    """The background render of the report's PDF as it stands: the one already queued or running for the
    same content if there is one (so repeated requests cost nothing), otherwise a new one, queued to start
    once this commits.

    Raises :class:`RenderLimitReached` when the person already has ``REPORT_RENDERS_PER_USER`` renders
    queued or running. Safe when requests arrive together: the report's row (and the person's) is locked
    while deciding, and the database allows only one unfinished render per report and content, so a second
    insert that slips through joins the first instead.
    """
    report_renders_sweep()
    # Lock the report, then the person, always in that order. (A no-op on SQLite, whose writers queue.)
    report = (
        Report.objects.select_for_update(of=("self",))
        .only("pk", "state", "updated_at", "published_at")  # not the snapshot or the published PDF
        .get(pk=report.pk)
    )
    user_id = getattr(user, "pk", None)
    if user_id is not None:
        list(get_user_model().objects.select_for_update().filter(pk=user_id).values_list("pk"))
    fingerprint = report_fingerprint(report)
    _abandon_stale_renders(report=report)
    existing = _unfinished_render(report, fingerprint)
    if existing is not None:
        return existing
    if user_id is not None:
        _abandon_stale_renders(requested_by_id=user_id)
        limit = renders_per_user()
        if (
            ReportRender.objects.filter(requested_by_id=user_id, state__in=ReportRender.UNFINISHED).count()
            >= limit
        ):
            raise RenderLimitReached(limit)
    try:
        with transaction.atomic():
            render = ReportRender.objects.create(
                report=report, requested_by=user, step="Waiting to start", fingerprint=fingerprint
            )
    except IntegrityError:
        existing = _unfinished_render(report, fingerprint)
        if existing is None:
            raise
        return existing
    transaction.on_commit(lambda: render_report_pdf.enqueue(render.pk))
    return render


def _unfinished_render(report: Report, fingerprint: str) -> ReportRender | None:
    return (
        ReportRender.objects.all()
        .filter(report=report, fingerprint=fingerprint, state__in=ReportRender.UNFINISHED)
        .first()
    )


def report_renders_sweep(*, now: datetime | None = None) -> int:
    """Delete background renders (and their files) older than ``RENDER_MAX_AGE_DAYS``; how many went.
    Published papers keep their own copy, so nothing published is lost."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RENDER_MAX_AGE_DAYS)
    old = list(ReportRender.objects.filter(created_at__lt=cutoff).values_list("pk", "pdf_file"))
    for _pk, name in old:
        private_file_delete(name)
    ReportRender.objects.filter(pk__in=[pk for pk, _name in old]).delete()
    return len(old)
