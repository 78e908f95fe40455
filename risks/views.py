from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from plans.models import Officer, ReportingPeriod
from plans.permissions import request_actor
from plans.selectors import return_members
from serviceplans.downloads import ListDownloadMixin
from serviceplans.xlsx import DATE, NUMBER, STATUS, Column

from . import rules
from .filters import RiskFilter
from .forms import RiskReviewForm
from .heatmap import heat_map_cells, heat_map_svg, score_chart_svg
from .permissions import can_review_risk
from .selectors import (
    band_look,
    heat_map_counts,
    matrix,
    my_risk_reviews,
    review_periods_for,
    review_rows,
    risk_direction,
    risk_for_page,
    risk_history,
    risks_in_scope,
)
from .services import ReviewConflict, previous_review, risk_review_save
from .tables import RiskTable


def cell_url(request, likelihood: int, impact: int) -> str:
    """The register filtered to one heat-map cell, keeping the other filters."""
    query = request.GET.copy()
    for name in ("likelihood", "impact", "page", "format"):
        query.pop(name, None)
    query["likelihood"], query["impact"] = str(likelihood), str(impact)
    return f"{reverse('risks:risk-list')}?{query.urlencode()}"


class RiskListView(LoginRequiredMixin, ListDownloadMixin, SingleTableMixin, FilterView):
    """The register: risks filtered by part of the council (and beneath), category, band, owner, status
    and overdue review, sorted by any column, 25 to a page, with the heat map of the filtered risks."""

    template_name = "risks/risk_list.html"
    table_class = RiskTable
    filterset_class = RiskFilter
    strict = False
    table_pagination = {"per_page": 25}
    xlsx_name = "risks"

    def get_queryset(self):
        return risks_in_scope().order_by("-score_value", "reference")  # the worst first, unless sorted

    def get_table_kwargs(self):
        return {"matrix": self.filterset.matrix}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.filterset.matrix
        context["table"].caption = "Risks"
        rows = heat_map_cells(
            heat_map_counts(getattr(self.filterset, "without_cell", self.filterset.qs)),
            current,
            url_for=lambda likelihood, impact: cell_url(self.request, likelihood, impact),
        )
        cell = self.filterset.form.cleaned_data if self.filterset.form.is_valid() else {}
        chosen = (cell.get("likelihood"), cell.get("impact"))
        return context | {
            "matrix": current,
            "heat_rows": rows,
            "heat_svg": heat_map_svg(
                "Heat map of the risks listed: how many at each likelihood and impact", rows
            ),
            "chosen_cell": next((c for row in rows for c in row if (c.likelihood, c.impact) == chosen), None),
        }

    def xlsx_columns(self) -> list[Column]:
        return [
            Column("Reference"),
            Column("Risk", width=50),
            Column("Part of the council"),
            Column("Plan"),
            Column("Category"),
            Column("Owners", width=30),
            Column("Cause", width=40),
            Column("Effect", width=40),
            Column("Existing controls", width=40),
            Column("Further actions", width=40),
            Column("Inherent likelihood", kind=NUMBER),
            Column("Inherent impact", kind=NUMBER),
            Column("Inherent score", kind=NUMBER),
            Column("Current likelihood", kind=NUMBER),
            Column("Current impact", kind=NUMBER),
            Column("Current score", kind=NUMBER),
            Column("Band", kind=STATUS),
            Column("Band (council's word)"),
            Column("Since last review"),
            Column("Target likelihood", kind=NUMBER),
            Column("Target impact", kind=NUMBER),
            Column("Target score", kind=NUMBER),
            Column("Review by", kind=DATE),
            Column("Status"),
            Column("Reason closed", width=30),
        ]

    def xlsx_row(self, risk) -> list:
        current = self.filterset.matrix
        band = rules.band(min(risk.current_score, current.max_score), current)
        return [
            risk.reference,
            risk.title,
            risk.unit.name,
            str(risk.plan) if risk.plan_id else "",
            risk.category.name,
            ", ".join(link.officer.name for link in risk.risk_owners.all()),
            risk.cause,
            risk.effect,
            risk.controls,
            risk.further_actions,
            risk.inherent_likelihood,
            risk.inherent_impact,
            risk.inherent_score,
            risk.current_likelihood,
            risk.current_impact,
            risk.current_score,
            band,
            rules.band_word(band, current),
            risk_direction(risk).label,
            risk.target_likelihood,
            risk.target_impact,
            risk.target_score,
            risk.review_date,
            risk.get_status_display(),
            risk.closed_reason,
        ]


class RiskDetailView(LoginRequiredMixin, DetailView):
    """A risk: its details and links, its scores, every review with the score over time, and its audit trail."""

    template_name = "risks/risk_detail.html"
    context_object_name = "risk"

    def get_queryset(self):
        return risk_for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk, current = self.object, matrix()
        actor = request_actor(self.request)
        rows = review_rows(risk.reviews.all(), current)

        def scored(likelihood, impact):
            value = likelihood * impact
            band = rules.band(min(value, current.max_score), current)
            return {
                "likelihood": likelihood,
                "impact": impact,
                "words": rules.describe(min(likelihood, current.size), min(impact, current.size), current),
                "score": value,
                "look": band_look(band, current),
            }

        return context | {
            "matrix": current,
            "scores": [
                ("Inherent", scored(risk.inherent_likelihood, risk.inherent_impact)),
                ("Current", scored(risk.current_likelihood, risk.current_impact)),
                ("Target", scored(risk.target_likelihood, risk.target_impact)),
            ],
            "review_rows": list(reversed(rows)),
            "looks": {row.review.pk: band_look(row.band, current) for row in rows},
            "score_chart": score_chart_svg(
                "Current score at each review (lower is better)",
                [(row.review.period.label, row.score) for row in rows],
                current,
            ),
            "direction": risk_direction(risk),
            "reviewable_periods": [p for p in review_periods_for(risk) if can_review_risk(actor, risk, p)],
            "history": risk_history(risk),
            "overdue": risk.status == "open" and risk.review_date and risk.review_date < timezone.localdate(),
        }


class RiskReviewView(LoginRequiredMixin, FormView):
    """An owner reviews a risk for a period: current likelihood and impact, and commentary on the controls."""

    template_name = "risks/risk_review.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.risk = get_object_or_404(risk_for_page(), pk=kwargs["pk"])
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        self.actor = request_actor(request)
        if not can_review_risk(self.actor, self.risk, self.period):
            raise PermissionDenied("You cannot review this risk for this period.")
        self.matrix = matrix()
        self.current = next((r for r in self.risk.reviews.all() if r.period_id == self.period.pk), None)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return RiskReviewForm(matrix=self.matrix, **self.get_form_kwargs())

    def get_initial(self):
        if self.current is None:
            return {
                "version": 0,
                "likelihood": self.risk.current_likelihood,
                "impact": self.risk.current_impact,
            }
        return {
            "likelihood": self.current.likelihood,
            "impact": self.current.impact,
            "commentary": self.current.commentary,
            "version": self.current.version,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review = risk_review_save(
                risk=self.risk,
                period=self.period,
                actor=self.actor,
                user=self.request.user,
                likelihood=data["likelihood"],
                impact=data["impact"],
                commentary=data["commentary"],
                seen_version=data["version"],
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        except ReviewConflict as conflict:
            data = form.data.copy()
            data["version"] = conflict.current.version if conflict.current else 0
            refreshed = RiskReviewForm(data=data, matrix=self.matrix)
            refreshed.is_valid()
            refreshed.add_error(
                None,
                "Someone else saved this review while you were editing it, so yours has not been saved. Their "
                "review is shown below; check it, change yours if needed, and save again.",
            )
            return self.render_to_response(
                self.get_context_data(form=refreshed, other_review=conflict.current)
            )
        band = rules.band(review.score, self.matrix)
        messages.success(
            self.request,
            f"Your review of {self.risk.reference} for {self.period.label} has been saved: score {review.score}, "
            f"{rules.band_word(band, self.matrix)}.",
        )
        return redirect("risks:risk-detail", pk=self.risk.pk)

    def get_context_data(self, **kwargs):
        earlier = previous_review(self.risk, self.period)
        return super().get_context_data(**kwargs) | {
            "risk": self.risk,
            "period": self.period,
            "matrix": self.matrix,
            "previous": earlier,
            "previous_words": rules.describe(earlier.likelihood, earlier.impact, self.matrix)
            if earlier and earlier.likelihood <= self.matrix.size and earlier.impact <= self.matrix.size
            else "",
            "band_words": [(band_look(band, self.matrix), band) for band in rules.BANDS],
        }


class RiskReturnView(LoginRequiredMixin, TemplateView):
    """An officer's risk reviews for a period, as part of their return: what the manager signs off."""

    template_name = "risks/return_reviews.html"

    def get_context_data(self, **kwargs):
        period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        officer = get_object_or_404(Officer.objects.select_related("unit"), pk=kwargs["officer_pk"])
        current = matrix()
        rows = []
        # the return for a quarter holds the reviews of the half-year ending with it too
        periods = return_members(period) if period.kind == "quarter" else [period]
        for item in my_risk_reviews([officer.pk], periods):
            score = item.review.score if item.review else None
            band = rules.band(min(score, current.max_score), current) if score else None
            rows.append(
                {
                    "item": item,
                    "look": band_look(band, current) if band else None,
                    "direction": rules.direction(item.previous.score if item.previous else None, score),
                }
            )
        return super().get_context_data(**kwargs) | {
            "period": period,
            "officer": officer,
            "rows": rows,
            "done": sum(1 for row in rows if row["item"].review),
        }
