from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from indicators.selectors import my_value_returns
from plans.models import CouncilSettings, ReportingPeriod
from reporting.xlsx import DATE, DATETIME, NUMBER, STATUS, Column, xlsx_response
from serviceplans.permissions import actor_for, can_update_task

from .filters import TaskFilter, tasks_for_list
from .forms import ProgressUpdateForm
from .progress import task_expected_percent, update_progress
from .rules import StatusThresholds
from .selectors import my_task_returns, periods_for_returns, task_for_page, update_versions
from .services import UpdateConflict, progress_update_save, progress_updates_save_all
from .tables import TaskTable


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
        actor = actor_for(self.request.user)
        return context | {
            "updatable_periods": [
                p for p in periods_for_returns(task.plan) if can_update_task(actor, task, p)
            ],
            "progress": list(reversed(progress)),
            "versions": update_versions(task),
        }


class TaskUpdateView(LoginRequiredMixin, FormView):
    """An officer reports progress on one task for one period: percent complete, status, commentary."""

    template_name = "actions/task_update.html"
    form_class = ProgressUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.task = get_object_or_404(task_for_page(), pk=kwargs["pk"])
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        if not can_update_task(actor_for(request.user), self.task, self.period):
            raise PermissionDenied("You cannot update this task for this period.")
        self.settings = CouncilSettings.load()
        self.current = next((u for u in self.task.updates.all() if u.period_id == self.period.pk), None)
        self.expected = task_expected_percent(self.task, self.period.end_date)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "expected_percent": self.expected,
            "variance_points": self.settings.commentary_variance_points,
        }

    def get_initial(self):
        if self.current is None:
            return {"version": 0}
        return {
            "percent_complete": self.current.percent_complete,
            "status": self.current.status,
            "commentary": self.current.commentary,
            "version": self.current.version,
        }

    def form_valid(self, form):
        try:
            progress_update_save(
                task=self.task,
                period=self.period,
                user=self.request.user,
                percent_complete=form.cleaned_data["percent_complete"],
                status=form.cleaned_data["status"],
                commentary=form.cleaned_data["commentary"],
                seen_version=form.cleaned_data["version"],
            )
        except UpdateConflict as conflict:
            return self.conflict(form, conflict.current)
        messages.success(self.request, f"Your update for {self.period.label} has been saved.")
        return redirect("actions:task-detail", pk=self.task.pk)

    def conflict(self, form, current):
        """Keep what this person typed, show what the other person saved, and let them decide."""
        data = form.data.copy()
        data["version"] = current.version if current else 0
        refreshed = self.get_form_class()(
            data=data,
            **{k: v for k, v in self.get_form_kwargs().items() if k not in ("data", "files", "initial")},
        )
        refreshed.is_valid()
        who = (
            (current.updated_by.get_full_name() or current.updated_by.username)
            if current and current.updated_by
            else "someone else"
        )
        refreshed.add_error(
            None,
            f"{who} saved this update while you were editing it, so yours has not been saved. Their update is "
            "shown below; check it, change yours if needed, and save again.",
        )
        return self.render_to_response(self.get_context_data(form=refreshed, other_update=current))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thresholds = StatusThresholds(
            green_at=self.settings.task_green_at, amber_at=self.settings.task_amber_at
        )
        earlier = [u for u in self.task.updates.all() if u.period.end_date < self.period.end_date]
        suggested = None
        if self.current is not None:
            suggested = update_progress(self.task, self.current, thresholds=thresholds).suggested
        return context | {
            "task": self.task,
            "period": self.period,
            "expected": self.expected,
            "suggested": suggested,
            "previous_update": earlier[-1] if earlier else None,
            "green_percent": round(thresholds.green_at * 100),
            "amber_percent": round(thresholds.amber_at * 100),
        }


class MyUpdatesView(LoginRequiredMixin, TemplateView):
    """The officer's home page: the returns due from them in open periods, done and to do."""

    template_name = "actions/my_updates.html"

    def get_context_data(self, **kwargs):
        actor = actor_for(self.request.user)
        open_periods = list(
            ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN).order_by("start_date")
        )
        periods = [p for p in open_periods if p.kind in ("quarter", "half")]
        returns = my_task_returns(actor.acting_for, periods)
        values = my_value_returns(actor.acting_for, open_periods)
        return super().get_context_data(**kwargs) | {
            "returns": returns,
            "to_do": [r for r in returns if r.update is None],
            "done": [r for r in returns if r.update is not None],
            "periods": periods,
            "periods_due": [p for p in periods if any(r.period == p for r in returns)],
            "values_to_do": [v for v in values if v.value is None],
            "values_done": [v for v in values if v.value is not None],
            "values_total": len(values),
            "is_officer": actor.officer_id is not None,
        }


