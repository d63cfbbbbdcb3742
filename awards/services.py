"""Every write on the council, its meetings, ballots and decisions: keyword-only, atomic,
permission-checked, audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import require_here
from accounts.selectors import role_assignments
from core import ballots
from core.services import audit_record
from dossiers.enums import CouncilVote, DossierStatus, Outcome, OutcomeSource, Verdict
from dossiers.models import AwardRule, Nominee, Regime
from dossiers.services import CouncilResult, nominee_outcomes_record, update_in_groups
from units.models import Authority

from .models import AgendaItem, AgendaList, Attendance, BallotReceipt, Council, CouncilMember, Meeting, Vote
from .rules import require as _require


def voter_token(meeting: Meeting, member: CouncilMember) -> str:
    """The only link between a vote and its voter, and only while the ballot is open."""
    return ballots.voter_token(meeting.ballot_key, "ballot", meeting.pk, member.pk)


# --- The council ---------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, by, year: int) -> Council:
    """The council of a year, named as the authority names its council (one per year: a second is a clash)."""
    _require(by, "awards.manage_council")
    authority = Authority.objects.get(pk=by.acting_authority_id)
    council = Council.objects.create(authority=authority, year=year, name=authority.council_name)
    audit_record(actor=by, action="council_create", obj=council, changes={"year": [None, year]})
    return council


@transaction.atomic
def council_member_add(*, by, council: Council, user, position: str, title: str = "", votes: bool | None = None) -> CouncilMember:
    """A seat on the council of the authority `by` acts in, for a person holding a role in that authority."""
    _require(by, "awards.manage_council")
    require_here(by, council.authority_id)
    if not role_assignments(authority_id=council.authority_id).filter(user_id=user.pk).exists():
        raise ValidationError(
            {
                "user": _("%(name)s không giữ vai trò nào trong %(authority)s: chỉ thêm được người của cơ quan này.")
                % {"name": user.full_name or user, "authority": council.authority}
            }
        )
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
    council = member.council
    require_here(by, council.authority_id)
    label = str(member)
    member.delete()
    audit_record(actor=by, action="council_member_remove", obj=council, changes={"member": [label, None]})


# --- Meetings ------------------------------------------------------------------------------------


def agenda_candidates(*, authority_id: int):
    """Nominees this authority's council has to consider: in dossiers the authority received and sent to
    the council, not found ineligible by the appraisal, without a result yet and on no other meeting's
    agenda still open."""
    on_open_agenda = AgendaItem.objects.exclude(meeting__status=Meeting.Status.CLOSED).values("nominee_id")
    return (
        Nominee.objects.filter(dossier__authority_id=authority_id, dossier__status=DossierStatus.AT_COUNCIL, outcome="")
        .exclude(appraisal_verdict=Verdict.INELIGIBLE)
        .exclude(pk__in=on_open_agenda)
        .select_related("award", "dossier__unit")
        .order_by("award__sort_order", "dossier__unit__sort_order", "sort_order", "id")
    )


@transaction.atomic
def meeting_create(*, by, council: Council, title: str, starts_at, place: str) -> Meeting:
    _require(by, "awards.run_meeting")
    require_here(by, council.authority_id)
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


def _rule_for(award_id: int, on_date):
    regime = Regime.for_date(on_date)
    return AwardRule.objects.filter(award_id=award_id, regime=regime).first()


def _meeting_date(meeting: Meeting):
    return timezone.localtime(meeting.starts_at).date()


def council_vote_of(award_id: int, on_date) -> str:
    """How the catalogue says the council decides this award on that date (per nominee by default)."""
    rule = _rule_for(award_id, on_date)
    return rule.council_vote if rule else CouncilVote.PER_NOMINEE


@transaction.atomic
def agenda_fill(*, by, meeting: Meeting) -> int:
    """Put every candidate nominee on the agenda (grouped by award); returns how many were added.
    An award the catalogue approves as a list gets one list on the agenda, its nominees under it."""
    _require(by, "awards.run_meeting", meeting)
    _require_status(meeting, Meeting.Status.DRAFT)
    start = meeting.items.aggregate(m=Max("sort_order"))["m"] or 0
    on_date = _meeting_date(meeting)
    modes: dict[int, str] = {}
    lists: dict[int, AgendaList] = {}
    items = []
    for index, nominee in enumerate(agenda_candidates(authority_id=meeting.council.authority_id), start=1):
        if nominee.award_id not in modes:
            modes[nominee.award_id] = council_vote_of(nominee.award_id, on_date)
            if modes[nominee.award_id] == CouncilVote.LIST:
                lists[nominee.award_id], _created = AgendaList.objects.get_or_create(meeting=meeting, award_id=nominee.award_id)
        items.append(
            AgendaItem(
                meeting=meeting,
                nominee=nominee,
                award=nominee.award,
                agenda_list=lists.get(nominee.award_id),
                sort_order=start + index,
            )
        )
    AgendaItem.objects.bulk_create(items, batch_size=500)
    audit_record(
        actor=by,
        action="agenda_fill",
        obj=meeting,
        changes={"số nội dung": [start, start + len(items)], "danh sách biểu quyết một lần": [None, len(lists)]},
    )
    return len(items)


@transaction.atomic
def attendance_set(*, by, meeting: Meeting, member: CouncilMember, present: bool) -> None:
    """The secretary (or the chair) records who is present; a member who has voted in person is present."""
    _require(by, "awards.run_ballot", meeting)
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.VOTING)
    if member.council_id != meeting.council_id:
        raise ValidationError(_("Người này không phải thành viên Hội đồng của phiên họp."))
    # The member's row is the lock that keeps attendance, their own ballot and a written opinion in turn.
    CouncilMember.objects.select_for_update().filter(pk=member.pk).first()
    if not present and BallotReceipt.objects.filter(meeting=meeting, member=member, written=False).exists():
        raise ValidationError(
            _("%(name)s đã trực tiếp bỏ phiếu: không ghi vắng mặt được.") % {"name": member.user.full_name or member.user}
        )
    Attendance.objects.update_or_create(meeting=meeting, member=member, defaults={"present": present, "written_opinion": False})
    audit_record(
        actor=by,
        action="attendance_set",
        obj=meeting,
        changes={str(member.user): [None, "có mặt" if present else "vắng"]},
    )


@transaction.atomic
def voting_open(*, by, meeting: Meeting) -> Meeting:
    _require(by, "awards.run_ballot", meeting)
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


def _check_ballot(meeting: Meeting, choices: dict[int, str], list_choices: dict[int, str]):
    """The ballot paper must name this meeting's questions only: the nominees voted one by one and
    the lists voted as a whole."""
    valid = set(Vote.Choice.values)
    items = {item.pk: item for item in meeting.items.filter(agenda_list__isnull=True)}
    lists = {agenda_list.pk: agenda_list for agenda_list in meeting.lists.all()}
    if (
        set(choices) - set(items)
        or set(list_choices) - set(lists)
        or set(choices.values()) - valid
        or set(list_choices.values()) - valid
    ):
        raise ValidationError(_("Phiếu không hợp lệ; vui lòng tải lại trang."))
    return items, lists


def _record_votes(meeting: Meeting, member: CouncilMember, choices, list_choices, *, written: bool) -> None:
    items, lists = _check_ballot(meeting, choices, list_choices)
    token = voter_token(meeting, member)
    for item_id, choice in choices.items():
        Vote.objects.update_or_create(item=items[item_id], voter_token=token, defaults={"choice": choice})
    for list_id, choice in list_choices.items():
        Vote.objects.update_or_create(agenda_list=lists[list_id], voter_token=token, defaults={"choice": choice})
    BallotReceipt.objects.update_or_create(meeting=meeting, member=member, defaults={"written": written})


@transaction.atomic
def ballot_cast(*, by, meeting: Meeting, choices: dict[int, str], list_choices: dict[int, str] | None = None) -> int:
    """A member present records their own secret votes (they may change them until the chair closes
    the ballot): `choices` per nominee voted one by one, `list_choices` per list approved as a whole."""
    list_choices = list_choices or {}
    _require_status(meeting, Meeting.Status.VOTING)
    _require(by, "awards.vote", meeting)
    member = CouncilMember.objects.select_for_update().get(council_id=meeting.council_id, user=by)  # see attendance_set
    attendance, _created = Attendance.objects.get_or_create(meeting=meeting, member=member, defaults={"present": True})
    if not attendance.present:
        raise ValidationError(_("Bạn được ghi nhận vắng mặt; ý kiến bằng văn bản do thư ký ghi nhận."))
    _record_votes(meeting, member, choices, list_choices, written=False)
    # The audit says that a member voted and how many questions, never the choices.
    count = len(choices) + len(list_choices)
    audit_record(actor=by, action="ballot_cast", obj=meeting, changes={"phiếu": [None, f"{member.user} – {count} nội dung"]})
    return count


@transaction.atomic
def _written_opinion_cast(*, by, meeting: Meeting, member: CouncilMember, choices, list_choices) -> int:
    _require(by, "awards.run_ballot", meeting)
    _require_status(meeting, Meeting.Status.VOTING)
    if not member.votes or member.council_id != meeting.council_id:
        raise ValidationError(_("Người này không có quyền biểu quyết trong Hội đồng."))
    name = member.user.full_name or str(member.user)
    CouncilMember.objects.select_for_update().filter(pk=member.pk).first()  # see attendance_set
    attendance = Attendance.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if attendance is None or attendance.present:
        raise ValidationError(
            _(
                "%(name)s chưa được ghi nhận vắng mặt: ý kiến bằng văn bản chỉ ghi cho thành viên vắng mặt. "
                "Thành viên có mặt tự bỏ phiếu kín trên máy của mình."
            )
            % {"name": name}
        )
    if BallotReceipt.objects.filter(meeting=meeting, member=member, written=False).exists():
        raise ValidationError(
            _("%(name)s đã trực tiếp bỏ phiếu: không ghi ý kiến bằng văn bản thay được, phiếu đã bỏ được giữ nguyên.")
            % {"name": name}
        )
    _record_votes(meeting, member, choices, list_choices, written=True)
    Attendance.objects.filter(pk=attendance.pk).update(written_opinion=True)
    count = len(choices) + len(list_choices)
    audit_record(
        actor=by, action="ballot_cast", obj=meeting, changes={"phiếu": [None, f"{member.user} – {count} nội dung (văn bản)"]}
    )
    return count


def written_opinion_record(
    *, by, meeting: Meeting, member: CouncilMember, choices: dict[int, str], list_choices: dict[int, str] | None = None
) -> int:
    """The secretary records the written opinion (ý kiến bằng văn bản) of a member recorded absent who
    has not voted in person. It never touches a vote cast in person nor the attendance; a refused
    attempt is audited (after the refused transaction, so the entry stays)."""
    try:
        return _written_opinion_cast(by=by, meeting=meeting, member=member, choices=choices, list_choices=list_choices or {})
    except ValidationError as exc:
        audit_record(
            actor=by,
            action="written_opinion_refused",
            obj=meeting,
            changes={"thành viên": [None, str(member.user)]},
            note=" ".join(exc.messages),
        )
        raise


def my_votes(*, meeting: Meeting, user) -> dict[str, str]:
    """The user's own votes (and nobody else's), while the ballot is open, keyed "item-<pk>" and
    "list-<pk>" like the ballot's fields: once closed, votes are no longer linked to anyone."""
    member = CouncilMember.objects.filter(council_id=meeting.council_id, user=user).first()
    if member is None or not meeting.ballot_key:
        return {}
    votes = Vote.objects.filter(
        Q(item__meeting=meeting) | Q(agenda_list__meeting=meeting), voter_token=voter_token(meeting, member)
    )
    return {
        (f"item-{item_id}" if item_id else f"list-{list_id}"): choice
        for item_id, list_id, choice in votes.values_list("item_id", "agenda_list_id", "choice")
    }


