from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import SearchKeyAdminMixin

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(SearchKeyAdminMixin, BaseUserAdmin):
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    search_fields = ("username", "full_name", "email", "phone")
    search_key_fields = ("search_name",)
    ordering = ("full_name",)
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email", "phone", "position")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "must_change_password")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "email", "password1", "password2")}),)


# django-otp's own admin page would show every device's secret key to staff: two-step sign-in is
# managed in the portal instead (each user on their profile, a reset on the user's page).
admin.site.unregister(TOTPDevice)
