"""Reading an uploaded Excel workbook safely: the limits, the package checks, the header row, the rows.

What every Excel import shares (dossiers/excel/ for nominees and the ledger, units/sheets.py for the
onboarding of units and accounts). Only the bytes of an .xlsx within the size limit reach openpyxl, after
core.uploads.check_office_package has judged the zip (bombs, macros); the header may sit under a title or
two, its headings matched whatever their case, brackets or stars; at most a given number of non-blank rows
are read. A column is any object with `key`, `header`, `aliases`, `required` and `label`; what a cell means
is the importer's.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .uploads import check_office_package, safe_name

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10  # the header may sit under a title or two
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def thousands(n: int) -> str:
    """2000 → “2.000”, as a Vietnamese reader writes it."""
    return f"{n:,}".replace(",", ".")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Preview:
    """Every row of an upload with its faults, before anything is saved: what the preview page counts
    (core.imports, templates/partials/import_preview.html). A row has `errors` (its faults, in Vietnamese,
    with its row number) and `cells` (what the table shows)."""

    columns: list[str]  # labels of the displayed columns
    rows: list

    @property
    def errors_count(self) -> int:
        """Rows with at least one fault."""
        return sum(1 for row in self.rows if row.errors)

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows if not row.errors)

    @property
    def errors(self) -> list[str]:
        return [message for row in self.rows for message in row.errors]

    @property
    def can_save(self) -> bool:
        return bool(self.rows) and not self.errors_count


# --- The upload's bytes ----------------------------------------------------------------------------


def not_xlsx() -> ValidationError:
    return ValidationError(
        _(
            "Tệp tải lên không phải tệp Excel .xlsx hợp lệ (có thể tệp bị hỏng hoặc chỉ đổi tên phần mở rộng). "
            "Hãy tải tệp mẫu, nhập dữ liệu và lưu dưới dạng Excel Workbook (.xlsx)."
        ),
        code="not_xlsx",
    )


def _too_big(max_bytes: int) -> ValidationError:
    return ValidationError(
        _("Tệp vượt quá %(limit)s MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {"limit": max_bytes // 1048576},
        code="too_big",
    )


def read_upload(file, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an upload (or of bytes), refusing an empty file or one over `max_bytes`."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > max_bytes:
            raise _too_big(max_bytes)
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng."), code="empty")
    return data


def named(data: bytes, name: str) -> io.BytesIO:
    """The upload's bytes under its name, for messages that name the file."""
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _check_package(data: bytes) -> None:
    """Refuse what is not an .xlsx before openpyxl sees it: old .xls, PDFs renamed (zip bombs and macros:
    core.uploads.check_office_package, with the settings' limits)."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _(
                "Tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, "
                "rồi chọn Lưu thành (Save As) → Excel Workbook (.xlsx) và tải lên lại."
            ),
            code="xls",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename for info in archive.infolist()}
    except zipfile.BadZipFile as exc:
        raise not_xlsx() from exc
    if "[Content_Types].xml" not in names:
        raise not_xlsx()


# --- The header row --------------------------------------------------------------------------------


def header_key(text) -> str:
    """“Họ và tên (*)” → “họ và tên”: brackets, stars and case do not matter in a heading."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    text = re.sub(r"\([^)]*\)", " ", text).replace("*", " ").replace(":", " ")
    return " ".join(text.split()).strip(" .")


def _header_map(columns) -> dict[str, str]:
    mapping = {}
    for column in columns:
        for heading in (column.header, *column.aliases):
            mapping.setdefault(header_key(heading), column.key)
    return mapping


def _find_header(sheet, headings: dict[str, str], required) -> tuple | None:
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
        index: dict[str, int] = {}
        for position, value in enumerate(values):
            key = headings.get(header_key(value)) if not is_blank(value) else None
            if key and key not in index:
                index[key] = position
        if all(key in index for key in required):
            return sheet, number, index
    return None


def _header(workbook, columns, sheet_name: str) -> tuple:
    """(sheet, header row number, {column key: position}): the first row, the named sheet searched first,
    that holds every required column."""
    headings = _header_map(columns)
    required = [column.key for column in columns if column.required]
    for sheet in sorted(workbook.worksheets, key=lambda ws: ws.title != sheet_name):
        found = _find_header(sheet, headings, required)
        if found:
            return found
    labels = ", ".join(f"“{c.label}”" for c in columns if c.required)
    raise ValidationError(
        _("Tệp không đúng mẫu: không tìm thấy dòng tiêu đề có các cột %(columns)s. Hãy tải tệp mẫu và nhập dữ liệu theo mẫu.")
        % {"columns": labels},
        code="no_header",
    )


# --- The rows --------------------------------------------------------------------------------------


def read_rows(
    file, columns, *, sheet_name: str, read=None, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS
) -> list[tuple[int, dict]]:
    """[(Excel row number, {column key: cell value})] of the rows under the header row that have a value
    in a column of `read` (keys; by default every column): a row with only its number, STT, typed in
    advance is blank. The header row must hold every required column; the sheet `sheet_name` is searched
    first. Raises ValidationError for a file it cannot read (not an .xlsx, no header row, too many rows)."""
    read = [column.key for column in columns] if read is None else list(read)
    data = read_upload(file, max_bytes=max_bytes)
    _check_package(data)
    check_office_package(io.BytesIO(data), safe_name(getattr(file, "name", "")))  # zip bombs, macros
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise not_xlsx() from exc
    try:
        sheet, header_row, index = _header(workbook, columns, sheet_name)
        rows = []
        for offset, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True)):
            raw = {key: (values[i] if i < len(values) else None) for key, i in index.items()}
            if all(is_blank(raw.get(key)) for key in read):
                continue
            rows.append((header_row + 1 + offset, raw))
            if len(rows) > max_rows:
                raise ValidationError(
                    _("Tệp có hơn %(max)s dòng dữ liệu. Hãy chia danh sách thành nhiều tệp, mỗi tệp tối đa %(max)s dòng.")
                    % {"max": thousands(max_rows)},
                    code="too_many_rows",
                )
        return rows
    except ValidationError:
        raise
    except Exception as exc:
        raise not_xlsx() from exc
    finally:
        workbook.close()