class BulkUpdateView(LoginRequiredMixin, TemplateView):
    """Every task due from the officer in one period on one page; nothing is saved until every row is right."""

    template_name = "actions/bulk_update.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.period = get_object_or_404(
            ReportingPeriod, pk=kwargs["period_pk"], state=ReportingPeriod.State.OPEN
        )
        actor = actor_for(request.user)
        self.returns = [
            r
            for r in my_task_returns(actor.acting_for, [self.period])
            if can_update_task(actor, r.task, self.period)
        ]
        self.settings = CouncilSettings.load()
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        rows = []
        for item in self.returns:
            expected = task_expected_percent(item.task, self.period.end_date)
            initial = {"version": 0}
            if item.update is not None:
                initial = {
                    "percent_complete": item.update.percent_complete,
                    "status": item.update.status,
                    "commentary": item.update.commentary,
                    "version": item.update.version,
                }
            form = ProgressUpdateForm(
                data=data,
                prefix=f"task-{item.task.pk}",
                initial=initial,
                expected_percent=expected,
                variance_points=self.settings.commentary_variance_points,
            )
            rows.append((item, expected, form))
        return rows

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(rows=self.forms()))

    def post(self, request, *args, **kwargs):
        rows = self.forms(data=request.POST)
        if not all(form.is_valid() for _item, _expected, form in rows):
            return self.render_to_response(self.get_context_data(rows=rows), status=200)
        try:
            saved = progress_updates_save_all(
                period=self.period,
                user=request.user,
                rows=[(item.task, form.cleaned_data) for item, _expected, form in rows],
            )
        except UpdateConflict as conflict:
            task = conflict.current.task if conflict.current else None
            messages.error(
                request,
                f"Nothing was saved: someone else has just updated “{task}”. "
                "The page now shows the latest figures; check them and save again.",
            )
            return redirect("actions:bulk-update", period_pk=self.period.pk)
        messages.success(request, f"{saved} update{'s' if saved != 1 else ''} for {self.period.label} saved.")
        return redirect("home")

    def get_context_data(self, **kwargs):
        rows = kwargs["rows"]
        summary = [
            (anchor, f"{item.task}: {message}")
            for item, _expected, form in rows
            for anchor, message in (form.error_summary() if form.is_bound else [])
        ]
        return super().get_context_data(**kwargs) | {"period": self.period, "error_summary": summary}


class ListDownloadMixin:
    """``?…&format=xlsx`` on a list downloads every filtered row (not just the page), in the list's order."""

    xlsx_name = "rows"

    @property
    def wants_xlsx(self) -> bool:
        return self.request.GET.get("format") == "xlsx"

    def get_table_pagination(self, table):
        return False if self.wants_xlsx else super().get_table_pagination(table)

    def render_to_response(self, context, **response_kwargs):
        if self.wants_xlsx:
            period = self.filterset.period
            title = (
                f"{self.xlsx_name.capitalize()}, {period.label}" if period else self.xlsx_name.capitalize()
            )
            name = slugify(f"{self.xlsx_name} {period.label.replace('/', '-')}" if period else self.xlsx_name)
            return xlsx_response(
                filename=f"{name}.xlsx",
                title=title,
                columns=self.xlsx_columns(),
                rows=[self.xlsx_row(record) for record in context["table"].data],
            )
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.filterset.period
        context["table"].caption = f"{self.xlsx_name.capitalize()}, {period.label}" if period else ""
        return context | {"period": period}


class TaskListView(LoginRequiredMixin, ListDownloadMixin, SingleTableMixin, FilterView):
    """Tasks with their status in a period, filtered by unit (with everything beneath it), plan, officer,
    status, category, due date, overdue and words; sorted by any column, 25 to a page."""

    template_name = "actions/task_list.html"
    table_class = TaskTable
    filterset_class = TaskFilter
    strict = False  # a filter that is not valid is explained and ignored; the others still apply
    table_pagination = {"per_page": 25}
    xlsx_name = "tasks"

    def get_queryset(self):
        return tasks_for_list()

    def xlsx_columns(self) -> list[Column]:
        period = self.filterset.period
        return [
            Column("Reference"),
            Column("Task", width=60),
            Column("Plan"),
            Column("Section"),
            Column("Unit"),
            Column("Category"),
            Column("Responsible officers", width=30),
            Column("Due (as written)"),
            Column("Due date", kind=DATE),
            Column(f"Status, {period.label}" if period else "Status", kind=STATUS),
            Column("% complete", kind=NUMBER, number_format="0"),
            Column("Overdue"),
            Column("Last updated", kind=DATETIME),
        ]

    @staticmethod
    def xlsx_row(task) -> list:
        unit = task.section.unit or task.plan.unit
        return [
            task.reference,
            task.text,
            str(task.plan),
            task.section.title,
            unit.name,
            task.get_category_display(),
            ", ".join(link.officer.name for link in task.task_officers.all()),
            task.due_date_text or ("On-going" if task.ongoing else ""),
            task.due_date,
            task.period_status,
            task.period_percent,
            task.is_overdue,
            task.period_updated_at,
        ]
