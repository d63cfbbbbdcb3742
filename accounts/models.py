from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import SearchKeyMixin, SearchKeyQuerySet
from core.text import normalize_text
from units.models import Authority

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
    #
    # A person may hold roles in several authorities (the province's office and a commune's council, say).
    # They act in one at a time (acting_authority_id: the one chosen in the session if it is theirs, else
    # the first), and every role look-up answers for that authority only, so the permissions and the
    # selectors that read them never mix two authorities. The administrator's role is the installation's.
    def _role_rows(self) -> frozenset[tuple[str, int | None, int]]:
        if not self.is_authenticated or not self.is_active or self.pk is None:
            return frozenset()
        cached = getattr(self, "_role_rows_cache", None)
        if cached is None:
            rows = list(
                self.role_assignments.values_list(
                    "role", "unit_id", "authority_id", "authority__parent_id", "authority__proposing_unit_id"
                )
            )
            cached = frozenset((role, unit, authority) for role, unit, authority, _parent, _stands in rows)
            self._role_rows_cache = cached
            # Known from the same query: which authority is the top one (acts_in_root), and the unit each stands
            # as in its parent (represented_unit_id).
            self._parent_of = {authority: parent for _role, _unit, authority, parent, _stands in rows}
            self._stands_as = {authority: stands for _role, _unit, authority, _parent, stands in rows}
        return cached

    def _role_pairs(self) -> frozenset[tuple[str, int | None]]:
        cached = getattr(self, "_role_pairs_cache", None)
        if cached is None:
            rows = self._role_rows()
            acting = self.acting_authority_id if rows else None
            cached = frozenset(
                (role, unit) for role, unit, authority in self._role_rows() if authority == acting or role == Role.ADMIN
            )
            self._role_pairs_cache = cached
        return cached

    def forget_roles(self) -> None:
        for name in ("_role_rows_cache", "_role_pairs_cache", "_acting_cache", "_root_cache"):
            self.__dict__.pop(name, None)

    def authority_ids(self) -> list[int]:
        """The authorities this user holds a role in (an administrator's role counts in none), in order."""
        return sorted({authority for role, _unit, authority in self._role_rows() if role != Role.ADMIN})

    def prefer_authority(self, authority_id: int | None) -> None:
        """The authority chosen in this session (accounts.middleware); it counts if the user holds a role
        there, or anywhere for an administrator."""
        self._preferred_authority_id = authority_id
        for name in ("_role_pairs_cache", "_acting_cache", "_root_cache"):
            self.__dict__.pop(name, None)

    @property
    def acting_authority_id(self) -> int:
        """The authority whose roles count now: the chosen one if the user may act there, else the first they
        hold a role in, else (an administrator alone, a user with no role) the installation's root."""
        cached = getattr(self, "_acting_cache", None)
        if cached is None:
            ids = self.authority_ids()
            preferred = getattr(self, "_preferred_authority_id", None)
            is_admin = self.is_superuser or any(role == Role.ADMIN for role, _u, _a in self._role_rows())
            if preferred is not None and (preferred in ids or is_admin):
                cached = preferred
            else:
                cached = ids[0] if ids else Authority.root().pk
            self._acting_cache = cached
        return cached

    @property
    def represented_unit_id(self) -> int | None:
        """For an office's staff: the unit their authority stands as in its parent (Authority.proposing_unit,
        "UBND xã Phong Thổ" among the province's units), whose requests from above they answer and whose
        Tờ trình they send. None for everyone else."""
        if not self.has_role(Role.OFFICE_STAFF):
            return None
        return getattr(self, "_stands_as", {}).get(self.acting_authority_id)  # read with the roles: no query

    @property
    def acts_in_root(self) -> bool:
        """Acting in the installation's top authority (the province; the only one of a district install): its
        office keeps what is the installation's, not one commune's (reminder settings, the e-mail outbox)."""
        if "_root_cache" not in self.__dict__:
            self._role_rows()
            acting, parents = self.acting_authority_id, getattr(self, "_parent_of", {})
            if acting in parents:  # read with the roles: no query
                self.__dict__["_root_cache"] = parents[acting] is None
            else:  # an administrator acting where they hold no role
                self.__dict__["_root_cache"] = Authority.objects.filter(pk=acting, parent__isnull=True).exists()
        return self.__dict__["_root_cache"]

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
    # Where the role counts: the unit's authority for a unit's role (save() keeps them equal); the authority
    # whose office, council or chairmanship it is for the others. An administrator's role counts everywhere.
    authority = models.ForeignKey(
        "units.Authority", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="role_assignments"
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
            models.UniqueConstraint(
                fields=["user", "role", "authority"], condition=Q(unit__isnull=True), name="role_unique_in_authority"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(r.value for r in UNIT_ROLES)) | Q(unit__isnull=False),
                name="unit_role_needs_unit",
            ),
        ]

    def __str__(self):
        label = self.get_role_display()
        return f"{label} – {self.unit}" if self.unit_id else f"{label} – {self.authority}"

    def save(self, *args, **kwargs):
        if self.unit_id:
            self.authority_id = self.unit.authority_id
        elif self.authority_id is None:
            self.authority_id = Authority.root().pk
        super().save(*args, **kwargs)


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
