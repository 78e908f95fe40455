from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from plans.models import CouncilSettings
from reporting.charts import TrendPoint, trend_chart_svg

from .performance import IndicatorRecord
from .selectors import indicator_for_page


class IndicatorDetailView(LoginRequiredMixin, DetailView):
    """An indicator: its definition, frameworks, and targets and values by period, judged."""

    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return indicator_for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        settings = CouncilSettings.load()
        record = IndicatorRecord(
            indicator,
            default_tolerance=settings.default_tolerance_percent,
            same_tolerance=settings.same_tolerance_percent,
        )
        years = sorted({p.year for p in record.values} | {p.year for p in record.profiled_targets})
        rows = [record.performance(period) for period in record.periods_reported(years)]
        rows = [
            row for row in rows if row.actual is not None or row.no_data_reason or row.period in record.values
        ]
        annual = [
            (year, target, record.display(target.value) if target.value is not None else target.text)
            for year, target in sorted(record.annual_targets.items())
        ]
        chart = trend_chart_svg(
            f"{indicator.name}: actuals against target",
            [TrendPoint(row.period.label, row.actual, row.target) for row in rows],
        )
        return context | {"rows": rows, "annual_targets": annual, "chart": chart, "settings": settings}
