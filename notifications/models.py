from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message shown in the portal (the bell in the top bar)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    RETRYING = "retrying", _("Chờ gửi lại")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class OutboxEmail(models.Model):
    """An e-mail to send. Written in the same transaction as the change it reports, sent by Celery:
    a broker or mail server that is down delays the e-mail, it never loses it nor the change."""

    to = models.EmailField(_("gửi đến"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    # When the flush may try it next (empty: now). While a worker sends it, the end of its lease.
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True, db_index=True)
    # The first failed attempt of the current round: the back-off window (OUTBOX_GIVE_UP_HOURS) counts from it.
    first_failed_at = models.DateTimeField(_("lỗi lần đầu lúc"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)  # in this round: picks the back-off

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def is_failed(self) -> bool:
        """Failed for good: sent again only when staff press "Gửi lại"."""
        return self.status == OutboxStatus.FAILED


class MessageTemplate(models.Model):
    """Wording edited by staff that replaces the file template of the same name
    (templates/notifications/email/<key>.txt and inapp/<key>.txt). Empty fields keep the file's."""

    key = models.CharField(_("mẫu"), max_length=64, unique=True)
    title = models.CharField(
        _("tiêu đề"), max_length=255, blank=True, help_text=_("Để trống: dùng tiêu đề mặc định do hệ thống soạn.")
    )
    email_body = models.TextField(_("nội dung thư điện tử"), blank=True)
    inapp_body = models.TextField(_("nội dung thông báo trên Cổng"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        ordering = ["key"]

    def __str__(self):
        return self.key


class EmailOptOut(models.Model):
    """A user who does not want e-mail for one category of messages; they still get them in the portal."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs")
    category = models.CharField(_("loại thông báo"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("không nhận thư điện tử")
        verbose_name_plural = _("không nhận thư điện tử")
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="email_opt_out_once")]

    def __str__(self):
        return f"{self.user} – {self.category}"
