"""Onboarding a province's accounts from Excel (#13): template, preview, save once, scope, roles."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.imports import USER_COLUMNS
from accounts.models import RoleAssignment, User
from core.models import AuditEntry
from notifications.models import OutboxEmail
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in USER_COLUMNS]
CLERK = str(Role.UNIT_CLERK.label)


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person(username, role=CLERK, unit="", authority="", name="Nguyễn Thị Hoa", email=None):
    email = f"{username}@laichau.gov.vn" if email is None else email
    return [username, name, email, "0912 345 678", "Chuyên viên", role, unit, authority]


def upload(client, content: bytes):
    return client.post(reverse("accounts:user_import"), {"file": SimpleUploadedFile("tai-khoan.xlsx", content)})


def test_template_lists_roles_the_importer_may_grant(client, province, commune_x):
    client.force_login(commune_x.office)
    response = client.get(reverse("accounts:user_import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in workbook["Danh sách tài khoản"][1]]
    assert headers[0] == "Tên đăng nhập (*)" and "Vai trò (*)" in headers and "Mã đơn vị" in headers
    guide = [cell for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for cell in row if cell]
    assert CLERK in guide and str(Role.COUNCIL_MEMBER.label) in guide
    assert str(Role.OFFICE_STAFF.label) not in guide and str(Role.ADMIN.label) not in guide
    assert commune_x.unit.code in guide and commune_x.authority.code in guide


def test_good_file_previews_then_saves_roles_in_the_right_authority(client, system_admin, province, commune_x, unit_a, clerk_a):
    client.force_login(system_admin)
    content = xlsx(
        [
            person("hoa.nt", unit=commune_x.unit.code),
            person("hoa.nt", role="unit_head", unit=commune_x.unit.code),
            person("binh.vp", role=str(Role.OFFICE_STAFF.label), authority=commune_x.authority.code, name="Lê Văn Bình"),
            person("chu.hd", role="council_member", name="Trần Văn Chu"),
            person(clerk_a.username, role="unit_head", unit=unit_a.code, name="", email=""),
        ]
    )
    response = upload(client, content)
    preview = response.context["preview"]
    assert preview.can_save, preview.errors
    assert not User.objects.filter(username="hoa.nt").exists()
    assert "Tài khoản mới" in response.content.decode() and "Giao thêm vai trò" in response.content.decode()
    followed = client.post(reverse("accounts:user_import_confirm"), {"token": response.context["token"]}, follow=True)
    assert "Đã tạo 3 tài khoản (đã gửi thư mời), giao thêm 2 vai trò." in followed.content.decode()
    hoa = User.objects.get(username="hoa.nt")
    assert hoa.full_name == "Nguyễn Thị Hoa" and not hoa.has_usable_password()
    assert set(hoa.role_assignments.values_list("role", "unit_id", "authority_id")) == {
        (Role.UNIT_CLERK, commune_x.unit.pk, commune_x.authority.pk),
        (Role.UNIT_HEAD, commune_x.unit.pk, commune_x.authority.pk),
    }
    assert RoleAssignment.objects.get(user__username="binh.vp").authority == commune_x.authority
    assert RoleAssignment.objects.get(user__username="chu.hd").authority == province  # blank: the acting authority
    assert clerk_a.role_assignments.filter(role=Role.UNIT_HEAD, unit=unit_a).exists()
    invitations = OutboxEmail.objects.filter(subject="Tài khoản của bạn trên Cổng thi đua, khen thưởng")
    assert set(invitations.values_list("to", flat=True)) == {
        "hoa.nt@laichau.gov.vn",
        "binh.vp@laichau.gov.vn",
        "chu.hd@laichau.gov.vn",
    }
    assert AuditEntry.objects.filter(action="user_create").count() == 3
    assert AuditEntry.objects.filter(action="role_grant").count() == 5


def test_errors_are_shown_and_nothing_is_saved(client, office_staff, province, commune_x, unit_a, clerk_a):
    client.force_login(office_staff)
    content = xlsx(
        [
            person("a.moi", role="Thủ quỹ", unit=unit_a.code),
            person("b.moi", role=CLERK),
            person("c.moi", unit="khong-co"),
            person("d.moi", unit=commune_x.unit.code),
            person("e.moi", role=str(Role.OFFICE_STAFF.label)),
            person("f.moi", role="council_member", authority=commune_x.authority.code),
            person("g moi!", unit=unit_a.code),
            person("h.moi", unit=unit_a.code, email="sai-thu"),
            person("i.moi", unit=unit_a.code, name=""),
            person("i.moi", unit=unit_a.code, name=""),
            person(commune_x.clerk.username, unit=unit_a.code),
        ]
    )
    response = upload(client, content)
    body = response.content.decode()
    assert not response.context["token"]
    for reason in (
        "Dòng 2: vai trò “Thủ quỹ” không hợp lệ",
        "Dòng 3: vai trò này phải ghi mã đơn vị.",
        "Dòng 4: không tìm thấy đơn vị có mã “khong-co”",
        "Dòng 5: không tìm thấy đơn vị có mã “xa-phong-tho-th”",
        f"Dòng 6: bạn không được giao vai trò “{Role.OFFICE_STAFF.label}”.",
        "Dòng 7: bạn chỉ được giao vai trò trong cơ quan mình đang làm việc",
        "Dòng 8: tên đăng nhập “g moi!” chỉ được gồm",
        "Dòng 9: thư điện tử “sai-thu” không hợp lệ.",
        "Dòng 10: thiếu họ và tên (tài khoản mới).",
        "Dòng 11: trùng với dòng 10 (cùng tên đăng nhập và vai trò).",
        f"Dòng 12: tên đăng nhập “{commune_x.clerk.username}” đã được dùng cho một tài khoản bạn không quản lý.",
    ):
        assert reason in body
    client.post(reverse("accounts:user_import_confirm"), {"token": "gia-mao"})
    assert not User.objects.filter(username__endswith=".moi").exists()


def test_second_confirm_does_not_duplicate(client, office_staff, province, unit_a):
    client.force_login(office_staff)
    response = upload(client, xlsx([person("lan.pt", unit=unit_a.code)]))
    url, token = reverse("accounts:user_import_confirm"), response.context["token"]
    client.post(url, {"token": token})
    second = client.post(url, {"token": token}, follow=True)
    assert User.objects.filter(username="lan.pt").count() == 1
    assert OutboxEmail.objects.filter(to="lan.pt@laichau.gov.vn").count() == 1
    assert "Thao tác này đã được thực hiện." in second.content.decode()
    again = upload(client, xlsx([person("lan.pt", unit=unit_a.code)]))  # the same file again: the role is held
    assert "đã có vai trò này: bỏ qua." in again.content.decode()
    assert not again.context["token"]


def test_office_cannot_import_into_another_authority(client, province, commune_x, commune_y):
    client.force_login(commune_x.office)
    response = upload(
        client,
        xlsx(
            [
                person("moi.y", unit=commune_y.unit.code),
                person("moi.y2", role="council_member", authority=commune_y.authority.code),
            ]
        ),
    )
    body = response.content.decode()
    assert "không tìm thấy đơn vị có mã “xa-sin-suoi-ho-th”" in body
    assert "bạn chỉ được giao vai trò trong cơ quan mình đang làm việc" in body
    assert not response.context["token"]


def test_others_are_refused_and_the_list_links_for_staff(client, office_staff, clerk_a, council_member):
    for user in (clerk_a, council_member):
        client.force_login(user)
        assert client.get(reverse("accounts:user_import")).status_code == 403
        assert client.get(reverse("accounts:user_import_template")).status_code == 403
        assert client.post(reverse("accounts:user_import_confirm"), {"token": "x"}).status_code == 403
    client.force_login(office_staff)
    assert reverse("accounts:user_import") in client.get(reverse("accounts:user_list")).content.decode()


def _preview_queries(client, count: int) -> int:
    units = [UnitFactory() for _i in range(3)]
    rows = [person(f"nguoi{i}.{count}", unit=units[i % 3].code) for i in range(count)]
    content = xlsx(rows)
    with CaptureQueriesContext(connection) as queries:
        response = upload(client, content)
    assert response.context["preview"].can_save, response.context["preview"].errors
    return len(queries)


def test_preview_queries_do_not_grow_with_rows(client, office_staff, province):
    client.force_login(office_staff)
    assert _preview_queries(client, 5) == _preview_queries(client, 50)
