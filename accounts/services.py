"""Every write on people and roles: keyword-only, atomic, permission-checked, audited."""

import secrets

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.services import audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from notifications.services import email_queue, notify
from units.models import Authority

from . import two_factor
from .enums import UNIT_ROLES, Role
from .models import RecoveryCode, RoleAssignment, User
from .selectors import manages_everyone, users_for_management

PROFILE_FIELDS = ["full_name", "email", "phone", "position"]


def temporary_password() -> str:
    """A one-time password the user must change at first sign-in (shown once to the staff member)."""
    return f"Tdkt-{secrets.token_urlsafe(9)}"


def password_set_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def _require_in_scope(by: User, user: User) -> None:
    """Office staff act on the accounts of the authority they act in only (accounts.selectors)."""
    if user.pk is not None and not users_for_management(viewer=by).filter(pk=user.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _require_manages(by: User, user: User) -> None:
    """The account itself (its details, lock, password, two-step sign-in): besides the scope, one that also holds
    a role elsewhere, or the administrator's, is not an office's to change (#13): a commune's office must not
    take over the province's people who sit on its council. Roles in its own authority it still grants."""
    _require_in_scope(by, user)
    if user.pk is not None and not manages_everyone(by):
        elsewhere = RoleAssignment.objects.filter(user=user).filter(Q(role=Role.ADMIN) | ~Q(authority_id=by.acting_authority_id))
        if user.is_superuser or elsewhere.exists():
            raise PermissionDenied(
                _("Tài khoản này có vai trò ở cơ quan khác: chỉ quản trị hệ thống mới sửa, khóa hoặc đặt lại mật khẩu.")
            )


def _grant_authority(*, by: User, role: str, unit, authority: Authority | None) -> Authority:
    """Where a granted role counts (#13): a unit's role in the unit's authority; an office, council or
    chairmanship role in the authority the administrator chose, else the one the granter acts in. Office
    staff grant only in the authority they act in."""
    if unit is not None:
        where = unit.authority
    elif authority is not None:
        where = authority
    else:
        where = Authority.objects.get(pk=by.acting_authority_id)
    if not manages_everyone(by) and where.pk != by.acting_authority_id:
        if unit is not None:
            raise ValidationError({"unit": _("Bạn chỉ được giao vai trò tại đơn vị của cơ quan mình đang làm việc.")})
        raise ValidationError({"authority": _("Bạn chỉ được giao vai trò trong cơ quan mình đang làm việc.")})
    return where


@transaction.atomic
def role_grant(
    *, by: User, user: User, role: str, unit=None, authority: Authority | None = None, announce: bool = True
) -> RoleAssignment:
    """Give `user` a role: for `unit` (a clerk's, a head's), or in `authority` (an office's staff, a
    council's member or chair; the administrator chooses it, office staff grant in their own)."""
    _require(by, "accounts.manage_users")
    _require(by, "accounts.grant_role", role)
    if role in UNIT_ROLES and unit is None:
        raise ValidationError({"unit": _("Vai trò này phải gắn với một đơn vị.")})
    where = _grant_authority(by=by, role=role, unit=unit, authority=authority)
    _require_manages_or_new(by, user)
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit, authority=where)
    except IntegrityError as exc:
        raise ValidationError(_("Người dùng đã có vai trò này.")) from exc
    audit_record(actor=by, action="role_grant", obj=user, changes={"role": [None, str(assignment)]})
    user.forget_roles()
    if announce and user.pk != by.pk:
        notify(
            recipient=user,
            title=_("Bạn được giao vai trò mới: %(role)s") % {"role": assignment.get_role_display()},
            template="role_granted",
            context={"by": by, "assignment": assignment},
            url=reverse("dashboard"),
            authority_id=where.pk,
        )
    return assignment


def _require_manages_or_new(by: User, user: User) -> None:
    """A user with no role yet (an account being created) is anybody's to give a first role."""
    if user.role_assignments.exists():
        _require_in_scope(by, user)


