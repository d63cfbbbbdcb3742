from django.contrib import admin

from core.admin import SearchKeyAdminMixin

from .models import (
    AnnualPlan,
    Campaign,
    CampaignRegistration,
    ExemplaryModel,
    Milestone,
    PlanTask,
    Reminder,
    ReminderSettings,
    RequestRecipient,
    ScanRun,
    SubmissionRequest,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(SearchKeyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "owner", "start_date", "end_date", "registration_number", "registration_date")
    list_filter = ("kind", "scope")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__name")
    search_key_fields = ("search_text", "owner__search_name")
    inlines = [MilestoneInline]
    autocomplete_fields = ["owner"]  # a province has thousands of units: never one select of them all


@admin.register(CampaignRegistration)
class CampaignRegistrationAdmin(admin.ModelAdmin):
    list_display = ("campaign", "unit", "registered_at")
    list_select_related = ("campaign", "unit")
    autocomplete_fields = ["unit"]


class PlanTaskInline(admin.TabularInline):
    model = PlanTask
    extra = 0
    fields = ("quarter", "number", "content", "responsible", "due_date", "for_lower_levels", "done_on")


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "document_number", "issued_on")
    inlines = [PlanTaskInline]


class RecipientInline(admin.TabularInline):
    model = RequestRecipient
    extra = 0
    fields = ("unit", "status", "submitted_at", "reviewed_at", "return_reason")
    readonly_fields = ("submitted_at", "reviewed_at")
    raw_id_fields = ("unit",)


@admin.register(SubmissionRequest)
class SubmissionRequestAdmin(admin.ModelAdmin):
    list_display = ("title", "document_kind", "issued_on", "due_date", "closed_at")
    list_filter = ("document_kind", "recipient_mode")
    search_fields = ("title",)
    inlines = [RecipientInline]
    # The numbered Công văn is kept as issued: nobody rewrites it here.
    readonly_fields = ("letter_snapshot", "letter_pdf", "letter_sha256")

    def get_readonly_fields(self, request, obj=None):
        frozen = ("document_number",) if obj is not None and obj.letter_frozen else ()
        return (*self.readonly_fields, *frozen)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("sent_on", "item_type", "item_id", "kind", "offset", "for_date", "recipient", "email")
    list_filter = ("item_type", "kind", "sent_on")
    list_select_related = ("recipient",)


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "scan_hour", "offsets_before", "count_working_days", "overdue_every_days", "escalate_after_days")


@admin.register(ScanRun)
class ScanRunAdmin(admin.ModelAdmin):
    list_display = ("date", "started_at", "finished_at")


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "kind", "period_kind", "period", "year", "status")
    list_filter = ("status", "kind", "year")
    list_select_related = ("unit",)
    autocomplete_fields = ["unit"]
