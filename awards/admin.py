from django.contrib import admin

from .models import BonusPolicy, Council, CouncilMember, Decision, Meeting


@admin.register(BonusPolicy)
class BonusPolicyAdmin(admin.ModelAdmin):
    list_display = ("regime", "rounding_mode", "fund_source")


class CouncilMemberInline(admin.TabularInline):
    """Read-only: members are added and removed on the council's page (permission-checked, audited),
    so that nobody seats themselves on a ballot unseen."""

    model = CouncilMember
    extra = 0
    fields = readonly_fields = ("user", "position", "title", "votes", "sort_order")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "establishing_decision")
    inlines = [CouncilMemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-only: meetings run in the portal; votes are never shown here (secret ballot)."""

    list_display = ("title", "starts_at", "status")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: decisions are issued and revoked in the portal (numbered, frozen, audited)."""

    list_display = ("number", "title", "kind", "status", "date")
    list_filter = ("kind", "status")
    exclude = ("snapshot",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
