from functools import cached_property
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_to_response
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_tables2 import SingleTableMixin

from plans.models import OrganisationUnit
from plans.permissions import actor_for
from plans.selectors import dashboard_periods, default_period
from serviceplans.charts import Segment, chart_legend, stacked_bar_svg
from serviceplans.forms import period_choices
from serviceplans.periods import Period, PeriodParseError
from serviceplans.permissions import can_write_reports
from serviceplans.status import (
    INDICATOR_RAG_ORDER,
    INDICATOR_RAG_WORDS,
    TASK_STATUS_ORDER,
    TASK_STATUS_WORDS,
)
from serviceplans.xlsx import XLSX_CONTENT_TYPE

from .forms import ConfirmForm, ReportCreateForm, ReportTextsForm
from .models import Report, ReportRender
from .permissions import can_preview_drafts, can_read_report
from .private_files import private_file_read
from .reports.committee import CommitteeReport, paper_filename
from .reports.content import TEXT_FIELDS
from .reports.paged import preview_paper
from .reports.plan_document import PlanDocument, plan_for_document
from .reports.rendering import report_pdf_kept, report_pdf_render
from .reports.services import (
    RenderLimitReached,
    publish_refusal,
    report_create,
    report_publish,
    report_render_start,
    report_renders_inline,
    report_update,
)
from .selectors import dashboard
from .tables import ReportTable


class DashboardView(LoginRequiredMixin, TemplateView):
    """RAG counts for a period by directorate → service, with drill-down, exceptions and returns."""

    template_name = "reporting/dashboard.html"

    def get_context_data(self, **kwargs):
        periods = dashboard_periods()
        period = self._chosen_period(periods)
        unit = self._chosen_unit()
        context = super().get_context_data(**kwargs)
        if period is None:
            return context | {"dashboard": None}
        board = dashboard(
            period=period,
            periods=periods,
            unit=unit,
            task_page_number=self.request.GET.get("tasks_page", 1),
            indicator_page_number=self.request.GET.get("indicators_page", 1),
            unit_page_number=self.request.GET.get("units_page", 1),
        )
        return context | {
            "dashboard": board,
            "period_param": quote(
                period.label, safe="/"
            ),  # as |urlencode: each unit row's link keeps the period
            "period_choices": period_choices(periods),
            "task_columns": [(key, TASK_STATUS_WORDS[key]) for key in TASK_STATUS_ORDER],
            "indicator_columns": [(key, INDICATOR_RAG_WORDS[key]) for key in INDICATOR_RAG_ORDER],
            "task_legend": chart_legend(TASK_STATUS_ORDER),
            "indicator_legend": chart_legend(INDICATOR_RAG_ORDER),
            "task_chart": self._chart(
                f"Task status by unit, {period.label}", board.rows, "tasks", TASK_STATUS_WORDS
            ),
            "indicator_chart": self._chart(
                f"Indicator RAG status by unit, {period.label}", board.rows, "indicators", INDICATOR_RAG_WORDS
            ),
        }

    def _chosen_period(self, periods):
        wanted = self.request.GET.get("period", "").strip()
        if not wanted:
            return default_period(periods)
        try:
            parsed = Period.parse(wanted)
        except PeriodParseError as error:
            raise Http404(str(error)) from error
        for period in periods:
            if period.period == parsed:
                return period
        raise Http404(f"There are no returns for {parsed.label}.")

    def _chosen_unit(self):
        slug = self.request.GET.get("unit", "").strip()
        if not slug:
            return None
        try:
            return OrganisationUnit.objects.get(slug=slug)
        except OrganisationUnit.DoesNotExist as error:
            raise Http404("There is no such part of the council.") from error

    @staticmethod
    def _chart(title, rows, attribute, words):
        return stacked_bar_svg(
            title,
            [
                (row.name, [Segment(key, word, getattr(row, attribute)[key]) for key, word in words.items()])
                for row in rows
            ],
        )


# -- committee reports --------------------------------------------------------------------------------------


