from django.contrib import admin
from django.db import models
from django.forms import Textarea
from simple_history.admin import SimpleHistoryAdmin

from plans.admin import (
    LockedPlanInlineMixin,
    PeriodRecordAdminMixin,
    PlanAdmin,
    PlanSectionAdmin,
    ReasonForChangeAdmin,
    RuleCheckedStepsMixin,
)
from plans.models import Return
from plans.permissions import can_decide_return

from .models import Milestone, ProgressUpdate, ReminderSent, Task, TaskOfficer
from .services import return_approve


class TaskOfficerInline(admin.TabularInline):
    model = TaskOfficer
    autocomplete_fields = ["officer"]
    extra = 1


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ["order", "name", "due_date", "due_date_text", "done", "done_on"]
    extra = 0


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}
    fields = ["period", "percent_complete", "status", "commentary", "updated_by"]
    autocomplete_fields = ["period"]
    readonly_fields = ["updated_by"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("period", "updated_by")


@admin.register(Task)
class TaskAdmin(ReasonForChangeAdmin):
    list_display = ["__str__", "section", "category", "due_date_text", "ongoing"]
    list_per_page = 50
    list_filter = ["category", "ongoing", "plan", "plan__first_year"]
    search_fields = ["text", "reference", "success_criteria", "officers__name", "section__title"]
    autocomplete_fields = ["plan", "section", "objective", "priorities", "carried_forward_from"]
    list_select_related = ["plan", "section"]
    date_hierarchy = "due_date"
    inlines = [TaskOfficerInline, MilestoneInline, ProgressUpdateInline]
    fieldsets = [
        (None, {"fields": ["plan", "section", "objective", ("reference", "order"), "category", "text"]}),
        ("Responsibility and resources", {"fields": ["responsibility_note", "resources", "budget"]}),
        ("Timing", {"fields": [("start_date", "due_date"), "due_date_text", "ongoing"]}),
        ("Outcome and risk", {"fields": ["success_criteria", "risk", "priorities", "carried_forward_from"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset, may_have_duplicates


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["name", "task", "due_date", "due_date_text", "done"]
    list_filter = ["done"]
    search_fields = ["name", "task__text"]
    autocomplete_fields = ["task"]
    list_select_related = ["task"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(PeriodRecordAdminMixin, SimpleHistoryAdmin):
    list_display = ["task", "period", "percent_complete", "status", "updated_by", "updated_at"]
    list_filter = ["status", "period"]
    search_fields = ["task__text", "commentary"]
    autocomplete_fields = ["task", "period"]
    list_select_related = ["task", "period", "updated_by"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TaskOfficer)
class TaskOfficerAdmin(admin.ModelAdmin):
    list_display = ["officer", "task", "order"]
    search_fields = ["officer__name", "task__text"]
    autocomplete_fields = ["task", "officer"]
    list_select_related = ["officer", "task"]


@admin.register(Return)
class ReturnAdmin(RuleCheckedStepsMixin, SimpleHistoryAdmin):
    list_display = ["officer", "period", "state", "submitted_at", "decided_by", "decided_at"]
    list_filter = ["state", "period"]
    search_fields = ["officer__name", "comment"]
    autocomplete_fields = ["officer", "period"]
    list_select_related = ["officer", "period", "decided_by"]
    # The state moves only by the return's steps: the officer submits on My updates, the manager decides on
    # the sign-off page (where sending back asks for the comment); here, approving uses the same service.
    readonly_fields = ["state", "submitted_at", "submitted_by", "decided_at", "decided_by"]
    actions = ["approve_returns"]

    @admin.action(description="Approve the selected submitted returns")
    def approve_returns(self, request, queryset):
        self.take_steps(
            request,
            queryset.select_related("officer", "period"),
            step=lambda record: return_approve(record=record, user=request.user),
            may=lambda actor, record: can_decide_return(actor, record.officer, record.period),
            done="Approved the returns of",
            name=lambda record: record.officer.name,
        )


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "sent_on", "address", "sent_at"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["recipient__name", "address"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "kind", "sent_on", "sent_at", "address", "summary"]

    def has_add_permission(self, request):
        return False


class PlanTaskInline(LockedPlanInlineMixin, admin.TabularInline):
    model = Task
    fields = ["section", "order", "text", "category", "due_date_text", "ongoing"]
    extra = 0
    show_change_link = True
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["section"].queryset = obj.sections.all()
        return formset


class SectionTaskInline(LockedPlanInlineMixin, admin.TabularInline):
    model = Task
    fields = ["order", "text", "category", "due_date_text"]
    extra = 0
    show_change_link = True


# A plan's and a section's admin pages list their tasks.
PlanAdmin.inlines = [*PlanAdmin.inlines, PlanTaskInline]
PlanSectionAdmin.inlines = [*PlanSectionAdmin.inlines, SectionTaskInline]
