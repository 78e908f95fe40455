from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView, TemplateView, View

from plans.permissions import can_move_plan, request_actor
from serviceplans.history import history_entries
from serviceplans.permissions import can_run_periods, can_write_reports

from . import hooks, services
from .forms import PeriodScheduleForm, PlanApproveForm
from .models import Plan, ReportingPeriod
from .rules import PLAN_STEPS, IllegalTransition
from .selectors import (
    name_lookup,
    periods_by_year,
    periods_closed_with,
    plan_for_page,
    plan_history,
    plan_list,
)


class LookupView(LoginRequiredMixin, View):
    """``GET /plans/lookup/<units|officers|plans>/?q=words``: up to 20 names containing the words, as JSON
    (``{"results": ["…"]}``), for the lists' searchable filter boxes. Two characters at least."""

    def get(self, request, kind):
        if kind not in ("units", "officers", "plans"):
            raise Http404("Nothing to look up there.")
        words = " ".join(request.GET.get("q", "").split())[:100]
        results = name_lookup(kind, words) if len(words) >= 2 else []
        return JsonResponse({"results": results})


class PlanListView(LoginRequiredMixin, ListView):
    """The plans the council holds: the landing page until the officers' pages arrive."""

    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    paginate_by = 25  # as every list

    def get_queryset(self):
        return plan_list()


class PlanDetailView(LoginRequiredMixin, DetailView):
    """A plan: its status and approval, sections with their counts, the steps the viewer may take, and who
    changed what."""

    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return plan_for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        actor = request_actor(self.request)
        steps = [step for action, step in PLAN_STEPS.items() if can_move_plan(actor, plan, action)]
        sections = list(plan.sections.all())
        return context | {
            "steps": [s for s in steps if s.action != "approve"],
            "can_approve": any(s.action == "approve" for s in steps),
            "approve_form": kwargs.get("approve_form")
            or PlanApproveForm(initial={"committee": plan.committee}),
            "can_carry_forward": can_run_periods(actor)
            and plan.is_locked
            and not any(p.first_year == plan.first_year + plan.years for p in plan.following_plans.all()),
            "sections": sections,
            "task_total": sum(s.task_count for s in sections),
            "indicator_total": sum(s.indicator_count for s in sections),
            "history": history_entries(plan_history(plan), what=lambda record: "Plan"),
            "can_write_reports": can_write_reports(actor),
        }


class PlanStepView(LoginRequiredMixin, View):
    """POST: take one step in the plan's life (submit, return to draft, approve, publish, archive), or start
    next year's plan from it. Steps the viewer may not take are refused (403); steps the plan's status does
    not allow are explained."""

    def post(self, request, slug, action):
        plan = get_object_or_404(Plan, slug=slug)
        actor = request_actor(request)
        if action == "carry_forward":
            if not can_run_periods(actor):
                raise PermissionDenied("Only the performance team starts next year's plans.")
            try:
                new = services.plan_carry_forward(plan=plan, user=request.user)
            except IllegalTransition as refusal:
                messages.error(request, str(refusal))
                return redirect("plans:plan-detail", slug=plan.slug)
            messages.success(
                request,
                f"{new} has been started as a draft, carrying forward {new.tasks.count()} unfinished "
                f"task{'s' if new.tasks.count() != 1 else ''} and {new.indicators.count()} indicators.",
            )
            return redirect("plans:plan-detail", slug=new.slug)
        if action not in PLAN_STEPS:
            raise PermissionDenied("That is not a step in a plan's life.")
        step = PLAN_STEPS[action]
        if not can_move_plan(actor, plan, action):
            if plan.status in step.sources:
                raise PermissionDenied("You cannot take this step for this plan.")
            messages.error(
                request, f"{plan} cannot be {step.done}: it is {plan.get_status_display().lower()}."
            )
            return redirect("plans:plan-detail", slug=plan.slug)
        try:
            if action == "approve":
                form = PlanApproveForm(request.POST)
                if not form.is_valid():
                    view = PlanDetailView(
                        request=request, kwargs={"slug": slug}, object=plan_for_page().get(pk=plan.pk)
                    )
                    return view.render_to_response(view.get_context_data(approve_form=form))
                services.plan_approve(plan=plan, user=request.user, **form.cleaned_data)
            else:
                getattr(services, f"plan_{action}")(plan=plan, user=request.user)
        except IllegalTransition as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{plan} has been {step.done}.")
        return redirect("plans:plan-detail", slug=plan.slug)


