"""Units and authorities with several authorities in one installation (#13): each office sees and makes
the units of the authority it acts in; the administrator keeps the tree of authorities."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from core.services import ConcurrentEditError
from tests.factories import UnitFactory, user_with_role
from units import services
from units.enums import AuthorityLevel, UnitKind
from units.models import Authority, Unit
from units.selectors import authority_tree, units_for_autocomplete, units_visible_to

pytestmark = pytest.mark.django_db


def _unit_form(**changes):
    data = {"name": "Trường Mầm non xã Phong Thổ", "code": "mn-phong-tho", "kind": UnitKind.SCHOOL, "sort_order": 0}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_commune_office_sees_only_its_communes_units(commune_x, commune_y, unit_a):
    assert list(units_visible_to(viewer=commune_x.office)) == [commune_x.unit]
    assert list(units_visible_to(viewer=commune_x.council_member)) == [commune_x.unit]
    suggested = [row["pk"] for row in units_for_autocomplete(viewer=commune_x.office, query="truong")]
    assert suggested == [commune_x.unit.pk]


def test_the_province_office_does_not_see_the_communes_units(commune_x, office_staff, unit_a):
    assert list(units_visible_to(viewer=office_staff)) == [unit_a]


def test_a_commune_office_gets_404_on_another_communes_unit(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    for name in ("units:unit_detail", "units:unit_edit"):
        assert client.get(reverse(name, args=[commune_y.unit.pk])).status_code == 404
    body = client.get(reverse("units:unit_list")).content.decode()
    assert commune_x.unit.name in body
    assert commune_y.unit.name not in body


def test_a_unit_created_by_a_commune_office_belongs_to_the_commune(client, commune_x):
    client.force_login(commune_x.office)
    response = client.post(reverse("units:unit_create"), _unit_form(parent=commune_x.unit.pk, version=1))
    assert response.status_code == 302
    created = Unit.objects.get(code="mn-phong-tho")
    assert (created.authority, created.parent) == (commune_x.authority, commune_x.unit)


def test_a_parent_unit_of_another_authority_is_refused_in_vietnamese(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    response = client.post(reverse("units:unit_create"), _unit_form(parent=commune_y.unit.pk, version=1))
    assert response.status_code == 200
    assert "Đơn vị cấp trên phải thuộc cùng cơ quan ban hành với đơn vị này." in response.content.decode()
    assert not Unit.objects.filter(code="mn-phong-tho").exists()


def test_the_service_refuses_a_parent_of_another_authority(commune_x, commune_y):
    with pytest.raises(ValidationError) as refused:
        services.unit_create(
            by=commune_x.office, authority=commune_x.authority, name="Trường A", code="a", kind=UnitKind.SCHOOL,
            parent=commune_y.unit,
        )  # fmt: skip
    assert refused.value.message_dict == {"parent": ["Đơn vị cấp trên phải thuộc cùng cơ quan ban hành với đơn vị này."]}
    unit = commune_x.unit
    with pytest.raises(ValidationError):
        services.unit_update(by=commune_x.office, unit=unit, expected_version=unit.version, parent=commune_y.unit)


def test_an_office_cannot_create_a_unit_in_another_authority(commune_x, commune_y):
    with pytest.raises(ValidationError):
        services.unit_create(by=commune_x.office, authority=commune_y.authority, name="Trường B", code="b", kind="xa")


def test_unit_codes_stay_unique_across_authorities(client, commune_x, commune_y):
    client.force_login(commune_y.office)
    response = client.post(reverse("units:unit_create"), _unit_form(code=commune_x.unit.code, version=1))
    assert response.status_code == 200
    assert Unit.objects.filter(code=commune_x.unit.code).count() == 1


def test_the_authority_settings_page_edits_the_authority_acted_in(client, commune_x, province):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    client.post(reverse("accounts:act_in"), {"authority": commune_x.authority.pk})
    body = client.get(reverse("units:authority_edit")).content.decode()
    assert 'value="UBND xã Phong Thổ"' in body


def test_the_authorities_page_shows_the_tree(client, commune_x, commune_y, province):
    assert [(a.pk, depth) for a, depth in authority_tree()] == [
        (province.pk, 0),
        (commune_x.authority.pk, 1),
        (commune_y.authority.pk, 1),
    ]
    client.force_login(user_with_role(Role.ADMIN))
    body = client.get(reverse("units:authority_list")).content.decode()
    assert body.index("UBND tỉnh Lai Châu") < body.index("UBND xã Phong Thổ") < body.index("UBND xã Sìn Suối Hồ")


@pytest.mark.parametrize("name", ["units:authority_list", "units:authority_create"])
def test_only_the_administrator_opens_the_authorities_pages(client, commune_x, office_staff, name):
    client.force_login(office_staff)
    assert client.get(reverse(name)).status_code == 403
    client.force_login(commune_x.office)
    assert client.get(reverse(name)).status_code == 403


def test_an_office_gets_404_on_an_authoritys_edit_page(client, commune_x):
    client.force_login(commune_x.office)
    assert client.get(reverse("units:authority_change", args=[commune_x.authority.pk])).status_code == 404


def test_the_administrator_creates_a_commune_under_the_province(client, province):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    page = client.get(reverse("units:authority_create")).content.decode()
    assert "Tên cơ quan ban hành" in page
    response = client.post(
        reverse("units:authority_create"),
        {
            "parent": province.pk,
            "level": AuthorityLevel.COMMUNE,
            "code": "xa-dao-san",
            "name": "ỦY BAN NHÂN DÂN XÃ ĐÀO SAN",
            "short_name": "UBND xã Đào San",
            "standing_office_name": "Văn phòng HĐND và UBND xã",
            "council_name": "Hội đồng Thi đua – Khen thưởng xã",
            "place_name": "Đào San",
            "document_code": "UBND",
            "office_code": "VP",
            "chair_title": "CHỦ TỊCH",
        },
    )
    assert response.status_code == 302
    created = Authority.objects.get(code="xa-dao-san")
    assert (created.parent, created.level, created.place_name) == (province, AuthorityLevel.COMMUNE, "Đào San")
    entry = AuditEntry.objects.get(action="authority_create")
    assert (entry.actor, entry.changes["short_name"]) == (admin, [None, "UBND xã Đào San"])


def test_creating_an_authority_needs_the_administrator(commune_x, province):
    with pytest.raises(PermissionDenied):
        services.authority_create(by=commune_x.office, parent=province, code="xa-moi", name="ỦY BAN NHÂN DÂN XÃ MỚI")


def test_an_authority_edit_opened_before_another_save_is_refused(client, commune_x):
    admin = user_with_role(Role.ADMIN)
    authority = commune_x.authority
    opened = authority.version
    services.authority_update(by=admin, authority=authority, expected_version=opened, chair_name="Lò Văn Chủ")
    with pytest.raises(ConcurrentEditError):
        services.authority_update(
            by=admin, authority=Authority.objects.get(pk=authority.pk), expected_version=opened, chair_name="Khác"
        )
    assert Authority.objects.get(pk=authority.pk).chair_name == "Lò Văn Chủ"


def test_the_administrator_edits_a_commune_from_the_tree(client, commune_x, province):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    authority = commune_x.authority
    data = {
        field.name: getattr(authority, field.attname)
        for field in Authority._meta.fields
        if field.name not in ("id", "updated_at")
    }
    data.update(place_name="Phong Thổ mới", parent=province.pk)
    response = client.post(
        reverse("units:authority_change", args=[authority.pk]), {k: v for k, v in data.items() if v is not None}
    )
    assert response.status_code == 302
    authority.refresh_from_db()
    assert (authority.place_name, authority.version) == ("Phong Thổ mới", 2)
    assert AuditEntry.objects.get(action="authority_update").changes == {"place_name": ["Phong Thổ", "Phong Thổ mới"]}


def test_a_commune_cannot_lose_its_parent_nor_sit_under_itself(commune_x):
    admin = user_with_role(Role.ADMIN)
    authority = commune_x.authority
    with pytest.raises(ValidationError):
        services.authority_update(by=admin, authority=authority, expected_version=authority.version, parent=None)
    root = Authority.root()
    with pytest.raises(ValidationError):
        services.authority_update(by=admin, authority=root, expected_version=root.version, parent=authority)


def test_anonymous_pages_show_the_root_authoritys_names(client, commune_x, province):
    body = client.get(reverse("login")).content.decode()
    assert "UBND tỉnh Lai Châu" in body
    assert "Phong Thổ" not in body


def test_a_unit_factory_unit_without_authority_is_the_roots(province):
    assert UnitFactory().authority == province
