"""Who may do what with clusters and blocs (django-rules; default deny).

The "cluster head" is a role of a unit for a year, not of a person: a user is the head of a group
when they act (as clerk or head) for the unit that heads that group."""

import rules

from accounts.enums import Role
from accounts.rules import in_acting_authority, is_council_member, manages_people

from .selectors import acting_unit_ids, belongs_to_group, card_reviewer, deputises_group, heads_group


@rules.predicate
def is_cluster_head(user, group) -> bool:
    """The user acts for the unit that heads this group in the group's year."""
    return heads_group(user, group)


@rules.predicate
def is_group_member(user, group) -> bool:
    return belongs_to_group(user, group)


@rules.predicate
def is_head_of_card_group(user, card) -> bool:
    return card is not None and heads_group(user, card.sheet.group)


@rules.predicate
def reviews_card(user, card) -> bool:
    """The head reviews the members' cards; its own card goes to the deputy (or the office without one)."""
    if card is None:
        return False
    reviewer = card_reviewer(card)
    if reviewer == "head":
        return heads_group(user, card.sheet.group)
    if reviewer == "deputy":
        return deputises_group(user, card.sheet.group)
    return bool(office.test(user, card))


@rules.predicate
def acts_for_card_unit(user, card) -> bool:
    return card is not None and card.unit_id in acting_unit_ids(user)


@rules.predicate
def card_is_draft(user, card) -> bool:
    return card is not None and card.is_draft and card.sheet.is_scoring


@rules.predicate
def card_is_sent(user, card) -> bool:
    return card is not None and not card.is_draft


@rules.predicate
def card_is_reviewable(user, card) -> bool:
    return card is not None and (card.is_submitted or card.is_reviewed) and card.sheet.is_scoring


@rules.predicate
def sheet_is_draft(user, sheet) -> bool:
    return sheet is not None and sheet.is_draft


@rules.predicate
def sheet_is_published(user, sheet) -> bool:
    return sheet is not None and sheet.is_published


@rules.predicate
def is_head_of_sheet_group(user, sheet) -> bool:
    return sheet is not None and sheet.group_id is not None and heads_group(user, sheet.group)


@rules.predicate
def is_member_of_sheet_group(user, sheet) -> bool:
    return sheet is not None and sheet.group_id is not None and belongs_to_group(user, sheet.group)


@rules.predicate
def heads_signature_unit(user, signature) -> bool:
    """Only the unit's head (thủ trưởng) confirms the pact for the unit."""
    return signature is not None and signature.unit_id in acting_unit_ids(user, Role.UNIT_HEAD)


# The office manages its own authority's groups, sheets and cards only (a card through its sheet), whoever calls.
mine = in_acting_authority("sheet")
office = manages_people & mine

council = is_council_member & mine

rules.add_perm("clusters.view_group", office | council | is_group_member | is_cluster_head)
rules.add_perm("clusters.manage_groups", office)
# The office edits the template and any sheet; a head adjusts its own group's copy; nobody once scoring opened.
rules.add_perm("clusters.change_sheet", sheet_is_draft & (office | is_head_of_sheet_group))
rules.add_perm("clusters.open_scoring", office)
# Whoever appraises a card sees it once sent: the deputy the head's own card (never another unit's draft).
rules.add_perm("clusters.view_card", office | acts_for_card_unit | is_head_of_card_group | (reviews_card & card_is_sent))
rules.add_perm("clusters.self_score", acts_for_card_unit & card_is_draft)
rules.add_perm("clusters.review_card", reviews_card & card_is_reviewable)
rules.add_perm("clusters.finalise_sheet", office)
rules.add_perm(
    "clusters.view_ranking",
    office | council | is_head_of_sheet_group | (is_member_of_sheet_group & sheet_is_published),
)
rules.add_perm("clusters.sign_pact", heads_signature_unit)
rules.add_perm("clusters.prepare_pact", office | is_cluster_head)
rules.add_perm("clusters.run_election", is_cluster_head)
