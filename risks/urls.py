from django.urls import path

from . import views

app_name = "risks"

urlpatterns = [
    path("", views.RiskListView.as_view(), name="risk-list"),
    path("<int:pk>/", views.RiskDetailView.as_view(), name="risk-detail"),
    path("<int:pk>/review/<int:period_pk>/", views.RiskReviewView.as_view(), name="risk-review"),
    path("returns/<int:period_pk>/<int:officer_pk>/", views.RiskReturnView.as_view(), name="return-reviews"),
]