@transaction.atomic
def role_revoke(*, by: User, assignment: RoleAssignment) -> None:
    _require(by, "accounts.manage_users")
    _require(by, "accounts.grant_role", assignment.role)
    if not manages_everyone(by) and assignment.authority_id != by.acting_authority_id:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    user = assignment.user
    label = str(assignment)
    assignment.delete()
    audit_record(actor=by, action="role_revoke", obj=user, changes={"role": [label, None]})
    user.forget_roles()


@transaction.atomic
def user_create(
    *,
    by: User,
    username: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    position: str = "",
    role: str,
    unit=None,
    authority: Authority | None = None,
    invite_by_email: bool = True,
) -> tuple[User, str | None]:
    """Create an account with its first role. Returns the user and, when no invitation e-mail is
    sent, the temporary password to hand over (shown once, never stored in clear)."""
    _require(by, "accounts.manage_users")
    _require(by, "accounts.grant_role", role)
    if role in UNIT_ROLES and unit is None:
        raise ValidationError({"unit": _("Vai trò này phải gắn với một đơn vị.")})
    _grant_authority(by=by, role=role, unit=unit, authority=authority)  # refused before the account exists
    user = User(username=username, full_name=full_name, email=email, phone=phone, position=position)
    password = None
    if invite_by_email and email:
        user.set_unusable_password()
    else:
        password = temporary_password()
        user.set_password(password)
        user.must_change_password = True
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=by, action="user_create", obj=user, changes={k: [None, v] for k, v in snapshot(user, PROFILE_FIELDS).items()}
    )
    role_grant(by=by, user=user, role=role, unit=unit, authority=authority, announce=False)
    if password is None:
        email_queue(
            to=user.email,
            subject=_("Tài khoản của bạn trên Cổng thi đua, khen thưởng"),
            template="account_invite",
            context={"user": user, "url": password_set_url(user), "by": by},
        )
    return user, password


@transaction.atomic
def user_update(*, by: User, user: User, expected_version: int, **fields) -> User:
    _require(by, "accounts.manage_users")
    _require_manages(by, user)
    old = snapshot(User.objects.get(pk=user.pk), PROFILE_FIELDS)
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(user, name, fields[name])
    user.full_clean(exclude=["password"])
    user.full_name = normalize_text(user.full_name)
    user.email = user.email.strip().lower()
    save_with_version(user, expected_version=expected_version, fields=PROFILE_FIELDS)
    changes = diff_fields(user, old, PROFILE_FIELDS)
    if changes:
        audit_record(actor=by, action="user_update", obj=user, changes=changes)
    return user


@transaction.atomic
def profile_update(*, user: User, expected_version: int, email: str, phone: str, position: str) -> User:
    """A user edits their own contact details (not their name: staff keep names right)."""
    fields = ["email", "phone", "position"]
    old = snapshot(User.objects.get(pk=user.pk), fields)
    user.email, user.phone, user.position = email.strip().lower(), phone.strip(), position.strip()
    save_with_version(user, expected_version=expected_version, fields=fields)
    changes = diff_fields(user, old, fields)
    if changes:
        audit_record(actor=user, action="profile_update", obj=user, changes=changes)
    return user


@transaction.atomic
def user_set_active(*, by: User, user: User, active: bool) -> None:
    _require(by, "accounts.manage_users")
    _require_manages(by, user)
    if user.pk == by.pk and not active:
        raise ValidationError(_("Bạn không thể tự khóa tài khoản của chính mình."))
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if user.is_active == active:
        return
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    audit_record(
        actor=by, action="user_activate" if active else "user_deactivate", obj=user, changes={"is_active": [not active, active]}
    )


@transaction.atomic
def user_reset_password(*, by: User, user: User, by_email: bool) -> str | None:
    """Send a reset link by e-mail, or set a temporary password and return it (shown once)."""
    _require(by, "accounts.manage_users")
    _require_manages(by, user)
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if by_email:
        if not user.email:
            raise ValidationError(_("Người dùng chưa có địa chỉ thư điện tử; hãy đặt mật khẩu tạm."))
        email_queue(
            to=user.email,
            subject=_("Đặt lại mật khẩu trên Cổng thi đua, khen thưởng"),
            template="password_reset_by_staff",
            context={"user": user, "url": password_set_url(user), "by": by},
        )
        audit_record(actor=by, action="password_reset_email", obj=user)
        return None
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=by, action="password_reset_temporary", obj=user)
    return password


