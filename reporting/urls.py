from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report-update"),
    path("reports/<int:pk>/pdf/", views.ReportPdfView.as_view(), name="report-pdf"),
    path("reports/<int:pk>/pdf/<int:render_pk>/", views.ReportRenderView.as_view(), name="report-render"),
    path(
        "reports/<int:pk>/pdf/<int:render_pk>/download/",
        views.ReportRenderDownloadView.as_view(),
        name="report-render-download",
    ),
    path("reports/<int:pk>/xlsx/", views.ReportXlsxView.as_view(), name="report-xlsx"),
    path("reports/<int:pk>/publish/", views.ReportPublishView.as_view(), name="report-publish"),
    path("plan-documents/<slug:slug>/", views.PlanDocumentView.as_view(), name="plan-document"),
    path(
        "plan-documents/<slug:slug>/preview/",
        views.PlanDocumentPreviewView.as_view(),
        name="plan-document-preview",
    ),
]
