from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.OpenIndexView.as_view(), name="index"),
    path("periods/<int:pk>/", views.OpenPeriodView.as_view(), name="period"),
    path("periods/<int:pk>/indicators.csv", views.OpenPeriodCsvView.as_view(), name="period-csv"),
    path("periods/<int:pk>/performance.json", views.OpenPeriodJsonView.as_view(), name="period-json"),
    path("indicators/<int:pk>/", views.OpenIndicatorView.as_view(), name="indicator"),
]
