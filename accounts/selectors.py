"""Every read of people a page needs, scoped and with its related rows fetched in bulk."""

from django.db.models import Prefetch, QuerySet

from units.models import Unit

from .enums import Role
from .models import RoleAssignment, User


def users_for_management(*, viewer) -> QuerySet[User]:
    """Accounts the staff member may manage: all of them for administrators and office staff."""
    if not viewer.has_perm("accounts.manage_users"):
        return User.objects.none()
    return User.objects.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("unit").order_by("role"))
    ).order_by("full_name", "username")


def role_assignments_of(*, user) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("unit").order_by("role", "unit__name")


def units_without_clerk() -> QuerySet[Unit]:
    """Active units where no active account acts as clerk: they cannot submit anything online."""
    return (
        Unit.objects.active()
        .exclude(role_assignments__role=Role.UNIT_CLERK, role_assignments__user__is_active=True)
        .order_by("sort_order", "name")
    )


def people_of_units(*, unit_ids) -> QuerySet[RoleAssignment]:
    """Clerks and heads acting for these units, with their accounts."""
    return (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=[Role.UNIT_CLERK, Role.UNIT_HEAD], user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__name", "role", "user__full_name")
    )
