"""Administrators manage API clients here: the token is shown once, on the page that follows its
creation or renewal; revoking asks for a reason. Every change goes through api.services (audited)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User

from . import services
from .models import ApiClient, ApiSubmission, Scope

SHORT_SCOPE_LABELS = {
    Scope.SUBMIT_DOSSIERS: gettext_lazy("gửi hồ sơ"),
    Scope.READ_STATUS: gettext_lazy("tra cứu hồ sơ"),
    Scope.READ_AWARDS: gettext_lazy("đọc khen thưởng"),
}


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Phạm vi được phép"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["name", "user", "scopes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = User.objects.filter(is_active=True)


class _ManagedByAdministrators:
    def _may(self, request) -> bool:
        return request.user.is_active and request.user.has_perm("api.manage_clients")

    def has_module_permission(self, request):
        return self._may(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request)

    def has_delete_permission(self, request, obj=None):
        return False  # a client is revoked, never deleted: the audit keeps pointing at it


def _token_page(modeladmin, request, client, token):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Khóa truy cập của “%(name)s”") % {"name": client.name},
        "opts": ApiClient._meta,
        "client": client,
        "token": token,
    }
    response = TemplateResponse(request, "admin/api/apiclient/token.html", context)
    response["Cache-Control"] = "no-store"
    return response


@admin.register(ApiClient)
class ApiClientAdmin(_ManagedByAdministrators, admin.ModelAdmin):
    form = ApiClientForm
    list_display = ("name", "user", "scope_list", "is_active", "token_prefix", "last_used_at")
    list_filter = ("is_active",)
    search_fields = ("name", "user__username", "user__full_name")
    list_select_related = ("user",)
    actions = ["revoke", "renew_token"]
    autocomplete_fields = ["user"]

    def has_add_permission(self, request):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request) and (obj is None or obj.is_active)

    @admin.display(description=gettext_lazy("phạm vi"))
    def scope_list(self, obj):
        return ", ".join(str(SHORT_SCOPE_LABELS.get(s, s)) for s in obj.scopes)

    def get_readonly_fields(self, request, obj=None):
        always = ["token_prefix", "is_active", "last_used_at", "created_by", "created_at", "revoked_at", "revoked_reason"]
        return always if obj is None else ["user", *always]

    def get_fields(self, request, obj=None):
        return (
            ["name", "user", "scopes"] if obj is None else ["name", "user", "scopes", *self.get_readonly_fields(request, obj)[1:]]
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.api_client_update(by=request.user, client=obj, name=data["name"], scopes=data["scopes"])
            return
        client, token = services.api_client_create(by=request.user, name=data["name"], user=data["user"], scopes=data["scopes"])
        obj.pk, obj.token_prefix, obj.created_by, obj.created_at = (
            client.pk,
            client.token_prefix,
            client.created_by,
            client.created_at,
        )
        obj._state.adding = False
        request._api_token = token

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(request, "_api_token", None)
        if token is None:
            return super().response_add(request, obj, post_url_continue)
        return _token_page(self, request, obj, token)

    @admin.action(description=gettext_lazy("Thu hồi khóa của các hệ thống đã chọn"))
    def revoke(self, request, queryset):
        clients = list(queryset.filter(is_active=True))
        reason = request.POST.get("reason", "")
        if request.POST.get("confirm") == "yes" and reason.strip():
            for client in clients:
                try:
                    services.api_client_revoke(by=request.user, client=client, reason=reason)
                except (ValidationError, PermissionDenied) as exc:
                    messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
                else:
                    messages.success(request, _("Đã thu hồi khóa của “%(name)s”.") % {"name": client.name})
            return None
        if not clients:
            messages.warning(request, _("Các hệ thống đã chọn đều đã bị thu hồi."))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Thu hồi khóa truy cập"),
            "opts": ApiClient._meta,
            "clients": clients,
            "reason": reason,
            "missing_reason": request.POST.get("confirm") == "yes",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/api/apiclient/revoke.html", context)

    @admin.action(description=gettext_lazy("Cấp khóa mới (khóa cũ ngừng dùng được ngay)"))
    def renew_token(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Hãy chọn đúng một hệ thống để cấp khóa mới."))
            return None
        client = queryset.get()
        try:
            token = services.api_client_token_renew(by=request.user, client=client)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return None
        return _token_page(self, request, client, token)


@admin.register(ApiSubmission)
class ApiSubmissionAdmin(_ManagedByAdministrators, admin.ModelAdmin):
    list_display = ("external_reference", "client", "dossier", "created_at")
    list_filter = ("client",)
    search_fields = ("external_reference", "dossier__receipt_number", "dossier__title")
    list_select_related = ("client", "dossier__unit")
    readonly_fields = ("client", "external_reference", "request_hash", "dossier", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
