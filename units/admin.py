from django.contrib import admin

from core.admin import SearchKeyAdminMixin

from .models import Authority, Unit


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent_name", "place_name")

    def has_add_permission(self, request):
        return not Authority.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(SearchKeyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "is_active", "email")
    list_filter = ("kind", "is_active", "is_disadvantaged_area")
    search_fields = ("name", "code", "head_name")
    search_key_fields = ("search_name",)
    list_select_related = ("parent",)
    autocomplete_fields = ["parent"]
