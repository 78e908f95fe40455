from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
    path("periods/", views.PeriodListView.as_view(), name="period-list"),
    path("periods/<int:pk>/<slug:action>/", views.PeriodStepView.as_view(), name="period-step"),
    path("lookup/<slug:kind>/", views.LookupView.as_view(), name="lookup"),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("<slug:slug>/<slug:action>/", views.PlanStepView.as_view(), name="plan-step"),
]
