from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import ItemType, ReminderKind


def parse_offsets(value: str) -> list[int]:
    """ "7, 3, 1, 0" → [7, 3, 1, 0] (distinct, largest first); a Vietnamese ValidationError otherwise."""
    try:
        offsets = sorted({int(part) for part in value.replace(";", ",").split(",") if part.strip()}, reverse=True)
    except ValueError as exc:
        raise ValidationError(_("Nhập các số ngày, cách nhau bằng dấu phẩy, ví dụ: 7, 3, 1, 0.")) from exc
    if not offsets or offsets[-1] < 0 or offsets[0] > 60:
        raise ValidationError(_("Mỗi mốc nhắc từ 0 đến 60 ngày, ví dụ: 7, 3, 1, 0."))
    return offsets


class ReminderSettings(models.Model):
    """How reminders go out (one row, edited by staff in the portal): rules are data."""

    scan_hour = models.PositiveSmallIntegerField(
        _("giờ quét nhắc việc hằng ngày"), default=7, help_text=_("Giờ Việt Nam (0–23). Lần quét đầu tiên từ giờ này trở đi.")
    )
    offsets_before = models.CharField(
        _("nhắc trước hạn (số ngày)"), max_length=50, default="7, 3, 1, 0", help_text=_("Ví dụ: 7, 3, 1, 0 (0 là ngày đến hạn).")
    )
    count_working_days = models.BooleanField(
        _("tính theo ngày làm việc"),
        default=True,
        help_text=_("Bỏ qua thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết; không gửi nhắc vào ngày nghỉ."),
    )
    overdue_every_days = models.PositiveSmallIntegerField(_("sau hạn, nhắc lại mỗi (ngày)"), default=2)
    escalate_after_days = models.PositiveSmallIntegerField(_("báo thủ trưởng đơn vị khi quá hạn từ (ngày)"), default=6)
    overdue_stop_after_days = models.PositiveSmallIntegerField(
        _("ngừng nhắc khi quá hạn hơn (ngày)"),
        default=20,
        help_text=_("Sau mốc này việc quá hạn chỉ còn trong bản tổng hợp gửi cơ quan thường trực."),
    )
    digest_enabled = models.BooleanField(_("gửi bản tổng hợp việc quá hạn hằng ngày cho cơ quan thường trực"), default=True)
    remind_award_rounds = models.BooleanField(_("nhắc hạn nộp hồ sơ của các đợt xét khen thưởng"), default=True)
    remind_dossier_limits = models.BooleanField(_("nhắc hạn giải quyết hồ sơ cho cơ quan thường trực"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cấu hình nhắc việc")
        verbose_name_plural = _("cấu hình nhắc việc")

    def __str__(self):
        return str(_("Cấu hình nhắc việc"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        try:
            self.offsets_before = ", ".join(str(n) for n in parse_offsets(self.offsets_before))
        except ValidationError as exc:
            errors["offsets_before"] = exc.messages
        if self.scan_hour > 23:
            errors["scan_hour"] = [_("Giờ từ 0 đến 23.")]
        if self.overdue_every_days < 1:
            errors["overdue_every_days"] = [_("Ít nhất 1 ngày.")]
        if errors:
            raise ValidationError(errors)

    @property
    def offsets(self) -> list[int]:
        return parse_offsets(self.offsets_before)

    @classmethod
    def load(cls) -> "ReminderSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Reminder(models.Model):
    """One reminder sent: the unique constraint means the same item, recipient, kind and offset for the
    same due date is never sent twice — a scan claims its rows by inserting them (ON CONFLICT DO
    NOTHING) and sends only the rows it inserted itself (`claim`)."""

    item_type = models.CharField(_("nhắc về"), max_length=16, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField(_("mã việc"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("thư điện tử (khi đơn vị chưa có tài khoản)"), blank=True)
    recipient_key = models.CharField(max_length=100, help_text="u:<user id> or e:<address>")
    kind = models.CharField(_("loại nhắc"), max_length=16, choices=ReminderKind.choices)
    offset = models.SmallIntegerField(_("mốc (ngày; âm là sau hạn)"))
    for_date = models.DateField(_("hạn được nhắc"), help_text=_("Hạn của việc; với nhắc thủ công và bản tổng hợp là ngày gửi."))
    sent_on = models.DateField(_("ngày gửi"))
    claim = models.CharField(max_length=32, db_index=True, editable=False)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("nhật ký nhắc việc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "recipient_key", "kind", "offset", "for_date"], name="reminder_sent_once"
            )
        ]  # its index also serves the look-ups by item (item_type, item_id …)

    def __str__(self):
        return f"{self.sent_on:%d/%m/%Y} {self.get_kind_display()} {self.recipient_key}"


class ScanRun(models.Model):
    """The daily scan of one day: once finished, later ticks of the same day do nothing."""

    date = models.DateField(_("ngày"), unique=True)
    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần quét nhắc việc")
        verbose_name_plural = _("các lần quét nhắc việc")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}"
