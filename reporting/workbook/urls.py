"""Plan workbooks: the Excel format plans and returns are imported from and exported to."""

from django.urls import path

from . import views

app_name = "workbook"

urlpatterns = [
    path("import/", views.ImportUploadView.as_view(), name="import-upload"),
    path("import/preview/", views.ImportPreviewView.as_view(), name="import-preview"),
    path("import/confirm/", views.ImportConfirmView.as_view(), name="import-confirm"),
    path("import/result/", views.ImportResultView.as_view(), name="import-result"),
    path("template.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("plans/<slug:slug>.xlsx", views.PlanExportView.as_view(), name="plan-export"),
]
