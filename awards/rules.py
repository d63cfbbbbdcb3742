"""Who may do what with the council, its ballots and decisions (django-rules; default deny).

The ballot follows the person's seat on the meeting's council and nothing else: Django's
`user.has_perm` answers True to every active superuser before any rule is asked, so the council's
permissions are checked with `may()` (the rule itself), never with `has_perm`. A system administrator
keeps their other powers (accounts, the catalogue, the admin) but has no say in a ballot unless they
sit on the council.

A council is one authority's (#13): a seat counts only while the person acts in that authority, and the
office's powers over a meeting only for a meeting of the authority its staff act in
(User.acting_authority_id). Decisions are checked the same way in their services (accounts.rules.require_here).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.rules import acts_in, is_council_member, is_office_staff

from .models import CouncilMember


def _member(user, meeting):
    """The user's seat on the meeting's council, while they act in the council's authority."""
    if meeting is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return CouncilMember.objects.filter(
        council_id=meeting.council_id, council__authority_id=user.acting_authority_id, user=user
    ).first()


@rules.predicate
def meeting_of_acting_authority(user, meeting) -> bool:
    """A meeting of a council of the authority the user acts in (no meeting: a role-only question, whose
    answer the selectors scope)."""
    return meeting is None or acts_in(user, meeting.council.authority_id)


@rules.predicate
def has_admin_role(user) -> bool:
    """The administrator role (a role, not Django's superuser flag)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(Role.ADMIN)


@rules.predicate
def chairs_meeting(user, meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.position == CouncilMember.Position.CHAIR


@rules.predicate
def is_meeting_secretary(user, meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.position == CouncilMember.Position.SECRETARY


@rules.predicate
def votes_in_meeting(user, meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.votes


@rules.predicate
def sits_in_meeting(user, meeting) -> bool:
    return _member(user, meeting) is not None


# The council and the preparation of its meetings (composition, agenda, texts): the standing office.
rules.add_perm("awards.manage_council", is_office_staff | has_admin_role)
rules.add_perm("awards.view_meetings", is_office_staff | has_admin_role | is_council_member)
rules.add_perm("awards.view_meeting", (is_office_staff & meeting_of_acting_authority) | sits_in_meeting)
rules.add_perm("awards.run_meeting", is_office_staff & meeting_of_acting_authority)
# The ballot: by seat on the meeting's council only.
rules.add_perm("awards.run_ballot", chairs_meeting | is_meeting_secretary)  # open, attendance, written opinions
rules.add_perm("awards.vote", votes_in_meeting)
rules.add_perm("awards.close_ballot", chairs_meeting)  # close and count, reopen
rules.add_perm("awards.view_minutes", sits_in_meeting)
# Decisions.
rules.add_perm("awards.manage_decisions", is_office_staff)
rules.add_perm("awards.view_decisions", is_office_staff | has_admin_role | is_council_member)

BALLOT_PERMISSIONS = frozenset(
    {"awards.view_meeting", "awards.run_ballot", "awards.vote", "awards.close_ballot", "awards.view_minutes"}
)


def may(user, perm: str, meeting=None) -> bool:
    """The rule's own answer, with no superuser shortcut."""
    return rules.has_perm(perm, user, meeting)


def require(user, perm: str, meeting=None) -> None:
    if not may(user, perm, meeting):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
