from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import TemplateView

from plans.models import OrganisationUnit
from serviceplans.periods import Period, PeriodParseError

from .charts import Segment, stacked_bar_svg
from .selectors import INDICATOR_RAG_ORDER, TASK_STATUS_ORDER, dashboard, dashboard_periods, default_period

TASK_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "completed": "Completed",
    "not_started": "Not started",
    "not_applicable": "Not applicable",
    "missing": "No update",
}
INDICATOR_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "no_data": "No data",
    "no_target": "No target",
    "not_judged": "Data only",
}


class DashboardView(LoginRequiredMixin, TemplateView):
    """RAG counts for a period by directorate → service, with drill-down, exceptions and returns."""

    template_name = "reporting/dashboard.html"

    def get_context_data(self, **kwargs):
        periods = dashboard_periods()
        period = self._chosen_period(periods)
        unit = self._chosen_unit()
        context = super().get_context_data(**kwargs)
        if period is None:
            return context | {"dashboard": None}
        board = dashboard(period=period, periods=periods, unit=unit)
        return context | {
            "dashboard": board,
            "task_columns": [(key, TASK_WORDS[key]) for key in TASK_STATUS_ORDER],
            "indicator_columns": [(key, INDICATOR_WORDS[key]) for key in INDICATOR_RAG_ORDER],
            "task_chart": self._chart(
                f"Task status by unit, {period.label}", board.rows, "tasks", TASK_WORDS
            ),
            "indicator_chart": self._chart(
                f"Indicator RAG status by unit, {period.label}", board.rows, "indicators", INDICATOR_WORDS
            ),
        }

    def _chosen_period(self, periods):
        wanted = self.request.GET.get("period", "").strip()
        if not wanted:
            return default_period(periods)
        try:
            parsed = Period.parse(wanted)
        except PeriodParseError as error:
            raise Http404(str(error)) from error
        for period in periods:
            if period.period == parsed:
                return period
        raise Http404(f"There are no returns for {parsed.label}.")

    def _chosen_unit(self):
        slug = self.request.GET.get("unit", "").strip()
        if not slug:
            return None
        try:
            return OrganisationUnit.objects.get(slug=slug)
        except OrganisationUnit.DoesNotExist as error:
            raise Http404("There is no such part of the council.") from error

    @staticmethod
    def _chart(title, rows, attribute, words):
        return stacked_bar_svg(
            title,
            [
                (row.name, [Segment(key, word, getattr(row, attribute)[key]) for key, word in words.items()])
                for row in rows
            ],
        )
