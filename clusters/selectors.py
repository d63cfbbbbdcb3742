"""Every read of clusters and blocs a page needs, scoped to the viewer: a group a user may not see does
not exist for them (404)."""

from django.db.models import Count, Q

from .models import EmulationGroup, LeadershipTerm, ScoreCard
from .rules import is_cluster_head
from .scoring import rank


def _sees_all_groups(viewer) -> bool:
    return viewer.has_perm("clusters.manage_groups") or viewer.has_perm("units.view_all_units")


def groups_visible_to(*, viewer):
    """Office and council see every group; a unit sees the groups it belongs to or heads."""
    if _sees_all_groups(viewer):
        return EmulationGroup.objects.all()
    ids = viewer.unit_ids() if viewer.is_authenticated else set()
    return EmulationGroup.objects.filter(Q(memberships__unit_id__in=ids) | Q(head_id__in=ids)).distinct()


def groups_for_list(*, viewer, year: int):
    """The list page: a fixed number of queries however many groups and members."""
    visible = groups_visible_to(viewer=viewer).filter(year=year).values("pk")
    return (
        EmulationGroup.objects.filter(pk__in=visible)
        .select_related("head", "deputy", "sheet", "pact")
        .annotate(
            member_count=Count("memberships", distinct=True),
            signed_count=Count("pact__signatures", filter=Q(pact__signatures__signed_at__isnull=False), distinct=True),
        )
        .order_by("kind", "sort_order", "name")
    )


def group_years() -> list[int]:

    return list(EmulationGroup.objects.order_by("-year").values_list("year", flat=True).distinct())


def cards_visible_to(*, viewer, sheet):
    """Cards on a sheet: the office, the council and the group's head see all; a member only its own."""
    cards = ScoreCard.objects.filter(sheet=sheet).select_related("unit")
    if viewer.has_perm("clusters.manage_groups") or (sheet.group_id and is_cluster_head(viewer, sheet.group)):
        return cards
    return cards.filter(unit_id__in=viewer.unit_ids())


def leadership_history(*, group):
    """Heads and deputies of this group and of the same-named groups of earlier and later years."""
    return (
        LeadershipTerm.objects.filter(group__name=group.name)
        .select_related("group", "unit")
        .order_by("-group__year", "-position", "-started_on")
    )


def ranking_for(*, sheet):
    """The ranking of a sheet's cards, by the tie rule of clusters.scoring."""
    cards = list(sheet.cards.select_related("unit"))
    return rank((card, card.unit.name, card.total, card.base, card.penalty) for card in cards)
