"""Excel import: templates to download and parsers that preview every row before anything is saved.

A unit with 120 LĐTT nominees fills the template, uploads it, sees each row with its errors in
Vietnamese, fixes the file and uploads it again; only a file without errors can be saved (by the
services, never here). The parsers read the catalogue and the units but write nothing.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.text import normalize_text
from core.uploads import check_office_package, safe_name
from units.models import Unit

from .enums import Discipline, Gender, Subject, TaskRating
from .models import AwardType, Nominee

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# An .xlsx is a zip archive: refuse one that would inflate beyond this (a "zip bomb").
HEADER_SEARCH_ROWS = 10  # the header may sit under a title or two

NOMINEE_SHEET = "Danh sách đề nghị"
LEDGER_SHEET = "Sổ khen thưởng"
GUIDE_SHEET = "Hướng dẫn"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Columns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template
    width: int
    aliases: tuple[str, ...] = ()  # other headings accepted for the same column
    as_text: bool = False  # formatted as text in the template, so Excel keeps “05/09/1985” as typed

    @property
    def label(self) -> str:
        """The heading without its hints in brackets, for the preview table."""
        return re.sub(r"\s*\([^)]*\)", "", self.header).strip()


NOMINEE_COLUMNS = (
    Column("stt", "STT", 6),
    Column("full_name", "Họ và tên (*)", 28, ("Họ tên",)),
    Column("gender", "Giới tính (Nam/Nữ)", 12),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", 16, ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"), as_text=True),
    Column("position", "Chức vụ", 24),
    Column("work_unit", "Đơn vị công tác", 30),
    Column("worker_category", "Nhóm đối tượng", 32),
    Column("ethnic_minority", "Dân tộc thiểu số (Có/Không)", 16),
    Column("months_worked", "Số tháng công tác trong năm", 14, ("Số tháng công tác",)),
    Column("task_rating", "Xếp loại nhiệm vụ", 30, ("Xếp loại",)),
    Column("discipline", "Kỷ luật trong năm", 30, ("Kỷ luật", "Hình thức kỷ luật")),
    Column("initiative_ref", "Sáng kiến được công nhận", 36, ("Sáng kiến",)),
    Column(
        "award",
        "Đề nghị tặng (mã hoặc tên) (*)",
        32,
        ("Danh hiệu, hình thức đề nghị", "Danh hiệu đề nghị", "Danh hiệu, hình thức", "Hình thức khen thưởng"),
    ),
    Column("achievement", "Tóm tắt thành tích", 60, ("Thành tích",)),
)

LEDGER_COLUMNS = (
    Column("year", "Năm (*)", 8, ("Năm khen thưởng",)),
    Column("full_name", "Họ và tên (*)", 28, ("Họ tên",)),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", 16, ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"), as_text=True),
    Column("unit", "Đơn vị (mã hoặc tên) (*)", 32, ("Đơn vị công tác",)),
    Column("award", "Danh hiệu, hình thức (mã hoặc tên) (*)", 34, ("Danh hiệu", "Hình thức khen thưởng")),
    Column("decision_number", "Số quyết định", 20, ("Số QĐ",)),
    Column("decision_date", "Ngày quyết định (dd/mm/yyyy)", 18, ("Ngày QĐ",), as_text=True),
)

# Maximum lengths of the model fields a row fills (Person.full_name is the tightest for a name).
NOMINEE_MAX_LENGTHS = {"full_name": 150, "position": 200, "work_unit": 255, "initiative_ref": 255}


# --- Previews ------------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    number: int  # the row number in Excel
    values: dict  # ready for the service (model instances for foreign keys)
    display: dict[str, str]  # what the file said, per column key
    errors: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # display values in column order, for the table
    notes: list[str] = field(default_factory=list)  # information that is not an error
    skip: bool = False  # valid but will not be saved (already in the ledger)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    columns: list[str]  # labels of the displayed columns
    rows: list[PreviewRow]

    @property
    def errors_count(self) -> int:
        """Rows with at least one error."""
        return sum(1 for row in self.rows if row.errors)

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows if not row.errors)

    @property
    def errors(self) -> list[str]:
        return [message for row in self.rows for message in row.errors]

    @property
    def can_save(self) -> bool:
        return bool(self.rows) and self.errors_count == 0

    @property
    def valid_values(self) -> list[dict]:
        return [row.values for row in self.rows if not row.errors and not row.skip]


@dataclass
class LedgerPreview(ImportPreview):
    @property
    def skip_count(self) -> int:
        return sum(1 for row in self.rows if row.skip)

    @property
    def new_count(self) -> int:
        return self.valid_count - self.skip_count


# --- Reading a workbook --------------------------------------------------------------------------


def _not_xlsx() -> ValidationError:
    return ValidationError(
        _(
            "Tệp tải lên không phải tệp Excel .xlsx hợp lệ (có thể tệp bị hỏng hoặc chỉ đổi tên phần mở rộng). "
            "Hãy tải tệp mẫu, nhập dữ liệu và lưu dưới dạng Excel Workbook (.xlsx)."
        ),
        code="not_xlsx",
    )


def read_upload(file) -> bytes:
    """The bytes of an upload (or of bytes), refusing an empty file or one over MAX_FILE_BYTES."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_FILE_BYTES:
            raise _too_big()
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_big()
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng."), code="empty")
    return data


