from django.contrib import admin

from .models import AuditEntry
from .text import normalize_text, search_q


class SearchKeyAdminMixin:
    """The admin's search box as the portal's: the term NFC-normalised, and rows whose search key
    (`search_key_fields`, see core.models.SearchKeyMixin) holds every word without diacritics match too."""

    search_key_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        search_term = normalize_text(search_term)
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        condition = search_q(search_term, folded=self.search_key_fields)
        if condition is not None and self.search_key_fields:
            results = results | queryset.filter(condition)
            may_have_duplicates = may_have_duplicates or any("__" in field for field in self.search_key_fields)
        return results, may_have_duplicates


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor__username", "actor__full_name")
    list_select_related = ("actor", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
