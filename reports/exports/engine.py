"""The declarative exporter: what an export is and how it is written.

An export is declared once (the subject modules of this package; registry.EXPORTS collects them): a
name (its URL slug), a Vietnamese title, the querystring keys it reads, a builder and its columns. The
builder takes the requesting user and those parameters and returns the rows **through the list page's
own selectors and filters**, so the file holds exactly what the page shows to that user; what they may
not see is a 404 (a refusal of the whole list, 403), as on the page. A column is a Vietnamese header, an
accessor (an ORM path, a key of a dict row, an attribute path "unit__name", or a function of the row), a
type (text, integer, money, decimal, date, datetime: real numbers and real Excel dates, never text) and a
width.

Writing uses openpyxl's write-only mode and streams a queryset with .values() and .iterator(): the
memory and the number of queries stay flat however many rows (bench/export.py). A list of at most
settings.EXPORT_SYNC_MAX_ROWS rows (one COUNT query) comes back at once; a bigger one becomes an
ExportJob made by Celery in chunks (jobs.py, worker.py), with a progress bar, downloadable by its owner only.
"""

import datetime
import hashlib
import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 2000

# Column types and their Excel number formats. "#,##0" shows 1.234.000 in a Vietnamese Excel.
TEXT, INTEGER, MONEY, DECIMAL, DATE, DATETIME = "text", "integer", "money", "decimal", "date", "datetime"
NUMBER_FORMATS = {MONEY: "#,##0", DECIMAL: "#,##0.00", DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}


def sync_max_rows() -> int:
    return settings.EXPORT_SYNC_MAX_ROWS


# --- Declarations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str | Callable[[Any], Any]
    type: str = TEXT
    width: float = 16
    choices: Any = None  # a TextChoices class: the stored value is written as its label
    display: Callable[[Any], Any] | None = None  # applied to the value read (e.g. True → "Có")

    def getter(self) -> Callable[[Any], Any]:
        """row → value; a dict row is read by key, an object by attribute path ("unit__name")."""
        if callable(self.field):
            read = self.field
        else:
            name, path = self.field, self.field.split("__")

            def read(row):
                if isinstance(row, dict):
                    return row.get(name)
                for part in path:
                    row = getattr(row, part, None)
                    if row is None:
                        return None
                return row

        if self.choices is not None:
            labels = {value: str(label) for value, label in self.choices.choices}
            plain = read

            def read(row):
                value = plain(row)
                return labels.get(value, value)

        if self.display is not None:
            display, raw = self.display, read
            return lambda row: display(raw(row))
        return read


@dataclass
class Rows:
    """What a builder returns: the rows and what to say about them."""

    rows: QuerySet | list
    back_url: str
    subject: str = ""  # e.g. "Quyết định số 12/QĐ-UBND"
    filters: list[str] = field(default_factory=list)  # e.g. ["Đợt xét: Tổng kết năm 2024"]
    footer: list[list] = field(default_factory=list)  # rows after the data (a total), aligned with the columns
    file_part: str = ""  # added to the file name

    def count(self) -> int:
        """One COUNT query for a queryset."""
        return self.rows.count() if isinstance(self.rows, QuerySet) else len(self.rows)


@dataclass(frozen=True)
class Export:
    name: str
    title: str
    sheet: str
    filename: str
    columns: tuple[Column, ...]
    build: Callable[[Any, dict], Rows]  # (user, params) → Rows; Http404 / PermissionDenied for what is not theirs
    params: tuple[str, ...] = ()
    needs_object: bool = False  # the URL names one object (a decision, a request, a group)
    numbered: bool = True  # a first "STT" column

    def clean_params(self, query, *, pk: int | None = None) -> dict:
        """The declared querystring keys that carry a value (so "?a=&b=1" and "?b=1" are the same export)."""
        params = {key: str(query.get(key))[:200] for key in self.params if query.get(key)}
        if pk is not None:
            params["pk"] = int(pk)
        return params

    def all_columns(self) -> tuple[Column, ...]:
        if not self.numbered:
            return self.columns
        return (Column(gettext_lazy("STT"), "", INTEGER, 6), *self.columns)


