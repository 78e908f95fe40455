from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
]
