import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text

from ..enums import ExemplaryKind, ExemplaryStatus, PeriodKind


def exemplary_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"campaigns/exemplary/{instance.unit_id}/{uuid.uuid4().hex}{suffix}"


class ExemplaryModel(models.Model):
    """Gương điển hình tiên tiến, người tốt việc tốt, mô hình mới: introduced by a unit for a month or a
    quarter; the standing office publishes the chosen ones (Phong Thổ seed, item 5)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị giới thiệu"), on_delete=models.PROTECT, related_name="exemplary_models"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ExemplaryKind.choices, default=ExemplaryKind.ADVANCED)
    period_kind = models.CharField(_("kỳ"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.PositiveSmallIntegerField(_("tháng hoặc quý"))
    title = models.CharField(_("tên gương, mô hình"), max_length=255)
    subject_name = models.CharField(_("cá nhân, tập thể"), max_length=255)
    summary = models.TextField(_("tóm tắt thành tích, cách làm"))
    file = models.FileField(_("tệp kèm theo"), upload_to=exemplary_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ExemplaryStatus.choices, default=ExemplaryStatus.SUBMITTED, db_index=True
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("giới thiệu lúc"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    publish_note = models.TextField(_("ý kiến của cơ quan thường trực"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("gương điển hình tiên tiến")
        verbose_name_plural = _("gương điển hình tiên tiến")
        ordering = ["-year", "-period", "-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(period_kind="thang") & Q(period__gte=1) & Q(period__lte=12))
                | (Q(period_kind="quy") & Q(period__gte=1) & Q(period__lte=4)),
                name="exemplary_period_in_range",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = normalize_text(self.title)
        self.subject_name = normalize_text(self.subject_name)
        super().save(*args, **kwargs)

    @property
    def is_waiting(self) -> bool:
        """Introduced by its unit, not reviewed yet."""
        return self.status == ExemplaryStatus.SUBMITTED

    @property
    def is_published(self) -> bool:
        """Chosen by the office for publicity."""
        return self.status == ExemplaryStatus.PUBLISHED

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.MONTH:
            return _("Tháng %(m)02d/%(y)s") % {"m": self.period, "y": self.year}
        return _("Quý %(q)s/%(y)s") % {"q": ["I", "II", "III", "IV"][self.period - 1], "y": self.year}
