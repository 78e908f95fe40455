from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.data import TableQuerysetData

from actions.permissions import can_update_task
from indicators.selectors import my_value_returns, return_values
from plans.models import CouncilSettings, Officer, Plan, ReportingPeriod, Return
from plans.permissions import can_decide_return, can_submit_return, request_actor
from plans.rules import IllegalTransition, return_decision_allowed
from plans.selectors import return_members, return_quarter, unit_tree
from serviceplans.downloads import ListDownloadMixin
from serviceplans.history import history_entries
from serviceplans.periods import return_period, return_title
from serviceplans.permissions import can_see_signoff, nearest_manager_id
from serviceplans.tables import PagedByIds
from serviceplans.xlsx import DATE, DATETIME, NUMBER, STATUS, Column

from .filters import TaskFilter, tasks_for_list
from .forms import ProgressUpdateForm, ReturnSendBackForm, ReturnSubmitForm, SignoffFilterForm
from .hooks import add_return_row_extras, my_updates_sections
from .models import Task, TaskOfficer
from .progress import task_expected_percent, update_progress
from .rules import StatusThresholds
from .selectors import (
    RETURN_STATES,
    done_words,
    my_task_returns,
    periods_for_returns,
    return_counts_by_unit,
    return_versions,
    returns_for_period,
    returns_owed,
    signoff_by_unit,
    signoff_periods,
    task_for_page,
    task_history_records,
    update_versions,
)
from .services import (
    UpdateConflict,
    progress_update_save,
    progress_updates_save_all,
    return_approve,
    return_send_back,
    return_submit,
)
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
        actor = request_actor(self.request)
        return context | {
            "updatable_periods": [
                p for p in periods_for_returns(task.plan) if can_update_task(actor, task, p)
            ],
            "progress": list(reversed(progress)),
            "versions": update_versions(task),
            "history": task_history(task),
        }


RETURN_STEP_NAMES = {
    Return.State.SUBMITTED: "Submitted",
    Return.State.APPROVED: "Approved",
    Return.State.SENT_BACK: "Sent back",
}


def return_step_name(record) -> str | None:
    """A return's history row named by the step it records: submitted, approved or sent back."""
    return RETURN_STEP_NAMES.get(record.state) if record.history_type != "-" else None


def task_history(task) -> list:
    """The task's audit trail: changes to the task, its updates, and its officers' returns (submitted,
    approved, sent back) holding the periods it was reported in (a half-year's update is in the return for
    the quarter ending with it)."""
    task_records, update_records = task_history_records(task)
    periods = {record.period.pk: record.period.label for record in update_records}
    quarter_ends = {return_period(record.period.period).end for record in update_records}
    officer_ids = [link.officer_id for link in task.task_officers.all()]
    labels = {
        "Task": lambda r: "Task",
        "Update": lambda r: f"Update, {periods.get(r.period_id, '')}",
        "Return": lambda r: f"{r.officer.name}'s return, {r.period.label}",
    }
    returns = return_versions(officer_ids, quarter_ends=quarter_ends) if periods and officer_ids else []
    entries = (
        history_entries(task_records, what=labels["Task"])
        + history_entries(update_records, what=labels["Update"])
        + history_entries(returns, what=labels["Return"], action=return_step_name)
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


class TaskUpdateView(LoginRequiredMixin, FormView):
    """An officer reports progress on one task for one period: percent complete, status, commentary."""

    template_name = "actions/task_update.html"
    form_class = ProgressUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.task = get_object_or_404(task_for_page(), pk=kwargs["pk"])
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        if not self.task.plan.reports_in(self.period):
            raise Http404("This task is not reported on for that period.")
        if not can_update_task(request_actor(request), self.task, self.period):
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
        except IllegalTransition as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, f"Your update for {self.period.label} has been saved.")
        if "save_and_next" in self.request.POST and (following := self.next_task()) is not None:
            return redirect("actions:task-update", pk=following.pk, period_pk=self.period.pk)
        if "save_and_next" in self.request.POST:
            return redirect("home")
        return redirect("actions:task-detail", pk=self.task.pk)

    def next_task(self):
        """The next task still waiting for an update from this person in this period, if any."""
        actor = request_actor(self.request)
        waiting = [
            item.task
            for item in my_task_returns(actor.acting_for, [self.period])
            if item.update is None and item.task.pk != self.task.pk
        ]
        return waiting[0] if waiting else None

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
        actor = request_actor(self.request)
        every_period = list(ReportingPeriod.objects.order_by("start_date", "end_date"))
        open_periods = [p for p in every_period if p.state == ReportingPeriod.State.OPEN]
        # One return a quarter: each open period's updates and values belong to the quarter holding its last
        # day, and the page lists exactly what those returns hold, so its counts and theirs agree.
        quarters = sorted(
            {q.pk: q for p in open_periods if (q := return_quarter(p, every_period)) is not None}.values(),
            key=lambda q: q.start_date,
        )
        members = {q.pk: return_members(q, every_period) for q in quarters}
        periods = sorted({p.pk: p for q in quarters for p in members[q.pk]}.values(), key=period_order)
        returns = my_task_returns(actor.acting_for, periods)
        values = my_value_returns(actor.acting_for, periods)
        sign_off = [
            row
            for q in quarters
            for row in returns_for_period(q, officer_ids=actor.acting_for, members=members[q.pk])
        ]
        for row in sign_off:
            row.can_submit = row.is_due and can_submit_return(actor, row.officer.pk, row.period)
        locked = {
            member.pk
            for row in sign_off
            if row.officer.pk == actor.officer_id and not row.is_due
            for member in row.members
        }
        task_periods = [p for p in periods if p.state == ReportingPeriod.State.OPEN]
        periods_due = [p for p in task_periods if any(r.period == p for r in returns)]
        return super().get_context_data(**kwargs) | {
            "sign_off": sign_off,
            "locked_period_ids": locked,
            "open_period_ids": {p.pk for p in open_periods},
            "my_officer_id": actor.officer_id,
            "returns": returns,
            "to_do": [r for r in returns if r.update is None],
            "done": [r for r in returns if r.update is not None],
            "periods": quarters,
            "periods_due": periods_due,
            # the deadline of each return holding task updates (a half-year's are due with its quarter's)
            "returns_due": [q for q in quarters if any(p in members[q.pk] for p in periods_due)],
            "values_to_do": [v for v in values if v.value is None],
            "values_done": [v for v in values if v.value is not None],
            "values_total": len(values),
            "is_officer": actor.officer_id is not None,
            "extra_sections": my_updates_sections(actor, periods),  # e.g. risk reviews (actions.hooks)
        }