def _too_big() -> ValidationError:
    return ValidationError(
        _("Tệp vượt quá %(limit)s MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {"limit": MAX_FILE_BYTES // 1048576},
        code="too_big",
    )


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
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise _not_xlsx() from exc
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise _not_xlsx()


def _header_key(text) -> str:
    """“Họ và tên (*)” → “họ và tên”: brackets, stars and case do not matter in a heading."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    text = re.sub(r"\([^)]*\)", " ", text).replace("*", " ").replace(":", " ")
    return " ".join(text.split()).strip(" .")


def _header_map(columns) -> dict[str, str]:
    mapping = {}
    for column in columns:
        for heading in (column.header, *column.aliases):
            mapping.setdefault(_header_key(heading), column.key)
    return mapping


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_rows(file, columns, *, required: tuple[str, ...], sheet_name: str) -> list[tuple[int, dict]]:
    """[(Excel row number, {column key: cell value})] of the non-blank rows under the header row."""
    data = read_upload(file)
    _check_package(data)
    check_office_package(io.BytesIO(data), safe_name(getattr(file, "name", "")))  # zip bombs, macros
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise _not_xlsx() from exc
    headings = _header_map(columns)
    try:
        sheets = workbook.worksheets
        sheets = sorted(sheets, key=lambda ws: ws.title != sheet_name)  # the template's sheet first
        found = None
        for sheet in sheets:
            found = _find_header(sheet, headings, required)
            if found:
                break
        if not found:
            labels = ", ".join(f"“{c.label}”" for c in columns if c.key in required)
            raise ValidationError(
                _(
                    "Tệp không đúng mẫu: không tìm thấy dòng tiêu đề có các cột %(columns)s. "
                    "Hãy tải tệp mẫu và nhập dữ liệu theo mẫu."
                )
                % {"columns": labels},
                code="no_header",
            )
        sheet, header_row, index = found
        rows = []
        for offset, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True)):
            raw = {key: (values[i] if i < len(values) else None) for key, i in index.items()}
            if all(_blank(value) for key, value in raw.items() if key != "stt"):
                continue  # a blank row, or one with only its number (STT) typed in advance
            rows.append((header_row + 1 + offset, raw))
            if len(rows) > MAX_ROWS:
                raise ValidationError(
                    _("Tệp có hơn %(max)s dòng dữ liệu. Hãy chia danh sách thành nhiều tệp, mỗi tệp tối đa %(max)s dòng.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                    code="too_many_rows",
                )
        return rows
    except ValidationError:
        raise
    except Exception as exc:
        raise _not_xlsx() from exc
    finally:
        workbook.close()


def _find_header(sheet, headings: dict[str, str], required) -> tuple | None:
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
        index: dict[str, int] = {}
        for position, value in enumerate(values):
            key = headings.get(_header_key(value)) if not _blank(value) else None
            if key and key not in index:
                index[key] = position
        if all(key in index for key in required):
            return sheet, number, index
    return None


# --- Cell values ---------------------------------------------------------------------------------

_DATE_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _text(value) -> str:
    """A cell as the person sees it: trimmed, NFC, dates as dd/mm/yyyy, 6.0 as 6."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


def _long_text(value) -> str:
    """Like _text, but keeps the line breaks of a paragraph (the achievement summary)."""
    if value is None or not isinstance(value, str):
        return _text(value)
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", value).replace("\r\n", "\n").split("\n"))
    return "\n".join(lines).strip()


class _Invalid(Exception):
    pass


def _date(value) -> datetime.date | None:
    """A real Excel date, or text “dd/mm/yyyy” (also yyyy-mm-dd); None when blank; _Invalid otherwise."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise _Invalid
    text = value.strip()
    if match := _DATE_DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise _Invalid
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise _Invalid from exc


def _integer(value) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise _Invalid
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Invalid
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    raise _Invalid


def _fold(text: str) -> str:
    return normalize_text(text).casefold()


class _Choices:
    """Accepts a choice by its Vietnamese label or its stored value, ignoring case."""

    def __init__(self, choices, extra: dict | None = None):
        self.lookup = {}
        for value, label in choices:
            self.lookup[_fold(str(label))] = value
            self.lookup[_fold(str(value))] = value
        for text, value in (extra or {}).items():
            self.lookup[_fold(text)] = value

    def get(self, text: str):
        return self.lookup.get(_fold(text), _MISSING)


_MISSING = object()


class _AwardIndex:
    """Finds an award by its code, its name or its short name (in that order of preference)."""

    def __init__(self, awards):
        self.by_code: dict[str, list[AwardType]] = {}
        self.by_name: dict[str, list[AwardType]] = {}
        self.by_short: dict[str, list[AwardType]] = {}
        for award in awards:
            self.by_code.setdefault(award.code.casefold(), []).append(award)
            self.by_name.setdefault(_fold(award.name), []).append(award)
            if award.short_name:
                self.by_short.setdefault(_fold(award.short_name), []).append(award)

    def find(self, text: str) -> list[AwardType]:
        key = _fold(text)
        candidates = self.by_code.get(key) or self.by_name.get(key) or self.by_short.get(key) or []
        if len(candidates) > 1:  # “GK huyện” is the short name of three awards: these files hold individuals
            individual = [a for a in candidates if a.subject == Subject.INDIVIDUAL]
            candidates = individual or candidates
        return candidates


def _resolve_award(index: _AwardIndex, text: str, number: int, errors: list[str]) -> AwardType | None:
    if not text:
        errors.append(_("Dòng %(row)s: thiếu danh hiệu, hình thức đề nghị tặng.") % {"row": number})
        return None
    candidates = index.find(text)
    if not candidates:
        errors.append(_("Dòng %(row)s: không có danh hiệu, hình thức “%(value)s”.") % {"row": number, "value": text})
        return None
    if len(candidates) > 1:
        errors.append(
            _("Dòng %(row)s: “%(value)s” khớp với nhiều danh hiệu, hình thức (%(names)s); hãy ghi mã.")
            % {"row": number, "value": text, "names": "; ".join(a.name for a in candidates)}
        )
        return None
    award = candidates[0]
    if award.subject != Subject.INDIVIDUAL:
        errors.append(
            _("Dòng %(row)s: “%(award)s” dành cho %(subject)s, không dùng cho cá nhân.")
            % {"row": number, "award": award.name, "subject": Subject(award.subject).label.lower()}
        )
        return None
    return award


def _parse_date(raw, number: int, label: str, errors: list[str], *, not_after: datetime.date | None = None):
    try:
        value = _date(raw)
    except _Invalid:
        value = _MISSING
    if value is _MISSING or (value is not None and (value.year < 1900 or (not_after and value > not_after))):
        errors.append(
            _("Dòng %(row)s: %(field)s “%(value)s” không hợp lệ (dd/mm/yyyy).")
            % {"row": number, "field": label, "value": _text(raw)}
        )
        return None
    return value


def _check_length(values: dict, key: str, label: str, number: int, errors: list[str], limits: dict) -> None:
    limit = limits.get(key)
    if limit and len(values.get(key) or "") > limit:
        errors.append(_("Dòng %(row)s: %(field)s dài quá %(max)s ký tự.") % {"row": number, "field": label, "max": limit})


# --- Nominees ------------------------------------------------------------------------------------


def _individual_awards(*, active_only: bool):
    awards = AwardType.objects.filter(subject=Subject.INDIVIDUAL)
    if active_only:
        awards = awards.filter(is_active=True)
    return awards.order_by("sort_order", "name")


def parse_nominees(file, *, dossier) -> ImportPreview:
    """Read a filled nominee template into a preview; raises ValidationError for a file it cannot read."""
    raw_rows = _read_rows(file, NOMINEE_COLUMNS, required=("full_name", "award"), sheet_name=NOMINEE_SHEET)
    awards = _AwardIndex(AwardType.objects.filter(is_active=True))
    genders = _Choices(Gender.choices)
    categories = _Choices(Nominee.WorkerCategory.choices)
    ratings = _Choices(TaskRating.choices)
    disciplines = _Choices(Discipline.choices, {_("Không"): Discipline.NONE})
    yes_no = _Choices([], {_("Có"): True, "x": True, _("Không"): False})
    today = timezone.localdate()
    existing = {
        (name.casefold(), born, award_id): award_name
        for name, born, award_id, award_name in dossier.nominees.filter(subject=Subject.INDIVIDUAL).values_list(
            "full_name", "date_of_birth", "award_id", "award__name"
        )
    }
    seen: dict[tuple, int] = {}
    shown = [c for c in NOMINEE_COLUMNS if c.key != "stt"]
    rows = []
    for number, raw in raw_rows:
        errors: list[str] = []
        display = {key: _text(value) for key, value in raw.items()}
        display["achievement"] = _long_text(raw.get("achievement"))
        values: dict = {
            "subject": Subject.INDIVIDUAL,
            "full_name": display.get("full_name", ""),
            "position": display.get("position", ""),
            "work_unit": display.get("work_unit", ""),
            "initiative_ref": display.get("initiative_ref", ""),
            "achievement": display["achievement"],
        }
        if not values["full_name"]:
            errors.append(_("Dòng %(row)s: thiếu họ và tên.") % {"row": number})
        for column in shown:
            _check_length(values, column.key, column.label.lower(), number, errors, NOMINEE_MAX_LENGTHS)

        gender = display.get("gender", "")
        values["gender"] = genders.get(gender) if gender else ""
        if values["gender"] is _MISSING:
            errors.append(_("Dòng %(row)s: giới tính “%(value)s” không hợp lệ (Nam hoặc Nữ).") % {"row": number, "value": gender})

        values["date_of_birth"] = _parse_date(raw.get("date_of_birth"), number, _("ngày sinh"), errors, not_after=today)

        category = display.get("worker_category", "")
        values["worker_category"] = categories.get(category) if category else Nominee.WorkerCategory.OTHER
        if values["worker_category"] is _MISSING:
            errors.append(
                _("Dòng %(row)s: nhóm đối tượng “%(value)s” không hợp lệ (xem trang Hướng dẫn).")
                % {"row": number, "value": category}
            )

        minority = display.get("ethnic_minority", "")
        values["ethnic_minority"] = yes_no.get(minority) if minority else False
        if values["ethnic_minority"] is _MISSING:
            errors.append(
                _("Dòng %(row)s: dân tộc thiểu số “%(value)s” không hợp lệ (Có hoặc Không).") % {"row": number, "value": minority}
            )

        try:
            values["months_worked"] = _integer(raw.get("months_worked"))
        except _Invalid:
            values["months_worked"] = -1
        if values["months_worked"] is not None and not 0 <= values["months_worked"] <= 12:
            errors.append(
                _("Dòng %(row)s: số tháng công tác “%(value)s” phải là số nguyên từ 0 đến 12.")
                % {"row": number, "value": display.get("months_worked", "")}
            )

        rating = display.get("task_rating", "")
        values["task_rating"] = ratings.get(rating) if rating else ""
        if values["task_rating"] is _MISSING:
            errors.append(
                _("Dòng %(row)s: xếp loại nhiệm vụ “%(value)s” không hợp lệ (xem trang Hướng dẫn).")
                % {"row": number, "value": rating}
            )

        discipline = display.get("discipline", "")
        values["discipline"] = disciplines.get(discipline) if discipline else Discipline.NONE
        if values["discipline"] is _MISSING:
            errors.append(
                _("Dòng %(row)s: kỷ luật “%(value)s” không hợp lệ (xem trang Hướng dẫn).") % {"row": number, "value": discipline}
            )

        award = _resolve_award(awards, display.get("award", ""), number, errors)
        values["award"] = award
        if award:
            display["award"] = award.name
            if values["full_name"]:
                key = (values["full_name"].casefold(), values["date_of_birth"], award.pk)
                if key in seen:
                    errors.append(
                        _("Dòng %(row)s: trùng với dòng %(other)s (cùng họ tên, ngày sinh và danh hiệu, hình thức đề nghị).")
                        % {"row": number, "other": seen[key]}
                    )
                elif key in existing:
                    errors.append(
                        _("Dòng %(row)s: %(name)s đã có trong hồ sơ với đề nghị “%(award)s”.")
                        % {"row": number, "name": values["full_name"], "award": existing[key]}
                    )
                seen.setdefault(key, number)

        rows.append(
            PreviewRow(
                number=number,
                values=values,
                display=display,
                errors=errors,
                cells=[display.get(c.key, "") for c in shown],
            )
        )
    return ImportPreview(columns=[c.label for c in shown], rows=rows)


# --- The award ledger of past years --------------------------------------------------------------


class _UnitIndex:
    def __init__(self, units):
        self.by_code: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_code[unit.code.casefold()] = unit
            self.by_name.setdefault(_fold(unit.name), []).append(unit)

    def find(self, text: str) -> list[Unit]:
        key = _fold(text)
        if key in self.by_code:
            return [self.by_code[key]]
        return self.by_name.get(key, [])


def parse_ledger(file) -> LedgerPreview:
    """Read a filled ledger template (awards of past years, individuals only) into a preview."""
    raw_rows = _read_rows(file, LEDGER_COLUMNS, required=("year", "full_name", "unit", "award"), sheet_name=LEDGER_SHEET)
    awards = _AwardIndex(AwardType.objects.all())  # an award no longer used is still history
    units = _UnitIndex(Unit.objects.all())
    today = timezone.localdate()
    seen: dict[tuple, int] = {}
    rows = []
    for number, raw in raw_rows:
        errors: list[str] = []
        display = {key: _text(value) for key, value in raw.items()}
        values: dict = {
            "full_name": display.get("full_name", ""),
            "decision_number": display.get("decision_number", ""),
        }
        year_text = display.get("year", "")
        try:
            values["year"] = _integer(raw.get("year"))
        except _Invalid:
            values["year"] = -1
        if values["year"] is None:
            errors.append(_("Dòng %(row)s: thiếu năm.") % {"row": number})
        elif not 1945 <= values["year"] <= today.year:
            errors.append(_("Dòng %(row)s: năm “%(value)s” không hợp lệ.") % {"row": number, "value": year_text})
            values["year"] = None

        if not values["full_name"]:
            errors.append(_("Dòng %(row)s: thiếu họ và tên.") % {"row": number})
        _check_length(values, "full_name", _("họ và tên"), number, errors, {"full_name": 150})
        _check_length(values, "decision_number", _("số quyết định"), number, errors, {"decision_number": 60})

        values["date_of_birth"] = _parse_date(raw.get("date_of_birth"), number, _("ngày sinh"), errors, not_after=today)
        values["decision_date"] = _parse_date(raw.get("decision_date"), number, _("ngày quyết định"), errors, not_after=today)

        unit_text = display.get("unit", "")
        values["unit"] = None
        if not unit_text:
            errors.append(_("Dòng %(row)s: thiếu đơn vị.") % {"row": number})
        else:
            found = units.find(unit_text)
            if not found:
                errors.append(_("Dòng %(row)s: không có đơn vị “%(value)s”.") % {"row": number, "value": unit_text})
            elif len(found) > 1:
                errors.append(
                    _("Dòng %(row)s: có nhiều đơn vị tên “%(value)s”; hãy ghi mã đơn vị.") % {"row": number, "value": unit_text}
                )
            else:
                values["unit"] = found[0]
                display["unit"] = found[0].name

        award = _resolve_award(awards, display.get("award", ""), number, errors)
        values["award"] = award
        if award:
            display["award"] = award.name

        if not errors:
            key = (values["full_name"].casefold(), values["date_of_birth"], values["unit"].pk, award.pk, values["year"])
            if key in seen:
                errors.append(
                    _("Dòng %(row)s: trùng với dòng %(other)s (cùng người, danh hiệu, hình thức và năm).")
                    % {"row": number, "other": seen[key]}
                )
            seen.setdefault(key, number)

        rows.append(
            PreviewRow(
                number=number,
                values=values,
                display=display,
                errors=errors,
                cells=[display.get(c.key, "") for c in LEDGER_COLUMNS],
            )
        )
    return LedgerPreview(columns=[c.label for c in LEDGER_COLUMNS], rows=rows)


# --- Templates -----------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FDE9D9")
_TEMPLATE_ROWS = MAX_ROWS + 1  # rows prepared with formats and drop-downs


def _data_sheet(sheet, columns) -> None:
    for position, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            for row in range(2, _TEMPLATE_ROWS + 1):
                sheet.cell(row=row, column=position).number_format = "@"
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"


def _column_range(columns, key: str) -> str:
    letter = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))
    return f"{letter}2:{letter}{_TEMPLATE_ROWS}"


def _dropdown(sheet, columns, key: str, source: str, *, strict: bool = True) -> None:
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
    validation.errorTitle = _("Giá trị không hợp lệ")
    validation.error = _("Hãy chọn một giá trị trong danh sách (xem trang Hướng dẫn).")
    sheet.add_data_validation(validation)
    validation.add(_column_range(columns, key))


class _Guide:
    """The “Hướng dẫn” sheet: notes, then tables of accepted values; remembers where each list sits."""

    def __init__(self, workbook):
        self.sheet = workbook.create_sheet(GUIDE_SHEET)
        self.row = 1
        for letter, width in zip("ABC", (34, 60, 18), strict=True):
            self.sheet.column_dimensions[letter].width = width

    def title(self, text: str) -> None:
        self.sheet.cell(row=self.row, column=1, value=text).font = Font(bold=True, size=13)
        self.row += 2

    def notes(self, lines: list[str]) -> None:
        for line in lines:
            cell = self.sheet.cell(row=self.row, column=1, value=line)
            cell.alignment = Alignment(wrap_text=False)
            self.row += 1
        self.row += 1

    def table(self, heading: str, headers: list[str], rows: list[tuple], list_column: int = 1) -> str:
        """Write a table; return the absolute range of its `list_column` (for a drop-down)."""
        self.sheet.cell(row=self.row, column=1, value=heading).font = Font(bold=True)
        self.row += 1
        for position, header in enumerate(headers, start=1):
            cell = self.sheet.cell(row=self.row, column=position, value=header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
        self.row += 1
        first = self.row
        for values in rows:
            for position, value in enumerate(values, start=1):
                self.sheet.cell(row=self.row, column=position, value=value)
            self.row += 1
        last = max(first, self.row - 1)
        self.row += 1
        letter = get_column_letter(list_column)
        return f"'{GUIDE_SHEET}'!${letter}${first}:${letter}${last}"


def _to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _labels(choices) -> list[tuple]:
    return [(str(label),) for _value, label in choices]


def nominee_template() -> bytes:
    """The nominee list a unit's clerk downloads, fills and uploads (individuals only)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = NOMINEE_SHEET
    _data_sheet(sheet, NOMINEE_COLUMNS)

    guide = _Guide(workbook)
    guide.title(_("Hướng dẫn nhập danh sách đề nghị khen thưởng"))
    guide.notes(
        [
            _("• Mẫu này chỉ dùng cho cá nhân. Tập thể, hộ gia đình nhập trực tiếp trên Cổng (thường ít)."),
            _("• Mỗi dòng một người, một danh hiệu, hình thức. Dòng tiêu đề (dòng 1) giữ nguyên, không đổi tên cột."),
            _("• Cột có dấu (*) là bắt buộc. Dòng để trống bị bỏ qua. Tối đa %(max)s dòng một tệp.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
            _("• Ngày sinh ghi dạng dd/mm/yyyy, ví dụ 05/09/1985."),
            _("• “Đề nghị tặng”: ghi mã, tên hoặc tên viết tắt trong bảng dưới đây."),
            _("• Một người đề nghị hai danh hiệu (ví dụ LĐTT và CSTĐCS) thì ghi hai dòng."),
            _("• Tải tệp lên Cổng: Cổng kiểm tra từng dòng và chỉ lưu khi không còn dòng nào lỗi."),
        ]
    )
    award_range = guide.table(
        _("Danh hiệu, hình thức dành cho cá nhân"),
        [_("Tên"), _("Mã"), _("Tên viết tắt")],
        [(a.name, a.code, a.short_name) for a in _individual_awards(active_only=True)],
    )
    rating_range = guide.table(_("Xếp loại nhiệm vụ"), [_("Giá trị")], _labels(TaskRating.choices))
    discipline_range = guide.table(
        _("Kỷ luật trong năm (để trống: không bị kỷ luật)"), [_("Giá trị")], _labels(Discipline.choices)
    )
    category_range = guide.table(
        _("Nhóm đối tượng (để trống: cán bộ, công chức, viên chức khác)"), [_("Giá trị")], _labels(Nominee.WorkerCategory.choices)
    )
    guide.table(_("Giới tính"), [_("Giá trị")], _labels(Gender.choices))
    guide.table(_("Dân tộc thiểu số"), [_("Giá trị")], [(_("Có"),), (_("Không"),)])

    _dropdown(sheet, NOMINEE_COLUMNS, "gender", f'"{Gender.MALE.label},{Gender.FEMALE.label}"')
    _dropdown(sheet, NOMINEE_COLUMNS, "ethnic_minority", f'"{_("Có")},{_("Không")}"')
    _dropdown(sheet, NOMINEE_COLUMNS, "task_rating", rating_range)
    _dropdown(sheet, NOMINEE_COLUMNS, "discipline", discipline_range)
    _dropdown(sheet, NOMINEE_COLUMNS, "worker_category", category_range)
    _dropdown(sheet, NOMINEE_COLUMNS, "award", award_range, strict=False)  # a code typed by hand is accepted too
    workbook.active = 0
    return _to_bytes(workbook)


def ledger_template() -> bytes:
    """The ledger of past years' awards that the standing office fills from old decisions."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LEDGER_SHEET
    _data_sheet(sheet, LEDGER_COLUMNS)

    guide = _Guide(workbook)
    guide.title(_("Hướng dẫn nhập sổ khen thưởng các năm trước"))
    guide.notes(
        [
            _("• Mẫu này chỉ dùng cho cá nhân. Mỗi dòng: một người nhận một danh hiệu, hình thức trong một năm."),
            _("• Cột có dấu (*) là bắt buộc. Dòng để trống bị bỏ qua. Tối đa %(max)s dòng một tệp.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
            _("• Ngày sinh, ngày quyết định ghi dạng dd/mm/yyyy, ví dụ 15/01/2024."),
            _("• “Đơn vị”: ghi mã đơn vị hoặc đúng tên đơn vị trong bảng dưới đây."),
            _("• Người trùng họ tên, ngày sinh và đơn vị với người đã có trong sổ được ghi vào người đó."),
            _("• Dòng đã có trong sổ (cùng người, danh hiệu, năm) được bỏ qua: nhập lại cùng tệp không tạo bản ghi trùng."),
        ]
    )
    award_range = guide.table(
        _("Danh hiệu, hình thức dành cho cá nhân"),
        [_("Tên"), _("Mã"), _("Tên viết tắt")],
        [(a.name, a.code, a.short_name) for a in _individual_awards(active_only=False)],
    )
    guide.table(
        _("Đơn vị"),
        [_("Tên đơn vị"), _("Mã đơn vị")],
        [(u.name, u.code) for u in Unit.objects.order_by("sort_order", "name")],
    )
    _dropdown(sheet, LEDGER_COLUMNS, "award", award_range, strict=False)
    workbook.active = 0
    return _to_bytes(workbook)
