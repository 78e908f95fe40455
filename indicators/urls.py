from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="indicator-list"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("<int:pk>/value/<int:period_pk>/", views.IndicatorValueView.as_view(), name="value-enter"),
]
