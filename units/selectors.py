"""Every read of units a page needs, scoped to the viewer: a unit a user may not see does not exist
for them (404), it is never merely hidden."""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from core.text import search_key

from .models import Authority, Unit


def units_visible_to(*, viewer) -> QuerySet[Unit]:
    """The units of the authority the viewer acts in (#13): all of them for its office and council, the
    viewer's own for a clerk or a unit head (whose unit ids already count in that authority only)."""
    if viewer.has_perm("units.view_all_units"):
        return Unit.objects.filter(authority_id=viewer.acting_authority_id)
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


AUTOCOMPLETE_LIMIT = 20


def units_for_autocomplete(*, viewer, query: str = "", kind: str = "", include_inactive: bool = False, limit=AUTOCOMPLETE_LIMIT):
    """What a unit picker offers as the user types (one query, at most `limit` rows): units the viewer may
    see whose folded name holds every typed word ("cu khe" finds "UBND xã Cự Khê") or whose code starts with
    what was typed. The code typed in full comes first, then names that start with the words, then the rest,
    each by the units' own order."""
    units = units_visible_to(viewer=viewer)
    if not include_inactive:
        units = units.filter(is_active=True)
    if kind:
        units = units.filter(kind=kind)
    key = search_key(query)
    if key:
        every_word = Q()
        for word in key.split():
            every_word &= Q(search_name__contains=word)
        units = units.filter(every_word | Q(code__istartswith=query.strip()))
        rank = Case(
            When(code__iexact=query.strip(), then=Value(0)),
            When(search_name__startswith=key, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        units = units.annotate(rank=rank).order_by("rank", "sort_order", "name", "pk")
    else:
        units = units.order_by("sort_order", "name", "pk")
    return units.values("pk", "name", "code", "parent__name")[:limit]


# --- Authorities -------------------------------------------------------------------------------------


def authority_tree() -> list[tuple[Authority, int]]:
    """(authority, depth) in tree order, the province first and its communes under it (one query)."""
    authorities = list(Authority.objects.order_by("name", "pk"))
    present = {a.pk for a in authorities}
    children = defaultdict(list)
    for authority in authorities:
        children[authority.parent_id if authority.parent_id in present else None].append(authority)
    ordered: list[tuple[Authority, int]] = []

    def walk(parent_id, depth):
        for authority in children.get(parent_id, []):
            ordered.append((authority, depth))
            walk(authority.pk, depth + 1)

    walk(None, 0)
    return ordered


def authority_choices() -> list[tuple[int, str]]:
    """(id, name indented by depth) of every working authority in tree order, for a plain select (one query)."""
    return [
        (authority.pk, "\u00a0\u00a0" * depth + str(authority))
        for authority, depth in authority_tree()
        if authority.dissolved_on is None
    ]


def authorities_named(ids) -> list[Authority]:
    """These authorities in tree order (the navbar's switcher: one query, whatever their number)."""
    wanted = set(ids)
    return [authority for authority, _depth in authority_tree() if authority.pk in wanted]
