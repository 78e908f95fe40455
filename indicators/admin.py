from django.contrib import admin
from django.db import models
from django.forms import Textarea
from simple_history.admin import SimpleHistoryAdmin

from plans.admin import (
    LockedPlanInlineMixin,
    PeriodRecordAdminMixin,
    PlanSectionAdmin,
    ReasonForChangeAdmin,
    ReasonForChangeForm,
)

from .models import Framework, Indicator, IndicatorOfficer, IndicatorValue, Judgement, Target
from .services import indicator_judgements_refresh


class JudgedAgainAdmin:
    """Admin for an indicator's targets and values: every save or delete stores the indicator's judgements
    afresh (``indicators.judgements``), for the indicator it belonged to before the change as well."""

    def save_model(self, request, obj, form, change):
        before = form.initial.get("indicator") if change else None
        super().save_model(request, obj, form, change)
        indicator_judgements_refresh(indicator_ids=[i for i in (before, obj.indicator_id) if i is not None])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        indicator_judgements_refresh(indicator_ids=[obj.indicator_id])

    def delete_queryset(self, request, queryset):
        ids = set(queryset.values_list("indicator_id", flat=True))
        super().delete_queryset(request, queryset)
        indicator_judgements_refresh(indicator_ids=ids)


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "active", "order"]
    list_filter = ["active"]
    list_editable = ["active", "order"]
    search_fields = ["code", "name"]


class IndicatorOfficerInline(admin.TabularInline):
    model = IndicatorOfficer
    autocomplete_fields = ["officer"]
    extra = 1


class TargetInline(admin.TabularInline):
    model = Target
    form = ReasonForChangeForm
    fields = ["financial_year", "period", "value", "text", "tolerance_percent", "reason_for_change"]
    autocomplete_fields = ["period"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("period")


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}
    fields = ["period", "value", "text_value", "no_data_reason", "note", "entered_by"]
    autocomplete_fields = ["period"]
    readonly_fields = ["entered_by"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("period", "entered_by")


@admin.register(Indicator)
class IndicatorAdmin(ReasonForChangeAdmin):
    list_display = ["name", "reference_code", "plan", "section", "unit", "polarity", "collection_frequency"]
    list_filter = ["unit", "polarity", "collection_frequency", "data_only", "frameworks", "plan"]
    search_fields = ["name", "reference_code", "definition", "section__title"]
    autocomplete_fields = ["plan", "section"]
    filter_horizontal = ["frameworks"]
    list_select_related = ["plan", "section"]
    inlines = [IndicatorOfficerInline, TargetInline, IndicatorValueInline]
    fieldsets = [
        (
            None,
            {"fields": ["plan", "section", ("reference_code", "order"), "name", "frameworks", "definition"]},
        ),
        (
            "How it is measured",
            {
                "fields": [
                    ("unit", "decimal_places"),
                    "polarity",
                    "tolerance_percent",
                    ("aggregation", "collection_frequency"),
                    "data_only",
                ]
            },
        ),
    ]

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        reasons = {
            id(f.instance): f.cleaned_data.get("reason_for_change", "").strip()
            for f in formset.forms
            if "reason_for_change" in f.fields and getattr(f, "cleaned_data", None)
        }
        for instance in instances:
            if isinstance(instance, IndicatorValue) and instance.entered_by_id is None:
                instance.entered_by = request.user
            if reasons.get(id(instance)):
                instance._change_reason = reasons[id(instance)]
            instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        """After the indicator and its targets and values are saved, its judgements are stored afresh."""
        super().save_related(request, form, formsets, change)
        indicator_judgements_refresh(indicator_ids=[form.instance.pk])


@admin.register(Target)
class TargetAdmin(JudgedAgainAdmin, ReasonForChangeAdmin):
    list_display = ["indicator", "financial_year", "period", "value", "text", "tolerance_percent"]
    list_filter = ["financial_year"]
    search_fields = ["indicator__name", "text"]
    autocomplete_fields = ["indicator", "period"]
    list_select_related = ["indicator", "period"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(PeriodRecordAdminMixin, JudgedAgainAdmin, SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "period",
        "value",
        "text_value",
        "no_data_reason",
        "entered_by",
        "updated_at",
    ]
    list_filter = ["period"]
    search_fields = ["indicator__name", "note", "no_data_reason"]
    autocomplete_fields = ["indicator", "period"]
    list_select_related = ["indicator", "period", "entered_by"]
    readonly_fields = ["entered_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(IndicatorOfficer)
class IndicatorOfficerAdmin(admin.ModelAdmin):
    list_display = ["officer", "indicator", "order"]
    search_fields = ["officer__name", "indicator__name"]
    autocomplete_fields = ["indicator", "officer"]
    list_select_related = ["officer", "indicator"]


class SectionIndicatorInline(LockedPlanInlineMixin, admin.TabularInline):
    model = Indicator
    fields = ["order", "name", "unit", "polarity"]
    extra = 0
    show_change_link = True


# A section's admin page lists its indicators (after its tasks).
PlanSectionAdmin.inlines = [*PlanSectionAdmin.inlines, SectionIndicatorInline]


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    """The stored judgements, to look at: they are worked out from the records (``indicators.judgements``),
    never typed, so nothing here can be added, changed or deleted."""

    list_display = ["indicator", "financial_year", "kind", "number", "rag", "symbol", "frozen", "computed_at"]
    list_filter = ["rag", "symbol", "kind", "frozen", "financial_year"]
    search_fields = ["indicator__name", "indicator__reference_code", "reason"]
    list_select_related = ["indicator"]
    readonly_fields = [field.name for field in Judgement._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