def period_order(period: ReportingPeriod) -> tuple:
    return (period.start_date, period.end_date)


class BulkUpdateView(LoginRequiredMixin, TemplateView):
    """Every task due from the officer in one period on one page. Rows left as they were are skipped; the rows
    changed are saved together once every one of them is right (a row with an error saves none of them)."""

    template_name = "actions/bulk_update.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.period = get_object_or_404(
            ReportingPeriod, pk=kwargs["period_pk"], state=ReportingPeriod.State.OPEN
        )
        actor = request_actor(request)
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
                empty_permitted=True,  # a row left as it was is not checked, and not saved
                use_required_attribute=False,
                expected_percent=expected,
                variance_points=self.settings.commentary_variance_points,
            )
            form.compact = True
            rows.append((item, expected, form))
        return rows

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(rows=self.forms()))

    def post(self, request, *args, **kwargs):
        rows = self.forms(data=request.POST)
        if not all(form.is_valid() for _item, _expected, form in rows):
            return self.render_to_response(self.get_context_data(rows=rows), status=200)
        changed = [(item.task, form.cleaned_data) for item, _expected, form in rows if form.has_changed()]
        if not changed:
            messages.info(request, "Nothing was saved: no task was changed.")
            return redirect("home")
        try:
            saved = progress_updates_save_all(period=self.period, user=request.user, rows=changed)
        except UpdateConflict as conflict:
            task = conflict.current.task if conflict.current else None
            messages.error(
                request,
                f"Nothing was saved: someone else has just updated “{task}”. "
                "The page now shows the latest figures; check them and save again.",
            )
            return redirect("actions:bulk-update", period_pk=self.period.pk)
        skipped = len(rows) - saved
        messages.success(
            request,
            f"{saved} update{'s' if saved != 1 else ''} for {self.period.label} saved"
            + (
                f"; {skipped} task{'s' if skipped != 1 else ''} left as {'they were' if skipped != 1 else 'it was'}."
                if skipped
                else "."
            ),
        )
        return redirect("home")

    def get_context_data(self, **kwargs):
        rows = kwargs["rows"]
        summary = [
            (anchor, f"{item.task}: {message}")
            for item, _expected, form in rows
            for anchor, message in (form.error_summary() if form.is_bound else [])
        ]
        return super().get_context_data(**kwargs) | {"period": self.period, "error_summary": summary}


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

    def get_table_data(self):
        return PagedByIds(super().get_table_data())

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

    #: What a row of the download reads: plain values (no model instances), 20,000 rows in well under a second.
    XLSX_FIELDS = (
        "pk",
        "reference",
        "text",
        "plan_id",
        "plan__title",
        "plan__first_year",
        "plan__years",
        "section__title",
        "section__unit__name",
        "plan__unit__name",
        "category",
        "due_date_text",
        "ongoing",
        "due_date",
        "period_status",
        "period_percent",
        "is_overdue",
        "period_updated_at",
    )

    def xlsx_rows(self, data):
        """Every row in the list's order, from two queries whatever the size: the tasks' values, read in
        chunks, and their responsible officers' names (all at once: a few bytes a task)."""
        if not isinstance(data, TableQuerysetData):
            return super().xlsx_rows(data)
        tasks = data.data
        officers: dict[int, list[str]] = {}
        for task_id, name in (
            TaskOfficer.objects.filter(task__in=tasks.order_by().values("pk"))
            .order_by(*TaskOfficer._meta.ordering)
            .values_list("task_id", "officer__name")
        ):
            officers.setdefault(task_id, []).append(name)
        categories = dict(Task._meta.get_field("category").flatchoices)
        plans: dict[int, str] = {}

        def row(values: dict) -> list:
            plan_id = values["plan_id"]
            if plan_id not in plans:  # as str(task.plan): its title and years
                plan = Plan(
                    title=values["plan__title"],
                    first_year=values["plan__first_year"],
                    years=values["plan__years"],
                )
                plans[plan_id] = str(plan)
            return [
                values["reference"],
                values["text"],
                plans[plan_id],
                values["section__title"],
                values["section__unit__name"] or values["plan__unit__name"],
                categories.get(values["category"], values["category"]),
                ", ".join(officers.get(values["pk"], ())),
                values["due_date_text"] or ("On-going" if values["ongoing"] else ""),
                values["due_date"],
                values["period_status"],
                values["period_percent"],
                values["is_overdue"],
                values["period_updated_at"],
            ]

        return (
            row(values)
            for values in tasks.prefetch_related(None).values(*self.XLSX_FIELDS).iterator(chunk_size=2000)
        )


# -- returns: submit, and the managers' sign-off page ------------------------------------------------------


def officer_return(officer: Officer, period: ReportingPeriod) -> dict:
    """Everything in ``officer``'s return for the quarter ``period`` (and the months, half-year and year
    ending in it): its sign-off row, each task update with the progress expected and last period's update,
    and each value with its judgement and the reason."""
    members = return_members(period)
    rows = returns_for_period(period, officer_ids=[officer.pk], members=members)
    tasks = [
        (item, task_expected_percent(item.task, item.period.end_date))
        for item in my_task_returns(frozenset({officer.pk}), members)
    ]
    values = return_values(frozenset({officer.pk}), members)
    missing_tasks = [item for item, _expected in tasks if item.update is None]
    missing_values = [line for line in values if line.value is None]
    return {
        "officer": officer,
        "period": period,
        "members": members,
        "title": return_title(
            period.period,
            includes=sorted(
                {item.period.period for item, _expected in tasks} | {line.period.period for line in values}
            ),
        ),
        "row": rows[0] if rows else None,
        "tasks": tasks,
        "values": values,
        "missing_tasks": missing_tasks,
        "missing_values": missing_values,
        "missing": len(missing_tasks) + len(missing_values),
        "done": done_words(
            len(tasks) - len(missing_tasks), len(tasks), len(values) - len(missing_values), len(values)
        ),
    }


class ReturnAccessMixin(LoginRequiredMixin):
    """An officer's return is seen by the officer (and their delegates), the managers who decide it, and the
    performance team."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        self.officer = get_object_or_404(Officer.objects.select_related("unit"), pk=kwargs["officer_pk"])
        if (
            self.period.kind != "quarter"
        ):  # returns are made for quarters: a month's or half's is its quarter's
            quarter = return_quarter(self.period)
            if quarter is None:
                raise Http404("Returns are made for quarters, and this period's quarter is not scheduled.")
            return redirect(
                request.resolver_match.view_name, period_pk=quarter.pk, officer_pk=self.officer.pk
            )
        self.actor = request_actor(request)
        if not (
            self.actor.runs_everything
            or self.officer.pk in self.actor.acting_for
            or can_decide_return(self.actor, self.officer, self.period)
        ):
            raise PermissionDenied(
                "A return is seen by its officer, the managers who sign it off and the performance team."
            )
        return super().dispatch(request, *args, **kwargs)


class ReturnDetailView(ReturnAccessMixin, TemplateView):
    """One officer's return for one period, whole: every task update (percent, status, commentary, the
    progress expected, last period's update) and every value with its judgement and the reason, and the
    officer's reason for anything missing. The manager approves or sends it back here."""

    template_name = "actions/return_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) | officer_return(self.officer, self.period)
        row = context["row"]
        if row is not None:
            add_return_row_extras(self.period, [row])  # e.g. the risk reviews in this return
        can_decide = (
            row is not None
            and row.record is not None
            and can_decide_return(self.actor, self.officer, self.period)
        )
        context["can_approve"] = (
            can_decide and row.state == "submitted" and return_decision_allowed("approve", self.period.state)
        )
        context["can_send_back"] = (
            can_decide
            and row.state in ("submitted", "approved")
            and return_decision_allowed("send_back", self.period.state)
        )
        context.setdefault("send_back_form", ReturnSendBackForm())
        context["here"] = self.request.path
        return context


class ReturnSubmitView(ReturnAccessMixin, TemplateView):
    """“Check your answers”, then submit: GET shows what the return holds and what is still missing, with a
    box for the reason when something is; POST submits it to the officer's manager."""

    template_name = "actions/return_check.html"

    def _refusal(self):
        actor = self.actor
        if self.officer.pk not in actor.acting_for and not actor.runs_everything:
            raise PermissionDenied("You can only submit your own return, or one delegated to you.")
        if not can_submit_return(actor, self.officer.pk, self.period):
            messages.error(
                self.request, f"Returns for {self.period.label} cannot be submitted: the period is not open."
            )
            return redirect("home")
        return None

    def get(self, request, *args, **kwargs):
        if (refused := self._refusal()) is not None:
            return refused
        content = officer_return(self.officer, self.period)
        form = ReturnSubmitForm(missing=content["missing"])
        return self.render_to_response(self.get_context_data(form=form, **content))

    def post(self, request, *args, **kwargs):
        if (refused := self._refusal()) is not None:
            return refused
        content = officer_return(self.officer, self.period)
        form = ReturnSubmitForm(request.POST, missing=content["missing"])
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, **content))
        officer, period, actor = self.officer, self.period, self.actor
        try:
            return_submit(
                officer=officer,
                period=period,
                user=request.user,
                gaps_reason=form.cleaned_data.get("gaps_reason", ""),
            )
        except IllegalTransition as error:
            messages.error(request, str(error))
            return redirect("home")
        manager_id = nearest_manager_id(unit_tree(), officer)
        manager = Officer.objects.filter(pk=manager_id).first() if manager_id else None
        whose = "Your" if officer.pk == actor.officer_id else f"{officer.name}'s"
        messages.success(
            request,
            f"{whose} return for {period.label} has been submitted"
            + (f" to {manager.name} for sign-off." if manager else " for sign-off."),
        )
        return redirect("home")


