from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ListExport, Report, ReportRender, WorkbookImport


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    """Reports are written and published on their own pages; admin is for looking them up and tidying."""

    list_display = ["title", "committee", "meeting_date", "period", "state", "published_at"]
    list_filter = ["state", "committee"]
    search_fields = ["title", "committee"]
    list_select_related = ["period", "plan", "unit"]
    autocomplete_fields = ["plan", "unit"]
    readonly_fields = ["state", "published_at", "published_by", "created_by", "created_at", "updated_at"]


@admin.register(ReportRender)
class ReportRenderAdmin(admin.ModelAdmin):
    """Background PDF renders: look for failures here."""

    list_display = ["report", "state", "step", "requested_by", "created_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["report", "requested_by"]
    readonly_fields = ["report", "state", "step", "error", "requested_by", "created_at", "finished_at"]
    exclude = ["pdf_file"]


@admin.register(WorkbookImport)
class WorkbookImportAdmin(admin.ModelAdmin):
    """Workbook uploads checked and imported by the background worker: look for failures here."""

    list_display = ["filename", "state", "step", "requested_by", "created_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "filename",
        "state",
        "step",
        "plan",
        "error",
        "requested_by",
        "created_at",
        "checked_at",
        "finished_at",
    ]
    exclude = ["result"]

    def has_add_permission(self, request):
        return False


@admin.register(ListExport)
class ListExportAdmin(admin.ModelAdmin):
    """Big list downloads made by the background worker: look for failures here (the file is only ever
    offered to whoever asked for it, on its own page)."""

    list_display = ["filename", "rows", "state", "step", "requested_by", "created_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["requested_by"]
    search_fields = ["filename", "title"]
    readonly_fields = [
        "view",
        "path",
        "query",
        "title",
        "filename",
        "rows",
        "state",
        "step",
        "size",
        "error",
        "requested_by",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False
