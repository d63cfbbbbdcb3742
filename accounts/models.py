from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import SearchKeyMixin, SearchKeyQuerySet
from core.text import normalize_text

from .enums import UNIT_ROLES, Role


class SearchUserManager(UserManager.from_queryset(SearchKeyQuerySet)):
    """Django's UserManager whose bulk paths keep the search column (core.models.SearchKeyQuerySet)."""


class User(SearchKeyMixin, AbstractUser):
    """A person who signs in. Names are one field: Vietnamese names do not split into first/last."""

    first_name = None
    last_name = None
    full_name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The full name as searches compare it (core.text.search_key): lower case, without diacritics.
    search_name = models.CharField(max_length=150, blank=True, default="", editable=False, db_index=True)

    objects = SearchUserManager()
    search_keys = {"search_name": ("full_name",)}

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.get_full_name()

    # Role look-ups: read once per user object (so once per request), then answered from memory.
    def _role_pairs(self) -> frozenset[tuple[str, int | None]]:
        if not self.is_authenticated or not self.is_active or self.pk is None:
            return frozenset()
        cached = getattr(self, "_role_pairs_cache", None)
        if cached is None:
            cached = frozenset(self.role_assignments.values_list("role", "unit_id"))
            self._role_pairs_cache = cached
        return cached

    def forget_roles(self) -> None:
        self.__dict__.pop("_role_pairs_cache", None)

    def has_role(self, *roles: str) -> bool:
        return any(role in roles for role, _unit in self._role_pairs())

    def unit_ids(self, *roles: str) -> set[int]:
        """Units this user acts for in any of `roles` (all roles when none are named)."""
        return {unit for role, unit in self._role_pairs() if unit is not None and (not roles or role in roles)}

    @property
    def role_values(self) -> set[str]:
        return {role for role, _unit in self._role_pairs()}


class RoleAssignment(models.Model):
    """One role held by one user, for one unit where the role needs it. A user may hold several."""

    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò được giao")
        verbose_name_plural = _("vai trò được giao")
        ordering = ["role", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], condition=Q(unit__isnull=False), name="role_unique_per_unit"
            ),
            models.UniqueConstraint(fields=["user", "role"], condition=Q(unit__isnull=True), name="role_unique_without_unit"),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(r.value for r in UNIT_ROLES)) | Q(unit__isnull=False),
                name="unit_role_needs_unit",
            ),
        ]

    def __str__(self):
        label = self.get_role_display()
        return f"{label} – {self.unit}" if self.unit_id else str(label)


class RecoveryCode(models.Model):
    """One single-use recovery code for two-step sign-in, kept only as a hash (shown once, at creation)."""

    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(_("mã băm"), max_length=64)
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("mã dự phòng")
        verbose_name_plural = _("mã dự phòng")
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique_per_user")]

    def __str__(self):
        return f"{self.user} – {self.pk}"
