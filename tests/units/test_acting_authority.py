"""Roles count in the authority a user acts in: two communes' people never act in each other's."""

from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment

from ..factories import user_with_role


def test_each_commune_office_acts_in_its_own_commune(commune_x, commune_y, office_staff, province):
    assert commune_x.office.acting_authority_id == commune_x.authority.pk
    assert commune_x.office.has_role(Role.OFFICE_STAFF)
    assert commune_x.clerk.unit_ids(Role.UNIT_CLERK) == {commune_x.unit.pk}
    assert office_staff.acting_authority_id == province.pk
    assert RoleAssignment.objects.get(user=commune_y.clerk).authority == commune_y.authority


def test_roles_in_two_authorities_count_one_at_a_time(commune_x, commune_y):
    person = commune_x.council_member
    RoleAssignment.objects.create(user=person, role=Role.UNIT_CLERK, unit=commune_y.unit)
    person.forget_roles()
    assert person.authority_ids() == sorted([commune_x.authority.pk, commune_y.authority.pk])
    person.prefer_authority(commune_x.authority.pk)
    assert person.has_role(Role.COUNCIL_MEMBER) and not person.unit_ids()
    person.prefer_authority(commune_y.authority.pk)
    assert not person.has_role(Role.COUNCIL_MEMBER) and person.unit_ids() == {commune_y.unit.pk}
    # A choice the user holds no role in does not count.
    person.prefer_authority(commune_y.authority.parent_id)
    assert person.acting_authority_id == commune_x.authority.pk


def test_the_page_header_names_the_authority_the_user_acts_in(client, commune_x, commune_y):
    client.force_login(commune_y.office)
    body = client.get(reverse("dashboard")).content.decode()
    assert "UBND xã Sìn Suối Hồ" in body
    assert "UBND xã Phong Thổ" not in body


def test_an_administrator_alone_acts_in_the_root(province):
    admin = user_with_role(Role.ADMIN)
    assert admin.acting_authority_id == province.pk
