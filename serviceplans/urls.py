from django.contrib import admin
from django.urls import include, path

from actions.views import MyUpdatesView

admin.site.site_header = "Service plans administration"
admin.site.site_title = "Service plans"
admin.site.index_title = "Reference data, plans, tasks and indicators"

urlpatterns = [
    path("", MyUpdatesView.as_view(), name="home"),
    path("plans/", include("plans.urls")),
    path("workbooks/", include("reporting.workbook.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("tasks/", include("actions.urls")),
    path("indicators/", include("indicators.urls")),
    path("risks/", include("risks.urls")),  # the risk register (issue 17)
    path("", include("reporting.urls")),
    path("admin/", admin.site.urls),
]
