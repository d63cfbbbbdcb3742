"""Who may do what with the council, its ballots and decisions (django-rules; default deny)."""

import rules

from accounts.rules import is_council_member, is_office_staff, is_system_admin

from .models import CouncilMember


def _member(user, meeting):
    if meeting is None or not getattr(user, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(council_id=meeting.council_id, user=user).first()


@rules.predicate
def chairs_meeting(user, meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.position == CouncilMember.Position.CHAIR


@rules.predicate
def votes_in_meeting(user, meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.votes


@rules.predicate
def sits_in_meeting(user, meeting) -> bool:
    return _member(user, meeting) is not None


rules.add_perm("awards.manage_council", is_office_staff | is_system_admin)
rules.add_perm("awards.view_meetings", is_office_staff | is_council_member)
rules.add_perm("awards.view_meeting", is_office_staff | sits_in_meeting)
rules.add_perm("awards.run_meeting", is_office_staff)
rules.add_perm("awards.vote", votes_in_meeting)
rules.add_perm("awards.close_ballot", chairs_meeting)
rules.add_perm("awards.manage_decisions", is_office_staff)
rules.add_perm("awards.view_decisions", is_office_staff | is_system_admin | is_council_member)
