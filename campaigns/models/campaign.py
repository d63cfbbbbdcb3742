from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import SearchKeyMixin, SearchKeyQuerySet
from core.text import normalize_text
from units.models import AuthorityOwned

from ..enums import CampaignKind, CampaignScope, MilestoneKind


class Campaign(SearchKeyMixin, AuthorityOwned):
    """Phong trào thi đua: launched by an owner department, registered with the standing office when thematic."""

    name = models.CharField(_("tên phong trào"), max_length=255)
    kind = models.CharField(_("loại phong trào"), max_length=16, choices=CampaignKind.choices)
    owner = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị chủ trì, phát động"),
        on_delete=models.PROTECT,
        related_name="owned_campaigns",
    )
    scope = models.CharField(_("phạm vi"), max_length=16, choices=CampaignScope.choices, default=CampaignScope.WHOLE_AREA)
    scope_note = models.CharField(
        _("ngành, lĩnh vực, đối tượng tham gia"), max_length=255, blank=True, help_text=_("Ví dụ: ngành Giáo dục và Đào tạo.")
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True, help_text=_("Để trống nếu phong trào thường xuyên."))
    launch_document = models.CharField(
        _("văn bản phát động"), max_length=255, blank=True, help_text=_("Ví dụ: Kế hoạch số 25/KH-UBND ngày 29/01/2024.")
    )
    # Name and launching document as searches compare them (core.text.search_key).
    search_text = models.CharField(max_length=511, blank=True, default="", editable=False, db_index=True)
    objectives = models.TextField(_("mục đích, mục tiêu"), blank=True)
    criteria = models.TextField(_("nội dung, chỉ tiêu, tiêu chí thi đua"), blank=True)
    registration_number = models.CharField(_("số đăng ký"), max_length=50, blank=True)
    registration_date = models.DateField(_("ngày đăng ký"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi đăng ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SearchKeyQuerySet.as_manager()
    search_keys = {"search_text": ("name", "launch_document")}

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(registration_number="") & Q(registration_date__isnull=True))
                | (~Q(registration_number="") & Q(registration_date__isnull=False)),
                name="campaign_registration_number_and_date",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        self.registration_number = normalize_text(self.registration_number)
        super().save(*args, **kwargs)

    def authority_from_parent(self) -> int | None:
        return self.owner.authority_id

    @property
    def is_registered(self) -> bool:
        """Registered with the standing office (number and date): only then may it back a thematic round."""
        return bool(self.registration_number and self.registration_date)

    @property
    def is_thematic(self) -> bool:
        """Chuyên đề: only once registered may it back a thematic award round."""
        return self.kind == CampaignKind.THEMATIC


class Milestone(models.Model):
    """Sơ kết or tổng kết of a campaign: a date, then a report."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại"), max_length=16, choices=MilestoneKind.choices)
    title = models.CharField(_("nội dung"), max_length=255)
    due_date = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    report_note = models.TextField(_("kết quả, báo cáo"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("mốc sơ kết, tổng kết")
        verbose_name_plural = _("mốc sơ kết, tổng kết")
        ordering = ["due_date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class CampaignRegistration(models.Model):
    """A unit's participation (đăng ký thi đua) in a campaign, with its targets."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="campaign_registrations"
    )
    targets = models.TextField(_("chỉ tiêu, nội dung đăng ký thi đua"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("đăng ký tham gia phong trào")
        verbose_name_plural = _("đăng ký tham gia phong trào")
        ordering = ["unit__sort_order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_registration_once_per_unit")]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"
