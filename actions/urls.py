from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.TaskListView.as_view(), name="task-list"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="task-detail"),
    path("all/<int:period_pk>/", views.BulkUpdateView.as_view(), name="bulk-update"),
    path("<int:pk>/update/<int:period_pk>/", views.TaskUpdateView.as_view(), name="task-update"),
]
