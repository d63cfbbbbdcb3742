"""Every read of people a page needs, scoped and with its related rows fetched in bulk."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from units.models import Authority, Unit

from .enums import Role
from .models import RoleAssignment, User


def manages_everyone(viewer) -> bool:
    """The system administrator manages every account; office staff those of the authority they act in."""
    return viewer.has_perm("accounts.manage_all_users")


def users_for_management(*, viewer) -> QuerySet[User]:
    """Accounts the staff member may manage: every one for the administrator; for office staff, those
    holding a role in the authority they act in (#13), shown with those roles only, and in the root
    authority also the accounts holding no role at all."""
    if not viewer.has_perm("accounts.manage_users"):
        return User.objects.none()
    assignments = RoleAssignment.objects.select_related("unit", "authority").order_by("role")
    users = User.objects.all()
    if not manages_everyone(viewer):
        authority_id = viewer.acting_authority_id
        assignments = assignments.filter(authority_id=authority_id)
        held_here = Q(pk__in=RoleAssignment.objects.filter(authority_id=authority_id).values("user_id"))
        if authority_id == Authority.root().pk:
            # An account with no role (every role revoked, made on the admin site) is the root's, like
            # every record that names no authority (units.models.AuthorityOwned).
            held_here |= ~Exists(RoleAssignment.objects.filter(user_id=OuterRef("pk")))
        users = users.filter(held_here)
    return users.prefetch_related(Prefetch("role_assignments", queryset=assignments)).order_by("full_name", "username")


def role_assignments_of(*, user, viewer=None) -> QuerySet[RoleAssignment]:
    """A user's roles: every one on their own profile and for the administrator; for office staff
    (`viewer`), those in the authority they act in."""
    assignments = RoleAssignment.objects.filter(user=user).select_related("unit", "authority")
    if viewer is not None and not manages_everyone(viewer):
        assignments = assignments.filter(authority_id=viewer.acting_authority_id)
    return assignments.order_by("authority__name", "role", "unit__name")


def units_without_clerk() -> QuerySet[Unit]:
    """Active units where no active account acts as clerk: they cannot submit anything online."""
    clerked = role_assignments(Role.UNIT_CLERK).filter(unit__isnull=False).values("unit_id")
    return Unit.objects.active().exclude(pk__in=clerked).order_by("sort_order", "name")


def people_of_units(*, unit_ids) -> QuerySet[RoleAssignment]:
    """Clerks and heads acting for these units, with their accounts."""
    return (
        role_assignments(Role.UNIT_CLERK, Role.UNIT_HEAD, unit_ids=unit_ids)
        .select_related("unit")
        .order_by("unit__name", "role", "user__full_name")
    )


# --- Who holds a role: the one place every app asks ----------------------------------------------


def role_assignments(*roles: str, unit_ids=None, authority_id: int | None = None) -> QuerySet[RoleAssignment]:
    """Active accounts' assignments of any of `roles` (all roles when none are named), for these units
    when `unit_ids` is given, in this authority when `authority_id` is (an office's staff, a council's
    members: #13); with their accounts fetched."""
    assignments = RoleAssignment.objects.filter(user__is_active=True).select_related("user")
    if roles:
        assignments = assignments.filter(role__in=roles)
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=list(unit_ids))
    if authority_id is not None:
        assignments = assignments.filter(authority_id=authority_id)
    return assignments


def role_holders(*roles: str, unit_ids=None, authority_id: int | None = None) -> QuerySet[User]:
    """Active accounts holding any of `roles` (for these units, in this authority when given), each once."""
    held = role_assignments(*roles, unit_ids=unit_ids, authority_id=authority_id)
    return User.objects.filter(pk__in=held.values("user_id")).order_by("pk")


def answering_for_units(unit_ids) -> dict[int, list[User]]:
    """{unit id: [who answers for it]}: its clerks, and for a unit that stands for a lower authority (a commune
    among the province's units, Authority.proposing_unit) that authority's office staff (#13). Two queries."""
    unit_ids = list(unit_ids)
    result = holders_by_unit(Role.UNIT_CLERK, unit_ids=unit_ids)
    represented = dict(Authority.objects.filter(proposing_unit_id__in=unit_ids).values_list("pk", "proposing_unit_id"))
    if represented:
        offices = RoleAssignment.objects.filter(
            role=Role.OFFICE_STAFF, authority_id__in=list(represented), user__is_active=True
        ).select_related("user")
        for assignment in offices.order_by("authority_id", "user_id"):
            people = result.setdefault(represented[assignment.authority_id], [])
            if assignment.user not in people:
                people.append(assignment.user)
    return result


def answering_authorities(unit_ids) -> dict[int, int]:
    """{unit id: the authority its answers come from}: the unit's own, or for a unit that stands for a lower
    authority, that authority (the commune's office answers there, answering_for_units). One query."""
    rows = Unit.objects.filter(pk__in=list(unit_ids)).values_list("pk", "authority_id", "represents")
    return {pk: represented or authority_id for pk, authority_id, represented in rows}


def holders_by_unit(*roles: str, unit_ids) -> dict[int, list[User]]:
    """{unit id: [active accounts holding any of `roles` there]} in one query."""
    result: dict[int, list[User]] = {}
    for assignment in role_assignments(*roles, unit_ids=unit_ids).order_by("unit_id", "user_id"):
        result.setdefault(assignment.unit_id, []).append(assignment.user)
    return result
