from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from serviceplans.periods import Period, PeriodParseError
from serviceplans.permissions import can_run_periods

from . import hooks, services
from .models import (
    CouncilSettings,
    Delegation,
    Objective,
    Officer,
    OrganisationUnit,
    Plan,
    PlanSection,
    Priority,
    ReportingPeriod,
)
from .permissions import can_move_plan, period_is_open_to, request_actor
from .rules import IllegalTransition
from .selectors import periods_closed_with

REASON_HELP = (
    "Needed once the plan is approved: say why this is changing (for example “Committee agreed a revised "
    "target on 12/09/2026”). It is kept in the audit trail."
)


def locked_plan_of(obj) -> Plan | None:
    """The approved (or later) plan a task, indicator, target or section belongs to, if any."""
    plan = None
    if isinstance(obj, Plan):
        plan = obj
    elif getattr(obj, "plan_id", None):
        plan = obj.plan
    elif getattr(obj, "indicator_id", None):
        plan = obj.indicator.plan
    return plan if plan is not None and plan.is_locked else None


class ReasonForChangeForm(forms.ModelForm):
    """An admin form that asks for a reason when the object belongs to an approved plan; the reason is
    stored on the history row simple_history writes (``history_change_reason``)."""

    reason_for_change = forms.CharField(
        label="Reason for change", max_length=100, required=False, help_text=REASON_HELP
    )

    def _plan_for_check(self) -> Plan | None:
        data = getattr(self, "cleaned_data", {})
        if self.instance.pk or getattr(self.instance, "indicator_id", None):
            return locked_plan_of(self.instance)
        if data.get("plan"):
            return data["plan"] if data["plan"].is_locked else None
        if data.get("indicator"):
            return locked_plan_of(data["indicator"])
        return None

    def clean(self):
        data = super().clean()
        changed = [name for name in self.changed_data if name != "reason_for_change"]
        if changed and self._plan_for_check() is not None and not data.get("reason_for_change", "").strip():
            self.add_error(
                "reason_for_change",
                "Enter the reason for this change: the plan has been approved, so changes are logged with a reason",
            )
        return data


class ReasonForChangeAdmin(SimpleHistoryAdmin):
    """Admin for tasks, indicators and targets: a reason is asked for (and logged) once the plan is approved,
    and nothing in an approved plan can be deleted."""

    form = ReasonForChangeForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not any("reason_for_change" in (options.get("fields") or []) for _name, options in fieldsets):
            fieldsets.append(("Reason for change", {"fields": ["reason_for_change"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("reason_for_change", "").strip()
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and locked_plan_of(obj) is not None:
            return False
        return super().has_delete_permission(request, obj)


class LockedPlanInlineMixin:
    """Inlines of tasks and indicators on a plan's or section's page: once the plan is approved they are
    read-only there (each row links to its own page, which asks for the reason for a change), and none
    can be deleted."""

    def has_add_permission(self, request, obj=None):
        if obj is not None and locked_plan_of(obj) is not None:
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and locked_plan_of(obj) is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and locked_plan_of(obj) is not None:
            return False
        return super().has_delete_permission(request, obj)


class RuleCheckedStepsMixin:
    """Admin actions that move objects through their lives: each object is checked with the same permission
    predicate the pages use (``may(actor, obj)``), then moved by the same service, whose rules refuse a step
    the object's state does not allow; each refusal is reported with its reason, the rest still move."""

    def take_steps(self, request, queryset, *, step, may, done: str, name=str) -> None:
        actor = request_actor(request)
        moved = []
        for obj in queryset:
            if not may(actor, obj):
                self.message_user(request, f"{name(obj)}: you may not do that.", messages.ERROR)
                continue
            try:
                step(obj)
            except IllegalTransition as refusal:
                self.message_user(request, f"{name(obj)}: {refusal}", messages.ERROR)
            else:
                moved.append(name(obj))
        if moved:
            self.message_user(request, f"{done}: {', '.join(moved)}.", messages.SUCCESS)


class PeriodRecordAdminMixin:
    """Task updates and indicator values belong to a period's returns: in the admin, as on the pages, those of
    a period no longer open to the person (``plans.permissions.period_is_open_to``: published periods, for
    everyone) are read-only and cannot be added or deleted."""

    def _open_to(self, request, obj) -> bool:
        return obj is None or period_is_open_to(request_actor(request), obj.period)

    def has_change_permission(self, request, obj=None):
        return self._open_to(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open_to(request, obj) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        actor = request_actor(request)

        class PeriodOpenForm(form):
            def clean(self):
                data = super().clean()
                period = data.get("period")
                if period is not None and not period_is_open_to(actor, period):
                    self.add_error(
                        "period",
                        f"{period.label} is {period.get_state_display().lower()}: its returns can no longer "
                        "be changed",
                    )
                return data

        return PeriodOpenForm


def _may_move(actor, plan, action: str) -> bool:
    """Who may take a plan's step, as on the plan page; whether its status allows the step is for the
    service to say (with its reason). Next year's plan is started by those who run the periods."""
    if action == "carry_forward":
        return can_run_periods(actor)
    return actor.runs_everything or can_move_plan(actor, plan, action)


class ChildUnitInline(admin.TabularInline):
    model = OrganisationUnit
    fk_name = "parent"
    fields = ["name", "kind", "slug", "order", "active"]
    extra = 0
    show_change_link = True
    verbose_name_plural = "units beneath this one"


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "head", "order", "active"]
    list_filter = ["kind", "active", "parent"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "head"]
    list_select_related = ["parent", "head"]
    inlines = [ChildUnitInline]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "unit", "email", "user", "active"]
    list_filter = ["active", "unit"]
    search_fields = ["name", "job_title", "email", "user__username"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["unit", "user"]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "first_year", "last_year", "order"]
    list_filter = ["kind", "first_year"]
    search_fields = ["code", "title", "description"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(RuleCheckedStepsMixin, admin.ModelAdmin):
    list_display = ["label", "kind", "start_date", "end_date", "deadline", "state"]
    list_filter = ["state", "kind", "financial_year"]
    list_editable = ["deadline"]
    search_fields = ["financial_year"]
    # A period's state moves only by its steps (the same services as the Periods page), never by typing.
    readonly_fields = ["start_date", "end_date", "state"]
    ordering = ["-start_date", "end_date"]
    actions = ["open_periods", "close_periods", "publish_periods"]

    def _step(self, request, queryset, service, done: str):
        self.take_steps(
            request,
            queryset,
            step=lambda period: service(period=period),
            may=lambda actor, period: can_run_periods(actor),
            done=done,
            name=lambda period: period.label,
        )

    @admin.action(description="Open the selected periods for returns")
    def open_periods(self, request, queryset):
        self._step(request, queryset, services.period_open, "Opened")

    @admin.action(description="Close the selected periods (returns become read-only)")
    def close_periods(self, request, queryset):
        closed_with_others: set[int] = set()

        def close(*, period):
            """A quarter and its half-year chosen together: the second was closed with the first."""
            period.refresh_from_db(fields=["state"])
            if period.pk in closed_with_others and period.state == ReportingPeriod.State.CLOSED:
                return period
            closed_with_others.update(periods_closed_with(period).values_list("pk", flat=True))
            return services.period_close(period=period)

        self._step(request, queryset, close, "Closed")

    @admin.action(description="Publish the selected closed periods (freezes their judgements)")
    def publish_periods(self, request, queryset):
        self._step(request, queryset, services.period_publish, "Published")

    def get_search_results(self, request, queryset, search_term):
        """Find a period by what people type: “2008/09 Q2”, “Q2 2008/09”, “2008/09” or just “2008”."""
        try:
            period = Period.parse(search_term)
        except PeriodParseError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(
            financial_year=period.year.start_year, kind=period.kind, number=period.number
        ), False


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    fields = ["title", "unit", "order"]
    autocomplete_fields = ["unit"]
    extra = 0
    show_change_link = True


class ObjectiveInline(admin.StackedInline):
    model = Objective
    fields = [("reference", "order"), "section", "text", "priorities"]
    autocomplete_fields = ["priorities"]
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["section"].queryset = obj.sections.all()
        return formset


@admin.register(Plan)
class PlanAdmin(RuleCheckedStepsMixin, ReasonForChangeAdmin):
    list_display = ["title", "years_label", "unit", "reporting_frequency", "status", "approved_on", "owner"]
    list_filter = ["status", "reporting_frequency", "first_year", "unit"]
    search_fields = ["title", "slug", "committee", "unit__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["unit", "owner", "previous_plan"]
    list_select_related = ["unit", "owner"]
    date_hierarchy = "approved_on"
    # Tasks are added by actions.admin (plans never imports the apps above it).
    inlines = [PlanSectionInline, ObjectiveInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "unit", "owner", ("first_year", "years"), "reporting_frequency"]},
        ),
        ("Approval", {"fields": ["status", "committee", "approved_on"]}),
        ("Content", {"fields": ["introduction", "previous_plan"]}),
    ]
    # The status moves only by the plan's steps (the same services as the plan page).
    readonly_fields = ["status"]
    actions = ["submit_plans", "return_plans_to_draft", "publish_plans", "archive_plans", "carry_forward"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            hooks.plan_changed(plan=obj)  # its years may have changed what its indicators are judged over

    def _step(self, request, queryset, service, done: str, action: str):
        self.take_steps(
            request,
            queryset,
            step=lambda plan: service(plan=plan, user=request.user),
            may=lambda actor, plan: _may_move(actor, plan, action),
            done=done,
        )

    @admin.action(description="Submit the selected draft plans for approval")
    def submit_plans(self, request, queryset):
        self._step(request, queryset, services.plan_submit, "Submitted for approval", "submit")

    @admin.action(description="Return the selected submitted plans to draft")
    def return_plans_to_draft(self, request, queryset):
        self._step(request, queryset, services.plan_return_to_draft, "Returned to draft", "return_to_draft")

    @admin.action(description="Publish the selected approved plans")
    def publish_plans(self, request, queryset):
        self._step(request, queryset, services.plan_publish, "Published", "publish")

    @admin.action(description="Archive the selected plans")
    def archive_plans(self, request, queryset):
        self._step(request, queryset, services.plan_archive, "Archived", "archive")

    @admin.action(description="Start next year's plan from the selected approved plans")
    def carry_forward(self, request, queryset):
        self._step(
            request, queryset, services.plan_carry_forward, "Next year's plan started from", "carry_forward"
        )


@admin.register(PlanSection)
class PlanSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "unit", "order"]
    list_filter = ["plan"]
    search_fields = ["title", "plan__title"]
    autocomplete_fields = ["plan", "unit"]
    list_select_related = ["plan", "unit"]
    # Tasks and indicators are added by actions.admin and indicators.admin.
    inlines = []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        hooks.plan_changed(plan=form.instance.plan)  # an indicator's polarity may have changed on the inline

    def get_inline_instances(self, request, obj=None):
        # Tasks and indicators need the section's plan, so they are added once the section exists.
        return super().get_inline_instances(request, obj) if obj else []


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "section"]
    list_filter = ["plan"]
    search_fields = ["text", "reference", "plan__title"]
    autocomplete_fields = ["plan", "section", "priorities"]
    list_select_related = ["plan", "section"]


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "default_tolerance_percent", "task_green_at", "task_amber_at"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "default_tolerance_percent" in form.changed_data:
            hooks.settings_changed()  # every indicator using the default is judged again

    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["officer", "delegate", "starts_on", "ends_on"]
    search_fields = ["officer__name", "delegate__name"]
    autocomplete_fields = ["officer", "delegate"]
    list_select_related = ["officer", "delegate"]
