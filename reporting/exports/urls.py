"""Big list downloads made in the background."""

from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("<int:pk>/", views.ExportView.as_view(), name="export"),
    path("<int:pk>/download/", views.ExportDownloadView.as_view(), name="export-download"),
]
