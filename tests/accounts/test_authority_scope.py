"""People and roles with several authorities (#13): office staff manage the accounts of the authority they
act in and grant roles there only; the administrator manages everyone and chooses where an office or
council role counts; a user of several authorities switches between them in the navbar."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.enums import Role
from accounts.middleware import ACTING_AUTHORITY_KEY
from accounts.models import RoleAssignment, User
from accounts.selectors import users_for_management
from tests.authorities import make_commune
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_commune_office_manages_only_its_communes_accounts(commune_x, commune_y, office_staff):
    managed = set(users_for_management(viewer=commune_x.office))
    assert managed == {commune_x.office, commune_x.council_member, commune_x.clerk}


def test_the_administrator_manages_every_account(commune_x, commune_y, office_staff):
    admin = user_with_role(Role.ADMIN)
    assert set(users_for_management(viewer=admin)) == set(User.objects.all())


def test_a_commune_office_gets_404_on_another_communes_account(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    for name in ("accounts:user_detail", "accounts:user_edit"):
        assert client.get(reverse(name, args=[commune_y.clerk.pk])).status_code == 404
    body = client.get(reverse("accounts:user_list")).content.decode()
    assert commune_x.clerk.full_name in body
    assert commune_y.clerk.full_name not in body


def test_the_services_refuse_another_communes_account(commune_x, commune_y):
    target = commune_y.clerk
    with pytest.raises(PermissionDenied):
        services.user_update(by=commune_x.office, user=target, expected_version=target.version, full_name="Khác")
    with pytest.raises(PermissionDenied):
        services.user_set_active(by=commune_x.office, user=target, active=False)
    with pytest.raises(PermissionDenied):
        services.user_reset_password(by=commune_x.office, user=target, by_email=False)
    with pytest.raises(PermissionDenied):
        services.role_grant(by=commune_x.office, user=target, role=Role.UNIT_HEAD, unit=commune_x.unit)


def test_a_commune_office_grants_roles_only_in_its_commune(commune_x, commune_y):
    target = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.role_grant(by=commune_x.office, user=target, role=Role.UNIT_CLERK, unit=commune_y.unit)
    assert refused.value.message_dict == {"unit": ["Bạn chỉ được giao vai trò tại đơn vị của cơ quan mình đang làm việc."]}
    with pytest.raises(ValidationError):
        services.role_grant(by=commune_x.office, user=target, role=Role.COUNCIL_MEMBER, authority=commune_y.authority)
    granted = services.role_grant(by=commune_x.office, user=target, role=Role.COUNCIL_MEMBER)
    assert granted.authority == commune_x.authority
    assert RoleAssignment.objects.filter(user=target).count() == 1


def test_the_grant_form_offers_a_commune_office_its_own_units_only(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    response = client.post(
        reverse("accounts:user_detail", args=[commune_x.council_member.pk]),
        {"role": Role.UNIT_HEAD, "unit": commune_y.unit.pk},
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=commune_x.council_member, role=Role.UNIT_HEAD).exists()
    assert 'name="authority"' not in response.content.decode()


def test_the_administrator_chooses_where_a_council_role_counts(client, commune_x, commune_y):
    admin = user_with_role(Role.ADMIN)
    target = commune_x.clerk
    client.force_login(admin)
    page = client.get(reverse("accounts:user_detail", args=[target.pk])).content.decode()
    assert 'name="authority"' in page and "UBND xã Sìn Suối Hồ" in page
    response = client.post(
        reverse("accounts:user_detail", args=[target.pk]),
        {"role": Role.COUNCIL_CHAIR, "authority": commune_y.authority.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.get(user=target, role=Role.COUNCIL_CHAIR).authority == commune_y.authority


def test_a_commune_office_sees_and_revokes_only_its_communes_roles(client, commune_x, commune_y):
    person = commune_x.council_member
    elsewhere = RoleAssignment.objects.create(user=person, role=Role.UNIT_CLERK, unit=commune_y.unit)
    client.force_login(commune_x.office)
    body = client.get(reverse("accounts:user_detail", args=[person.pk])).content.decode()
    assert commune_y.unit.name not in body
    response = client.post(reverse("accounts:role_revoke", args=[person.pk, elsewhere.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=elsewhere.pk).exists()
    with pytest.raises(PermissionDenied):
        services.role_revoke(by=commune_x.office, assignment=elsewhere)


def test_an_account_created_by_a_commune_office_has_its_role_there(commune_x):
    user, _password = services.user_create(
        by=commune_x.office, username="vp2", full_name="Lò Thị Mai", role=Role.COUNCIL_MEMBER, invite_by_email=False
    )
    assert list(user.role_assignments.values_list("authority_id", flat=True)) == [commune_x.authority.pk]


def test_a_user_of_two_authorities_switches_in_the_navbar(client, commune_x, commune_y):
    person = commune_x.council_member
    RoleAssignment.objects.create(user=person, role=Role.UNIT_CLERK, unit=commune_y.unit)
    client.force_login(person)
    body = client.get(reverse("dashboard")).content.decode()
    assert reverse("accounts:act_in") in body
    assert "UBND xã Sìn Suối Hồ" in body
    response = client.post(reverse("accounts:act_in"), {"authority": commune_y.authority.pk}, follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert "Bạn đang làm việc tại UBND xã Sìn Suối Hồ." in response.content.decode()
    assert client.session[ACTING_AUTHORITY_KEY] == commune_y.authority.pk
    assert response.wsgi_request.user.unit_ids() == {commune_y.unit.pk}


def test_a_user_cannot_act_where_they_hold_no_role(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    response = client.post(reverse("accounts:act_in"), {"authority": commune_y.authority.pk}, follow=True)
    assert "Bạn không có vai trò nào tại cơ quan này." in response.content.decode()
    assert ACTING_AUTHORITY_KEY not in client.session
    assert client.get(reverse("accounts:act_in")).status_code == 405


def test_the_administrator_may_act_anywhere(client, commune_x, province):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    client.post(reverse("accounts:act_in"), {"authority": commune_x.authority.pk})
    body = client.get(reverse("units:unit_list")).content.decode()
    assert commune_x.unit.name in body


def test_a_user_of_one_authority_sees_its_name_and_no_switcher(client, commune_x):
    client.force_login(commune_x.clerk)
    body = client.get(reverse("dashboard")).content.decode()
    assert "UBND xã Phong Thổ" in body
    assert reverse("accounts:act_in") not in body


def test_the_switcher_adds_no_query_per_authority(client, province):
    admin = user_with_role(Role.ADMIN)
    make_commune("xa-a1", "Một", parent=province)
    make_commune("xa-a2", "Hai", parent=province)
    client.force_login(admin)
    for name in ("dashboard", "accounts:user_list", "units:unit_list"):
        client.get(reverse(name))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse(name))
        for n in range(3, 9):
            make_commune(f"xa-b{n}-{name[:4]}", f"Thêm {n} {name[:4]}", parent=province)
        with CaptureQueriesContext(connection) as many:
            body = client.get(reverse(name)).content.decode()
        assert "Thêm 8" in body
        assert len(many.captured_queries) == len(few.captured_queries), name


def test_an_account_without_a_role_is_managed_by_the_root_office_only(commune_x, office_staff):
    roleless = UserFactory(full_name="Chưa Có Vai Trò")
    assert roleless in set(users_for_management(viewer=office_staff))
    assert roleless not in set(users_for_management(viewer=commune_x.office))
