import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from tests.factories import UnitFactory, user_with_role
from units.models import Authority, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["units:unit_detail", "units:unit_edit"])
def test_clerk_gets_404_on_another_units_pages(client, clerk_a, unit_b, name):
    client.force_login(clerk_a)
    response = client.get(reverse(name, args=[unit_b.pk]))
    assert response.status_code == 404


def test_clerk_opens_own_unit(client, clerk_a, unit_a):
    client.force_login(clerk_a)
    response = client.get(reverse("units:unit_detail", args=[unit_a.pk]))
    assert response.status_code == 200
    assert "UBND xã Cự Khê" in response.content.decode()


def test_clerk_unit_list_shows_only_own_unit(client, clerk_a, unit_b):
    client.force_login(clerk_a)
    body = client.get(reverse("units:unit_list")).content.decode()
    assert "UBND xã Cự Khê" in body
    assert unit_b.name not in body


def test_clerk_edits_contact_but_not_name(client, clerk_a, unit_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("units:unit_edit", args=[unit_a.pk]),
        {
            "name": "Tên bị đổi",
            "head_name": "Nguyễn Văn Mới",
            "head_title": "Chủ tịch UBND xã",
            "email": "cukhe@example.vn",
            "phone": "024 3387 0000",
            "address": "",
            "version": unit_a.version,
        },
    )
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.name == "UBND xã Cự Khê"
    assert unit_a.head_name == "Nguyễn Văn Mới"
    assert AuditEntry.objects.get(action="unit_update").changes["head_name"] == ["Nguyễn Văn Thủ", "Nguyễn Văn Mới"]


def test_clerk_cannot_create_units(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("units:unit_create")).status_code == 403


def test_unit_edit_conflict_is_refused_without_losing_input(client, office_staff, unit_a):
    client.force_login(office_staff)
    opened = unit_a.version
    Unit.objects.filter(pk=unit_a.pk).update(version=opened + 1, email="khac@example.vn")
    response = client.post(
        reverse("units:unit_edit", args=[unit_a.pk]),
        {
            "name": unit_a.name,
            "code": unit_a.code,
            "kind": unit_a.kind,
            "parent": "",
            "is_active": "on",
            "head_name": "Người Sửa Sau",
            "head_title": "",
            "email": "cua-toi@example.vn",
            "phone": "",
            "address": "",
            "sort_order": 0,
            "version": opened,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in body
    assert 'value="cua-toi@example.vn"' in body
    assert Unit.objects.get(pk=unit_a.pk).email == "khac@example.vn"


def test_unit_cannot_be_its_own_ancestor(unit_a):
    child = UnitFactory(parent=unit_a)
    unit_a.parent = child
    with pytest.raises(ValidationError) as excinfo:
        unit_a.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_unit_name_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "UBND xã Thanh Thùy")
    unit = UnitFactory(name=decomposed)
    unit.refresh_from_db()
    assert unit.name == unicodedata.normalize("NFC", "UBND xã Thanh Thùy")


def test_staff_creates_unit_with_audit(client, office_staff):
    client.force_login(office_staff)
    response = client.post(
        reverse("units:unit_create"),
        {
            "name": "Trường Tiểu học Thanh Văn",
            "code": "th-thanh-van",
            "kind": "truong_hoc",
            "parent": "",
            "is_active": "on",
            "head_name": "",
            "head_title": "",
            "email": "",
            "phone": "",
            "address": "",
            "sort_order": 5,
            "version": 1,
        },
    )
    unit = Unit.objects.get(code="th-thanh-van")
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="unit_create").object_id == str(unit.pk)


def test_unit_list_query_count_is_flat(client, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)
    Authority.root()  # created once on first use; not part of the page's own cost
    parent = UnitFactory()
    for _index in range(3):
        UnitFactory(parent=parent)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("units:unit_list"))
    for _index in range(40):
        UnitFactory(parent=parent)
    with django_assert_max_num_queries(10) as large:
        response = client.get(reverse("units:unit_list"))
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_authority_is_edited_only_by_admin(client, office_staff, system_admin):
    client.force_login(office_staff)
    assert client.get(reverse("units:authority_edit")).status_code == 403
    client.force_login(system_admin)
    data = {
        field.name: getattr(Authority.root(), field.name)
        for field in Authority._meta.fields
        if field.name not in ("id", "updated_at")
    }
    data.update(
        level="xa",
        name="ỦY BAN NHÂN DÂN XÃ THANH OAI",
        short_name="UBND xã Thanh Oai",
        parent_name="",
        place_name="Thanh Oai",
    )
    response = client.post(reverse("units:authority_edit"), {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302
    authority = Authority.root()
    assert (authority.level, authority.name) == ("xa", "ỦY BAN NHÂN DÂN XÃ THANH OAI")
    assert "UBND xã Thanh Oai" in client.get(reverse("dashboard")).content.decode()


def test_head_of_unit_sees_clerks_on_dashboard(client, unit_a, clerk_a):
    head = user_with_role(Role.UNIT_HEAD, unit_a, full_name="Đỗ Minh Tuấn")
    client.force_login(head)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Phạm Thị Lan" in body


def test_unit_list_is_a_tree_until_a_search_narrows_it(client, office_staff):
    parent = UnitFactory(name="Phòng Giáo dục và Đào tạo", kind="phong_ban")
    UnitFactory(name="Trường Tiểu học Bích Hòa", kind="truong_hoc", parent=parent)
    UnitFactory(name="Trường Mầm non Thanh Văn", kind="truong_hoc", is_active=False)
    client.force_login(office_staff)
    url = reverse("units:unit_list")
    tree = client.get(url).context["rows"]
    assert [(unit.name, depth) for unit, depth in tree if unit.kind != "xa"] == [
        ("Phòng Giáo dục và Đào tạo", 0),
        ("Trường Tiểu học Bích Hòa", 1),
    ]
    searched = client.get(url, {"q": "truong hoc bich hoa"}).context["rows"]
    assert [(unit.name, depth) for unit, depth in searched] == [("Trường Tiểu học Bích Hòa", 0)]
    schools = client.get(url, {"kind": "truong_hoc", "inactive": "1"})
    names = sorted(unit.name for unit, _depth in schools.context["rows"])
    assert names == ["Trường Mầm non Thanh Văn", "Trường Tiểu học Bích Hòa"]
    assert "Trường học (1)" in schools.content.decode()
