"""Who may do what with a dossier (django-rules; default deny). The state a transition needs is
checked by the transition map in services.py, the person by these permissions."""

import rules

from accounts.enums import Role
from accounts.rules import in_acting_authority, is_council_member, is_office_staff, is_system_admin, manages_people, unit_ids

from .enums import UNIT_EDITABLE, DossierStatus

COUNCIL_VISIBLE = frozenset({DossierStatus.AT_COUNCIL, DossierStatus.DECIDED, DossierStatus.CLOSED})


@rules.predicate
def is_clerk_of_dossier_unit(user, dossier) -> bool:
    return dossier is not None and dossier.unit_id in unit_ids(user, Role.UNIT_CLERK)


@rules.predicate
def acts_for_dossier_unit(user, dossier) -> bool:
    return dossier is not None and dossier.unit_id in unit_ids(user, Role.UNIT_CLERK, Role.UNIT_HEAD)


@rules.predicate
def is_clerk_of_unit(user, unit) -> bool:
    return unit is not None and unit.pk in unit_ids(user, Role.UNIT_CLERK)


@rules.predicate
def dossier_is_editable(user, dossier) -> bool:
    return dossier is not None and dossier.status in UNIT_EDITABLE


@rules.predicate
def dossier_is_before_council(user, dossier) -> bool:
    return dossier is not None and dossier.status in COUNCIL_VISIBLE


office = is_office_staff

# Every permission on a dossier or a round also needs it to be of the acting authority: the office of one
# authority never acts on another's (its roles there do not count: accounts.models.User).
mine = in_acting_authority("dossier")  # a dossier, a round; a nominee through its dossier

rules.add_perm(
    "dossiers.view_dossier", mine & (manages_people | acts_for_dossier_unit | (is_council_member & dossier_is_before_council))
)
rules.add_perm("dossiers.create_dossier", mine & is_clerk_of_unit)
rules.add_perm("dossiers.change_dossier", mine & is_clerk_of_dossier_unit & dossier_is_editable)
rules.add_perm("dossiers.submit_dossier", mine & is_clerk_of_dossier_unit)
rules.add_perm("dossiers.withdraw_dossier", mine & acts_for_dossier_unit)
rules.add_perm("dossiers.process_dossier", mine & office)
rules.add_perm("dossiers.override_outcome", mine & office)
rules.add_perm("dossiers.view_all_dossiers", manages_people)
rules.add_perm("dossiers.manage_catalogue", is_system_admin | office)
rules.add_perm("dossiers.view_ledger", manages_people | is_council_member)
