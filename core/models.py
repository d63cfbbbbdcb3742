from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what, when: one row per change, with a JSON diff {field: [old, new]}."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=64)
    content_type = models.ForeignKey(ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"


class ServiceHeartbeat(models.Model):
    """When a background process (the Celery worker, Celery beat) last reported it was alive."""

    name = models.CharField(_("tiến trình"), max_length=32, unique=True)
    seen_at = models.DateTimeField(_("báo lần cuối lúc"))
    hostname = models.CharField(_("máy"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhịp của tiến trình nền")
        verbose_name_plural = _("nhịp của tiến trình nền")

    def __str__(self):
        return f"{self.name} {self.seen_at:%d/%m/%Y %H:%M}"