# --- Two-step sign-in (TOTP) -------------------------------------------------------------------
# Audit entries say only that two-step sign-in was turned on, off, reset or a recovery code was used:
# never the secret nor a code.


def _two_factor_wipe(user: User) -> int:
    deleted, _per_model = TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def two_factor_begin(*, user: User) -> TOTPDevice:
    """The unconfirmed device the set-up page shows (a new secret the first time)."""
    if two_factor.has_two_factor(user):
        raise ValidationError(_("Xác thực hai bước đã được bật cho tài khoản này."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [two_factor.new_recovery_code() for _i in range(two_factor.RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=two_factor.recovery_hash(code)) for code in codes)
    return codes


@transaction.atomic
def two_factor_enable(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the device with a code from the app; returns the recovery codes (to show once)."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("Thiết lập này không còn hiệu lực. Vui lòng bắt đầu lại."))
    if not two_factor.looks_like_totp(code) or not device.verify_token(two_factor.normalize_code(code)):
        raise ValidationError({"code": _("Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng xác thực.")})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _new_recovery_codes(user)
    audit_record(actor=user, action="two_factor_enable", obj=user, changes={"two_factor": [False, True]})
    return codes


@transaction.atomic
def two_factor_recovery_regenerate(*, user: User, password: str) -> list[str]:
    if not two_factor.has_two_factor(user):
        raise ValidationError(_("Xác thực hai bước chưa được bật."))
    if not user.check_password(password):
        raise ValidationError({"password": _("Mật khẩu không đúng.")})
    codes = _new_recovery_codes(user)
    audit_record(actor=user, action="two_factor_recovery_regenerate", obj=user)
    return codes


class CodeCheck:
    TOTP = "totp"
    RECOVERY = "recovery"
    THROTTLED = "throttled"
    WRONG = "wrong"


def two_factor_check(*, user: User, code: str) -> str:
    """Check a sign-in code: a 6-digit TOTP code (never twice in its window) or an unused recovery code
    (spent by this call). Not one transaction: a failure's throttling stays recorded."""
    device = two_factor.confirmed_device(user)
    if device is None:
        return CodeCheck.WRONG
    if two_factor.looks_like_totp(code):
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            return CodeCheck.THROTTLED
        return CodeCheck.TOTP if device.verify_token(two_factor.normalize_code(code)) else CodeCheck.WRONG
    if not two_factor.normalize_code(code):
        return CodeCheck.WRONG
    # One UPDATE: of two requests racing with the same code, one wins.
    spent = RecoveryCode.objects.filter(user=user, code_hash=two_factor.recovery_hash(code), used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not spent:
        return CodeCheck.WRONG
    left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
    audit_record(actor=user, action="two_factor_recovery_used", obj=user, note=_("Còn %(n)s mã dự phòng.") % {"n": left})
    return CodeCheck.RECOVERY


@transaction.atomic
def two_factor_disable(*, user: User, password: str) -> None:
    if not two_factor.has_two_factor(user):
        raise ValidationError(_("Xác thực hai bước chưa được bật."))
    if not user.check_password(password):
        raise ValidationError({"password": _("Mật khẩu không đúng.")})
    if two_factor.required_for(user):
        raise ValidationError(_("Vai trò của bạn bắt buộc dùng xác thực hai bước nên không thể tắt."))
    _two_factor_wipe(user)
    audit_record(actor=user, action="two_factor_disable", obj=user, changes={"two_factor": [True, False]})


@transaction.atomic
def two_factor_reset(*, by: User, user: User) -> None:
    """A staff member turns a user's two-step sign-in off (a lost phone); the user sets it up again."""
    _require(by, "accounts.manage_users")
    _require_manages(by, user)
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if not _two_factor_wipe(user):
        raise ValidationError(_("Người dùng này chưa bật xác thực hai bước."))
    audit_record(actor=by, action="two_factor_reset", obj=user, changes={"two_factor": [True, False]})
