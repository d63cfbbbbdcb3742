"""Writes on units and the authority: keyword-only, atomic, permission-checked, audited."""

from django.db import models, transaction

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


@transaction.atomic
def unit_create(*, by, **fields) -> Unit:
    _require(by, "units.manage_units")
    unit = Unit(**fields)
    unit.full_clean()
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
    save_with_version(unit, expected_version=expected_version, fields=list(fields))
    changes = diff_fields(unit, old, fields)
    if changes:
        audit_record(actor=by, action="unit_update", obj=unit, changes=changes)
    return unit


@transaction.atomic
def authority_update(*, by, authority: Authority, expected_version: int, **fields) -> Authority:
    """The administrator's settings; a page opened before somebody else saved is refused."""
    _require(by, "units.change_authority")
    old = snapshot(Authority.objects.get(pk=authority.pk), fields)
    for name, value in fields.items():
        setattr(authority, name, value)
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
