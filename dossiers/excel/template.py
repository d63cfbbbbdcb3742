"""The templates to download: the data sheet drawn from the columns (headings, widths, text-formatted
date cells, drop-downs) and a “Hướng dẫn” sheet with the accepted values the drop-downs point at."""

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.sheets import MAX_ROWS, thousands
from units.models import Unit

from ..enums import Discipline, Gender, Subject, TaskRating
from ..models import AwardType, Nominee
from .ledger import LEDGER_COLUMNS, LEDGER_SHEET
from .nominees import NOMINEE_COLUMNS, NOMINEE_SHEET

GUIDE_SHEET = "Hướng dẫn"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FDE9D9")
_TEMPLATE_ROWS = MAX_ROWS + 1  # rows prepared with formats and drop-downs


class _DataSheet:
    """The sheet the user fills: the header row, widths, text-formatted columns, drop-downs."""

    def __init__(self, workbook, title: str, columns):
        self.sheet, self.columns = workbook.active, columns
        self.sheet.title = title
        for position, column in enumerate(columns, start=1):
            cell = self.sheet.cell(row=1, column=position, value=column.header)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.sheet.column_dimensions[get_column_letter(position)].width = column.width
            if column.as_text:
                for row in range(2, _TEMPLATE_ROWS + 1):
                    self.sheet.cell(row=row, column=position).number_format = "@"
        self.sheet.row_dimensions[1].height = 45
        self.sheet.freeze_panes = "A2"

    def dropdown(self, key: str, source: str, *, strict: bool = True) -> None:
        """A list of accepted values for the column `key`: a literal "A,B" or a range of the guide."""
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
        validation.errorTitle = _("Giá trị không hợp lệ")
        validation.error = _("Hãy chọn một giá trị trong danh sách (xem trang Hướng dẫn).")
        self.sheet.add_data_validation(validation)
        letter = get_column_letter(next(i for i, c in enumerate(self.columns, start=1) if c.key == key))
        validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")


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
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
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

    def values(self, heading: str, choices) -> str:
        """A one-column table of the labels of `choices`."""
        return self.table(heading, [_("Giá trị")], [(str(label),) for _value, label in choices])

    def awards(self, *, active_only: bool) -> str:
        awards = AwardType.objects.filter(subject=Subject.INDIVIDUAL)
        if active_only:
            awards = awards.filter(is_active=True)
        return self.table(
            _("Danh hiệu, hình thức dành cho cá nhân"),
            [_("Tên"), _("Mã"), _("Tên viết tắt")],
            [(a.name, a.code, a.short_name) for a in awards.order_by("sort_order", "name")],
        )


def _to_bytes(workbook) -> bytes:
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _max_rows_note() -> str:
    return _("• Cột có dấu (*) là bắt buộc. Dòng để trống bị bỏ qua. Tối đa %(max)s dòng một tệp.") % {"max": thousands(MAX_ROWS)}


def nominee_template() -> bytes:
    """The nominee list a unit's clerk downloads, fills and uploads (individuals only)."""
    workbook = openpyxl.Workbook()
    sheet = _DataSheet(workbook, NOMINEE_SHEET, NOMINEE_COLUMNS)
    guide = _Guide(workbook)
    guide.title(_("Hướng dẫn nhập danh sách đề nghị khen thưởng"))
    guide.notes(
        [
            _("• Mẫu này chỉ dùng cho cá nhân. Tập thể, hộ gia đình nhập trực tiếp trên Cổng (thường ít)."),
            _("• Mỗi dòng một người, một danh hiệu, hình thức. Dòng tiêu đề (dòng 1) giữ nguyên, không đổi tên cột."),
            _max_rows_note(),
            _("• Ngày sinh ghi dạng dd/mm/yyyy, ví dụ 05/09/1985."),
            _("• “Đề nghị tặng”: ghi mã, tên hoặc tên viết tắt trong bảng dưới đây."),
            _("• Một người đề nghị hai danh hiệu (ví dụ LĐTT và CSTĐCS) thì ghi hai dòng."),
            _("• Tải tệp lên Cổng: Cổng kiểm tra từng dòng và chỉ lưu khi không còn dòng nào lỗi."),
        ]
    )
    award_range = guide.awards(active_only=True)
    rating_range = guide.values(_("Xếp loại nhiệm vụ"), TaskRating.choices)
    discipline_range = guide.values(_("Kỷ luật trong năm (để trống: không bị kỷ luật)"), Discipline.choices)
    category_range = guide.values(
        _("Nhóm đối tượng (để trống: cán bộ, công chức, viên chức khác)"), Nominee.WorkerCategory.choices
    )
    guide.values(_("Giới tính"), Gender.choices)
    guide.table(_("Dân tộc thiểu số"), [_("Giá trị")], [(_("Có"),), (_("Không"),)])

    sheet.dropdown("gender", f'"{Gender.MALE.label},{Gender.FEMALE.label}"')
    sheet.dropdown("ethnic_minority", f'"{_("Có")},{_("Không")}"')
    sheet.dropdown("task_rating", rating_range)
    sheet.dropdown("discipline", discipline_range)
    sheet.dropdown("worker_category", category_range)
    sheet.dropdown("award", award_range, strict=False)  # a code typed by hand is accepted too
    return _to_bytes(workbook)


def ledger_template(*, authority_id: int | None = None) -> bytes:
    """The ledger of past years' awards that the standing office fills from old decisions; its table of
    units lists `authority_id`'s own when given (the units an import of that office can name: #13)."""
    units = Unit.objects.all() if authority_id is None else Unit.objects.filter(authority_id=authority_id)
    workbook = openpyxl.Workbook()
    sheet = _DataSheet(workbook, LEDGER_SHEET, LEDGER_COLUMNS)
    guide = _Guide(workbook)
    guide.title(_("Hướng dẫn nhập sổ khen thưởng các năm trước"))
    guide.notes(
        [
            _("• Mẫu này chỉ dùng cho cá nhân. Mỗi dòng: một người nhận một danh hiệu, hình thức trong một năm."),
            _max_rows_note(),
            _("• Ngày sinh, ngày quyết định ghi dạng dd/mm/yyyy, ví dụ 15/01/2024."),
            _("• “Đơn vị”: ghi mã đơn vị hoặc đúng tên đơn vị trong bảng dưới đây."),
            _("• Người trùng họ tên, ngày sinh và đơn vị với người đã có trong sổ được ghi vào người đó."),
            _("• Dòng đã có trong sổ (cùng người, danh hiệu, năm) được bỏ qua: nhập lại cùng tệp không tạo bản ghi trùng."),
        ]
    )
    award_range = guide.awards(active_only=False)
    guide.table(_("Đơn vị"), [_("Tên đơn vị"), _("Mã đơn vị")], [(u.name, u.code) for u in units.order_by("sort_order", "name")])
    sheet.dropdown("award", award_range, strict=False)
    return _to_bytes(workbook)
