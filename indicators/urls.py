from django.urls import path

from . import list_views, views

app_name = "indicators"

urlpatterns = [
    path("", list_views.IndicatorListView.as_view(), name="indicator-list"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("<int:pk>/value/<int:period_pk>/", views.IndicatorValueView.as_view(), name="value-enter"),
]
