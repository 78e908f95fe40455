from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from .selectors import plan_list


class PlanListView(LoginRequiredMixin, ListView):
    """The plans the council holds: the landing page until the officers' pages arrive."""

    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return plan_list()
