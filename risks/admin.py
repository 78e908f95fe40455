"""Admin for the risk register, through the same rules as the pages: levels checked against the council's
matrix, status changed only by closing (with a reason) or reopening, which call the services."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms.models import BaseInlineFormSet, construct_instance
from simple_history.admin import SimpleHistoryAdmin

from plans.admin import PeriodRecordAdminMixin

from . import rules
from .models import Risk, RiskCategory, RiskMatrix, RiskOwner, RiskReview
from .services import LEVEL_FIELDS as LEVELS
from .services import level_errors, risk_close, risk_errors, risk_reopen


@admin.register(RiskMatrix)
class RiskMatrixAdmin(SimpleHistoryAdmin):
    fieldsets = [
        (None, {"fields": ["size", "likelihood_words", "impact_words"]}),
        ("Bands", {"fields": [("amber_from", "red_from"), ("green_word", "amber_word", "red_word")]}),
    ]

    def has_add_permission(self, request):
        return not RiskMatrix.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class MatrixForm(form):
            def clean(self):
                data = super().clean()
                size = data.get("size")
                if size is None:
                    return data
                problems = rules.matrix_problems(
                    size=size,
                    likelihood_words=rules.words_from_text(data.get("likelihood_words", "")),
                    impact_words=rules.words_from_text(data.get("impact_words", "")),
                    amber_from=data.get("amber_from") or 0,
                    red_from=data.get("red_from") or 0,
                )
                highest = (
                    max((v or 0) for v in Risk.objects.aggregate(*(Max(f) for f in LEVELS)).values())
                    if Risk.objects.exists()
                    else 0
                )
                reviewed = RiskReview.objects.aggregate(a=Max("likelihood"), b=Max("impact"))
                highest = max(highest, reviewed["a"] or 0, reviewed["b"] or 0)
                if highest > size:
                    problems.append(
                        f"Risks are scored up to level {highest}: the matrix cannot be smaller than "
                        f"{highest} × {highest} until they are re-scored."
                    )
                if problems:
                    raise ValidationError(problems)
                return data

        return MatrixForm


@admin.register(RiskCategory)
class RiskCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]


class OwnersFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("officer")
        ]
        if not kept:
            raise ValidationError("Name at least one owner.")


class RiskOwnerInline(admin.TabularInline):
    model = RiskOwner
    formset = OwnersFormSet
    autocomplete_fields = ["officer"]
    fields = ["order", "officer"]
    extra = 1


class RiskReviewInline(admin.TabularInline):
    model = RiskReview
    fields = ["period", "likelihood", "impact", "commentary", "reviewed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class RiskAdminForm(forms.ModelForm):
    close_with_reason = forms.CharField(
        label="Close the risk, because",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Fill this in to close an open risk (it has passed, been transferred or merged…).",
    )
    reopen_with_reason = forms.CharField(
        label="Reopen the risk, because", required=False, help_text="Fill this in to reopen a closed risk."
    )
    reason_for_change = forms.CharField(
        label="Reason for change", required=False, max_length=100, help_text="Kept in the audit trail."
    )

    class Meta:
        model = Risk
        fields = [
            "unit",
            "plan",
            "reference",
            "category",
            "title",
            "cause",
            "effect",
            *LEVELS,
            "controls",
            "further_actions",
            "action_tasks",
            "review_date",
            "objectives",
            "tasks",
            "indicators",
        ]

    def clean(self):
        data = super().clean()
        candidate = construct_instance(self, copy.copy(self.instance))
        matrix = RiskMatrix.load().as_rules()
        for name, messages_ in risk_errors(candidate, None, matrix).items():
            if name == "reference" and self.has_error("reference"):
                continue  # the form's own unique check has said it
            for message in messages_:
                self.add_error(name if name in self.fields else None, message)
        if data.get("reopen_with_reason") and candidate.status != Risk.Status.CLOSED:
            self.add_error("reopen_with_reason", "Only a closed risk can be reopened.")
        if data.get("close_with_reason") and self.instance.pk and candidate.status == Risk.Status.CLOSED:
            self.add_error("close_with_reason", "This risk is already closed.")
        return data


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    form = RiskAdminForm
    list_display = [
        "reference",
        "title",
        "unit",
        "category",
        "current_score_display",
        "status",
        "review_date",
    ]
    list_filter = ["status", "category", "unit"]
    list_select_related = ["unit", "category"]
    search_fields = ["reference", "title", "cause", "effect"]
    autocomplete_fields = ["unit", "plan", "objectives", "tasks", "indicators", "action_tasks"]
    readonly_fields = ["status", "closed_reason", "closed_on"]
    inlines = [RiskOwnerInline, RiskReviewInline]
    fieldsets = [
        (None, {"fields": ["unit", "plan", ("reference", "category"), "title", "cause", "effect"]}),
        (
            "Scores (likelihood × impact on the council's matrix)",
            {
                "fields": [
                    ("inherent_likelihood", "inherent_impact"),
                    ("current_likelihood", "current_impact"),
                    ("target_likelihood", "target_impact"),
                ]
            },
        ),
        ("Treatment", {"fields": ["controls", "further_actions", "action_tasks", "review_date"]}),
        ("Links", {"fields": ["objectives", "tasks", "indicators"]}),
        (
            "Status",
            {"fields": ["status", "closed_reason", "closed_on", "close_with_reason", "reopen_with_reason"]},
        ),
        ("Reason for change", {"fields": ["reason_for_change"]}),
    ]

    @admin.display(description="current score", ordering="current_likelihood")
    def current_score_display(self, obj):
        return f"{obj.current_likelihood} × {obj.current_impact} = {obj.current_score}"

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("reason_for_change", "").strip()
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        risk = form.instance
        if form.cleaned_data.get("close_with_reason"):
            risk_close(risk=risk, reason=form.cleaned_data["close_with_reason"], user=request.user)
            messages.info(request, f"{risk.reference} is closed.")
        elif form.cleaned_data.get("reopen_with_reason"):
            risk_reopen(risk=risk, reason=form.cleaned_data["reopen_with_reason"], user=request.user)
            messages.info(request, f"{risk.reference} is open again.")


class RiskReviewAdminForm(forms.ModelForm):
    class Meta:
        model = RiskReview
        fields = ["risk", "period", "likelihood", "impact", "commentary"]

    def clean(self):
        data = super().clean()
        matrix = RiskMatrix.load().as_rules()
        values = {k: data[k] for k in ("likelihood", "impact") if data.get(k) is not None}
        for name, message in level_errors(values, matrix).items():
            self.add_error(name, message)
        return data


@admin.register(RiskReview)
class RiskReviewAdmin(PeriodRecordAdminMixin, SimpleHistoryAdmin):
    """Corrections by the performance team (the owners review on the risk's page). Every save is kept in the
    history and moves the version on, so an owner editing at the same time is told."""

    form = RiskReviewAdminForm
    list_display = ["risk", "period", "likelihood", "impact", "reviewed_by", "updated_at"]
    list_filter = ["period"]
    list_select_related = ["risk", "period", "reviewed_by"]
    search_fields = ["risk__reference", "risk__title", "commentary"]
    autocomplete_fields = ["risk", "period"]
    readonly_fields = ["version", "reviewed_by"]

    def save_model(self, request, obj, form, change):
        obj.version = (obj.version or 0) + 1 if change else 1
        if not change:
            obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(RiskOwner)
class RiskOwnerAdmin(admin.ModelAdmin):
    list_display = ["officer", "risk", "order"]
    list_select_related = ["officer", "risk"]
    search_fields = ["officer__name", "risk__reference", "risk__title"]
    autocomplete_fields = ["officer", "risk"]
