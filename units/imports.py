"""A province's units from Excel (#13): the template, the row-by-row preview and the import service.

A row names its unit by code: a code the portal has (in the same authority) is updated, a new one is
created. The unit above it is a code of the file (it may come later in the file) or of the portal, in the
same authority. The authority is named by its code; blank is the authority the importer acts in, and an
office imports only into its own. Every lookup is one query for the whole file.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, snapshot
from core.services import require_perm as _require

from .enums import UnitKind
from .models import Authority, Unit
from .sheets import EMAIL_FAULT, NEW, UPDATE, Column, SheetPreview, fold, read_sheet, template_bytes

UNIT_SHEET = "Danh sách đơn vị"


def _max(name: str) -> int:
    return Unit._meta.get_field(name).max_length


UNIT_COLUMNS = (
    Column("code", "Mã đơn vị (*)", 18, _max("code"), example="so-noi-vu"),
    Column("name", "Tên đơn vị (*)", 40, _max("name"), example="Sở Nội vụ"),
    Column("kind", "Loại đơn vị (*)", 30, example=str(UnitKind.DEPARTMENT.label)),
    Column("parent", "Mã đơn vị cấp trên", 18, _max("code"), aliases=("Đơn vị cấp trên",)),
    Column("authority", "Mã cơ quan", 18, 40, aliases=("Cơ quan",)),
    Column("head_name", "Thủ trưởng", 26, _max("head_name"), aliases=("Họ tên thủ trưởng",), example="Nguyễn Văn An"),
    Column("head_title", "Chức vụ", 20, _max("head_title"), aliases=("Chức vụ thủ trưởng",), example="Giám đốc"),
    Column("email", "Thư điện tử", 28, _max("email"), aliases=("Email",), example="sonoivu@laichau.gov.vn"),
    Column("phone", "Điện thoại", 16, _max("phone")),
    Column("address", "Địa chỉ", 36, _max("address")),
)
SAVED_FIELDS = ["name", "kind", "parent", "head_name", "head_title", "email", "phone", "address"]


def _authorities_for(by):
    """The authorities an importer may name: every one for the administrator, else the one they act in."""
    if by.has_perm("units.manage_authorities"):
        return Authority.objects.order_by("parent_id", "name")
    return Authority.objects.filter(pk=by.acting_authority_id)


def unit_template(*, by) -> bytes:
    authorities = list(_authorities_for(by))
    return template_bytes(
        sheet_name=UNIT_SHEET,
        columns=UNIT_COLUMNS,
        title=_("Hướng dẫn nhập danh sách đơn vị"),
        notes=[
            _("• Mỗi dòng một đơn vị. Dòng tiêu đề (dòng 1) giữ nguyên; dòng 2 là ví dụ, hãy xóa hoặc sửa lại."),
            _("• Mã đơn vị: chữ không dấu, số, gạch ngang; không trùng. Mã đã có trên Cổng thì đơn vị đó được cập nhật."),
            _("• Mã đơn vị cấp trên: mã một đơn vị trong tệp (có thể ở dòng sau) hoặc đã có trên Cổng, cùng cơ quan."),
            _("• Mã cơ quan: để trống là cơ quan bạn đang làm việc."),
            _("• Tải tệp lên Cổng: Cổng kiểm tra từng dòng và chỉ lưu khi không còn dòng nào lỗi."),
        ],
        tables=[
            (_("Loại đơn vị"), [_("Tên loại"), _("Mã loại")], [(str(label), value) for value, label in UnitKind.choices]),
            (_("Cơ quan"), [_("Tên cơ quan"), _("Mã cơ quan")], [(str(a), a.code or "") for a in authorities]),
        ],
        lists={"kind": 0},
    )


def parse_units(file, *, by) -> SheetPreview:
    """Every row of the file with its status (new, update) or its faults; nothing is written."""
    rows = read_sheet(file, UNIT_COLUMNS, sheet_name=UNIT_SHEET)
    kinds = {}
    for value, label in UnitKind.choices:
        kinds[fold(str(label))] = kinds[fold(value)] = value
    authorities = {fold(a.code): a for a in Authority.objects.exclude(code=None).exclude(code="")}
    allowed_ids = set(_authorities_for(by).values_list("pk", flat=True))
    acting = Authority.objects.get(pk=by.acting_authority_id)
    codes = {row.text["code"] for row in rows} | {row.text["parent"] for row in rows}
    known = {u.code: u for u in Unit.objects.filter(code__in=codes - {""}).select_related("authority")}
    in_file: dict[str, object] = {}
    for row in rows:
        values, text = row.values, row.text
        code = text["code"]
        if code:
            row.check("code", validate_slug, _("mã đơn vị “%(value)s” chỉ được gồm chữ không dấu, số, gạch ngang."))
            if code in in_file:
                other = in_file[code].number
                row.fault("code", _("mã đơn vị “%(value)s” trùng với dòng %(other)s.") % {"value": code, "other": other})
            else:
                in_file[code] = row
        if text["kind"]:
            values["kind"] = kinds.get(fold(text["kind"]))
            if values["kind"] is None:
                row.fault("kind", _("loại đơn vị “%(value)s” không hợp lệ (xem trang Hướng dẫn).") % {"value": text["kind"]})
        authority = acting
        if text["authority"]:
            authority = authorities.get(fold(text["authority"]))
            if authority is None:
                row.fault("authority", _("mã cơ quan “%(value)s” không có trên Cổng.") % {"value": text["authority"]})
            elif authority.pk not in allowed_ids:
                message = _("bạn chỉ được nhập đơn vị của cơ quan mình đang làm việc (%(name)s).")
                row.fault("authority", message % {"name": acting})
                authority = None
        values["authority"] = authority
        row.check("email", validate_email, EMAIL_FAULT)
        for name in ("name", "head_name", "head_title", "email", "phone", "address"):
            values[name] = text[name]
        values["code"] = code
        existing = known.get(code)
        row.status = UPDATE if existing else NEW
        values["unit"] = existing
        if existing and authority and existing.authority_id != authority.pk:
            row.fault(
                "code",
                _("mã đơn vị “%(value)s” đã được dùng cho %(name)s của %(authority)s.")
                % {"value": code, "name": existing.name, "authority": existing.authority},
            )
    names = {row.text["name"] for row in rows} - {""}
    taken = {
        (parent_code, fold(name)): unit_code
        for name, parent_code, unit_code in Unit.objects.filter(name__in=names, parent__isnull=False).values_list(
            "name", "parent__code", "code"
        )
    }
    _check_parents(rows, in_file, known, taken)
    return SheetPreview(columns=[c.label for c in UNIT_COLUMNS], rows=rows).finish(UNIT_COLUMNS)


def _check_parents(rows, in_file, known, taken) -> None:
    """The unit above each row: in the file or in the portal, in the same authority, no loop; and no two
    units of one name under one parent."""
    names: dict[tuple, int] = {}
    for row in rows:
        code, parent_code, authority = row.text["code"], row.text["parent"], row.values["authority"]
        row.values["parent_code"] = parent_code
        if parent_code:
            parent_row, parent_unit = in_file.get(parent_code), known.get(parent_code)
            if parent_code == code:
                row.fault("parent", _("đơn vị cấp trên không được là chính đơn vị này."))
            elif parent_row is None and parent_unit is None:
                message = _("không tìm thấy đơn vị cấp trên có mã “%(value)s” trong tệp hoặc trên Cổng.")
                row.fault("parent", message % {"value": parent_code})
            else:
                parent_authority = parent_row.values["authority"] if parent_row else parent_unit.authority
                if authority and parent_authority and parent_authority.pk != authority.pk:
                    row.fault("parent", _("đơn vị cấp trên “%(value)s” thuộc cơ quan khác.") % {"value": parent_code})
                elif _loops(code, in_file):
                    row.fault("parent", _("đơn vị cấp trên “%(value)s” tạo thành vòng lặp.") % {"value": parent_code})
        key = (parent_code, fold(row.text["name"]))
        if row.text["name"] and key in names:
            row.fault("name", _("tên đơn vị trùng với dòng %(other)s (cùng đơn vị cấp trên).") % {"other": names[key]})
        elif parent_code and taken.get(key, row.text["code"]) != row.text["code"]:
            message = _("đơn vị cấp trên đã có đơn vị khác tên “%(value)s” (mã %(code)s).")
            row.fault("name", message % {"value": row.text["name"], "code": taken[key]})
        names.setdefault(key, row.number)


def _loops(code: str, in_file) -> bool:
    seen, current = {code}, in_file[code].text["parent"] if code in in_file else ""
    while current in in_file:
        if current in seen:
            return True
        seen.add(current)
        current = in_file[current].text["parent"]
    return False


def _in_order(rows) -> list:
    """Parents before their children (a child may come first in the file; a chain may be long)."""
    by_code = {row.values["code"]: row for row in rows}
    ordered, placed = [], set()
    for row in rows:
        chain, current = [], row
        while current is not None and current.values["code"] not in placed and current not in chain:
            chain.append(current)
            current = by_code.get(current.values["parent_code"])
        for item in reversed(chain):
            placed.add(item.values["code"])
            ordered.append(item)
    return ordered


@transaction.atomic
def units_import(*, by, preview: SheetPreview) -> dict:
    """Create or update every unit of a clean preview, parents first; one audit entry per unit.
    Returns {"created": n, "updated": n}."""
    _require(by, "units.manage_units")
    if not preview.can_save:
        raise ValidationError(_("Danh sách còn lỗi; chưa lưu gì."))
    allowed_ids = set(_authorities_for(by).values_list("pk", flat=True))
    saved: dict[str, Unit] = {}
    counts = {"created": 0, "updated": 0}
    for row in _in_order(preview.rows):
        values = row.values
        if values["authority"].pk not in allowed_ids:
            raise ValidationError(_("Bạn chỉ được nhập đơn vị của cơ quan mình đang làm việc."))
        parent_code = values["parent_code"]
        parent = saved.get(parent_code) or (Unit.objects.get(code=parent_code) if parent_code else None)
        fields = {name: values[name] for name in SAVED_FIELDS if name != "parent"} | {"parent": parent}
        unit = values["unit"]
        if unit is None:
            unit = Unit(authority=values["authority"], code=values["code"], **fields)
            unit.full_clean(validate_unique=False, validate_constraints=False)
            unit.save()
            audit_record(actor=by, action="unit_create", obj=unit, changes=diff_fields(unit, {}, ["code", *SAVED_FIELDS]))
            counts["created"] += 1
        else:
            unit = Unit.objects.get(pk=unit.pk)
            old = snapshot(unit, SAVED_FIELDS)
            for name, value in fields.items():
                setattr(unit, name, value)
            unit.full_clean(validate_unique=False, validate_constraints=False)
            unit.version += 1
            unit.save()
            changes = diff_fields(unit, old, SAVED_FIELDS)
            if changes:
                audit_record(actor=by, action="unit_update", obj=unit, changes=changes)
            counts["updated"] += 1
        saved[unit.code] = unit
    return counts
