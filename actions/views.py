from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from plans.models import CouncilSettings

from .progress import update_progress
from .rules import StatusThresholds
from .selectors import task_for_page, update_versions


class TaskDetailView(LoginRequiredMixin, DetailView):
    """A task: its details, milestones, and every update with the progress expected at the time."""

    template_name = "actions/task_detail.html"
    context_object_name = "task"

    def get_queryset(self):
        return task_for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        settings = CouncilSettings.load()
        thresholds = StatusThresholds(green_at=settings.task_green_at, amber_at=settings.task_amber_at)
        progress = [update_progress(task, update, thresholds=thresholds) for update in task.updates.all()]
        return context | {
            "progress": list(reversed(progress)),
            "versions": update_versions(task),
        }
