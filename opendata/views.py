"""The council's published performance for everyone: no sign-in, published periods only, downloads under
the Open Government Licence. Switched off (404 everywhere) unless ``OPEN_DATA_ENABLED`` is set."""

import csv

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from api.judgements import exact, judgement
from serviceplans.charts import TrendPoint, trend_chart_svg

from .selectors import (
    indicator_trend,
    period_performance,
    public_indicator,
    published_period,
    published_periods,
)

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


class OpenDataMixin:
    """Every open page: 404 unless switched on; the licence in the context."""

    def dispatch(self, request, *args, **kwargs):
        if not getattr(settings, "OPEN_DATA_ENABLED", False):
            raise Http404("Open data is not switched on.")
        return super().dispatch(request, *args, **kwargs)

    def licence_statement(self) -> str:
        return (
            f"Contains public sector information from {settings.COUNCIL_NAME} licensed under the {LICENCE}."
        )


class OpenIndexView(OpenDataMixin, TemplateView):
    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "periods": list(published_periods()),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }


class OpenPeriodView(OpenDataMixin, TemplateView):
    template_name = "opendata/period.html"

    def get_context_data(self, **kwargs):
        period = published_period(self.kwargs["pk"])
        return super().get_context_data(**kwargs) | {
            "period": period,
            "plans": period_performance(period),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }


class OpenIndicatorView(OpenDataMixin, TemplateView):
    template_name = "opendata/indicator.html"

    def get_context_data(self, **kwargs):
        indicator = public_indicator(self.kwargs["pk"])
        rows = indicator_trend(indicator)
        chart = trend_chart_svg(
            f"{indicator.name}: actuals against target in published periods",
            [TrendPoint(row.period.label, row.actual, row.target) for row in rows],
        )
        return super().get_context_data(**kwargs) | {
            "indicator": indicator,
            "rows": rows,
            "chart": chart,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }


def _indicator_record(period, plan_performance, row) -> dict:
    indicator = row.indicator
    return {
        "period": period.label,
        "plan": str(plan_performance.plan),
        "section": indicator.section.title,
        "indicator_id": indicator.pk,
        "reference_code": indicator.reference_code,
        "indicator": indicator.name,
        "unit_of_measure": indicator.get_unit_display(),
        "polarity": indicator.get_polarity_display(),
        "frameworks": row.frameworks,
        "judgement": judgement(row.performance),
    }


def _task_record(period, plan_performance, task) -> dict:
    status = task.period_status or "missing"
    return {
        "period": period.label,
        "plan": str(plan_performance.plan),
        "section": task.section.title,
        "task_id": task.pk,
        "reference": task.reference,
        "task": task.text,
        "status": status,
        "status_label": _status_word(status),
        "percent_complete": task.period_percent,
    }


def _status_word(status: str) -> str:
    from serviceplans.status import status_look

    return status_look(status).word


class OpenPeriodJsonView(OpenDataMixin, View):
    def get(self, request, pk):
        period = published_period(pk)
        plans = period_performance(period)
        data = {
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": self.licence_statement(),
            "period": {"label": period.label, "start_date": period.start_date, "end_date": period.end_date},
            "indicators": [_indicator_record(period, p, row) for p in plans for row in p.indicators],
            "tasks": [_task_record(period, p, task) for p in plans for task in p.tasks],
        }
        response = JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="performance-{_slug(period)}.json"'
        return response


class OpenPeriodCsvView(OpenDataMixin, View):
    """The period's indicators, one row each, as CSV (UTF-8 with a byte-order mark, so Excel reads £ and ★)."""

    columns = [
        "Period",
        "Plan",
        "Section",
        "Indicator id",
        "Reference",
        "Indicator",
        "Unit of measure",
        "Polarity",
        "Frameworks",
        "Target",
        "Target as written",
        "Actual",
        "Actual as written",
        "RAG",
        "Against target range",
        "Direction since the same period last year",
        "Direction since the previous period",
        "Reason",
    ]

    def get(self, request, pk):
        period = published_period(pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="indicators-{_slug(period)}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([f"# {self.licence_statement()} {LICENCE_URL}"])
        writer.writerow(self.columns)
        for plan in period_performance(period):
            for row in plan.indicators:
                p = row.performance
                writer.writerow(
                    [
                        period.label,
                        str(plan.plan),
                        row.indicator.section.title,
                        row.indicator.pk,
                        row.indicator.reference_code,
                        row.indicator.name,
                        row.indicator.get_unit_display(),
                        row.indicator.get_polarity_display(),
                        row.frameworks,
                        exact(p.target) or "",
                        p.target_display,
                        exact(p.actual) or "",
                        p.actual_display,
                        p.rag.label,
                        f"{p.symbol.mark} {p.symbol.label}",
                        p.direction_last_year.describe(),
                        p.direction_previous.describe("the previous period"),
                        judgement(p)["reason"],
                    ]
                )
        return response


def _slug(period) -> str:
    return period.label.replace("/", "-").replace(" ", "-").lower()