class ReportAccessMixin(LoginRequiredMixin):
    """The signed-in actor, read once per request, and the report named in the URL.

    Permissions (the rules themselves are in ``reporting/permissions.py``):

    - the performance team, superusers and committee clerks create, edit and publish reports
      (``write_only`` views; anyone else gets 403);
    - they and managers may preview drafts and download them as PDF and Excel, because managers check their
      services' returns before the paper goes; officers and members get 403 on a draft, since its figures
      can still change and a paper must not be quoted before it is published;
    - everyone signed in may read and download published reports; anonymous visitors are sent to sign in;
    - unknown reports are 404s; a published report cannot be edited or published again.
    """

    write_only = False

    @cached_property
    def actor(self):
        return actor_for(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.write_only and not can_write_reports(self.actor):
            raise PermissionDenied("Only the performance team and committee clerks may do this.")
        return super().dispatch(request, *args, **kwargs)

    def get_report(self) -> Report:
        report = get_object_or_404(
            Report.objects.select_related("period", "plan", "unit"), pk=self.kwargs["pk"]
        )
        if not can_read_report(self.actor, report):
            raise PermissionDenied(
                "Draft reports are for the performance team, committee clerks and managers."
            )
        return report


class ReportListView(ReportAccessMixin, SingleTableMixin, ListView):
    """Published reports for everyone; drafts too for those who may preview them."""

    template_name = "reporting/report_list.html"
    table_class = ReportTable

    def get_queryset(self):
        reports = Report.objects.select_related("period", "plan", "unit").defer("snapshot")
        if not can_preview_drafts(self.actor):
            reports = reports.filter(state=Report.State.PUBLISHED)
        return reports

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"can_write": can_write_reports(self.actor)}


class ReportCreateView(ReportAccessMixin, FormView):
    """Choose the scope, period and parts; the texts are then written from the data."""

    write_only = True
    form_class = ReportCreateForm
    template_name = "reporting/report_form.html"
    extra_context = {"heading": "Create a committee report"}

    def get_initial(self):
        initial = {"include_tasks": True, "include_indicators": True}
        plan = self.request.GET.get("plan", "")
        if plan.isdigit():  # from a plan's page; anything else is simply not filled in
            initial["plan"] = int(plan)
        period = self.request.GET.get("period", "")
        if period.isdigit():  # from the clerk's home page: “Create a report for 2026/27 Q1”
            initial["period"] = int(period)
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        report = report_create(
            user=self.request.user,
            plan=data["plan"],
            unit=data["unit"],
            period=data["period"],
            committee=data["committee"],
            meeting_date=data["meeting_date"],
            include_tasks=data["include_tasks"],
            include_indicators=data["include_indicators"],
            exceptions_only=data["exceptions_only"],
            include_risks=data["include_risks"],
        )
        messages.success(
            self.request, "Report created. Its texts were written from the data: check and edit them."
        )
        return redirect("reporting:report-detail", pk=report.pk)


