from django.contrib import admin
from django.urls import include, path

from serviceplans import health
from serviceplans.security import LimitedPasswordResetView

admin.site.site_header = "Service plans administration"
admin.site.site_title = "Service plans"
admin.site.index_title = "Reference data, plans, tasks and indicators"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("actions.home_urls")),  # the home page: My updates
    path("plans/", include("plans.urls")),
    path("workbooks/", include("reporting.workbook.urls")),
    path("downloads/", include("reporting.exports.urls")),  # big list downloads, made in the background
    path("accounts/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("tasks/", include("actions.urls")),
    path("indicators/", include("indicators.urls")),
    path("risks/", include("risks.urls")),  # the risk register (issue 17)
    path("", include("reporting.urls")),
    path("admin/", admin.site.urls),
    # Issue 16: the JSON API (/api/v1/…, /api/openapi.json, /api/docs) and the public pages (/open/).
    path("api/", include("api.urls")),
    path("open/", include("opendata.urls")),
]

handler400 = "serviceplans.errors.bad_request"
handler403 = "serviceplans.errors.permission_denied"
handler404 = "serviceplans.errors.page_not_found"
handler500 = "serviceplans.errors.server_error"
