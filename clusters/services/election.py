"""The leader election (suy tôn): a secret ballot counted and kept secret with core.ballots."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core import ballots
from core.ballots import NO, PRESENT, YES, tally
from core.services import audit_record
from core.services import require_perm as _require
from units.models import Unit

from ..models import (
    Election,
    ElectionReceipt,
    ElectionVote,
    EmulationGroup,
)
from ..selectors import voting_units
from ._common import people_of, tell


def voter_token(election: Election, unit_id: int) -> str:
    """The only link between a vote and the member unit that cast it: an HMAC under the election's own
    key, which exists only while the ballot is open (ValueError once it is closed)."""
    return ballots.voter_token(election.ballot_key, "suy-ton", election.pk, unit_id)


@transaction.atomic
def election_open(*, by, group: EmulationGroup) -> Election:
    _require(by, "clusters.run_election", group)
    try:
        with transaction.atomic():
            election = Election.objects.create(group=group, ballot_key=ballots.new_ballot_key())
    except IntegrityError:
        raise ValidationError(_("%(group)s đã tổ chức bỏ phiếu suy tôn.") % {"group": group.name}) from None
    audit_record(actor=by, action="election_open", obj=group)
    tell(
        people_of(group.memberships.values_list("unit_id", flat=True), Role.UNIT_HEAD),
        title=_("Bỏ phiếu suy tôn đơn vị dẫn đầu %(group)s") % {"group": group},
        text=_("Phiếu kín: mỗi đơn vị thành viên bầu một đơn vị; thủ trưởng đơn vị bỏ phiếu trên Cổng."),
        url=reverse("clusters:election", args=[group.pk]),
        authority_id=group.authority_id,
    )
    return election


@transaction.atomic
def election_vote(*, by, election: Election, unit: Unit, candidate: Unit) -> None:
    Election.objects.select_for_update().get(pk=election.pk)  # lock: a vote never races the count
    election.refresh_from_db()
    if unit not in voting_units(user=by, election=election):
        raise PermissionDenied(_("Chỉ thủ trưởng đơn vị thành viên mới được bỏ phiếu."))
    if not election.is_open or not election.ballot_key:
        raise ValidationError(_("Cuộc bỏ phiếu đã kết thúc."))
    if not election.group.memberships.filter(unit=candidate).exists():
        raise ValidationError(_("Đơn vị được bầu phải là thành viên của cụm, khối."))
    ElectionVote.objects.update_or_create(
        election=election, voter_token=voter_token(election, unit.pk), defaults={"candidate": candidate}
    )
    ElectionReceipt.objects.get_or_create(election=election, unit=unit)
    # The audit says that the unit voted, never for whom.
    audit_record(actor=by, action="election_vote", obj=election.group, changes={"phiếu": [None, unit.name]})


def my_votes(*, election: Election, units) -> dict[int, int]:
    """{member unit id: candidate id} for the units this user votes for, while the ballot is open;
    empty once it is closed (the votes no longer know their voters)."""
    if not election.is_open or not election.ballot_key:
        return {}
    tokens = {voter_token(election, u.pk): u.pk for u in units}
    return {
        tokens[token]: candidate
        for token, candidate in election.votes.filter(voter_token__in=list(tokens)).values_list("voter_token", "candidate_id")
    }


@transaction.atomic
def election_close(*, by, election: Election) -> Election:
    """Count with the council's rule (core.ballots.tally): elected with more than half of the members
    who voted; with nobody above half there is no leader and the members vote again another time.
    Then the key is erased and the votes rewritten shuffled with random tokens (core.ballots): nobody,
    the operator included, can tell afterwards which member voted for whom."""
    _require(by, "clusters.run_election", election.group)
    Election.objects.select_for_update().get(pk=election.pk)  # lock
    election.refresh_from_db()
    if not election.is_open:
        raise ValidationError(_("Cuộc bỏ phiếu đã kết thúc."))
    members = [m.unit for m in election.group.memberships.select_related("unit").order_by("unit__sort_order", "unit__name")]
    cast = list(election.votes.values_list("candidate_id", flat=True))
    participants = election.receipts.count()
    result = []
    winner = None
    for unit in members:
        counted = tally(
            [YES if c == unit.pk else NO for c in cast],
            members_total=len(members),
            participants=participants,
            threshold_percent=None,
            denominator_kind=PRESENT,
        )
        if counted.yes:
            result.append(
                {
                    "unit": unit.name,
                    "unit_id": unit.pk,
                    "votes": counted.yes,
                    "percent": counted.percent_label,
                    "passed": counted.passed,
                }
            )
        if counted.passed:
            winner = unit
    result.sort(key=lambda r: (-r["votes"], r["unit"]))
    election.result = result
    election.winner = winner
    election.closed_at = timezone.now()
    election.ballot_key = ""
    election.save(update_fields=["result", "winner", "closed_at", "ballot_key"])
    ballots.forget_voters(election.votes.all())
    audit_record(
        actor=by,
        action="election_close",
        obj=election.group,
        changes={"winner": [None, winner.name if winner else None], "participants": [None, participants]},
    )
    return election