class ReportUpdateView(ReportAccessMixin, FormView):
    """Edit the covering report's texts (drafts only)."""

    write_only = True
    form_class = ReportTextsForm
    template_name = "reporting/report_form.html"

    @cached_property
    def report(self):
        return self.get_report()

    def get(self, request, *args, **kwargs):
        if self.report.is_published:
            return self._frozen()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.report.is_published:
            return self._frozen()
        return super().post(request, *args, **kwargs)

    def _frozen(self):
        messages.error(self.request, "This report has been published, so it can no longer be changed.")
        return redirect("reporting:report-detail", pk=self.report.pk)

    def get_initial(self):
        fields = [*TEXT_FIELDS, "title", "committee", "meeting_date", "report_of", "contact_officer"]
        return {name: getattr(self.report, name) for name in fields}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"heading": "Edit the report", "report": self.report}

    def form_valid(self, form):
        try:
            report_update(report=self.report, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Report saved.")
        return redirect("reporting:report-detail", pk=self.report.pk)


class ReportDetailView(ReportAccessMixin, View):
    """The HTML preview: the paper itself (the same template as the PDF), with a toolbar. A report with more
    than ``PAGED_ROWS`` rows in its annexes shows its covering report and one page of the annexes at a time
    (``?annex_page=N``), reading only that page's rows (``reporting/reports/paged.py``); the whole document
    is the PDF."""

    PAGED_ROWS = 200

    def get(self, request, pk):
        report = self.get_report()
        try:
            annex_page = int(request.GET.get("annex_page", 1))
        except ValueError:
            annex_page = 1
        paper = preview_paper(report, annex_page=annex_page, paged_rows=self.PAGED_ROWS)
        links = [(reverse("reporting:report-list"), "All reports")]
        if can_write_reports(self.actor) and not report.is_published:
            links.append((reverse("reporting:report-update", args=[pk]), "Edit the texts"))
        links += [
            (reverse("reporting:report-pdf", args=[pk]), "Download PDF"),
            (reverse("reporting:report-xlsx", args=[pk]), "Download Excel"),
        ]
        if can_write_reports(self.actor) and not report.is_published:
            links.append((reverse("reporting:report-publish", args=[pk]), "Publish"))
        note = "The figures are read live and can still change. " + (
            publish_refusal(report) or "The period is closed: the report can be published."
        )
        notices = [str(m) for m in messages.get_messages(request)]
        return HttpResponse(paper.html(preview={"links": links, "draft_note": note, "messages": notices}))


class ReportPdfView(ReportAccessMixin, View):
    """The PDF: straight away for a report of up to ``INLINE_ROWS`` tasks and indicators (or a published
    one already rendered); otherwise rendered in the background, with a page that shows its progress."""

    def get(self, request, pk):
        report = self.get_report()
        stored = report.is_published and Report.objects.filter(pk=pk).exclude(published_pdf_file="").exists()
        if stored or report_renders_inline(report):
            pdf = report_pdf_render(report=report)
            return _download(pdf, "application/pdf", paper_filename(report, "pdf"))
        kept = report_pdf_kept(report)  # rendered ahead (after an edit, or an earlier download)
        if kept is not None:
            return _download(kept, "application/pdf", paper_filename(report, "pdf"))
        try:
            render = report_render_start(report=report, user=request.user)
        except RenderLimitReached as refusal:
            context = {"report": report, "limit": refusal.limit, "renders": _unfinished_renders(request.user)}
            return render_to_response(request, "reporting/report_render_limit.html", context, status=429)
        return redirect("reporting:report-render", pk=pk, render_pk=render.pk)


def _unfinished_renders(user):
    """The person's PDFs still being made, newest first, for the page that says they must wait."""
    return (
        ReportRender.objects.filter(requested_by=user, state__in=ReportRender.UNFINISHED)
        .select_related("report")
        .defer("report__snapshot")
    )


class ReportRenderView(ReportAccessMixin, TemplateView):
    """How far a background render has got; the file once it is ready."""

    template_name = "reporting/report_render.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        render = get_object_or_404(ReportRender.objects.all(), pk=self.kwargs["render_pk"], report=report)
        return super().get_context_data(**kwargs) | {"report": report, "render": render}


class ReportRenderDownloadView(ReportAccessMixin, View):
    def get(self, request, pk, render_pk):
        report = self.get_report()
        render = get_object_or_404(ReportRender, pk=render_pk, report=report, state=ReportRender.State.DONE)
        pdf = private_file_read(render.pdf_file)
        if pdf is None:  # cleared away after RENDER_MAX_AGE_DAYS
            raise Http404("This PDF is no longer kept: make it again.")
        return _download(pdf, "application/pdf", paper_filename(report, "pdf"))


class ReportXlsxView(ReportAccessMixin, View):
    def get(self, request, pk):
        paper = CommitteeReport.for_report(self.get_report())
        return _download(paper.xlsx(), XLSX_CONTENT_TYPE, paper.filename("xlsx"))


class ReportPublishView(ReportAccessMixin, FormView):
    """Confirm, then freeze the report. Refused, with the reason, while the period is still open."""

    write_only = True
    form_class = ConfirmForm
    template_name = "reporting/report_publish.html"

    @cached_property
    def report(self):
        return self.get_report()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "report": self.report,
            "refusal": publish_refusal(self.report),
        }

    def form_valid(self, form):
        try:
            report_publish(report=self.report, user=self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("reporting:report-publish", pk=self.report.pk)
        messages.success(self.request, "Report published. Its content is now frozen.")
        return redirect("reporting:report-detail", pk=self.report.pk)


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# -- plan documents -------------------------------------------------------------------------------------------


class PlanDocumentMixin(LoginRequiredMixin):
    def get_document(self) -> PlanDocument:
        plan = get_object_or_404(plan_for_document(), slug=self.kwargs["slug"])
        return PlanDocument.for_plan(plan)


class PlanDocumentView(PlanDocumentMixin, View):
    """The plan as a PDF document: cover, contents, introduction, a chapter per section."""

    def get(self, request, slug):
        document = self.get_document()
        return _download(document.pdf(), "application/pdf", document.filename("pdf"))


class PlanDocumentPreviewView(PlanDocumentMixin, View):
    def get(self, request, slug):
        document = self.get_document()
        links = [
            (reverse("plans:plan-list"), "All plans"),
            (reverse("reporting:plan-document", args=[slug]), "Download PDF"),
            (reverse("workbook:plan-export", args=[slug]), "Download Excel"),
        ]
        return HttpResponse(document.html(preview={"links": links}))
