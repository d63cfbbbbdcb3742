"""Every read of clusters and blocs a page needs, scoped to the viewer: a group a user may not see does
not exist for them (404).

"Who is who" in a group is written here once: which units a viewer acts for, whether it heads a group or
belongs to it, which groups it may see, whose vote it casts. clusters.rules builds its predicates on these
functions; views and services ask them instead of comparing unit ids by hand."""

from django.db.models import Count, Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role

from .enums import CardStatus
from .models import EmulationGroup, LeadershipTerm, ScoreCard, ScoringSheet
from .scoring import rank

# --- Who is who ----------------------------------------------------------------------------------


def acting_unit_ids(viewer, *roles: str) -> set[int]:
    """The units the viewer acts for — as clerk or head unless `roles` are named; none when signed out."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return viewer.unit_ids(*(roles or (Role.UNIT_CLERK, Role.UNIT_HEAD)))


def member_unit_ids(group) -> set[int]:
    """The member units of a group (read once per group object)."""
    cached = getattr(group, "_member_unit_ids", None)
    if cached is None:
        cached = set(group.memberships.values_list("unit_id", flat=True))
        group._member_unit_ids = cached
    return cached


def heads_group(viewer, group) -> bool:
    """The viewer acts for the unit that heads this group in the group's year."""
    return group is not None and group.head_id is not None and group.head_id in acting_unit_ids(viewer)


def deputises_group(viewer, group) -> bool:
    return group is not None and group.deputy_id is not None and group.deputy_id in acting_unit_ids(viewer)


def belongs_to_group(viewer, group) -> bool:
    """The viewer acts for one of the group's member units."""
    return group is not None and bool(acting_unit_ids(viewer) & member_unit_ids(group))


# Who appraises a card: the head a member's card; the head's own card its deputy, or the office without one.
CARD_REVIEWERS = {
    "head": _("trưởng cụm, khối"),
    "deputy": _("phó trưởng cụm, khối"),
    "office": _("cơ quan thường trực"),
}


def card_reviewer(card, group=None) -> str:
    """Who appraises the card: "head", "deputy" or "office" (a key of CARD_REVIEWERS); the head never appraises
    its own unit's card. `group`, the card's group when the caller has it already (no query)."""
    group = group or card.sheet.group
    if card.unit_id != group.head_id:
        return "head"
    return "deputy" if group.deputy_id is not None else "office"


def card_state(card, group=None) -> str:
    """The card's state as it really is: the head's own card is sent to, and appraised by, its deputy or the
    office, not "trưởng cụm, khối" (CardStatus names the ordinary case)."""
    who = CARD_REVIEWERS[card_reviewer(card, group)]
    if card.status == CardStatus.SUBMITTED:
        return gettext("Đã gửi %(who)s") % {"who": who}
    if card.status == CardStatus.REVIEWED:
        return gettext("%(who)s đã thẩm định") % {"who": capfirst(who)}
    return card.get_status_display()


def sees_all_groups(viewer) -> bool:
    return viewer.has_perm("clusters.manage_groups") or viewer.has_perm("units.view_all_units")


def groups_of(viewer):
    """The groups of the authority the viewer acts in (#13): another authority's do not exist for them."""
    return EmulationGroup.objects.filter(authority_id=viewer.acting_authority_id)


def groups_visible_to(*, viewer):
    """Office and council see every group of their authority; a unit sees the groups it belongs to or heads."""
    if sees_all_groups(viewer):
        return groups_of(viewer)
    ids = acting_unit_ids(viewer)
    return groups_of(viewer).filter(Q(memberships__unit_id__in=ids) | Q(head_id__in=ids)).distinct()


def voting_units(*, user, election) -> list:
    """The member units whose vote this user casts (as their head)."""
    ids = acting_unit_ids(user, Role.UNIT_HEAD)
    return [m.unit for m in election.group.memberships.select_related("unit") if m.unit_id in ids]


# --- Pages ---------------------------------------------------------------------------------------


def groups_for_list(*, viewer):
    """The list page's rows (GroupFilter narrows them to a year): a fixed number of queries however many
    groups and members."""
    visible = groups_visible_to(viewer=viewer).values("pk")
    return (
        EmulationGroup.objects.filter(pk__in=visible)
        .select_related("head", "deputy", "sheet", "pact")
        .annotate(
            member_count=Count("memberships", distinct=True),
            signed_count=Count("pact__signatures", filter=Q(pact__signatures__signed_at__isnull=False), distinct=True),
        )
        .order_by("kind", "sort_order", "name")
    )


def group_years(*, viewer) -> list[int]:
    """The years the viewer's authority has groups in, latest first."""
    return list(groups_of(viewer).order_by("-year").values_list("year", flat=True).distinct())


def sheet_templates(*, viewer, year: int):
    """The office's templates of a year, of the authority the viewer acts in."""
    return ScoringSheet.objects.filter(group__isnull=True, year=year, authority_id=viewer.acting_authority_id)


def sheets_visible_to(*, viewer):
    """Sheets of the viewer's authority: the group's sheets, and the templates (checked further by the view)."""
    return ScoringSheet.objects.filter(authority_id=viewer.acting_authority_id)


def cards_of(viewer):
    """Score cards of the groups of the viewer's authority (the view_card rule narrows them further)."""
    return ScoreCard.objects.filter(sheet__group__authority_id=viewer.acting_authority_id)


def members_of(group) -> list:
    """The group's memberships with their units, in the units' order."""
    return list(group.memberships.select_related("unit").order_by("unit__sort_order", "unit__name"))


def cards_visible_to(*, viewer, sheet):
    """Cards on a sheet: the office, the council and the group's head see all; a member only its own, and the
    deputy also the head's own card once sent (it appraises it, card_reviewer)."""
    cards = ScoreCard.objects.filter(sheet=sheet).select_related("unit")
    if viewer.has_perm("clusters.manage_groups") or (sheet.group_id and heads_group(viewer, sheet.group)):
        return cards
    mine = Q(unit_id__in=acting_unit_ids(viewer))
    if sheet.group_id and deputises_group(viewer, sheet.group):
        mine |= Q(unit_id=sheet.group.head_id) & ~Q(status=CardStatus.DRAFT)
    return cards.filter(mine)


def criteria_rows(criteria) -> list[tuple]:
    """(criterion, depth, has children) in tree order, from one flat list."""
    children = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    rows = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            rows.append((criterion, depth, criterion.pk in children))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return rows


def pact_signatures(pact) -> list:
    """The members' confirmations of a pact, with units and signers, in the units' order."""
    return list(pact.signatures.select_related("unit", "signed_by").order_by("unit__sort_order", "unit__name"))


def leadership_history(*, group):
    """Heads and deputies of this group and of the same-named groups of earlier and later years."""
    return (
        LeadershipTerm.objects.filter(group__name=group.name, group__authority_id=group.authority_id)
        .select_related("group", "unit")
        .order_by("-group__year", "-position", "-started_on")
    )


def ranking_for(*, sheet):
    """The ranking of a sheet's sent cards, by the tie rule of clusters.scoring (computed in Python: ties share
    a rank, so it is not a database ordering). A card still in draft is not ranked: its figures are the unit's
    own unsent work (unsent_cards lists those units apart)."""
    cards = list(sheet.cards.exclude(status=CardStatus.DRAFT).select_related("unit"))
    return rank((card, card.unit.name, card.total, card.base, card.penalty) for card in cards)


def unsent_cards(*, sheet) -> list:
    """The units whose card is still a draft (never sent, or returned to them), by name: listed apart from the
    ranking, without figures."""
    return list(sheet.cards.filter(status=CardStatus.DRAFT).select_related("unit").order_by("unit__name"))