def _meeting_votes(meeting: Meeting):
    return Vote.objects.filter(Q(item__meeting=meeting) | Q(agenda_list__meeting=meeting))


def _tally_dict(meeting: Meeting, result: ballots.Tally, *, is_list: bool) -> dict:
    return {
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
        "denominator": result.denominator,
        "percent": result.percent_label,
        "threshold": result.threshold_label,
        "passed": result.passed,
        "meeting_id": meeting.pk,
        "meeting": meeting.title,
        "list": is_list,
    }


def _refusal_reason(result: ballots.Tally, *, is_list: bool) -> str:
    values = {"yes": result.yes, "den": result.denominator, "pct": result.percent_label, "need": result.threshold_label}
    if is_list:
        return _("Danh sách không đạt tỷ lệ phiếu đồng ý: %(yes)s/%(den)s (%(pct)s%%), yêu cầu %(need)s.") % values
    return _("Không đạt tỷ lệ phiếu đồng ý: %(yes)s/%(den)s (%(pct)s%%), yêu cầu %(need)s.") % values


def _ineligible_reason(nominee: Nominee) -> str:
    note = nominee.appraisal_note.strip()
    label = _("Không đủ điều kiện theo kết luận thẩm định")
    return f"{label}: {note}" if note else f"{label}."


@transaction.atomic
def ballot_close(*, by, meeting: Meeting) -> Meeting:
    """The chair closes the ballot. Each question (a nominee, or a whole list) is counted against its
    award's threshold in the catalogue, and the results of the whole meeting are recorded at once:
    passed → awarded, failed → not awarded, each with its count; a list's result applies to every
    nominee on it. A nominee found ineligible at appraisal is never awarded: on the agenda or not, the
    dossiers of the meeting record them as not awarded, with the appraisal's reason."""
    _require(by, "awards.close_ballot", meeting)
    _require_status(meeting, Meeting.Status.VOTING)
    if Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.VOTING).update(status=Meeting.Status.CLOSED) != 1:
        raise ValidationError(_("Phiên họp vừa được cập nhật; vui lòng tải lại trang."))
    voting_ids = set(meeting.council.members.filter(votes=True).values_list("pk", flat=True))
    members_total = len(voting_ids)
    attendance = Attendance.objects.filter(meeting=meeting, member_id__in=voting_ids)
    participants = attendance.filter(Q(present=True) | Q(written_opinion=True)).count()
    on_date = _meeting_date(meeting)
    rules_cache: dict[int, AwardRule | None] = {}

    def count(award_id: int, choices: list[str]) -> ballots.Tally:
        if award_id not in rules_cache:
            rules_cache[award_id] = _rule_for(award_id, on_date)
        rule = rules_cache[award_id]
        return ballots.tally(
            choices,
            members_total=members_total,
            participants=participants,
            threshold_percent=rule.vote_threshold_percent if rule else None,
            denominator_kind=rule.vote_denominator if rule else ballots.ALL_MEMBERS,
        )

    item_choices: dict[int, list[str]] = {}
    list_choices: dict[int, list[str]] = {}
    for item_id, list_id, choice in _meeting_votes(meeting).values_list("item_id", "agenda_list_id", "choice"):
        (item_choices.setdefault(item_id, []) if item_id else list_choices.setdefault(list_id, [])).append(choice)

    lists = list(meeting.lists.all())
    list_results = {}
    for agenda_list in lists:
        result = count(agenda_list.award_id, list_choices.get(agenda_list.pk, []))
        list_results[agenda_list.pk] = result
        agenda_list.yes, agenda_list.no, agenda_list.abstain = result.yes, result.no, result.abstain
        agenda_list.denominator, agenda_list.passed, agenda_list.threshold_label = (
            result.denominator,
            result.passed,
            result.threshold_label,
        )
    AgendaList.objects.bulk_update(lists, ["yes", "no", "abstain", "denominator", "passed", "threshold_label"])

    items = list(meeting.items.select_related("nominee__dossier"))
    results: list[CouncilResult] = []
    for item in items:
        is_list = item.agenda_list_id is not None
        result = list_results[item.agenda_list_id] if is_list else count(item.award_id, item_choices.get(item.pk, []))
        item.yes, item.no, item.abstain, item.denominator = result.yes, result.no, result.abstain, result.denominator
        item.passed, item.threshold_label = result.passed, result.threshold_label
        nominee = item.nominee
        tally = _tally_dict(meeting, result, is_list=is_list)
        if nominee.appraisal_verdict == Verdict.INELIGIBLE:
            results.append(CouncilResult(nominee, Outcome.REJECTED, _ineligible_reason(nominee), OutcomeSource.APPRAISAL, tally))
        elif result.passed:
            source = OutcomeSource.LIST_VOTE if is_list else OutcomeSource.BALLOT
            results.append(CouncilResult(nominee, Outcome.APPROVED, "", source, tally))
        else:
            source = OutcomeSource.LIST_VOTE if is_list else OutcomeSource.BALLOT
            results.append(CouncilResult(nominee, Outcome.REJECTED, _refusal_reason(result, is_list=is_list), source, tally))
    update_in_groups(
        AgendaItem,
        [(i.pk, {f: getattr(i, f) for f in ("yes", "no", "abstain", "denominator", "passed", "threshold_label")}) for i in items],
    )

    # Found ineligible at appraisal, so never put to the vote: not awarded, and the unit is told why.
    dossier_ids = {item.nominee.dossier_id for item in items}
    on_agenda = {item.nominee_id for item in items}
    ineligible = (
        Nominee.objects.filter(
            dossier_id__in=dossier_ids, dossier__status=DossierStatus.AT_COUNCIL, appraisal_verdict=Verdict.INELIGIBLE, outcome=""
        )
        .exclude(pk__in=on_agenda)
        .select_related("dossier")
    )
    results += [CouncilResult(n, Outcome.REJECTED, _ineligible_reason(n), OutcomeSource.APPRAISAL, {}) for n in ineligible]
    nominee_outcomes_record(by=by, results=results)

    # Counted: the link between votes and voters goes for good (the key, the tokens, the order).
    Meeting.objects.filter(pk=meeting.pk).update(closed_at=timezone.now(), ballot_key="")
    ballots.forget_voters(_meeting_votes(meeting))
    meeting.refresh_from_db()
    approved = sum(1 for r in results if r.outcome == Outcome.APPROVED)
    audit_record(
        actor=by,
        action="ballot_close",
        obj=meeting,
        changes={"kết quả": [None, f"{approved}/{len(results)} được khen thưởng"]},
    )
    return meeting


@transaction.atomic
def ballot_reopen(*, by, meeting: Meeting, reason: str) -> Meeting:
    """Re-open a closed ballot: the votes cast can no longer be told apart by voter, so they are
    cancelled and every member votes again (written opinions are recorded again too); the results
    the ballot gave are withdrawn; the reason and the number of votes cancelled are audited."""
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
    Nominee.objects.filter(pk__in=[i.nominee_id for i in items]).update(
        outcome="", outcome_reason="", outcome_source="", outcome_tally={}, outcome_override_reason=""
    )
    meeting.items.update(yes=None, no=None, abstain=None, denominator=None, passed=None, threshold_label="")
    meeting.lists.update(yes=None, no=None, abstain=None, denominator=None, passed=None, threshold_label="")
    cancelled, _kinds = _meeting_votes(meeting).delete()
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
    _require(by, "awards.view_minutes", meeting)
    if meeting.minutes_number:
        return meeting.minutes_number
    from documents.services import next_document_number

    _seq, number = next_document_number(
        authority_id=meeting.council.authority_id,
        year=timezone.localtime(meeting.starts_at).year,
        doc_type="BB",
        issuer_code="HĐTĐKT",
        summary=meeting.title,
    )
    Meeting.objects.filter(pk=meeting.pk, minutes_number="").update(minutes_number=number)
    meeting.refresh_from_db()
    return meeting.minutes_number
