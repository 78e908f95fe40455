"""Pages for importing plan workbooks (performance team) and downloading the template and exports."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView

from plans.models import Plan
from plans.views import PerformanceTeamMixin
from reporting.models import WorkbookImport
from serviceplans.xlsx import XLSX_CONTENT_TYPE

from . import holding
from .export import plan_workbook_bytes, plan_workbook_filename
from .forms import WorkbookUploadForm
from .services import session_import, workbook_check_start, workbook_import_start
from .template import TEMPLATE_FILENAME, template_workbook_bytes


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ImportersOnlyMixin(PerformanceTeamMixin):
    refusal = "Only the performance team can import plans."


#: Seconds between the progress page's checks (sent as an HTTP ``Refresh`` header: no script needed).
REFRESH_SECONDS = 2

State = WorkbookImport.State


class ImportUploadView(ImportersOnlyMixin, FormView):
    """Step 1: choose a workbook. It is held and queued for checking by the background worker."""

    template_name = "reporting/workbook/upload.html"
    form_class = WorkbookUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["workbook"]
        workbook_check_start(
            session=self.request.session, data=upload.read(), filename=upload.name, user=self.request.user
        )
        return redirect("workbook:import-preview")


class WorkbookImportMixin(ImportersOnlyMixin):
    """The upload this session is working on, or back to the upload page when there is none."""

    def current(self) -> WorkbookImport | None:
        return session_import(self.request.session, self.request.user)

    def start_again(self):
        messages.info(self.request, "Choose the workbook again: the one you uploaded is no longer held.")
        return redirect("workbook:import-upload")

    def progress(self, upload: WorkbookImport, heading: str, waiting: str):
        response = render(
            self.request,
            "reporting/workbook/progress.html",
            {"upload": upload, "heading": heading, "waiting": waiting, "refresh_seconds": REFRESH_SECONDS},
        )
        response["Refresh"] = str(REFRESH_SECONDS)
        return response

    def failed(self, upload: WorkbookImport):
        return render(self.request, "reporting/workbook/failed.html", {"upload": upload})

    def preview(self, upload: WorkbookImport):
        summary = upload.result
        return render(
            self.request,
            "reporting/workbook/preview.html",
            {
                "upload": upload,
                "result": summary,
                "filename": upload.filename,
                "errors_shown": summary["errors"],
                "errors_hidden": max(summary["error_count"] - len(summary["errors"]), 0),
                "warnings_shown": summary["warnings"],
                "warnings_hidden": max(summary["warning_count"] - len(summary["warnings"]), 0),
                "warnings_caption": f"Warnings ({intcomma(summary['warning_count'])})"
                + ("" if summary["error_count"] else ": the import can go ahead"),
            },
        )


class ImportPreviewView(WorkbookImportMixin, View):
    """Step 2: the check's progress, then what the import would create, with every warning, or the errors
    that stop it."""

    def get(self, request, *args, **kwargs):
        upload = self.current()
        if upload is None:
            return self.start_again()
        if upload.is_checking:
            return self.progress(upload, "Checking the workbook", "Every row is being read and checked.")
        if upload.state == State.FAILED:
            return self.failed(upload)
        if upload.state != State.CHECKED:
            return redirect("workbook:import-result")
        return self.preview(upload)


class ImportConfirmView(WorkbookImportMixin, View):
    """Step 3: queue the checked workbook for import, all or nothing; the result page follows it."""

    def post(self, request, *args, **kwargs):
        upload = self.current()
        if upload is None or (upload.state == State.CHECKED and holding.held_bytes(upload.token) is None):
            return self.start_again()
        if upload.state == State.CHECKED and not upload.result["ok"]:
            return self.preview(upload)  # nothing to import: the errors again
        if upload.state == State.CHECKED:
            workbook_import_start(upload=upload)
        if upload.is_checking:
            return redirect("workbook:import-preview")
        return redirect("workbook:import-result")


class ImportResultView(WorkbookImportMixin, View):
    """Step 4: the import's progress, then what was imported."""

    def get(self, request, *args, **kwargs):
        upload = self.current()
        if upload is None:
            return self.start_again()
        if upload.is_importing:
            return self.progress(upload, "Importing the plan", "The plan is being written, all or nothing.")
        if upload.state == State.FAILED:
            return self.failed(upload)
        if upload.state != State.IMPORTED:
            return redirect("workbook:import-preview")
        counts = upload.result["counts"]
        tasks, indicators = counts["tasks"], counts["indicators"]
        return render(
            request,
            "reporting/workbook/imported.html",
            {
                "upload": upload,
                "result": upload.result,
                "plan": upload.plan,
                "summary": f"“{upload.result['plan_title']}” was imported as a draft plan: "
                f"{intcomma(tasks)} task{pluralize(tasks)} and "
                f"{intcomma(indicators)} indicator{pluralize(indicators)}.",
            },
        )


class TemplateDownloadView(LoginRequiredMixin, View):
    """The blank workbook, with a Notes sheet and drop-down lists."""

    def get(self, request, *args, **kwargs):
        return xlsx_download(template_workbook_bytes(), TEMPLATE_FILENAME)


class PlanExportView(LoginRequiredMixin, View):
    """A plan as a workbook in the import format, for anyone signed in."""

    def get(self, request, *args, slug: str, **kwargs):
        plan = get_object_or_404(Plan.objects.only("pk", "slug"), slug=slug)
        return xlsx_download(plan_workbook_bytes(plan), plan_workbook_filename(plan))
