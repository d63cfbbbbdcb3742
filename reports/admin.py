from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: a job is made by its owner's click and removed by export_purge."""

    list_display = ("title", "created_by", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status", "export")
    search_fields = ("title", "created_by__username", "created_by__full_name")
    readonly_fields = [f.name for f in ExportJob._meta.fields]
    exclude = ("file",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
