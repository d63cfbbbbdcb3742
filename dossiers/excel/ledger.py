"""The award ledger of past years, as the standing office fills the template from old decisions
(individuals only): its columns and its parser. Saving is services.ledger_import's."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AwardRecord
from ..people import ledger_rows_already_held
from .cells import Date, Integer, Text, this_year
from .columns import Column, ImportPreview, PreviewRow, model_field, read_preview
from .nominees import DATE_OF_BIRTH, FULL_NAME
from .references import IndividualAward, UnitRef

LEDGER_SHEET = "Sổ khen thưởng"

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
    return tuple(replace(c, parse=UnitRef(authority_id)) if c.key == "unit" else c for c in LEDGER_COLUMNS)


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
    for index in ledger_rows_already_held([row.values for row in valid]):
        valid[index].skip = True
        valid[index].notes.append(_("Đã có trong sổ khen thưởng: bỏ qua."))
    return preview
