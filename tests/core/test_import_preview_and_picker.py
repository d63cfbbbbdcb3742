"""The import preview (#14): the check column right after the row number, dates dd/mm/yyyy; the portal's
Vietnamese file picker on the import form and on a field drawn alone."""

import datetime
from types import SimpleNamespace

import pytest
from django import forms
from django.template.loader import render_to_string

from core.imports import ImportUploadForm, day_text, shown
from core.widgets import FilePicker


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime.date(2025, 3, 9), "09/03/2025"),
        (datetime.datetime(2025, 3, 9, 0, 0), "09/03/2025"),
        ("2025-03-09", "09/03/2025"),
        ("2025-03-09 00:00:00", "09/03/2025"),
        ("09/03/2025", "09/03/2025"),
        ("2025-13-40", "2025-13-40"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        (12, 12),
        ("", ""),
    ],
)
def test_day_text(value, text):
    assert day_text(value) == text


def _preview(rows, columns=("Họ và tên", "Ngày sinh")):
    return SimpleNamespace(
        rows=rows,
        columns=list(columns),
        valid_count=1,
        errors_count=1,
        skip_count=0,
        new_count=1,
        can_save=False,
        errors=["Dòng 3: Ngày sinh không hợp lệ."],
    )


def test_the_preview_shows_dates_dd_mm_yyyy_and_the_check_column_first():
    rows = [
        SimpleNamespace(number=2, cells=["Nguyễn Văn An", "1985-03-12"], errors=[], notes=[], skip=False),
        SimpleNamespace(number=3, cells=["Lê Thị Lan", "1990-02-30"], errors=["Ngày sinh không hợp lệ."], notes=[], skip=False),
    ]
    html = render_to_string("partials/import_preview.html", {"preview": shown(_preview(rows)), "check_label": "Kiểm tra"})
    assert "12/03/1985" in html and "1985-03-12" not in html
    head = html.split("<thead")[1].split("</thead>")[0]
    assert head.index("Dòng") < head.index("Kiểm tra") < head.index("Họ và tên")
    faulty = html.split("<td>3</td>")[1]
    assert faulty.index("Ngày sinh không hợp lệ.") < faulty.index("Lê Thị Lan")


def test_the_onboarding_preview_keeps_its_faulty_cells_marked():
    cells = [("Xã A", False), ("2024-01-05 00:00:00", True)]
    rows = [SimpleNamespace(number=2, cells=cells, errors=["Sai ngày"], status_label="Thêm mới")]
    preview = shown(_preview(rows))
    assert preview.rows[0].cells == [("Xã A", False), ("05/01/2024", True)]
    html = render_to_string("partials/import_preview.html", {"preview": preview, "statuses": True, "check_label": "Kiểm tra"})
    assert '<td class="table-danger">05/01/2024</td>' in html


def test_the_import_form_has_the_vietnamese_picker():
    html = str(ImportUploadForm(parse=lambda f: None)["file"])
    assert "Chọn tệp" in html and "Chưa chọn tệp" in html
    assert 'accept=".xlsx,' in html and "visually-hidden" in html


def test_a_field_drawn_alone_keeps_its_attributes_and_label_target():
    class Form(forms.Form):
        file = forms.FileField(widget=FilePicker(attrs={"class": "form-control form-control-sm"}))

    html = str(Form()["file"])
    assert 'id="id_file"' in html and 'for="id_file"' in html and 'name="file"' in html
    assert "btn-sm" in html and "Choose" not in html


def test_crispy_draws_every_file_field_with_the_picker_and_its_errors():
    from django.template import Context, Template

    form = ImportUploadForm({}, {}, parse=lambda f: None)
    assert not form.is_valid()
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))
    assert "Chọn tệp" in html and "Chưa chọn tệp" in html and "file-picker-input visually-hidden is-invalid" in html
    assert "invalid-feedback" in html and "Tệp theo mẫu của Cổng" in html
