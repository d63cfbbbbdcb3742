"""Writes on units and the authority: keyword-only, atomic, permission-checked, audited."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.services import ConcurrentEditError, audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require

from .models import Authority, Unit

# What a unit's own clerk or head may keep up to date; the rest is the office's.
CONTACT_FIELDS = ["head_name", "head_title", "email", "phone", "address"]
UNIT_FIELDS = [
    "name",
    "code",
    "kind",
    "parent",
    "is_active",
    "is_disadvantaged_area",
    "head_name",
    "head_title",
    "email",
    "phone",
    "address",
    "sort_order",
]


def _check_parent_authority(unit: Unit) -> None:
    """A unit and the unit above it belong to one authority (#13): a commune's school is never under a
    province's department. (Unit.clean checks only the tree's loops.)"""
    if unit.parent_id is not None and unit.parent.authority_id != unit.authority_id:
        raise ValidationError({"parent": _("Đơn vị cấp trên phải thuộc cùng cơ quan ban hành với đơn vị này.")})


@transaction.atomic
def unit_create(*, by, authority: Authority, **fields) -> Unit:
    """A unit of `authority`, the one the staff member acts in (request.authority)."""
    _require(by, "units.manage_units")
    if not by.has_perm("units.manage_authorities") and authority.pk != by.acting_authority_id:
        raise ValidationError(_("Bạn chỉ được thêm đơn vị của cơ quan mình đang làm việc."))
    unit = Unit(authority=authority, **fields)
    unit.full_clean()
    _check_parent_authority(unit)
    unit.save()
    audit_record(actor=by, action="unit_create", obj=unit, changes=diff_fields(unit, {}, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_update(*, by, unit: Unit, expected_version: int, **fields) -> Unit:
    """Staff change anything; a unit's own clerk or head only its contact fields (the form decides
    which fields arrive; the permission is checked here again)."""
    if set(fields) - set(CONTACT_FIELDS):
        _require(by, "units.manage_units")
    else:
        _require(by, "units.change_unit_contact", unit)
    old = snapshot(Unit.objects.get(pk=unit.pk), fields)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    _check_parent_authority(unit)
    save_with_version(unit, expected_version=expected_version, fields=list(fields))
    changes = diff_fields(unit, old, fields)
    if changes:
        audit_record(actor=by, action="unit_update", obj=unit, changes=changes)
    return unit


AUTHORITY_FIELDS = [f.name for f in Authority._meta.get_fields() if f.concrete and f.name not in ("id", "updated_at", "version")]


@transaction.atomic
def authority_create(*, by, parent: Authority, **fields) -> Authority:
    """A new authority under `parent` (a commune under the province): the system administrator's."""
    _require(by, "units.manage_authorities")
    if parent is None:
        raise ValidationError({"parent": _("Cơ quan mới phải có cơ quan cấp trên.")})
    unknown = set(fields) - set(AUTHORITY_FIELDS)
    if unknown:
        raise TypeError(f"not authority fields: {sorted(unknown)}")
    authority = Authority(parent=parent, **fields)
    authority.full_clean()
    authority.save()
    audit_record(actor=by, action="authority_create", obj=authority, changes=diff_fields(authority, {}, ["parent", *fields]))
    return authority


@transaction.atomic
def authority_update(*, by, authority: Authority, expected_version: int, **fields) -> Authority:
    """The administrator's settings; a page opened before somebody else saved is refused."""
    _require(by, "units.change_authority")
    stored = Authority.objects.get(pk=authority.pk)
    old = snapshot(stored, fields)
    for name, value in fields.items():
        setattr(authority, name, value)
    if stored.parent_id is not None and authority.parent_id is None:
        # Two tops would make Authority.root() (what anonymous pages show) depend on ids.
        raise ValidationError({"parent": _("Cơ quan cấp dưới phải có cơ quan cấp trên.")})
    if stored.parent_id is None and authority.parent_id is not None:
        raise ValidationError({"parent": _("Cơ quan cao nhất của hệ thống không có cơ quan cấp trên.")})
    authority.full_clean()
    # Claim the version first (this locks the row), then save through save() which normalises the names.
    if not Authority.objects.filter(pk=authority.pk, version=expected_version).update(version=models.F("version") + 1):
        raise ConcurrentEditError()
    authority.version = expected_version + 1
    authority.save()
    changes = diff_fields(authority, old, fields)
    if changes:
        audit_record(actor=by, action="authority_update", obj=authority, changes=changes)
    return authority
