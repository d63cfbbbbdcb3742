"""Every read of units a page needs, scoped to the viewer: a unit a user may not see does not exist
for them (404), it is never merely hidden."""

from collections import defaultdict

from django.db.models import Count, QuerySet

from .models import Unit


def units_visible_to(*, viewer) -> QuerySet[Unit]:
    if viewer.has_perm("units.view_all_units"):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=viewer.unit_ids())


def units_for_list(*, viewer) -> QuerySet[Unit]:
    return units_visible_to(viewer=viewer).select_related("parent")


def unit_kind_counts(*, viewer) -> dict[str, int]:
    """{kind: number of active units of that kind the viewer sees}, in one query."""
    active = units_visible_to(viewer=viewer).filter(is_active=True)
    return dict(active.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))


def unit_rows(units, *, as_tree: bool) -> list[tuple[Unit, int]]:
    """(unit, depth) rows of the unit list: the tree when nothing narrows the list, otherwise flat."""
    return unit_tree(units) if as_tree else [(unit, 0) for unit in units]


def unit_people(*, unit):
    """Active accounts acting for the unit, by role. (accounts.selectors.role_assignments asks the same,
    but units sits below accounts and cannot import it.)"""
    return unit.role_assignments.filter(user__is_active=True).select_related("user").order_by("role", "user__full_name")


def unit_tree(units) -> list[tuple[Unit, int]]:
    """(unit, depth) in tree order, from one flat list (one query, whatever the depth)."""
    units = list(units)
    present = {u.pk for u in units}
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id if unit.parent_id in present else None].append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered
