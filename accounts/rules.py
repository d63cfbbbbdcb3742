"""The one permission system (django-rules): predicates on roles, and the permissions built from them.

Every permission defaults to deny: a user with no matching role gets nothing. Object predicates
take the object as the second argument (a Unit for the unit permissions).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .enums import ADMIN_GRANTED_ROLES, Role


def _has_role(user, *roles) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)


def unit_ids(user, *roles) -> set[int]:
    """The units the user holds one of these roles in, in the authority they act in; none signed out."""
    return user.unit_ids(*roles) if getattr(user, "is_authenticated", False) else set()


# One authority at a time (#13): a user's roles answer for the authority they act in
# (accounts.models.User.acting_authority_id); every app's object permissions add this condition.


def acts_in(user, authority_id) -> bool:
    """The user, signed in, acts in this authority."""
    return (
        bool(getattr(user, "is_authenticated", False)) and authority_id is not None and authority_id == user.acting_authority_id
    )


def authority_id_of(obj, via: tuple[str, ...] = ()) -> int | None:
    """The authority an object belongs to: its own, else the first of its `via` parents' (a card's sheet, a
    nominee's dossier…); None for an object that belongs to no authority."""
    if hasattr(obj, "authority_id"):
        return obj.authority_id
    for parent in via:
        if getattr(obj, f"{parent}_id", None) is not None:
            return getattr(obj, parent).authority_id
    return None


def in_acting_authority(*via: str):
    """A predicate: the object (if any) belongs to the authority the user acts in, through `via` as in
    authority_id_of; a role-only question (no object) is answered by the roles alone."""

    def belongs(user, obj) -> bool:
        if obj is None:
            return True
        authority_id = authority_id_of(obj, via)
        return authority_id is None or acts_in(user, authority_id)

    return rules.predicate(belongs, name="in_acting_authority")


def require_here(user, authority_id: int) -> None:
    """A record of another authority than the one the user acts in is not theirs to change (a superuser and an
    administrator included: they act in one authority at a time too)."""
    if not acts_in(user, authority_id):
        raise PermissionDenied(_("Việc này thuộc cơ quan khác: bạn chỉ thao tác được trong cơ quan mình đang làm việc."))


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and (user.is_superuser or user.has_role(Role.ADMIN))


@rules.predicate
def is_office_staff(user) -> bool:
    return _has_role(user, Role.OFFICE_STAFF)


@rules.predicate
def is_council_member(user) -> bool:
    return _has_role(user, Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)


@rules.predicate
def is_council_chair(user) -> bool:
    return _has_role(user, Role.COUNCIL_CHAIR)


@rules.predicate
def is_unit_clerk(user) -> bool:
    return _has_role(user, Role.UNIT_CLERK)


@rules.predicate
def is_unit_head(user) -> bool:
    return _has_role(user, Role.UNIT_HEAD)


@rules.predicate
def acts_for_unit(user, unit) -> bool:
    """The user is a clerk or the head of this unit."""
    return (
        unit is not None
        and bool(getattr(user, "is_authenticated", False))
        and unit.pk in user.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD)
    )


@rules.predicate
def may_grant_role(user, role) -> bool:
    """Administrators grant every role; office staff grant all but administrator and office staff."""
    if is_system_admin(user):
        return True
    return is_office_staff(user) and role not in ADMIN_GRANTED_ROLES


@rules.predicate
def acts_in_root(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.acts_in_root


manages_people = is_system_admin | is_office_staff
# What is the installation's, not one authority's (#13): the administrator's and the top authority's office.
installation_office = is_system_admin | (is_office_staff & acts_in_root)

rules.add_perm("accounts.manage_users", manages_people)
rules.add_perm("accounts.grant_role", may_grant_role)
rules.add_perm("accounts.view_audit", manages_people)
# The undelivered e-mails page with its resend (notifications; defined here: notifications sits below accounts).
rules.add_perm("notifications.manage_outbox", installation_office)
# The days off of a year are the installation's to confirm (dossiers.views.holidays).
rules.add_perm("dossiers.confirm_holidays", installation_office)
rules.add_perm("units.manage_units", manages_people)
rules.add_perm("units.view_all_units", manages_people | is_council_member)
rules.add_perm("units.view_unit", manages_people | is_council_member | acts_for_unit)
rules.add_perm("units.change_unit_contact", manages_people | acts_for_unit)
rules.add_perm("units.change_authority", is_system_admin)
# The tree of authorities (a province and its communes): create one, edit any (#13).
rules.add_perm("units.manage_authorities", is_system_admin)
# Every account of the installation, whatever authority its roles are in; office staff manage only the
# accounts holding a role in the authority they act in (accounts.selectors.users_for_management).
rules.add_perm("accounts.manage_all_users", is_system_admin)
