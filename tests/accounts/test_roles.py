import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from accounts import services
from accounts.enums import Role
from accounts.models import RoleAssignment
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_user_roles_are_held_per_unit(unit_a, unit_b):
    user = UserFactory(roles=[(Role.UNIT_CLERK, unit_a), (Role.UNIT_HEAD, unit_b), (Role.COUNCIL_MEMBER, None)])
    assert user.has_role(Role.UNIT_CLERK)
    assert user.unit_ids(Role.UNIT_CLERK) == {unit_a.pk}
    assert user.unit_ids(Role.UNIT_HEAD) == {unit_b.pk}
    assert user.unit_ids() == {unit_a.pk, unit_b.pk}
    assert user.role_values == {Role.UNIT_CLERK, Role.UNIT_HEAD, Role.COUNCIL_MEMBER}


def test_permissions_default_to_deny_for_user_without_role(unit_a):
    user = UserFactory()
    for perm in ("accounts.manage_users", "units.manage_units", "units.view_all_units", "units.change_authority"):
        assert user.has_perm(perm) is False
    assert user.has_perm("units.view_unit", unit_a) is False


def test_anonymous_user_has_no_permission(unit_a):
    assert AnonymousUser().has_perm("units.view_unit", unit_a) is False
    assert AnonymousUser().has_perm("accounts.manage_users") is False


def test_clerk_sees_and_edits_only_own_unit(clerk_a, unit_a, unit_b):
    assert clerk_a.has_perm("units.view_unit", unit_a) is True
    assert clerk_a.has_perm("units.change_unit_contact", unit_a) is True
    assert clerk_a.has_perm("units.view_unit", unit_b) is False
    assert clerk_a.has_perm("units.change_unit_contact", unit_b) is False
    assert clerk_a.has_perm("units.manage_units") is False
    assert clerk_a.has_perm("accounts.manage_users") is False


def test_office_staff_manage_units_and_users(office_staff, unit_b):
    assert office_staff.has_perm("accounts.manage_users") is True
    assert office_staff.has_perm("units.manage_units") is True
    assert office_staff.has_perm("units.view_unit", unit_b) is True
    assert office_staff.has_perm("units.change_authority") is False


def test_council_member_reads_units_but_changes_nothing(council_member, unit_a):
    assert council_member.has_perm("units.view_unit", unit_a) is True
    assert council_member.has_perm("units.change_unit_contact", unit_a) is False
    assert council_member.has_perm("accounts.manage_users") is False


def test_inactive_user_loses_every_role(unit_a):
    user = user_with_role(Role.OFFICE_STAFF)
    user.is_active = False
    user.save()
    user.forget_roles()
    assert user.has_perm("accounts.manage_users") is False


def test_office_staff_cannot_grant_admin_or_office_roles(office_staff):
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        services.role_grant(by=office_staff, user=target, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.role_grant(by=office_staff, user=target, role=Role.OFFICE_STAFF)
    assert RoleAssignment.objects.filter(user=target).count() == 0


def test_admin_grants_office_staff_role(system_admin):
    target = UserFactory()
    services.role_grant(by=system_admin, user=target, role=Role.OFFICE_STAFF)
    assert target.has_perm("accounts.manage_users") is True


def test_clerk_role_needs_a_unit(office_staff):
    target = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.role_grant(by=office_staff, user=target, role=Role.UNIT_CLERK, unit=None)
    assert excinfo.value.message_dict == {"unit": ["Vai trò này phải gắn với một đơn vị."]}


def test_database_refuses_clerk_role_without_unit():
    target = UserFactory()
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=target, role=Role.UNIT_CLERK, unit=None)


def test_same_role_twice_is_refused_with_message(office_staff, unit_a):
    target = UserFactory()
    services.role_grant(by=office_staff, user=target, role=Role.UNIT_CLERK, unit=unit_a)
    with pytest.raises(ValidationError) as excinfo:
        services.role_grant(by=office_staff, user=target, role=Role.UNIT_CLERK, unit=unit_a)
    assert excinfo.value.messages == ["Người dùng đã có vai trò này."]
    assert RoleAssignment.objects.filter(user=target).count() == 1


def test_clerk_cannot_grant_roles(clerk_a, unit_a):
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        services.role_grant(by=clerk_a, user=target, role=Role.UNIT_CLERK, unit=unit_a)
