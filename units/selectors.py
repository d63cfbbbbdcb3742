"""Every read of units a page needs, scoped to the viewer: a unit a user may not see does not exist
for them (404), it is never merely hidden."""

from collections import defaultdict

from django.db.models import QuerySet

from .models import Unit


def units_visible_to(*, viewer) -> QuerySet[Unit]:
    if viewer.has_perm("units.view_all_units"):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=viewer.unit_ids())


def units_for_list(*, viewer) -> QuerySet[Unit]:
    return units_visible_to(viewer=viewer).select_related("parent")


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
