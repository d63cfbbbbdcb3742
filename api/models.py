"""Clients of the API: other systems that act through a service account, with a hashed token and scopes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a client may call, on top of what its service account may do (the same rules as the portal)."""

    SUBMIT_DOSSIERS = "submit_dossiers", _("Gửi hồ sơ điện tử (Cổng dịch vụ công)")
    READ_STATUS = "read_status", _("Tra cứu tình trạng hồ sơ")
    READ_AWARDS = "read_awards", _("Đọc quyết định và khen thưởng đã quyết định (cơ sở dữ liệu TĐKT của tỉnh)")


class ApiClient(models.Model):
    """A system that calls the API. It acts as `user`, an ordinary account whose roles decide what it
    may do; only the SHA-256 of its token is stored (the token is shown once, when it is made)."""

    name = models.CharField(_("tên hệ thống"), max_length=150, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản dịch vụ"),
        on_delete=models.PROTECT,
        related_name="api_clients",
        help_text=_("Hệ thống gọi API với quyền của tài khoản này (vai trò, đơn vị như mọi người dùng)."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(
        _("đầu khóa"), max_length=16, editable=False, help_text=_("Để nhận ra khóa, không đủ để dùng.")
    )
    scopes = models.JSONField(_("phạm vi được phép"), default=list, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("hệ thống gọi API")
        verbose_name_plural = _("hệ thống gọi API")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(value).label) for value in self.scopes or [] if value in Scope.values]


class ApiSubmission(models.Model):
    """One electronic dossier received from a client, under the client's own reference: a retried
    POST with the same reference finds this row and never makes a second dossier."""

    client = models.ForeignKey(ApiClient, verbose_name=_("hệ thống gửi"), on_delete=models.PROTECT, related_name="submissions")
    external_reference = models.CharField(_("mã hồ sơ bên gửi"), max_length=64)
    request_hash = models.CharField(_("dấu vân tay nội dung"), max_length=64)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_submission",
    )
    created_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ nhận qua API")
        verbose_name_plural = _("hồ sơ nhận qua API")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["client", "external_reference"], name="api_submission_unique_reference")]

    def __str__(self):
        return f"{self.client}: {self.external_reference}"
