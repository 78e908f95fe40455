from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.TaskListView.as_view(), name="task-list"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="task-detail"),
    path("all/<int:period_pk>/", views.BulkUpdateView.as_view(), name="bulk-update"),
    path("<int:pk>/update/<int:period_pk>/", views.TaskUpdateView.as_view(), name="task-update"),
    path("returns/", views.ReturnListView.as_view(), name="return-list"),
    path(
        "returns/submit/<int:period_pk>/<int:officer_pk>/",
        views.ReturnSubmitView.as_view(),
        name="return-submit",
    ),
    path("returns/<int:period_pk>/<int:officer_pk>/", views.ReturnDetailView.as_view(), name="return-detail"),
    path("returns/<int:pk>/<slug:decision>/", views.ReturnDecideView.as_view(), name="return-decide"),
]
