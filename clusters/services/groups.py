"""Groups, members, heads and deputies: the office composes each year's clusters and blocs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_record, save_with_version
from core.services import require_perm as _require
from core.text import normalize_text
from units.models import Unit

from ..enums import LeaderMethod, LeaderPosition, SheetStatus
from ..models import (
    EmulationGroup,
    GroupMember,
    LeadershipTerm,
    ScoringSheet,
)


def _authority_id(by, authority=None) -> int:
    """The authority a new group belongs to (#13): the one the page acts in, else the one `by` acts in."""
    if authority is not None:
        return authority if isinstance(authority, int) else authority.pk
    return by.acting_authority_id


def _same_authority(group: EmulationGroup, units, field: str = "units") -> None:
    """A group's members, head and deputy are units of the group's own authority."""
    strangers = sorted(u.name for u in units if u.authority_id != group.authority_id)
    if strangers:
        raise ValidationError({field: _("Đơn vị không thuộc cơ quan của cụm, khối: %(list)s.") % {"list": "; ".join(strangers)}})


@transaction.atomic
def group_create(
    *, by, year: int, kind: str, name: str, units=(), regulations: str = "", sort_order: int = 0, authority=None
) -> EmulationGroup:
    """A cluster or bloc of `authority` (the one the page acts in; else the one `by` acts in) for a year."""
    _require(by, "clusters.manage_groups")
    authority_id = _authority_id(by, authority)
    if EmulationGroup.objects.filter(authority_id=authority_id, year=year, name=normalize_text(name)).exists():
        raise ValidationError({"name": _("Năm %(year)s đã có “%(name)s”.") % {"year": year, "name": normalize_text(name)}})
    group = EmulationGroup.objects.create(
        authority_id=authority_id, year=year, kind=kind, name=name, regulations=regulations, sort_order=sort_order
    )
    _add_members(group, units)
    audit_record(actor=by, action="group_create", obj=group, changes={"members": [None, ", ".join(u.name for u in units)]})
    return group


def _add_members(group: EmulationGroup, units) -> None:
    _same_authority(group, units)
    taken = dict(
        GroupMember.objects.filter(year=group.year, unit__in=list(units))
        .exclude(group=group)
        .values_list("unit__name", "group__name")
    )
    if taken:
        raise ValidationError(
            _("Đơn vị đã thuộc cụm, khối khác trong năm %(year)s: %(list)s.")
            % {"year": group.year, "list": "; ".join(f"{u} ({g})" for u, g in sorted(taken.items()))}
        )
    GroupMember.objects.bulk_create(GroupMember(group=group, unit=u, year=group.year) for u in units)


@transaction.atomic
def group_set_members(*, by, group: EmulationGroup, units) -> EmulationGroup:
    _require(by, "clusters.manage_groups", group)
    current = set(group.memberships.values_list("unit_id", flat=True))
    if current != {u.pk for u in units}:
        started = (
            ScoringSheet.objects.filter(group=group).exclude(status=SheetStatus.DRAFT).exists()
            or hasattr(group, "pact")
            or hasattr(group, "election")
        )
        if started:
            raise ValidationError(
                {"units": _("Đã mở chấm điểm, lập giao ước hoặc bầu suy tôn: không thay đổi thành viên được nữa.")}
            )
    old = sorted(group.memberships.values_list("unit__name", flat=True))
    group.memberships.exclude(unit__in=list(units)).delete()
    present = set(group.memberships.values_list("unit_id", flat=True))
    _add_members(group, [u for u in units if u.pk not in present])
    audit_record(
        actor=by,
        action="group_members",
        obj=group,
        changes={"members": [", ".join(old), ", ".join(sorted(u.name for u in units))]},
    )
    return group


@transaction.atomic
def group_update(*, by, group: EmulationGroup, expected_version: int, name: str, regulations: str, units) -> EmulationGroup:
    """The office renames a group, edits its regulations and sets its member units."""
    _require(by, "clusters.manage_groups", group)
    name = normalize_text(name)
    if EmulationGroup.objects.filter(authority_id=group.authority_id, year=group.year, name=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Năm %(year)s đã có “%(name)s”.") % {"year": group.year, "name": name}})
    old = {"name": group.name, "regulations": group.regulations}
    group.name, group.regulations = name, regulations
    save_with_version(group, expected_version=expected_version, fields=["name", "regulations"])
    changes = {k: [v, getattr(group, k)] for k, v in old.items() if v != getattr(group, k)}
    if changes:
        audit_record(actor=by, action="group_update", obj=group, changes=changes)
    group_set_members(by=by, group=group, units=units)
    return group


@transaction.atomic
def groups_copy_year(*, by, from_year: int, to_year: int, authority=None) -> list[EmulationGroup]:
    """Next year's composition of one authority's groups starts as this year's: same groups, members and
    regulations. Heads are not copied: they rotate, and are appointed or elected again."""
    _require(by, "clusters.manage_groups")
    own = EmulationGroup.objects.filter(authority_id=_authority_id(by, authority))
    if own.filter(year=to_year).exists():
        raise ValidationError(_("Năm %(year)s đã có cụm, khối; không sao chép đè.") % {"year": to_year})
    created = []
    for group in own.filter(year=from_year).prefetch_related("memberships__unit"):
        copy = EmulationGroup.objects.create(
            authority_id=group.authority_id,
            year=to_year,
            kind=group.kind,
            name=group.name,
            regulations=group.regulations,
            sort_order=group.sort_order,
        )
        GroupMember.objects.bulk_create(
            GroupMember(group=copy, unit=m.unit, year=to_year)
            for m in group.memberships.all()
            if m.unit.is_active and m.unit.authority_id == copy.authority_id
        )
        created.append(copy)
    if not created:
        raise ValidationError(_("Năm %(year)s chưa có cụm, khối nào để sao chép.") % {"year": from_year})
    for copy in created:
        audit_record(actor=by, action="group_copy", obj=copy, changes={"year": [from_year, to_year]})
    return created


@transaction.atomic
def group_set_leader(
    *,
    by,
    group: EmulationGroup,
    unit: Unit,
    position: str,
    method: str,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> LeadershipTerm:
    """Appoint or record the election of the head or deputy: the previous term ends the day before.
    From a page, expected_version is the group's version the page showed (a newer change is not
    overwritten); without it the group as loaded by the caller."""
    _require(by, "clusters.manage_groups", group)
    _same_authority(group, [unit], field="unit")
    if not group.memberships.filter(unit=unit).exists():
        raise ValidationError(_("%(unit)s không phải thành viên của %(group)s.") % {"unit": unit.name, "group": group.name})
    on = on or timezone.localdate()
    field = "head" if position == LeaderPosition.HEAD else "deputy"
    other = group.deputy_id if field == "head" else group.head_id
    if other == unit.pk:
        raise ValidationError(_("Trưởng và phó trưởng cụm, khối phải là hai đơn vị khác nhau."))
    previous = getattr(group, field)
    LeadershipTerm.objects.filter(group=group, position=position, ended_on__isnull=True).update(
        ended_on=on - datetime.timedelta(days=1)
    )
    term = LeadershipTerm.objects.create(group=group, unit=unit, position=position, method=method, started_on=on, note=note)
    setattr(group, field, unit)
    save_with_version(group, expected_version=group.version if expected_version is None else expected_version, fields=[field])
    audit_record(
        actor=by,
        action="group_leader",
        obj=group,
        changes={field: [str(previous) if previous else None, unit.name]},
        note=str(LeaderMethod(method).label),
    )
    return term
