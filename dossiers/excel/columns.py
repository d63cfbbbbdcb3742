"""The declarative column and the one row loop every Excel import goes through.

A sheet is a tuple of Column: its heading in the template (and the other headings accepted), its
parser (cells.py, references.py), whether it is required, the model field it fills (whose max_length
bounds the text). `read_preview` reads every row and reports every fault of every row, in Vietnamese,
with the row number Excel shows, then hands the rows to the importer's own checks across rows
(duplicates). Nothing is saved here: the preview is what the user sees before confirming.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.sheets import Preview, read_rows

from .cells import Cell, Fault


def model_field(model, name: str):
    """The model field a column fills (`Column.field`): its max_length bounds the cell's text."""
    return model._meta.get_field(name)


@dataclass(frozen=True)
class Column:
    key: str  # the value's name for the service (a model field's name)
    header: str  # as written in the template
    width: int  # in the template
    parse: Cell | None = None  # None: the column is in the template but not read (STT)
    required: bool = False  # its heading must be in the header row, its cell filled
    aliases: tuple[str, ...] = ()  # other headings accepted for the same column
    field: Any = None  # the model field it fills: its max_length bounds the text
    name: str = ""  # how a message names it; by default the label in lower case
    as_text: bool = False  # formatted as text in the template, so Excel keeps “05/09/1985” as typed

    @property
    def label(self) -> str:
        """The heading without its hints in brackets, for the preview table."""
        return re.sub(r"\s*\([^)]*\)", "", str(self.header)).strip()

    @property
    def noun(self) -> str:
        return str(self.name) if self.name else self.label.lower()

    @property
    def max_length(self) -> int | None:
        return getattr(self.field, "max_length", None)

    def read(self, parser: Cell, raw, text: str):
        """The cell's value; Fault when it is missing, too long or not understood."""
        if not text:
            if self.required:
                raise Fault(_("thiếu %(field)s.") % {"field": self.noun})
            return parser.blank
        if self.max_length and len(text) > self.max_length:
            raise Fault(_("%(field)s dài quá %(max)s ký tự.") % {"field": self.noun, "max": self.max_length})
        return parser.parse(raw, text, self)


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

    def fault(self, message: str) -> None:
        self.errors.append(_("Dòng %(row)s: %(fault)s") % {"row": self.number, "fault": message})


@dataclass
class ImportPreview(Preview):
    rows: list[PreviewRow]

    @property
    def valid_values(self) -> list[dict]:
        return [row.values for row in self.rows if not row.errors and not row.skip]


def read_preview(
    file,
    columns: tuple[Column, ...],
    *,
    sheet_name: str,
    check: Callable[[PreviewRow], list[str]] | None = None,
    constants: dict | None = None,
    preview_class: type[ImportPreview] = ImportPreview,
) -> ImportPreview:
    """Every row of the file with its values and its faults. A row's own cells are judged in column
    order, then the cells that name a record (an award, a unit), then `check(row)` (across rows: the
    same person twice), whose faults are added to the row's. `constants` go into every row's values.
    Raises ValidationError for a file it cannot read (not an .xlsx, no header row, too many rows)."""
    read = [column for column in columns if column.parse is not None]
    raw_rows = read_rows(file, columns, sheet_name=sheet_name, read=[column.key for column in read])
    parsers = {column.key: column.parse.for_file() for column in read}
    order = [c for c in read if not c.parse.refers] + [c for c in read if c.parse.refers]
    rows = []
    for number, raw in raw_rows:
        row = PreviewRow(number=number, values=dict(constants or {}), display={})
        for column in read:
            row.display[column.key] = parsers[column.key].text(raw.get(column.key))
        for column in order:
            parser, text = parsers[column.key], row.display[column.key]
            try:
                value = column.read(parser, raw.get(column.key), text)
            except Fault as fault:
                row.fault(str(fault))
                value = None
            else:
                if value is not None and text:
                    row.display[column.key] = parser.show(value, text)
            row.values[column.key] = value
        for message in check(row) if check else ():
            row.fault(message)
        row.cells = [row.display[column.key] for column in read]
        rows.append(row)
    return preview_class(columns=[column.label for column in read], rows=rows)