class ReturnListView(LoginRequiredMixin, TemplateView):
    """The sign-off page: for a period, per unit, how many returns are not submitted, submitted, approved and
    sent back, then each return with its officer, state, date, links to their tasks and values, and the
    approve and send-back buttons for those the viewer may decide. Managers see their units; the performance
    team sees everyone."""

    template_name = "actions/return_list.html"
    #: Up to this many returns, every officer's is shown at once; beyond it, one unit's at a time.
    inline_rows = 60
    #: A part of the council chosen shows its officers' returns up to this many, else its units' counts.
    unit_rows = 300
    #: Units listed with their counts, a page at a time.
    units_per_page = 25

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.actor = request_actor(request)
        if not can_see_signoff(self.actor):
            raise PermissionDenied("The sign-off page is for managers and the performance team.")
        return super().dispatch(request, *args, **kwargs)

    def choose(self, data):
        """The filter form, the period chosen (default: the latest open one) and the units in view (None: all
        of them, for the performance team). A unit not recognised is explained and ignored."""
        actor = self.actor
        periods, self.opened = signoff_periods()
        tree = self.tree = unit_tree(lean=True)
        scope = None if actor.runs_everything else set(actor.managed_units)
        data = data.copy() if data is not None else {}
        if not any(str(p.pk) == str(data.get("period", "")).strip() for p in periods):
            fallback = next((p for p in periods if p.state == ReportingPeriod.State.OPEN), None) or (
                periods[0] if periods else None
            )
            data["period"] = str(fallback.pk) if fallback else ""
        form = SignoffFilterForm(data, periods=periods, tree=tree, scope=scope)
        form.is_valid()  # a filter that is not valid is explained and ignored; the others still apply
        chosen = getattr(form, "cleaned_data", {})
        period = next((p for p in periods if str(p.pk) == chosen.get("period")), None)
        unit_ids = chosen.get("unit") or scope
        return form, period, unit_ids

    def get_context_data(self, **kwargs):
        form, period, unit_ids = self.choose(kwargs.pop("filters", None) or self.request.GET or None)
        members = return_members(period, self.opened) if period else []
        owed = returns_owed(period, unit_ids=unit_ids, members=members) if period else None
        row_count = len(owed.counts) if owed else 0
        # A unit chosen, or few returns: every officer's return is shown. Otherwise the units are listed with
        # their counts, each opening its own officers (``?unit=``), so the page stays small at any size, and
        # the rows, decisions and extras of returns not shown are not made: only each unit's counts.
        unit_chosen = bool(getattr(form, "cleaned_data", {}).get("unit"))
        expanded = row_count <= (self.unit_rows if unit_chosen else self.inline_rows)
        rows, groups = [], []
        if period and expanded:
            rows = returns_for_period(period, unit_ids=unit_ids, owed=owed)
            error_record = kwargs.get("error_record")
            for row in rows:
                row.can_decide = row.record is not None and can_decide_return(self.actor, row.officer, period)
                row.can_approve = row.can_decide and return_decision_allowed("approve", period.state)
                row.can_send_back = row.can_decide and return_decision_allowed("send_back", period.state)
                row.has_error = (
                    error_record is not None and row.record is not None and row.record.pk == error_record.pk
                )
            add_return_row_extras(period, rows)  # e.g. risk reviews (actions.hooks)
            groups = signoff_by_unit(rows)
        elif period:
            groups = return_counts_by_unit(period, owed, units=self.tree.units, unit_ids=unit_ids)
        totals = dict.fromkeys(RETURN_STATES, 0)
        for group in groups:
            for state, count in group.counts.items():
                totals[state] += count
        group_page = None
        if not expanded:
            group_page = Paginator(groups, self.units_per_page).get_page(
                self.request.GET.get("units_page", 1)
            )
            groups = list(group_page.object_list)
        return super().get_context_data(**kwargs) | {
            "filter_form": form,
            "period": period,
            "groups": groups,
            "group_page": group_page,
            "totals": totals,
            "row_count": row_count,
            "expanded": expanded,
            "inline_rows": self.inline_rows,
            "states": Return.State,
            "unit_value": form["unit"].value() or "",
            "title": return_title(
                period.period,
                includes=[p.period for p in members if p.kind in owed.kinds_owed],
                noun="Returns",
            )
            if period
            else "",
        }


class ReturnDecideView(ReturnListView):
    """POST: a manager approves a submitted return, or sends it back with a comment."""

    def get(self, request, *args, **kwargs):
        return redirect("actions:return-list")

    def post(self, request, pk, decision):
        record = get_object_or_404(Return.objects.select_related("officer", "period"), pk=pk)
        if decision not in ("approve", "send_back"):
            raise PermissionDenied("That is not a decision on a return.")
        if not can_decide_return(self.actor, record.officer, record.period):
            raise PermissionDenied("You cannot decide this return.")
        back = (
            reverse("actions:return-list")
            + "?"
            + urlencode({"period": record.period_id, "unit": request.POST.get("unit", "")})
        )
        from_return = reverse("actions:return-detail", args=[record.period_id, record.officer_id])
        if request.POST.get("next") == from_return:
            back = from_return
        try:
            if decision == "approve":
                return_approve(record=record, user=request.user)
                messages.success(
                    request, f"{record.officer.name}'s return for {record.period.label} is approved."
                )
            else:
                form = ReturnSendBackForm(request.POST)
                if not form.is_valid() and back == from_return:
                    page = ReturnDetailView()
                    page.setup(request, period_pk=record.period_id, officer_pk=record.officer_id)
                    page.period, page.officer, page.actor = record.period, record.officer, self.actor
                    return page.render_to_response(page.get_context_data(send_back_form=form))
                if not form.is_valid():
                    filters = {"period": str(record.period_id), "unit": request.POST.get("unit", "")}
                    context = self.get_context_data(filters=filters, error_record=record, error_form=form)
                    return self.render_to_response(context)
                return_send_back(record=record, user=request.user, comment=form.cleaned_data["comment"])
                messages.success(
                    request,
                    f"{record.officer.name}'s return for {record.period.label} has been sent back with your comment.",
                )
        except IllegalTransition as error:
            messages.error(request, f"{record.officer.name}'s return for {record.period.label}: {error}")
        return redirect(back)
