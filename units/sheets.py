"""Excel sheets for onboarding an authority (#13): the template to download and the rows of an upload.

The small generic part the unit and account imports share. The nominee import's pieces live in
dossiers/excel/, which units and accounts may not import (they sit below dossiers); the bytes are
checked the same way (size, rows, core.uploads.check_office_package) and the preview follows the same
discipline: every row, every fault in Vietnamese with its row number, nothing saved until a clean file
is confirmed.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.text import normalize_text
from core.uploads import check_office_package, safe_name

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GUIDE_SHEET = "Hướng dẫn"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FDE9D9")

NEW = "new"
UPDATE = "update"
SKIP = "skip"
EMAIL_FAULT = gettext_lazy("thư điện tử “%(value)s” không hợp lệ.")
STATUS_LABELS = {NEW: gettext_lazy("Thêm mới"), UPDATE: gettext_lazy("Cập nhật"), SKIP: gettext_lazy("Đã có, bỏ qua")}


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fold(text: str) -> str:
    """How two spellings of a code, a kind or a role are compared: NFC, spaces collapsed, no case."""
    return normalize_text(text).casefold()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


def _header_key(text) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    text = re.sub(r"\([^)]*\)", " ", text).replace("*", " ").replace(":", " ")
    return " ".join(text.split()).strip(" .")


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
class SheetPreview:
    columns: list[str]
    rows: list[SheetRow]

    @property
    def errors_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows if not row.errors)

    @property
    def count_new(self) -> int:
        return sum(1 for row in self.rows if not row.errors and row.status == NEW)

    @property
    def count_update(self) -> int:
        return sum(1 for row in self.rows if not row.errors and row.status == UPDATE)

    @property
    def errors(self) -> list[str]:
        return [message for row in self.rows for message in row.errors]

    @property
    def can_save(self) -> bool:
        return bool(self.rows) and not self.errors_count and any(row.status != SKIP for row in self.rows)

    def finish(self, columns, labels: dict | None = None) -> "SheetPreview":
        """The table's cells in column order; `labels` names the statuses in the importer's words."""
        for row in self.rows:
            row.cells = [(row.text.get(c.key, ""), c.key in row.bad) for c in columns]
            row.label = str((labels or {}).get(row.status, STATUS_LABELS[row.status]))
        return self


# --- Reading ----------------------------------------------------------------------------------------


def _not_xlsx() -> ValidationError:
    return ValidationError(
        _(
            "Tệp tải lên không phải tệp Excel .xlsx hợp lệ. "
            "Hãy tải tệp mẫu, nhập dữ liệu và lưu dưới dạng Excel Workbook (.xlsx)."
        ),
        code="not_xlsx",
    )


def read_upload(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if getattr(file, "size", 0) and file.size > MAX_FILE_BYTES:
            data = b"x" * (MAX_FILE_BYTES + 1)
        else:
            if hasattr(file, "seek"):
                file.seek(0)
            data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            _("Tệp vượt quá %(limit)s MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {"limit": MAX_FILE_BYTES // 1048576},
            code="too_big",
        )
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng."), code="empty")
    if not data.startswith(b"PK\x03\x04"):
        raise _not_xlsx()
    return data


def _find_header(workbook, columns, sheet_name: str):
    headings = {}
    for column in columns:
        for heading in (column.header, *column.aliases):
            headings.setdefault(_header_key(heading), column.key)
    required = [c.key for c in columns if c.required]
    for sheet in sorted(workbook.worksheets, key=lambda ws: ws.title != sheet_name):
        for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
            index: dict[str, int] = {}
            for position, value in enumerate(values):
                key = headings.get(_header_key(value))
                if key and key not in index:
                    index[key] = position
            if all(key in index for key in required):
                return sheet, number, index
    labels = ", ".join(f"“{c.label}”" for c in columns if c.required)
    raise ValidationError(
        _("Tệp không đúng mẫu: không tìm thấy dòng tiêu đề có các cột %(columns)s. Hãy tải tệp mẫu và nhập theo mẫu.")
        % {"columns": labels},
        code="no_header",
    )


def read_sheet(file, columns, *, sheet_name: str) -> list[SheetRow]:
    """The non-blank rows under the header row, each cell as text (too long: a fault already).
    Raises ValidationError for a file it cannot read."""
    data = read_upload(file)
    check_office_package(io.BytesIO(data), safe_name(getattr(file, "name", "")))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise _not_xlsx() from exc
    try:
        sheet, header_row, index = _find_header(workbook, columns, sheet_name)
        rows = []
        for offset, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True)):
            text = {key: cell_text(values[i]) if i < len(values) else "" for key, i in index.items()}
            text = {c.key: text.get(c.key, "") for c in columns}
            if not any(text.values()):
                continue
            row = SheetRow(number=header_row + 1 + offset, text=text)
            for column in columns:
                value = text[column.key]
                if column.required and not value:
                    row.fault(column.key, _("thiếu %(field)s.") % {"field": column.label.lower()})
                elif column.max_length and len(value) > column.max_length:
                    message = _("%(field)s dài quá %(max)s ký tự.")
                    row.fault(column.key, message % {"field": column.label.lower(), "max": column.max_length})
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ValidationError(
                    _("Tệp có hơn %(max)s dòng dữ liệu. Hãy chia danh sách thành nhiều tệp.") % {"max": thousands(MAX_ROWS)},
                    code="too_many_rows",
                )
        return rows
    except ValidationError:
        raise
    except Exception as exc:
        raise _not_xlsx() from exc
    finally:
        workbook.close()


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
