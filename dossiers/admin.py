from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import SearchKeyAdminMixin

from .models import (
    Attachment,
    AwardDecider,
    AwardRecord,
    AwardRound,
    AwardRule,
    AwardType,
    BaseSalary,
    ComponentRequirement,
    Dossier,
    Holiday,
    Nominee,
    Person,
    Regime,
)
from .services.regimes import regime_successor_create, successor_errors


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0


REGIME_FIELDS = (
    "code",
    "name",
    "valid_from",
    "valid_to",
    "introduced_by",
    "transition",
    "legal_basis",
    "cstdcs_quota_percent",
    "min_working_months",
    "copied_from",
    "confirmed",
)


class RegimeForm(forms.ModelForm):
    """The regime's own fields; on the add page reached by “Tạo chế độ kế tiếp”, its predecessor (`copied_from`),
    whose start the new one must follow."""

    class Meta:
        model = Regime
        fields = REGIME_FIELDS

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("copied_from")
        if self.instance.pk is None and source is not None:
            for name, message in successor_errors(source, cleaned.get("valid_from")).items():
                self.add_error(name, message)
        return cleaned


@admin.register(Regime)
class RegimeAdmin(admin.ModelAdmin):
    """A new regime is data: “Tạo chế độ kế tiếp” opens the add page filled from the chosen regime; saving copies
    its award rules (unconfirmed) and ends it the day before (dossiers.services.regimes). Money is not copied."""

    form = RegimeForm
    list_display = ("name", "valid_from", "valid_to", "note", "rules", "transition", "min_working_months", "cstdcs_quota_percent")
    actions = ["create_successor"]
    fields = REGIME_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("copied_from").annotate(rule_count=Count("award_rules"))

    def get_readonly_fields(self, request, obj=None):
        return ("copied_from",) if obj is not None else ()

    def get_fields(self, request, obj=None):
        """A new regime is confirmed when typed from its text, unconfirmed when copied: the box is for later."""
        return REGIME_FIELDS if obj is not None else tuple(name for name in REGIME_FIELDS if name != "confirmed")

    @admin.display(description=_("quy định theo danh hiệu"))
    def rules(self, regime):
        url = reverse("admin:dossiers_awardrule_changelist") + f"?regime__id__exact={regime.pk}"
        return format_html('<a href="{}">{}</a>', url, _("%(n)s quy định") % {"n": regime.rule_count})

    @admin.display(description=_("ghi chú"))
    def note(self, regime):
        if regime.confirmed:
            return ""
        if regime.copied_from:
            return _("Quy định sao chép từ “%(name)s”, chưa xác nhận") % {"name": regime.copied_from.name}
        return _("chưa xác nhận")

    @admin.action(description=_("Tạo chế độ kế tiếp"))
    def create_successor(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Hãy chọn đúng một chế độ để tạo chế độ kế tiếp."), level=messages.WARNING)
            return None
        source = queryset.get()
        for message in successor_errors(source, None).values():
            self.message_user(request, message, level=messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:dossiers_regime_add") + f"?copied_from={source.pk}")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        source = Regime.objects.filter(pk=initial.get("copied_from") or None).first()
        if source is not None:
            for name in ("legal_basis", "cstdcs_quota_percent", "min_working_months"):
                initial.setdefault(name, getattr(source, name))
        return initial

    def save_model(self, request, obj, form, change):
        if change or obj.copied_from_id is None:
            return super().save_model(request, obj, form, change)
        regime_successor_create(by=request.user, regime=obj)
        return None


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    """The award rules of every regime, one regime at a time (the regime list links here)."""

    list_display = ("award", "regime", "coefficient", "processing_days", "vote_threshold_percent", "council_vote")
    list_filter = ("regime", "council_vote")
    list_select_related = ("award", "regime")
    search_fields = ("award__name", "award__code")
    autocomplete_fields = ("award",)


class AwardDeciderInline(admin.TabularInline):
    model = AwardDecider
    extra = 0
    fields = ("level", "valid_from", "valid_to", "legal_basis", "confirmed", "unconfirmed")
    readonly_fields = ("unconfirmed",)

    @admin.display(description=_("ghi chú"))
    def unconfirmed(self, decider):
        return _("chưa xác nhận") if decider.pk and not decider.confirmed else ""


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "subject", "deciders_today", "eligibility_rule", "is_active")
    list_filter = ("kind", "subject", "deciders__level", "deciders__confirmed", "is_active")
    search_fields = ("name", "code", "short_name")
    inlines = [AwardDeciderInline, AwardRuleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("deciders")

    @admin.display(description=_("thẩm quyền quyết định hôm nay"))
    def deciders_today(self, award):
        rows = award.deciders_on(timezone.localdate())
        return (
            format_html_join(
                ", ",
                "{}{}",
                ((d.get_level_display(), "" if d.confirmed else " (" + str(_("chưa xác nhận")) + ")") for d in rows),
            )
            or "–"
        )


@admin.register(AwardDecider)
class AwardDeciderAdmin(admin.ModelAdmin):
    list_display = ("award", "level", "valid_from", "valid_to", "legal_basis", "confirmed")
    list_filter = ("confirmed", "level")
    list_editable = ("confirmed",)
    search_fields = ("award__name", "award__code", "legal_basis")
    autocomplete_fields = ("award",)


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("amount", "valid_from", "legal_basis")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Rows typed here are confirmed; generated rows (dossiers.holidays) wait for their year's confirmation."""

    list_display = ("date", "name", "confirmed", "generated")
    list_filter = ("confirmed", "generated")
    date_hierarchy = "date"
    actions = ["confirm_years"]

    @admin.action(description=_("Xác nhận lịch nghỉ cả năm của các ngày đã chọn"))
    def confirm_years(self, request, queryset):
        from .holidays import confirm_year

        years = sorted({day.year for day in queryset.values_list("date", flat=True)})
        try:
            count = sum(confirm_year(by=request.user, year=year) for year in years)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
            return
        self.message_user(
            request,
            _("Đã xác nhận %(n)s ngày của năm %(years)s.") % {"n": count, "years": ", ".join(map(str, years))},
        )


@admin.register(ComponentRequirement)
class ComponentRequirementAdmin(admin.ModelAdmin):
    list_display = ("commendation_kind", "award", "component", "per_nominee")
    list_filter = ("commendation_kind", "component")


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "commendation_kind", "submission_deadline", "ceremony_date", "is_open")
    list_filter = ("commendation_kind", "is_open", "year")


class NomineeInline(admin.TabularInline):
    model = Nominee
    extra = 0
    fields = ("full_name", "subject", "award", "verdict", "appraisal_verdict", "outcome")
    readonly_fields = fields
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(SearchKeyAdminMixin, admin.ModelAdmin):
    """Read-only here: states change only through the portal's workflow (one transition service)."""

    list_display = ("title", "unit", "round", "status", "receipt_number", "due_date")
    list_filter = ("status", "round")
    search_fields = ("title", "receipt_number", "unit__name")
    search_key_fields = ("search_title", "unit__search_name", "nominees__search_name")
    list_select_related = ("unit", "round")
    inlines = [NomineeInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Person)
class PersonAdmin(SearchKeyAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "date_of_birth", "unit", "merged_into")
    search_fields = ("full_name",)
    autocomplete_fields = ["unit"]


@admin.register(AwardRecord)
class AwardRecordAdmin(SearchKeyAdminMixin, admin.ModelAdmin):
    list_display = ("year", "award", "person", "collective_name", "source", "decision_number")
    list_filter = ("year", "award", "source")
    list_select_related = ("award", "person")
    search_fields = ("person__full_name", "collective_name")
    autocomplete_fields = ["collective_unit"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "dossier", "component", "size", "uploaded_at")
    list_select_related = ("dossier",)

    def has_change_permission(self, request, obj=None):
        return False
