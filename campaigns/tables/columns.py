"""Columns shared by the campaigns tables."""

from dataclasses import dataclass

import django_tables2 as tables
from django.utils.html import format_html


class FlagColumn(tables.Column):
    """What the viewer may do with a row (or the state of a row's embedded form), not shown as a column:
    the table's render_<name>(record) answers it and the template loop reads row.cells.<name>."""

    def __init__(self, **kwargs):
        super().__init__(empty_values=(), visible=False, orderable=False, **kwargs)


class ActionsColumn(tables.Column):
    """A row's buttons and links: filled by the template, its header read out by screen readers only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", {"th": {"class": "text-end"}, "td": {"class": "text-end"}})
        super().__init__(empty_values=(), orderable=False, **kwargs)

    @property
    def header(self):
        return format_html('<span class="visually-hidden">{}</span>', self.verbose_name)


@dataclass(frozen=True)
class Refused:
    """A row's embedded form whose post was refused: the page is drawn again with that row's form as the
    user filled it (`errors` printed beside it), even if the row changed meanwhile."""

    pk: int
    form: object
    errors: tuple = ()


@dataclass(frozen=True)
class RowForm:
    """What a row's embedded form shows: the version the page read, the text typed in it, the errors of a
    refused post, and whether it asks for the text (a tick as done asks for the result; a reopen does not)."""

    version: object
    text: str = ""
    errors: tuple = ()
    asks: bool = True
