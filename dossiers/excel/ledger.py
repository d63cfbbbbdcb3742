"""The award ledger of past years, as the standing office fills the template from old decisions
(individuals only): its columns and its parser. Saving is services.ledger_import's."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.models import Authority

from ..models import AwardRecord
from ..people import ledger_rows_already_held
from .cells import Cell, Date, Fault, Integer, Text, fold, this_year
from .columns import Column, ImportPreview, PreviewRow, model_field, read_preview
from .nominees import DATE_OF_BIRTH, FULL_NAME
from .references import IndividualAward, UnitRef

LEDGER_SHEET = "Sổ khen thưởng"


class IssuerRef(Cell):
    """The authority that decided an old award, by its code or its exact name or short name as written on the
    decision (“UBND huyện Phong Thổ”). With `authority_id` (the importing office's, #13): that authority
    itself, or one dissolved since whose successor it is (its records came over: the 2025 reform); any other
    is a fault. A blank cell is the importer's own decision, as before the column existed."""

    blank = None
    refers = True

    def __init__(self, authority_id: int | None = None):
        self.authority_id = authority_id
        self.by_code: dict[str, Authority] = {}
        self.by_name: dict[str, list[Authority]] = {}

    def for_file(self):
        bound = IssuerRef(self.authority_id)
        for authority in Authority.objects.select_related("successor"):  # a few hundred at most: one query
            if authority.code:
                bound.by_code[authority.code.casefold()] = authority
            for name in {fold(authority.name), fold(authority.short_name)} - {""}:
                bound.by_name.setdefault(name, []).append(authority)
        return bound

    def _may_import(self, authority: Authority) -> bool:
        if self.authority_id is None:
            return authority.dissolved_on is None
        if authority.pk == self.authority_id:
            return True
        return authority.dissolved_on is not None and authority.successor_id == self.authority_id

    def parse(self, raw, text, column) -> Authority:
        key = fold(text)
        found = [self.by_code[key]] if key in self.by_code else self.by_name.get(key, [])
        if not found:
            raise Fault(_("không có cơ quan “%(value)s” trong danh sách cơ quan ban hành.") % {"value": text})
        allowed = [authority for authority in found if self._may_import(authority)]
        if len(allowed) > 1:
            raise Fault(_("có nhiều cơ quan tên “%(value)s”; hãy ghi mã cơ quan.") % {"value": text})
        if not allowed:
            authority = found[0]
            if authority.dissolved_on is None:
                raise Fault(
                    _("“%(value)s” là cơ quan khác đang hoạt động: chỉ nhập quyết định của cơ quan đang làm việc.")
                    % {"value": text}
                )
            if authority.successor_id is None:
                raise Fault(
                    _("“%(value)s” đã giải thể nhưng chưa có cơ quan kế thừa: đề nghị quản trị hệ thống cập nhật.")
                    % {"value": text}
                )
            raise Fault(
                _("“%(value)s” đã giải thể; hồ sơ của cơ quan này do %(successor)s kế thừa, không phải cơ quan đang làm việc.")
                % {"value": text, "successor": authority.successor}
            )
        return allowed[0]

    def show(self, value, text):
        if value.dissolved_on is not None:
            return _("%(issuer)s (cũ)") % {"issuer": value}
        return str(value)


LEDGER_COLUMNS = (
    Column(
        "year",
        "Năm (*)",
        8,
        Integer(1945, this_year, message=gettext_lazy("%(field)s “%(value)s” không hợp lệ.")),
        required=True,
        aliases=("Năm khen thưởng",),
    ),
    FULL_NAME,
    DATE_OF_BIRTH,
    Column("unit", "Đơn vị (mã hoặc tên) (*)", 32, UnitRef(), required=True, aliases=("Đơn vị công tác",)),
    Column(
        "award",
        "Danh hiệu, hình thức (mã hoặc tên) (*)",
        34,
        IndividualAward(active_only=False),  # an award no longer given is still history
        required=True,
        aliases=("Danh hiệu", "Hình thức khen thưởng"),
        name=gettext_lazy("danh hiệu, hình thức"),
    ),
    Column(
        "decision_number",
        "Số quyết định",
        20,
        Text(),
        aliases=("Số QĐ",),
        field=model_field(AwardRecord, "decision_number"),
    ),
    Column("decision_date", "Ngày quyết định (dd/mm/yyyy)", 18, Date(), aliases=("Ngày QĐ",), as_text=True),
    # Optional (#13): an old decision of a district dissolved in 2025 goes to the commune that took over its records.
    Column(
        "issuer",
        "Cơ quan quyết định",
        30,
        IssuerRef(),
        aliases=("Cơ quan ban hành quyết định", "Cơ quan ban hành"),
        name=gettext_lazy("cơ quan quyết định"),
    ),
)


@dataclass
class LedgerPreview(ImportPreview):
    @property
    def skip_count(self) -> int:
        return sum(1 for row in self.rows if row.skip)

    @property
    def new_count(self) -> int:
        return self.valid_count - self.skip_count


def ledger_columns(authority_id: int | None) -> tuple[Column, ...]:
    """The columns, their units read among `authority_id`'s own (an office imports its own ledger: #13)."""
    if authority_id is None:
        return LEDGER_COLUMNS
    scoped = {"unit": UnitRef(authority_id), "issuer": IssuerRef(authority_id)}
    return tuple(replace(c, parse=scoped[c.key]) if c.key in scoped else c for c in LEDGER_COLUMNS)


def parse_ledger(file, *, authority_id: int | None = None) -> LedgerPreview:
    """Read a filled ledger template into a preview. Beyond each cell: the same award of the same person
    in the same year twice in the file is a fault; a row the ledger already holds is valid but skipped.
    With `authority_id`, a unit of another authority is not found (the importing office's units only)."""
    seen: dict[tuple, int] = {}

    def check(row: PreviewRow) -> list[str]:
        if row.errors:
            return []
        values = row.values
        key = (values["full_name"].casefold(), values["date_of_birth"], values["unit"].pk, values["award"].pk, values["year"])
        seen.setdefault(key, row.number)
        if seen[key] != row.number:
            return [_("trùng với dòng %(other)s (cùng người, danh hiệu, hình thức và năm).") % {"other": seen[key]}]
        return []

    preview = read_preview(file, ledger_columns(authority_id), sheet_name=LEDGER_SHEET, check=check, preview_class=LedgerPreview)
    valid = [row for row in preview.rows if row.is_valid]
    for row in valid:
        issuer = row.values.get("issuer")
        if issuer is not None and issuer.dissolved_on is not None:
            note = _("Quyết định của %(issuer)s (cũ): ghi vào sổ của %(successor)s.")
            row.notes.append(note % {"issuer": issuer, "successor": issuer.successor})
    for index in ledger_rows_already_held([row.values for row in valid]):
        valid[index].skip = True
        valid[index].notes.append(_("Đã có trong sổ khen thưởng: bỏ qua."))
    return preview