def params_key(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def yes(value) -> str:
    """A flag as the office writes it in a list: "Có", or nothing."""
    return _("Có") if value else ""


# --- Writing ---------------------------------------------------------------------------------------


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware time is written as the wall clock in Asia/Ho_Chi_Minh."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def heading(export: Export, rows: Rows) -> str:
    """ "DANH SÁCH … – what it is of (the filter)"."""
    line = " – ".join([str(export.title).upper(), *([rows.subject] if rows.subject else [])])
    if rows.filters:
        line += " (" + "; ".join(rows.filters) + ")"
    return line


def _title_line(export: Export, rows: Rows, *, now: datetime.datetime) -> str:
    return heading(export, rows) + " – " + _("xuất lúc %(t)s") % {"t": f"{now:%H:%M %d/%m/%Y}"}


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _row_writer(sheet, columns: tuple[Column, ...]) -> Callable[[int | None, Any], list]:
    """One function per export turning a row into the cells of a line, with the column types applied.
    Styled cells share a prototype style (copying it is far cheaper than setting a format per cell)."""
    prototypes = {}
    for kind, number_format in NUMBER_FORMATS.items():
        cell = WriteOnlyCell(sheet)
        cell.number_format = number_format
        prototypes[kind] = cell._style
    getters = [(column.type, column.getter()) for column in columns]

    def typed(kind: str, value):
        if value is None or value == "":
            return None
        if kind == TEXT:
            text = _text(value)
            if text.startswith("="):  # a name typed as "=…" stays text: never a formula in the office's Excel
                cell = WriteOnlyCell(sheet, text)
                cell.data_type = "s"
                return cell
            return text
        if kind == INTEGER:
            return int(value)
        if kind == MONEY:
            value = int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value
        elif kind == DECIMAL:
            value = Decimal(value)
        elif kind == DATETIME and isinstance(value, datetime.datetime):
            value = _local_naive(value)
        elif kind == DATE and isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        elif kind == DATE and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        cell = WriteOnlyCell(sheet, value)
        cell._style = copy(prototypes[kind])
        return cell

    def line(number: int | None, row) -> list:
        cells = []
        for index, (kind, read) in enumerate(getters):
            if index == 0 and number is not None:
                cells.append(number)
            else:
                cells.append(typed(kind, read(row)))
        return cells

    line.typed = typed
    return line


def _iterate(rows: Rows, columns: tuple[Column, ...], chunk_size: int) -> Iterable:
    source = rows.rows
    if not isinstance(source, QuerySet):
        return source
    if source._iterable_class is ModelIterable and all(isinstance(c.field, str) and c.field for c in columns):
        # Only the columns' fields, as dicts: no model instances, joins instead of per-row queries.
        source = source.values(*dict.fromkeys(c.field for c in columns))
    return source.iterator(chunk_size=chunk_size)


def write_xlsx(
    export: Export,
    rows: Rows,
    out,
    *,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    now: datetime.datetime | None = None,
) -> int:
    """Write the workbook into `out` (a path or a binary file); returns the number of data rows."""
    now = timezone.localtime(now or timezone.now())
    columns = export.all_columns()
    data_columns = export.columns
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(export.sheet)[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A3"

    title = WriteOnlyCell(sheet, _title_line(export, rows, now=now))
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    fill = PatternFill("solid", fgColor="DDE7F0")
    for column in columns:
        cell = WriteOnlyCell(sheet, str(column.header))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)

    line = _row_writer(sheet, columns)
    done = 0
    for row in _iterate(rows, data_columns, chunk_size):
        done += 1
        sheet.append(line(done if export.numbered else None, row))
        if progress is not None and done % chunk_size == 0:
            progress(done)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A2:{last}{2 + done}"
    for extra in rows.footer:
        sheet.append([line.typed(column.type, value) for column, value in zip(columns, extra, strict=False)])
    workbook.save(out)
    if progress is not None:
        progress(done)
    return done


def _ascii(text: str) -> str:
    """ "01/QĐ-UBND" → "01-QD-UBND": a file name every browser and e-mail client keeps as is."""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d").replace("/", "-"))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text.encode("ascii", "ignore").decode()).strip("-")


def file_name(export: Export, rows: Rows, *, now: datetime.datetime | None = None) -> str:
    if rows.file_part:
        return f"{export.filename}-{_ascii(rows.file_part)}.xlsx"
    now = timezone.localtime(now or timezone.now())
    return f"{export.filename}-{now:%Y%m%d-%H%M}.xlsx"


def write_to_tempfile(export: Export, rows: Rows, **kwargs):
    """The workbook in an unnamed temporary file, rewound (spilled to disk: a big export never sits in memory)."""
    handle = tempfile.TemporaryFile()
    try:
        write_xlsx(export, rows, handle, **kwargs)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle
