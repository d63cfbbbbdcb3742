"""Every write on the council, its meetings, ballots and decisions: keyword-only, atomic,
permission-checked, audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ballots
from core.services import audit_record
from core.services import require_perm as _require
from dossiers.enums import DossierStatus, Outcome, Verdict
from dossiers.models import AwardRule, Nominee, Regime
from dossiers.services import nominee_record_outcome

from .models import AgendaItem, Attendance, BallotReceipt, Council, CouncilMember, Meeting, Vote


def voter_token(meeting: Meeting, member: CouncilMember) -> str:
    """The only link between a vote and its voter, and only while the ballot is open."""
    return ballots.voter_token(meeting.ballot_key, "ballot", meeting.pk, member.pk)


# --- The council ---------------------------------------------------------------------------------


@transaction.atomic
def council_member_add(*, by, council: Council, user, position: str, title: str = "", votes: bool | None = None) -> CouncilMember:
    _require(by, "awards.manage_council")
    if votes is None:
        votes = position != CouncilMember.Position.SECRETARY
    order = (council.members.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            member = CouncilMember.objects.create(
                council=council, user=user, position=position, title=title, votes=votes, sort_order=order
            )
    except IntegrityError as exc:
        raise ValidationError(_("Người này đã là thành viên Hội đồng.")) from exc
    audit_record(actor=by, action="council_member_add", obj=council, changes={"member": [None, str(member)]})
    return member


@transaction.atomic
def council_member_remove(*, by, member: CouncilMember) -> None:
    _require(by, "awards.manage_council")
    label = str(member)
    council = member.council
    member.delete()
    audit_record(actor=by, action="council_member_remove", obj=council, changes={"member": [label, None]})


# --- Meetings ------------------------------------------------------------------------------------


def agenda_candidates():
    """Nominees the council has to consider: in dossiers sent to the council, not found ineligible
    by the appraisal, without a result yet and on no other meeting's agenda still open."""
    on_open_agenda = AgendaItem.objects.exclude(meeting__status=Meeting.Status.CLOSED).values("nominee_id")
    return (
        Nominee.objects.filter(dossier__status=DossierStatus.AT_COUNCIL, outcome="")
        .exclude(appraisal_verdict=Verdict.INELIGIBLE)
        .exclude(pk__in=on_open_agenda)
        .select_related("award", "dossier__unit")
        .order_by("award__sort_order", "dossier__unit__sort_order", "sort_order", "id")
    )


@transaction.atomic
def meeting_create(*, by, council: Council, title: str, starts_at, place: str) -> Meeting:
    _require(by, "awards.run_meeting")
    meeting = Meeting.objects.create(council=council, title=title, starts_at=starts_at, place=place, created_by=by)
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=m) for m in council.members.all())
    audit_record(actor=by, action="meeting_create", obj=meeting, changes={"title": [None, title]})
    return meeting


def _require_status(meeting: Meeting, *statuses) -> None:
    if meeting.status not in statuses:
        raise ValidationError(
            _("Phiên họp đang ở trạng thái “%(status)s”: không thực hiện được thao tác này.")
            % {"status": meeting.get_status_display()}
        )


@transaction.atomic
def agenda_fill(*, by, meeting: Meeting) -> int:
    """Put every candidate nominee on the agenda (grouped by award); returns how many were added."""
    _require(by, "awards.run_meeting", meeting)
    _require_status(meeting, Meeting.Status.DRAFT)
    start = meeting.items.aggregate(m=Max("sort_order"))["m"] or 0
    items = [
        AgendaItem(meeting=meeting, nominee=nominee, award=nominee.award, sort_order=start + index)
        for index, nominee in enumerate(agenda_candidates(), start=1)
    ]
    AgendaItem.objects.bulk_create(items)
    audit_record(actor=by, action="agenda_fill", obj=meeting, changes={"items": [start, start + len(items)]})
    return len(items)


@transaction.atomic
def attendance_set(*, by, meeting: Meeting, member: CouncilMember, present: bool, written_opinion: bool = False) -> None:
    _require(by, "awards.run_meeting", meeting)
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.VOTING)
    Attendance.objects.update_or_create(
        meeting=meeting, member=member, defaults={"present": present, "written_opinion": written_opinion and not present}
    )
    audit_record(
        actor=by,
        action="attendance_set",
        obj=meeting,
        changes={str(member.user): [None, "có mặt" if present else ("vắng, có ý kiến" if written_opinion else "vắng")]},
    )


@transaction.atomic
def voting_open(*, by, meeting: Meeting) -> Meeting:
    _require(by, "awards.run_meeting", meeting)
    _require_status(meeting, Meeting.Status.DRAFT)
    if not meeting.items.exists():
        raise ValidationError(_("Chương trình họp chưa có nội dung biểu quyết."))
    updated = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.DRAFT).update(
        status=Meeting.Status.VOTING, voting_opened_at=timezone.now(), ballot_key=ballots.new_ballot_key()
    )
    if not updated:
        raise ValidationError(_("Phiên họp vừa được cập nhật; vui lòng tải lại trang."))
    meeting.refresh_from_db()
    audit_record(actor=by, action="voting_open", obj=meeting)
    return meeting


@transaction.atomic
def ballot_cast(*, by, meeting: Meeting, choices: dict[int, str], on_behalf_of: CouncilMember | None = None) -> int:
    """Record a member's secret votes (they may change them until the chair closes the ballot).

    on_behalf_of: the office records an absent member's written opinion (ý kiến bằng văn bản)."""
    _require_status(meeting, Meeting.Status.VOTING)
    if on_behalf_of is None:
        _require(by, "awards.vote", meeting)
        member = CouncilMember.objects.get(council_id=meeting.council_id, user=by)
        attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
        if attendance is not None and not attendance.present:
            raise ValidationError(_("Bạn được ghi nhận vắng mặt; ý kiến bằng văn bản do thư ký ghi nhận."))
        written = False
    else:
        _require(by, "awards.run_meeting", meeting)
        member = on_behalf_of
        if not member.votes or member.council_id != meeting.council_id:
            raise ValidationError(_("Người này không có quyền biểu quyết trong Hội đồng."))
        Attendance.objects.update_or_create(meeting=meeting, member=member, defaults={"present": False, "written_opinion": True})
        written = True
    valid = {value for value, _label in Vote.Choice.choices}
    items = {item.pk: item for item in meeting.items.all()}
    if set(choices) - set(items) or set(choices.values()) - valid:
        raise ValidationError(_("Phiếu không hợp lệ; vui lòng tải lại trang."))
    token = voter_token(meeting, member)
    for item_id, choice in choices.items():
        Vote.objects.update_or_create(item=items[item_id], voter_token=token, defaults={"choice": choice})
    BallotReceipt.objects.update_or_create(meeting=meeting, member=member, defaults={"written": written})
    # The audit says that a member voted and how many items, never the choices.
    audit_record(
        actor=by,
        action="ballot_cast",
        obj=meeting,
        changes={"phiếu": [None, f"{member.user} – {len(choices)} nội dung" + (" (văn bản)" if written else "")]},
    )
    return len(choices)


def my_votes(*, meeting: Meeting, user) -> dict[int, str]:
    """The user's own votes (and nobody else's), while the ballot is open: once closed, votes are no
    longer linked to anyone."""
    member = CouncilMember.objects.filter(council_id=meeting.council_id, user=user).first()
    if member is None or not meeting.ballot_key:
        return {}
    return dict(
        Vote.objects.filter(item__meeting=meeting, voter_token=voter_token(meeting, member)).values_list("item_id", "choice")
    )


def _rule_for(award_id: int, on_date):
    regime = Regime.for_date(on_date)
    return AwardRule.objects.filter(award_id=award_id, regime=regime).first()


@transaction.atomic
def ballot_close(*, by, meeting: Meeting) -> Meeting:
    """The chair closes the ballot: votes are counted against each award's threshold, results are
    written on the agenda and the nominees' outcomes recorded."""
    _require(by, "awards.close_ballot", meeting)
    _require_status(meeting, Meeting.Status.VOTING)
    members_total = meeting.council.members.filter(votes=True).count()
    voting_ids = set(meeting.council.members.filter(votes=True).values_list("pk", flat=True))
    participants = (
        Attendance.objects.filter(meeting=meeting, member_id__in=voting_ids).filter(present=True).count()
        + Attendance.objects.filter(meeting=meeting, member_id__in=voting_ids, present=False, written_opinion=True).count()
    )
    on_date = timezone.localtime(meeting.starts_at).date()
    items = list(meeting.items.select_related("nominee__dossier"))
    choices_by_item: dict[int, list[str]] = {item.pk: [] for item in items}
    for item_id, choice in Vote.objects.filter(item__meeting=meeting).values_list("item_id", "choice"):
        choices_by_item[item_id].append(choice)
    rules_cache: dict[int, AwardRule | None] = {}
    for item in items:
        if item.award_id not in rules_cache:
            rules_cache[item.award_id] = _rule_for(item.award_id, on_date)
        rule = rules_cache[item.award_id]
        result = ballots.tally(
            choices_by_item[item.pk],
            members_total=members_total,
            participants=participants,
            threshold_percent=rule.vote_threshold_percent if rule else None,
            denominator_kind=rule.vote_denominator if rule else "tong_so",
        )
        item.yes, item.no, item.abstain, item.denominator = result.yes, result.no, result.abstain, result.denominator
        item.passed, item.threshold_label = result.passed, result.threshold_label
        reason = (
            ""
            if result.passed
            else _("Không đạt tỷ lệ phiếu đồng ý: %(yes)s/%(den)s (%(pct)s%%), yêu cầu %(need)s.")
            % {"yes": result.yes, "den": result.denominator, "pct": result.percent_label, "need": result.threshold_label}
        )
        nominee_record_outcome(
            by=by, nominee=item.nominee, outcome=Outcome.APPROVED if result.passed else Outcome.REJECTED, reason=reason
        )
    AgendaItem.objects.bulk_update(items, ["yes", "no", "abstain", "denominator", "passed", "threshold_label"])
    # Counted: the link between votes and voters goes for good (the key, the tokens, the order).
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED, closed_at=timezone.now(), ballot_key="")
    ballots.forget_voters(Vote.objects.filter(item__meeting=meeting))
    meeting.refresh_from_db()
    audit_record(
        actor=by,
        action="ballot_close",
        obj=meeting,
        changes={"kết quả": [None, f"{sum(1 for i in items if i.passed)}/{len(items)} đạt"]},
    )
    return meeting


@transaction.atomic
def ballot_reopen(*, by, meeting: Meeting, reason: str) -> Meeting:
    """Re-open a closed ballot: the votes cast can no longer be told apart by voter, so they are
    cancelled and every member votes again (written opinions are recorded again too); the reason and
    the number of votes cancelled are audited."""
    _require(by, "awards.close_ballot", meeting)
    _require_status(meeting, Meeting.Status.CLOSED)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do mở lại phiếu biểu quyết.")})
    items = list(meeting.items.select_related("nominee__dossier"))
    for item in items:
        if item.nominee.dossier.status != DossierStatus.AT_COUNCIL:
            raise ValidationError(
                _("Hồ sơ của %(name)s đã chuyển bước sau Hội đồng: không mở lại phiếu được.") % {"name": item.nominee.full_name}
            )
    Nominee.objects.filter(pk__in=[i.nominee_id for i in items]).update(outcome="", outcome_reason="")
    meeting.items.update(yes=None, no=None, abstain=None, denominator=None, passed=None, threshold_label="")
    cancelled, _kinds = Vote.objects.filter(item__meeting=meeting).delete()
    BallotReceipt.objects.filter(meeting=meeting).delete()
    Attendance.objects.filter(meeting=meeting, written_opinion=True).update(written_opinion=False)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.VOTING, closed_at=None, ballot_key=ballots.new_ballot_key()
    )
    meeting.refresh_from_db()
    audit_record(actor=by, action="ballot_reopen", obj=meeting, changes={"phiếu đã hủy": [cancelled, 0]}, note=reason.strip())
    return meeting


@transaction.atomic
def meeting_update_texts(*, by, meeting: Meeting, office_report: str, conclusion: str) -> Meeting:
    _require(by, "awards.run_meeting", meeting)
    meeting.office_report, meeting.conclusion = office_report, conclusion
    meeting.save(update_fields=["office_report", "conclusion"])
    audit_record(actor=by, action="meeting_update", obj=meeting)
    return meeting


@transaction.atomic
def minutes_number_assign(*, by, meeting: Meeting) -> str:
    """The minutes take the next number of the register (BB) the first time they are printed."""
    _require(by, "awards.view_meeting", meeting)
    if meeting.minutes_number:
        return meeting.minutes_number
    from documents.services import next_document_number

    _seq, number = next_document_number(
        year=timezone.localtime(meeting.starts_at).year, doc_type="BB", issuer_code="HĐTĐKT", summary=meeting.title
    )
    Meeting.objects.filter(pk=meeting.pk, minutes_number="").update(minutes_number=number)
    meeting.refresh_from_db()
    return meeting.minutes_number
