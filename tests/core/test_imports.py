"""The Excel-import machinery every import shares (core.sheets, core.imports): limits as parameters, the
header row found under a title, blank rows judged on the columns read, one checked file per kind and target."""

import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.imports import ImportUploadForm, Stash
from core.sheets import read_rows, read_upload


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    aliases: tuple = ()

    @property
    def label(self) -> str:
        return self.header


COLUMNS = (Col("no", "STT"), Col("name", "Họ và tên", required=True, aliases=("Họ tên",)), Col("year", "Năm"))


def workbook(*rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_read_upload_refuses_a_file_over_the_given_limit():
    assert read_upload(b"x" * 10, max_bytes=10) == b"x" * 10
    with pytest.raises(ValidationError) as refused:
        read_upload(b"x" * 11, max_bytes=10)
    assert refused.value.code == "too_big"


def test_read_rows_finds_the_header_under_a_title_and_skips_rows_blank_in_the_columns_read():
    data = workbook(["Danh sách"], ["STT", "Họ tên (*)", "Năm"], [1, "Nguyễn Văn An", 2020], [2, None, "  "], [3, "Lê Thị Bình"])
    rows = read_rows(data, COLUMNS, sheet_name="x", read=["name", "year"])
    assert [(number, raw["name"]) for number, raw in rows] == [(3, "Nguyễn Văn An"), (5, "Lê Thị Bình")]
    assert len(read_rows(data, COLUMNS, sheet_name="x")) == 3  # every column read: the STT alone counts


def test_read_rows_refuses_more_rows_than_the_given_limit_and_a_file_without_the_header():
    data = workbook(["Họ và tên"], ["A"], ["B"], ["C"])
    assert len(read_rows(data, COLUMNS, sheet_name="x", max_rows=3)) == 3
    with pytest.raises(ValidationError) as refused:
        read_rows(data, COLUMNS, sheet_name="x", max_rows=2)
    assert refused.value.code == "too_many_rows"
    with pytest.raises(ValidationError) as refused:
        read_rows(workbook(["Tên"], ["A"]), COLUMNS, sheet_name="x")
    assert refused.value.code == "no_header" and "“Họ và tên”" in refused.value.messages[0]


def test_the_upload_form_states_its_limits_and_keeps_the_parsed_preview():
    form = ImportUploadForm(
        {}, {"file": SimpleUploadedFile("a.xlsx", workbook(["Họ và tên"], ["A"]))}, parse=lambda f: f.name, max_rows=300
    )
    assert "tối đa 5 MB, tối đa 300 dòng" in str(form.fields["file"].help_text)
    assert form.is_valid() and form.preview == "a.xlsx" and form.content.startswith(b"PK")


class FakeRequest:
    def __init__(self):
        self.session = {}


def test_the_stash_gives_its_file_once_and_only_to_its_kind_and_target():
    request = FakeRequest()
    token = Stash(request, key="k", kind="nominee", target=1).keep(b"data", "a.xlsx")
    assert Stash(request, key="k", kind="nominee", target=2).take(token) is None
    assert Stash(request, key="k", kind="ledger", target=1).take(token) is None
    assert Stash(request, key="k", kind="nominee", target=1).take("other") is None
    assert Stash(request, key="k", kind="nominee", target=1).take(token) == b"data"
    assert Stash(request, key="k", kind="nominee", target=1).take(token) is None  # taken once