class PerformanceTeamMixin(LoginRequiredMixin):
    """Pages for the performance team (and superusers) only: anyone else signed in is refused (403) with
    :attr:`refusal`; anyone signed out is sent to sign in. The one such mixin (the workbook import uses it)."""

    refusal = "Only the performance team can do that."

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_run_periods(request_actor(request)):
            raise PermissionDenied(self.refusal)
        return super().dispatch(request, *args, **kwargs)


class PeriodListView(PerformanceTeamMixin, TemplateView):
    """The performance team's page: the year's periods with their state and deadline, a form to schedule a
    year, and the buttons that open, close and publish each period."""

    refusal = "Only the performance team runs the reporting periods."

    template_name = "plans/period_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "years": periods_by_year(),
            "form": kwargs.get("form") or PeriodScheduleForm(initial={"financial_year": next_year_label()}),
        }

    def post(self, request):
        form = PeriodScheduleForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        year = form.cleaned_data["financial_year"]
        created = services.period_schedule(
            financial_year=year, kinds=form.kind_list, deadline_days=form.cleaned_data["deadline_days"]
        )
        label = f"{year}/{(year + 1) % 100:02d}"
        if created:
            messages.success(
                request,
                f"{len(created)} period{'s' if len(created) != 1 else ''} scheduled for {label}: "
                + ", ".join(p.label for p in created)
                + ".",
            )
        else:
            messages.info(request, f"Nothing new to schedule: those periods of {label} already exist.")
        return redirect("plans:period-list")


class PeriodStepView(PerformanceTeamMixin, View):
    """GET: what opening, closing or publishing a period will do, with the button to do it. POST: do it."""

    refusal = "Only the performance team runs the reporting periods."
    STEPS = {
        "open": (services.period_open, "is open: returns are now due"),
        "close": (services.period_close, "is closed: returns are now read-only"),
        "publish": (services.period_publish, "is published: its judgements are frozen for reports"),
    }
    CONSEQUENCES = {
        "open": [
            "Returns for this period become due from every officer named in a live plan.",
            "Reminders go out to officers until they submit, and to managers once the deadline has passed.",
        ],
        "close": [
            "Officers and managers can no longer change their returns for this period.",
            "The performance team can still correct them until the period is published.",
        ],
        "publish": [
            "The target and tolerance each value was judged against are frozen.",
            "Nobody, including the performance team, can change this period's returns on these pages again.",
            "This cannot be undone.",
        ],
    }

    def get(self, request, pk, action):
        period = get_object_or_404(ReportingPeriod, pk=pk)
        if action not in self.STEPS:
            raise PermissionDenied("That is not a step in a period's life.")
        consequences = list(self.CONSEQUENCES[action])
        if action == "close":
            consequences += [
                f"{other.label} closes with it: its updates are made in the same quarter's return."
                for other in periods_closed_with(period)
            ]
        context = {
            "period": period,
            "action": action,
            "consequences": consequences,
            "returns_outstanding": hooks.returns_outstanding(period) if action != "open" else None,
        }
        return render(request, "plans/period_step_confirm.html", context)

    def post(self, request, pk, action):
        period = get_object_or_404(ReportingPeriod, pk=pk)
        if action not in self.STEPS:
            raise PermissionDenied("That is not a step in a period's life.")
        service, words = self.STEPS[action]
        others = []
        if action == "close":
            others = [p.label for p in periods_closed_with(period)]
        try:
            period = service(period=period)
        except IllegalTransition as error:
            messages.error(request, f"{period.label}: {error}")
        else:
            also = f" {' and '.join(others)} closed with it, as part of the same return." if others else ""
            messages.success(request, f"{period.label} {words}.{also}")
        return redirect("plans:period-list")


def next_year_label() -> str:
    """The financial year after the latest one with periods, as people write it (“2027/28”)."""
    latest = (
        ReportingPeriod.objects.order_by("-financial_year").values_list("financial_year", flat=True).first()
    )
    year = (latest + 1) if latest else date.today().year
    return f"{year}/{(year + 1) % 100:02d}"
