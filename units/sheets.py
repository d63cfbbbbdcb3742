"""Excel sheets for onboarding an authority (#13): the template to download and the rows of an upload.

The small part the unit and account imports share: their Column, the row with its status (new, update,
skip) and faults, the preview. Opening the upload safely (size, package checks, header row, row limit) is
core.sheets', the upload and confirmation pages core.imports', as for the nominee import; the preview
follows the same discipline: every row, every fault in Vietnamese with its row number, nothing saved until
a clean file is confirmed.
"""

import io
import re
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.sheets import MAX_ROWS, Preview, read_rows, thousands
from core.text import normalize_text

GUIDE_SHEET = "Hướng dẫn"
ONBOARDING_STASH = "onboarding_import_stash"  # the session key of the checked file (core.imports.Stash)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FDE9D9")

NEW = "new"
UPDATE = "update"
SKIP = "skip"
EMAIL_FAULT = gettext_lazy("thư điện tử “%(value)s” không hợp lệ.")
STATUS_LABELS = {NEW: gettext_lazy("Thêm mới"), UPDATE: gettext_lazy("Cập nhật"), SKIP: gettext_lazy("Đã có, bỏ qua")}


def fold(text: str) -> str:
    """How two spellings of a code, a kind or a role are compared: NFC, spaces collapsed, no case."""
    return normalize_text(text).casefold()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template; “(*)” marks a required column
    width: int
    max_length: int | None = None
    aliases: tuple[str, ...] = ()
    example: str = ""

    @property
    def label(self) -> str:
        return re.sub(r"\s*\([^)]*\)", "", self.header).strip()

    @property
    def required(self) -> bool:
        return "(*)" in self.header


@dataclass
class SheetRow:
    number: int  # as Excel shows it
    text: dict[str, str]  # what each cell says
    values: dict = field(default_factory=dict)  # what the importer saves
    errors: list[str] = field(default_factory=list)
    bad: set = field(default_factory=set)  # keys of the cells at fault
    notes: list[str] = field(default_factory=list)
    status: str = NEW
    cells: list = field(default_factory=list)  # [(text, at fault)] in column order, for the table
    label: str = ""  # the status as the preview names it

    def fault(self, key: str | None, message: str) -> None:
        self.errors.append(_("Dòng %(row)s: %(fault)s") % {"row": self.number, "fault": message})
        if key:
            self.bad.add(key)

    def check(self, key: str, validator, message) -> None:
        """A fault `message % {"value": the cell}` when a filled cell fails a Django validator."""
        if self.text.get(key):
            try:
                validator(self.text[key])
            except ValidationError:
                self.fault(key, message % {"value": self.text[key]})

    @property
    def status_label(self) -> str:
        return _("Lỗi") if self.errors else self.label or str(STATUS_LABELS[self.status])


@dataclass
class SheetPreview(Preview):
    rows: list[SheetRow]

    @property
    def count_new(self) -> int:
        return sum(1 for row in self.rows if not row.errors and row.status == NEW)

    @property
    def count_update(self) -> int:
        return sum(1 for row in self.rows if not row.errors and row.status == UPDATE)

    @property
    def can_save(self) -> bool:
        return super().can_save and any(row.status != SKIP for row in self.rows)

    def finish(self, columns, labels: dict | None = None) -> "SheetPreview":
        """The table's cells in column order; `labels` names the statuses in the importer's words."""
        for row in self.rows:
            row.cells = [(row.text.get(c.key, ""), c.key in row.bad) for c in columns]
            row.label = str((labels or {}).get(row.status, STATUS_LABELS[row.status]))
        return self


# --- Reading ----------------------------------------------------------------------------------------


def read_sheet(file, columns, *, sheet_name: str) -> list[SheetRow]:
    """The non-blank rows under the header row (core.sheets.read_rows), each cell as text (too long: a
    fault already). Raises ValidationError for a file it cannot read."""
    rows = []
    for number, raw in read_rows(file, columns, sheet_name=sheet_name):
        row = SheetRow(number=number, text={c.key: cell_text(raw.get(c.key)) for c in columns})
        for column in columns:
            value = row.text[column.key]
            if column.required and not value:
                row.fault(column.key, _("thiếu %(field)s.") % {"field": column.label.lower()})
            elif column.max_length and len(value) > column.max_length:
                message = _("%(field)s dài quá %(max)s ký tự.")
                row.fault(column.key, message % {"field": column.label.lower(), "max": column.max_length})
        rows.append(row)
    return rows


# --- The template -----------------------------------------------------------------------------------


def template_bytes(*, sheet_name: str, columns, title: str, notes: list[str], tables: list[tuple], lists=None) -> bytes:
    """The data sheet (header row, an example row) and the guide sheet: notes, then each table
    (heading, column headings, rows). `lists` {column key: table index} offers the first column of that
    table as a drop-down in the column (a value typed by hand is accepted too)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for position, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.cell(row=2, column=position, value=column.example or None)
        sheet.column_dimensions[get_column_letter(position)].width = column.width
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(GUIDE_SHEET)
    for letter, width in zip("ABC", (40, 60, 24), strict=True):
        guide.column_dimensions[letter].width = width
    guide.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    row = 3
    last_note = _("• Cột có dấu (*) là bắt buộc. Dòng để trống bị bỏ qua. Tối đa %(max)s dòng một tệp.")
    for line in [*notes, last_note % {"max": thousands(MAX_ROWS)}]:
        guide.cell(row=row, column=1, value=line)
        row += 1
    ranges = []
    for heading, headers, values in tables:
        row += 1
        guide.cell(row=row, column=1, value=heading).font = _HEADER_FONT
        row += 1
        for position, header in enumerate(headers, start=1):
            cell = guide.cell(row=row, column=position, value=header)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        first = row + 1
        for line in values:
            row += 1
            for position, value in enumerate(line, start=1):
                guide.cell(row=row, column=position, value=value)
        ranges.append(f"'{GUIDE_SHEET}'!$A${first}:$A${max(first, row)}")
        row += 1
    for key, table in (lists or {}).items():
        validation = DataValidation(type="list", formula1=ranges[table], allow_blank=True, showErrorMessage=False)
        sheet.add_data_validation(validation)
        letter = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
