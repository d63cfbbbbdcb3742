"""Blank-form (phôi) printing: admin-editable layouts, seeded by a data migration."""

import os
import re
import subprocess

import pytest
from django.contrib import admin

from documents import samples
from documents.models import CertificateLayout, CertificateLayoutField
from documents.render import render_pdf
from documents.services import certificate_layout_dict

from .conftest import flat, pdf_page_size, pdf_pages, pdf_text

MM = 72 / 25.4


@pytest.mark.django_db
def test_default_layouts_are_seeded():
    layouts = {layout.name: layout for layout in CertificateLayout.objects.prefetch_related("fields")}
    assert set(layouts) == {"Phôi giấy khen A4 ngang", "Phôi giấy khen A3 ngang"}
    a4 = layouts["Phôi giấy khen A4 ngang"]
    assert (a4.page_size, a4.orientation, a4.is_default, a4.size_mm) == ("A4", "landscape", True, (297, 210))
    assert {field.field for field in a4.fields.all()} == {
        "recipient",
        "detail",
        "achievement",
        "decision",
        "register_number",
        "place_date",
        "signer_title",
        "signer_name",
    }
    assert layouts["Phôi giấy khen A3 ngang"].size_mm == (420, 297)


@pytest.mark.django_db
def test_layout_dict_applies_the_printer_offsets():
    layout = CertificateLayout.objects.get(is_default=True)
    layout.offset_x_mm = 2
    layout.offset_y_mm = -1.5
    layout.save()
    data = certificate_layout_dict()
    recipient = next(field for field in data["fields"] if field["field"] == "recipient")
    assert recipient == {
        "field": "recipient",
        "x_mm": 32.0,
        "y_mm": 96.5,
        "width_mm": 237.0,
        "font_size_pt": 22.0,
        "align": "center",
        "bold": True,
        "italic": True,
        "prefix": "",
    }
    assert (data["width_mm"], data["height_mm"]) == (297, 210)


def test_layout_models_are_in_the_admin():
    assert admin.site.is_registered(CertificateLayout)
    assert not admin.site.is_registered(CertificateLayoutField)  # edited inline


@pytest.mark.django_db
def test_blank_mode_prints_only_the_field_texts_where_the_layout_says():
    pdf = render_pdf("documents/certificate_blank.html", {**samples.certificate(), "layout": certificate_layout_dict()})
    assert pdf_pages(pdf) == 1
    assert pdf_page_size(pdf) == "841.89 x 595.276 pts (A4)"
    lines = [flat(line) for line in pdf_text(pdf).splitlines() if line.strip()]
    expected = [
        "Bà Nguyễn Thị Hoa",
        "Công chức Văn phòng – Thống kê, UBND thị trấn Kim Bài",
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
        "góp phần vào sự nghiệp xây dựng và phát triển huyện Thanh Oai",
        "Thanh Oai, ngày 15 tháng 01 năm 2025",
        "CHỦ TỊCH",
        "Quyết định số 15/QĐ-UBND, ngày 15/01/2025",
        "Số vào sổ: 125",
        "Bùi Văn Hải",
    ]
    assert sorted(lines) == sorted(expected)

    # The left-aligned register number starts 24 mm from the left edge, 173 mm from the top.
    bbox = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    word = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Số</word>\s*<word[^>]*>vào</word>', bbox)
    assert abs(float(word[1]) - 24 * MM) < 1 * MM
    assert 173 * MM <= float(word[2]) < 177 * MM


@pytest.mark.django_db
def test_blank_mode_on_a3_and_without_prefixes():
    layout = CertificateLayout.objects.get(name="Phôi giấy khen A3 ngang")
    layout.fields.filter(field="register_number").update(prefix="")
    pdf = render_pdf("documents/certificate_blank.html", {**samples.certificate(), "layout": layout.as_dict()})
    assert pdf_page_size(pdf) == "1190.55 x 841.89 pts (A3)"
    text = flat(pdf_text(pdf))
    assert "Số vào sổ" not in text
    assert " 125 " in f" {text} "


@pytest.mark.django_db
def test_render_document_samples_command_writes_every_sample(tmp_path):
    from django.core.management import call_command

    call_command("render_document_samples", str(tmp_path), stdout=open(os.devnull, "w"))
    assert sorted(path.stem for path in tmp_path.glob("*.pdf")) == sorted([*samples.ALL, "decision_300", "certificate_blank"])
