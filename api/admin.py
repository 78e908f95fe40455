"""API tokens in admin, for the performance team: make one (its secret is shown once, on the page that
follows), see when each was last used, and revoke it. Tokens are never deleted, so the audit trail can
always name them."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from plans.permissions import request_actor

from .models import ApiToken
from .services import api_token_create, api_token_revoke


class WorkingFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("working", "Working"), ("revoked", "Revoked")]

    def queryset(self, request, queryset):
        if self.value() == "working":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "access", "sees", "key_hint", "created_at", "last_used_at", "status"]
    list_filter = [WorkingFilter, "access"]
    search_fields = ["name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    actions = ["revoke"]
    add_fields = ["name", "access", "unit"]
    change_readonly = ["key_hint", "service_user", "created_by", "created_at", "last_used_at", "revoked_at"]

    # -- who: the performance team (and superusers) only -------------------------------------------------------

    def _runs_everything(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and request_actor(request).runs_everything

    def has_module_permission(self, request):
        return self._runs_everything(request)

    def has_view_permission(self, request, obj=None):
        return self._runs_everything(request)

    def has_add_permission(self, request):
        return self._runs_everything(request)

    def has_change_permission(self, request, obj=None):
        return self._runs_everything(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead, so the audit trail can still name the token

    @admin.display(description="sees")
    def sees(self, token):
        return f"{token.unit.name} and beneath" if token.unit_id else "Whole council"

    @admin.display(description="status")
    def status(self, token):
        return "Working" if token.revoked_at is None else "Revoked"

    # -- the form --------------------------------------------------------------------------------------------

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else [*self.add_fields, *self.change_readonly]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["name", "access", "unit", *self.change_readonly]

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, key = api_token_create(
            name=obj.name, access=obj.access, unit=obj.unit, created_by=request.user
        )
        for model_field in ApiToken._meta.concrete_fields:
            setattr(obj, model_field.attname, getattr(token, model_field.attname))
        obj._state.adding = False
        request._api_token_key = key

    def response_add(self, request, obj, post_url_continue=None):
        """The secret, shown once: it is not kept, so it cannot be shown again."""
        return TemplateResponse(
            request,
            "admin/api/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "key": request._api_token_key,
                "title": f"API token “{obj.name}” made",
            },
        )

    @admin.action(description="Revoke the selected tokens (they stop working at once)")
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token)
        self.message_user(request, f"{queryset.count()} token(s) revoked.", messages.SUCCESS)
