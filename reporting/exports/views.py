"""The progress page of a big list download, and the file once it is made: for the person who asked only."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from reporting.models import ListExport
from reporting.private_files import private_storage
from serviceplans.xlsx import XLSX_CONTENT_TYPE

from .services import list_export_start

#: Seconds between the progress page's checks (sent as an HTTP ``Refresh`` header: no script needed).
REFRESH_SECONDS = 3


def queue_list_download(*, request, view, rows: int):
    """The hook ``serviceplans.downloads`` calls for a download over ``EXPORT_BACKGROUND_ROWS`` rows:
    queue it for the worker and show its progress page."""
    export = list_export_start(
        view=f"{type(view).__module__}.{type(view).__qualname__}",
        path=request.path,
        query=view.xlsx_query(),
        title=view.xlsx_title(),
        filename=view.xlsx_filename(),
        rows=rows,
        user=request.user,
    )
    return redirect("exports:export", pk=export.pk)


class OwnExportMixin(LoginRequiredMixin):
    """A download is only ever shown to whoever asked for it: anyone else finds nothing (404)."""

    def get_export(self) -> ListExport:
        return get_object_or_404(ListExport, pk=self.kwargs["pk"], requested_by=self.request.user)


def list_address(export: ListExport) -> str:
    """The list the download was asked from, with its filters (and without ``format``)."""
    query = QueryDict(export.query, mutable=True)
    query.pop("format", None)
    return f"{export.path}?{query.urlencode()}" if query else export.path


class ExportView(OwnExportMixin, TemplateView):
    """How far the download has got (checking again by itself), then the file, or what went wrong."""

    template_name = "reporting/exports/export.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.export.is_unfinished:
            response["Refresh"] = str(REFRESH_SECONDS)
        return response

    def get_context_data(self, **kwargs):
        self.export = self.get_export()
        return super().get_context_data(**kwargs) | {
            "export": self.export,
            "list_address": list_address(self.export),
            "again_address": f"{self.export.path}?{self.export.query}",
            "refresh_seconds": REFRESH_SECONDS,
        }


class ExportDownloadView(OwnExportMixin, View):
    """The workbook, streamed from the private storage."""

    def get(self, request, *args, **kwargs):
        export = self.get_export()
        if export.state != ListExport.State.DONE:
            return redirect("exports:export", pk=export.pk)
        try:
            file = private_storage().open(export.file, "rb")
        except FileNotFoundError:
            raise Http404("This download is no longer kept: download the list again.") from None
        return FileResponse(
            file, as_attachment=True, filename=export.filename, content_type=XLSX_CONTENT_TYPE
        )
