"""Onboarding a province's units from Excel (#13): template, preview, save once, scope."""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry
from units.enums import UnitKind
from units.imports import UNIT_COLUMNS
from units.models import Unit

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in UNIT_COLUMNS]


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes):
    return client.post(reverse("units:unit_import"), {"file": SimpleUploadedFile("don-vi.xlsx", content)})


def confirm(client, response):
    return client.post(reverse("units:unit_import_confirm"), {"token": response.context["token"]}, follow=True)


def unit_row(code, name, kind="Phòng, ban chuyên môn", parent="", authority="", email=""):
    return [code, name, kind, parent, authority, "Nguyễn Văn An", "Giám đốc", email, "0231 3876 543", "Lai Châu"]


def test_template_has_headers_example_and_guide(client, province, commune_x):
    client.force_login(commune_x.office)
    response = client.get(reverse("units:unit_import_template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Danh sách đơn vị"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Mã đơn vị (*)", "Tên đơn vị (*)", "Loại đơn vị (*)"]
    assert "Mã cơ quan" in headers and "Thủ trưởng" in headers
    assert sheet["A2"].value  # the example row
    assert sheet.data_validations.dataValidation  # the kinds as a drop-down
    guide = [cell for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for cell in row if cell]
    assert str(UnitKind.SCHOOL.label) in guide
    assert commune_x.authority.code in guide
    assert province.code not in guide  # an office sees only its own authority's code


def test_good_file_previews_then_saves_with_parents_in_any_order(client, system_admin, province, commune_x):
    client.force_login(system_admin)
    content = xlsx(
        [
            unit_row("x-to-toan", "Tổ Toán", "Trường học", parent="x-thcs", authority=commune_x.authority.code),
            unit_row("x-thcs", "Trường THCS xã X", "truong_hoc", authority=commune_x.authority.code, email="thcs@x.vn"),
            unit_row("so-noi-vu", "Sở Nội vụ", email="snv@laichau.gov.vn"),
            unit_row(commune_x.unit.code, "Trường Tiểu học xã X (mới)", "Trường học", authority=commune_x.authority.code),
        ]
    )
    response = upload(client, content)
    body = response.content.decode()
    assert response.context["preview"].can_save, response.context["preview"].errors
    assert "Thêm mới" in body and "Cập nhật" in body
    assert not Unit.objects.filter(code="x-thcs").exists()  # nothing saved by the preview

    followed = confirm(client, response)
    assert "Đã thêm 3 đơn vị, cập nhật 1 đơn vị." in followed.content.decode()
    child = Unit.objects.get(code="x-to-toan")
    assert child.parent.code == "x-thcs" and child.authority == commune_x.authority
    assert Unit.objects.get(code="so-noi-vu").authority == province  # blank: the acting authority
    commune_x.unit.refresh_from_db()
    assert commune_x.unit.name == "Trường Tiểu học xã X (mới)"
    assert AuditEntry.objects.filter(action="unit_create").count() == 3
    assert AuditEntry.objects.filter(action="unit_update", object_id=str(commune_x.unit.pk)).exists()


def test_errors_are_shown_per_row_and_nothing_is_saved(client, office_staff, province, commune_x):
    client.force_login(office_staff)
    before = Unit.objects.count()
    content = xlsx(
        [
            unit_row("a-1", "Đơn vị A", "Loại lạ"),
            unit_row("a-1", "Đơn vị B"),
            unit_row("a-3", "Đơn vị C", parent="khong-co"),
            unit_row("a-4", "Đơn vị D", email="khong-phai-thu"),
            unit_row("a-5", "Đơn vị E", authority="khong-ton-tai"),
            unit_row("a-6", "Đơn vị F", authority=commune_x.authority.code),
            unit_row("a-7", "Đơn vị G", parent=commune_x.unit.code),
            unit_row("", "Đơn vị H"),
        ]
    )
    response = upload(client, content)
    body = response.content.decode()
    assert not response.context["preview"].can_save
    assert not response.context["token"]
    for reason in (
        "Dòng 2: loại đơn vị “Loại lạ” không hợp lệ",
        "Dòng 3: mã đơn vị “a-1” trùng với dòng 2.",
        "Dòng 4: không tìm thấy đơn vị cấp trên có mã “khong-co”",
        "Dòng 5: thư điện tử “khong-phai-thu” không hợp lệ.",
        "Dòng 6: mã cơ quan “khong-ton-tai” không có trên Cổng.",
        "Dòng 7: bạn chỉ được nhập đơn vị của cơ quan mình đang làm việc",
        "Dòng 8: đơn vị cấp trên “xa-phong-tho-th” thuộc cơ quan khác.",
        "Dòng 9: thiếu mã đơn vị.",
    ):
        assert reason in body
    response = client.post(reverse("units:unit_import_confirm"), {"token": "gia-mao"}, follow=True)
    assert Unit.objects.count() == before


def test_second_confirm_does_not_import_twice(client, office_staff, province):
    client.force_login(office_staff)
    response = upload(client, xlsx([unit_row("so-tai-chinh", "Sở Tài chính")]))
    token = response.context["token"]
    url = reverse("units:unit_import_confirm")
    client.post(url, {"token": token})
    second = client.post(url, {"token": token}, follow=True)
    assert Unit.objects.filter(code="so-tai-chinh").count() == 1
    assert AuditEntry.objects.filter(action="unit_create").count() == 1
    assert "Thao tác này đã được thực hiện." in second.content.decode()


def test_office_cannot_import_into_another_authority(client, province, commune_x, commune_y):
    client.force_login(commune_x.office)
    response = upload(client, xlsx([unit_row("y-moi", "Đơn vị mới", authority=commune_y.authority.code)]))
    assert "bạn chỉ được nhập đơn vị của cơ quan mình đang làm việc" in response.content.decode()
    assert not response.context["token"]
    response = upload(client, xlsx([unit_row(commune_y.unit.code, "Đổi tên trường xã Y")]))  # a code of another authority
    assert "đã được dùng cho" in response.content.decode()
    assert not Unit.objects.filter(code="y-moi").exists()


def test_clerk_and_council_member_are_refused(client, clerk_a, council_member):
    for user in (clerk_a, council_member):
        client.force_login(user)
        assert client.get(reverse("units:unit_import")).status_code == 403
        assert client.get(reverse("units:unit_import_template")).status_code == 403
        assert client.post(reverse("units:unit_import_confirm"), {"token": "x"}).status_code == 403


def test_unit_list_links_to_import_for_staff_only(client, office_staff, clerk_a):
    client.force_login(office_staff)
    assert reverse("units:unit_import") in client.get(reverse("units:unit_list")).content.decode()
    client.force_login(clerk_a)
    assert reverse("units:unit_import") not in client.get(reverse("units:unit_list")).content.decode()


def _preview_queries(client, count: int) -> int:
    rows = [unit_row(f"dv-{i}", f"Đơn vị {i}", parent="dv-0" if i else "") for i in range(count)]
    content = xlsx(rows)
    with CaptureQueriesContext(connection) as queries:
        response = upload(client, content)
    assert response.context["preview"].can_save
    return len(queries)


def test_preview_queries_do_not_grow_with_rows(client, office_staff, province):
    client.force_login(office_staff)
    assert _preview_queries(client, 5) == _preview_queries(client, 50)


def test_two_thousand_units_parse_and_save(client, office_staff, province):
    client.force_login(office_staff)
    rows = [unit_row(f"dv-{i}", f"Đơn vị {i}", parent=f"dv-{i // 10}" if i else "") for i in range(2000)]
    content = xlsx(rows)
    started = time.perf_counter()
    response = upload(client, content)
    parsed = time.perf_counter()
    assert response.context["preview"].can_save
    confirm(client, response)
    saved = time.perf_counter()
    print(f"2.000 units: preview {parsed - started:.1f}s, save {saved - parsed:.1f}s")
    assert Unit.objects.filter(code__startswith="dv-").count() == 2000
