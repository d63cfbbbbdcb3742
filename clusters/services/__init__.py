"""Writes on clusters and blocs: keyword-only, atomic, permission-checked, audited — one module per
sub-domain (groups, sheets, cards, pacts, election); every service is importable from here too.

The leader election counts and keeps its secret with core.ballots, like the council's ballot. The
upward proposal for the elected leader is drafted by dossiers (dossiers.services.elections): clusters
imports no app that depends on it.
"""

from .cards import card_recompute, card_return, card_review, card_self_score, card_submit, evidence_add
from .election import election_close, election_open, election_vote, my_votes, voter_token
from .groups import group_create, group_set_leader, group_set_members, group_update, groups_copy_year
from .pacts import pact_commit, pact_create, pact_sign
from .sheets import (
    CRITERION_FIELDS,
    criterion_add,
    criterion_delete,
    criterion_update,
    leaf_criteria,
    scoring_open,
    sheet_copy,
    sheet_create,
    sheet_finalise,
)

__all__ = [
    "CRITERION_FIELDS",
    "card_recompute",
    "card_return",
    "card_review",
    "card_self_score",
    "card_submit",
    "criterion_add",
    "criterion_delete",
    "criterion_update",
    "election_close",
    "election_open",
    "election_vote",
    "evidence_add",
    "group_create",
    "group_set_leader",
    "group_set_members",
    "group_update",
    "groups_copy_year",
    "leaf_criteria",
    "my_votes",
    "pact_commit",
    "pact_create",
    "pact_sign",
    "scoring_open",
    "sheet_copy",
    "sheet_create",
    "sheet_finalise",
    "voter_token",
]
