"""Pages for importing plan workbooks (performance team) and downloading the template and exports."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView, TemplateView

from plans.models import Plan
from serviceplans.permissions import request_actor

from . import holding
from .export import plan_workbook_bytes, plan_workbook_filename
from .forms import WorkbookUploadForm
from .importer import plan_import
from .sheets import XLSX_CONTENT_TYPE
from .template import TEMPLATE_FILENAME, template_workbook_bytes

#: The most errors or warnings listed on the preview page; the rest are counted.
SHOWN_PROBLEMS = 200


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class PerformanceTeamMixin(LoginRequiredMixin):
    """Signed-in performance team members and superusers only; anyone else signed in gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request_actor(request).runs_everything:
            raise PermissionDenied("Only the performance team can import plans.")
        return super().dispatch(request, *args, **kwargs)


class ImportUploadView(PerformanceTeamMixin, FormView):
    """Step 1: choose a workbook. It is held, then checked on the preview page."""

    template_name = "reporting/workbook/upload.html"
    form_class = WorkbookUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["workbook"]
        holding.hold(self.request.session, upload.read(), upload.name)
        return redirect("workbook:import-preview")


class ImportPreviewView(PerformanceTeamMixin, TemplateView):
    """Step 2: what the import would create, with every warning, or the errors that stop it."""

    template_name = "reporting/workbook/preview.html"

    def get(self, request, *args, **kwargs):
        kept = holding.held(request.session)
        if kept is None:
            messages.info(request, "Choose the workbook again: the one you uploaded is no longer held.")
            return redirect("workbook:import-upload")
        data, filename = kept
        result = plan_import(workbook_bytes=data, dry_run=True, user=request.user)
        return self.render_to_response(self.get_context_data(result=result, filename=filename))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = kwargs["result"]
        context |= {
            "errors_shown": result.errors[:SHOWN_PROBLEMS],
            "errors_hidden": max(len(result.errors) - SHOWN_PROBLEMS, 0),
            "warnings_shown": result.warnings[:SHOWN_PROBLEMS],
            "warnings_hidden": max(len(result.warnings) - SHOWN_PROBLEMS, 0),
            "warnings_caption": f"Warnings ({intcomma(len(result.warnings))})"
            + ("" if result.errors else ": the import can go ahead"),
        }
        return context


class ImportConfirmView(PerformanceTeamMixin, View):
    """Step 3: import the held workbook, all or nothing, then go to the list of plans."""

    def post(self, request, *args, **kwargs):
        kept = holding.held(request.session)
        if kept is None:
            messages.info(request, "Choose the workbook again: the one you uploaded is no longer held.")
            return redirect("workbook:import-upload")
        data, filename = kept
        result = plan_import(workbook_bytes=data, user=request.user)
        if not result.ok:
            view = ImportPreviewView(request=request, args=args, kwargs=kwargs)
            return view.render_to_response(view.get_context_data(result=result, filename=filename))
        holding.release(request.session)
        tasks, indicators = result.counts["tasks"], result.counts["indicators"]
        messages.success(
            request,
            f"“{result.plan_title}” was imported as a draft plan: {tasks} task{pluralize(tasks)} and "
            f"{indicators} indicator{pluralize(indicators)}.",
        )
        return redirect(reverse("plans:plan-list"))


class TemplateDownloadView(LoginRequiredMixin, View):
    """The blank workbook, with a Notes sheet and drop-down lists."""

    def get(self, request, *args, **kwargs):
        return xlsx_download(template_workbook_bytes(), TEMPLATE_FILENAME)


class PlanExportView(LoginRequiredMixin, View):
    """A plan as a workbook in the import format, for anyone signed in."""

    def get(self, request, *args, slug: str, **kwargs):
        plan = get_object_or_404(Plan.objects.only("pk", "slug"), slug=slug)
        return xlsx_download(plan_workbook_bytes(plan), plan_workbook_filename(plan))
