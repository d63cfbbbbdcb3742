"""A province's accounts from Excel (#13): the template, the row-by-row preview and the import service.

A row is one role of one account: a new user name makes the account (with an invitation to set its
password, as services.user_create does), a known one gets the role added (services.role_grant). A unit's
role names the unit by its code; an office's or a council's role names the authority by its code (blank:
the one the importer acts in). Office staff import only into their own authority, and never grant the
roles only an administrator grants (accounts.rules.may_grant_role). Every lookup is one query per file.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import require_perm as _require
from units.models import Authority, Unit
from units.sheets import EMAIL_FAULT, NEW, SKIP, UPDATE, Column, SheetPreview, fold, read_sheet, template_bytes

from . import services
from .enums import UNIT_ROLES, Role
from .models import RoleAssignment, User
from .selectors import manages_everyone, users_for_management

USER_SHEET = "Danh sách tài khoản"


def _max(name: str) -> int:
    return User._meta.get_field(name).max_length


USER_COLUMNS = (
    Column("username", "Tên đăng nhập (*)", 20, _max("username"), example="nguyenvanan"),
    Column("full_name", "Họ và tên", 28, _max("full_name"), aliases=("Họ tên",), example="Nguyễn Văn An"),
    Column("email", "Thư điện tử", 30, _max("email"), aliases=("Email",), example="an.nv@laichau.gov.vn"),
    Column("phone", "Điện thoại", 16, _max("phone")),
    Column("position", "Chức vụ", 24, _max("position"), example="Chuyên viên"),
    Column("role", "Vai trò (*)", 34, example=str(Role.UNIT_CLERK.label)),
    Column("unit", "Mã đơn vị", 18, 40, aliases=("Đơn vị",), example="so-noi-vu"),
    Column("authority", "Mã cơ quan", 18, 40, aliases=("Cơ quan",)),
)


def _grantable(by) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if by.has_perm("accounts.grant_role", value)]


def _units_for(by):
    units = Unit.objects.select_related("authority")
    return units if manages_everyone(by) else units.filter(authority_id=by.acting_authority_id)


def _authorities_for(by):
    authorities = Authority.objects.order_by("parent_id", "name")
    return authorities if manages_everyone(by) else authorities.filter(pk=by.acting_authority_id)


def user_template(*, by) -> bytes:
    return template_bytes(
        sheet_name=USER_SHEET,
        columns=USER_COLUMNS,
        title=_("Hướng dẫn nhập danh sách tài khoản"),
        notes=[
            _("• Mỗi dòng một vai trò của một người. Dòng tiêu đề (dòng 1) giữ nguyên; dòng 2 là ví dụ, hãy xóa hoặc sửa lại."),
            _("• Tên đăng nhập mới: Cổng tạo tài khoản và gửi thư mời đặt mật khẩu, nên phải có họ và tên, thư điện tử."),
            _("• Tên đăng nhập đã có trên Cổng: người đó được giao thêm vai trò; các cột khác không đổi."),
            _(
                "• Cán bộ phụ trách TĐKT, thủ trưởng đơn vị: ghi mã đơn vị. "
                "Các vai trò khác: ghi mã cơ quan (trống: cơ quan bạn đang làm việc)."
            ),
            _("• Tải tệp lên Cổng: Cổng kiểm tra từng dòng và chỉ lưu khi không còn dòng nào lỗi."),
        ],
        tables=[
            (_("Vai trò"), [_("Tên vai trò"), _("Mã vai trò")], [(str(label), value) for value, label in _grantable(by)]),
            (_("Cơ quan"), [_("Tên cơ quan"), _("Mã cơ quan")], [(str(a), a.code or "") for a in _authorities_for(by)]),
            (
                _("Đơn vị"),
                [_("Tên đơn vị"), _("Mã đơn vị"), _("Cơ quan")],
                [(u.name, u.code, str(u.authority)) for u in _units_for(by).order_by("authority_id", "sort_order", "name")],
            ),
        ],
        lists={"role": 0},
    )


class _Lookups:
    """What the file names, loaded once: roles, units, authorities, the known accounts and their roles."""

    def __init__(self, rows, by):
        self.roles = {}
        for value, label in Role.choices:
            self.roles[fold(str(label))] = self.roles[fold(value)] = value
        self.grantable = {value for value, _label in _grantable(by)}
        unit_codes = {row.text["unit"] for row in rows} - {""}
        self.units = {u.code: u for u in _units_for(by).filter(code__in=unit_codes)}
        self.authorities = {fold(a.code): a for a in Authority.objects.exclude(code=None).exclude(code="")}
        self.allowed_authorities = set(_authorities_for(by).values_list("pk", flat=True))
        self.acting = Authority.objects.get(pk=by.acting_authority_id)
        usernames = {row.text["username"] for row in rows} - {""}
        self.users = {u.username: u for u in User.objects.filter(username__in=usernames)}
        self.held: dict[int, set] = {}
        for user_id, role, unit_id, authority_id in RoleAssignment.objects.filter(user__username__in=usernames).values_list(
            "user_id", "role", "unit_id", "authority_id"
        ):
            self.held.setdefault(user_id, set()).add((role, unit_id, None if unit_id else authority_id))
        managed = users_for_management(viewer=by).prefetch_related(None).filter(username__in=usernames)
        self.managed = set(managed.values_list("pk", flat=True))


def _read_row(row, look: _Lookups) -> None:
    text, values = row.text, row.values
    role = look.roles.get(fold(text["role"])) if text["role"] else None
    if text["role"] and role is None:
        row.fault("role", _("vai trò “%(value)s” không hợp lệ (xem trang Hướng dẫn).") % {"value": text["role"]})
    elif role and role not in look.grantable:
        row.fault("role", _("bạn không được giao vai trò “%(value)s”.") % {"value": Role(role).label})
    values.update(role=role, unit=None, authority=None)
    authority = look.acting
    if text["authority"]:
        authority = look.authorities.get(fold(text["authority"]))
        if authority is None:
            row.fault("authority", _("mã cơ quan “%(value)s” không có trên Cổng.") % {"value": text["authority"]})
        elif authority.pk not in look.allowed_authorities:
            message = _("bạn chỉ được giao vai trò trong cơ quan mình đang làm việc (%(name)s).")
            row.fault("authority", message % {"name": look.acting})
            authority = None
    if role in UNIT_ROLES:
        unit = look.units.get(text["unit"]) if text["unit"] else None
        if not text["unit"]:
            row.fault("unit", _("vai trò này phải ghi mã đơn vị."))
        elif unit is None:
            message = _("không tìm thấy đơn vị có mã “%(value)s” trong cơ quan bạn được quản lý.")
            row.fault("unit", message % {"value": text["unit"]})
        elif text["authority"] and authority and unit.authority_id != authority.pk:
            row.fault("unit", _("đơn vị “%(value)s” không thuộc cơ quan đã ghi.") % {"value": text["unit"]})
        values.update(unit=unit, authority=unit.authority if unit else None)
    elif role and text["unit"]:
        row.fault("unit", _("vai trò này không gắn với đơn vị: hãy để trống mã đơn vị và ghi mã cơ quan."))
    elif role:
        values["authority"] = authority


def parse_users(file, *, by) -> SheetPreview:
    """Every row with its status (new account, role added to a known one, already held) or its faults."""
    rows = read_sheet(file, USER_COLUMNS, sheet_name=USER_SHEET)
    look = _Lookups(rows, by)
    seen: dict[tuple, int] = {}
    new_accounts: set[str] = set()
    for row in rows:
        text, values = row.text, row.values
        _read_row(row, look)
        username = text["username"]
        for name in ("username", "full_name", "email", "phone", "position"):
            values[name] = text[name]
        row.check("username", User.username_validator, _("tên đăng nhập “%(value)s” chỉ được gồm chữ, số và @ . + - _."))
        row.check("email", validate_email, EMAIL_FAULT)
        user = look.users.get(username)
        values["user"] = user
        target = (values["role"], values["unit"].pk if values["unit"] else None, None)
        if values["unit"] is None and values["authority"] is not None:
            target = (values["role"], None, values["authority"].pk)
        key = (username, *target)
        if username and values["role"] and key in seen:
            row.fault("role", _("trùng với dòng %(other)s (cùng tên đăng nhập và vai trò).") % {"other": seen[key]})
        seen.setdefault(key, row.number)
        if user is not None:
            row.status = UPDATE
            if user.pk not in look.managed and user.pk in look.held:
                message = _("tên đăng nhập “%(value)s” đã được dùng cho một tài khoản bạn không quản lý.")
                row.fault("username", message % {"value": username})
            elif target in look.held.get(user.pk, set()):
                row.status = SKIP
                row.notes.append(_("%(name)s đã có vai trò này: bỏ qua.") % {"name": user})
            else:
                row.notes.append(_("Tài khoản đã có: giao thêm vai trò."))
        elif username in new_accounts:
            row.status = UPDATE
            row.notes.append(_("Giao thêm vai trò cho tài khoản mới ở dòng trên."))
        else:
            row.status = NEW
            if username:
                new_accounts.add(username)
            if not text["full_name"]:
                row.fault("full_name", _("thiếu họ và tên (tài khoản mới)."))
            if not text["email"]:
                row.fault("email", _("thiếu thư điện tử (tài khoản mới nhận thư mời đặt mật khẩu)."))
    labels = {NEW: _("Tài khoản mới"), UPDATE: _("Giao thêm vai trò")}
    return SheetPreview(columns=[c.label for c in USER_COLUMNS], rows=rows).finish(USER_COLUMNS, labels)


@transaction.atomic
def users_import(*, by, preview: SheetPreview) -> dict:
    """Create the new accounts (each with its invitation) and grant every role of a clean preview, through
    services.user_create and services.role_grant (each permission-checked and audited).
    Returns {"created": accounts made, "granted": roles added to existing accounts}."""
    _require(by, "accounts.manage_users")
    if not preview.can_save:
        raise ValidationError(_("Danh sách còn lỗi; chưa lưu gì."))
    made: dict[str, User] = {}
    counts = {"created": 0, "granted": 0}
    for row in preview.rows:
        if row.status == SKIP:
            continue
        values = row.values
        role, unit, authority = values["role"], values["unit"], values["authority"]
        user = made.get(values["username"]) or values["user"]
        if user is None:
            user, _password = services.user_create(
                by=by,
                username=values["username"],
                full_name=values["full_name"],
                email=values["email"],
                phone=values["phone"],
                position=values["position"],
                role=role,
                unit=unit,
                authority=None if unit else authority,
                invite_by_email=True,
            )
            made[user.username] = user
            counts["created"] += 1
        else:
            services.role_grant(by=by, user=user, role=role, unit=unit, authority=None if unit else authority)
            counts["granted"] += 1
    return counts
