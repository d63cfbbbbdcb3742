"""Cell parsers: what a cell says (its text, as the person sees it) and the value it stands for.

A parser turns a non-blank cell into a value or raises Fault with a Vietnamese message that names the
column (“ngày sinh “31/02/1980” không hợp lệ (dd/mm/yyyy).”); the row loop (columns.py) adds the row
number. A blank cell never reaches a parser: it takes the parser's `blank` value, or is a fault when its
column is required. Parsers that look records up (references.py) are prepared once per file.
"""

import datetime
import re
import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import normalize_text


class Fault(Exception):
    """A cell refused, with the reason in Vietnamese (without the row number)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- What a cell says ------------------------------------------------------------------------------


def cell_text(value) -> str:
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


def long_text(value) -> str:
    """Like cell_text, but keeps the line breaks of a paragraph (the achievement summary)."""
    if value is None or not isinstance(value, str):
        return cell_text(value)
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", value).replace("\r\n", "\n").split("\n"))
    return "\n".join(lines).strip()


def fold(text: str) -> str:
    """The form two spellings of a choice or a name are compared in: NFC, spaces collapsed, no case."""
    return normalize_text(text).casefold()


# --- Parsers ---------------------------------------------------------------------------------------


class Cell:
    """Plain text. The base of every parser."""

    blank: Any = ""  # the value of a blank cell
    refers = False  # True for a parser that looks a record up: judged after the row's own cells

    def text(self, raw) -> str:
        return cell_text(raw)

    def for_file(self) -> "Cell":
        """The parser for one file (a reference loads its records here, once)."""
        return self

    def parse(self, raw, text: str, column) -> Any:
        return text

    def show(self, value, text: str) -> str:
        """What the preview shows once the cell is read (a reference shows the record's own name)."""
        return text


class Text(Cell):
    """Text as typed; its length is bounded by the column's model field."""


class LongText(Cell):
    """A paragraph: its line breaks are kept."""

    def text(self, raw) -> str:
        return long_text(raw)


_DATE_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _to_date(value) -> datetime.date | None:
    """A real Excel date, or text “dd/mm/yyyy” (also yyyy-mm-dd); None when it is neither."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _DATE_DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class Date(Cell):
    """A date from 1900 to today (a birth date, the date of a decision)."""

    blank = None

    def parse(self, raw, text, column):
        value = _to_date(raw)
        if value is None or value.year < 1900 or value > timezone.localdate():
            raise Fault(_("%(field)s “%(value)s” không hợp lệ (dd/mm/yyyy).") % {"field": column.noun, "value": text})
        return value


def _to_integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    return None


class Integer(Cell):
    """A whole number from `minimum` to `maximum` (a number, or a function giving it: this year)."""

    blank = None

    def __init__(self, minimum: int, maximum, *, message=None):
        self.minimum, self.maximum = minimum, maximum
        self.message = message or gettext_lazy("%(field)s “%(value)s” phải là số nguyên từ %(min)s đến %(max)s.")

    def parse(self, raw, text, column):
        value = _to_integer(raw)
        maximum = self.maximum() if callable(self.maximum) else self.maximum
        if value is None or not self.minimum <= value <= maximum:
            raise Fault(self.message % {"field": column.noun, "value": text, "min": self.minimum, "max": maximum})
        return value


def this_year() -> int:
    return timezone.localdate().year


SEE_GUIDE = gettext_lazy("xem trang Hướng dẫn")


class Choice(Cell):
    """One of `choices`, typed as its Vietnamese label or its stored value (case aside), or one of the
    `extra` spellings; `hint` says what is accepted."""

    def __init__(self, choices, *, blank="", extra: dict | None = None, hint=SEE_GUIDE):
        self.choices, self.blank, self.extra, self.hint = choices, blank, extra or {}, hint

    def for_file(self):
        lookup = {}
        for value, label in self.choices:
            lookup[fold(str(label))] = value
            lookup[fold(str(value))] = value
        for text, value in self.extra.items():
            lookup[fold(str(text))] = value
        bound = Choice(self.choices, blank=self.blank, extra=self.extra, hint=self.hint)
        bound.lookup = lookup
        return bound

    def parse(self, raw, text, column):
        key = fold(text)
        if key not in self.lookup:
            raise Fault(
                _("%(field)s “%(value)s” không hợp lệ (%(hint)s).") % {"field": column.noun, "value": text, "hint": self.hint}
            )
        return self.lookup[key]


def yes_no() -> Choice:
    """Có (or x) / Không; blank is Không."""
    spellings = {gettext_lazy("Có"): True, "x": True, gettext_lazy("Không"): False}
    return Choice([], blank=False, extra=spellings, hint=gettext_lazy("Có hoặc Không"))
