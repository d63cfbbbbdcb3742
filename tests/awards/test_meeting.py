import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.models import AgendaItem, BallotReceipt, Meeting, Vote
from core.models import AuditEntry
from dossiers.enums import Outcome

from .conftest import member

pytestmark = pytest.mark.django_db

ALL_MEMBERS = ["Bùi Văn Hải", "Hoàng Văn Sơn", "Mai Văn Chiến", "Tô Thị Liên"]


def _items(meeting):
    return {item.nominee.full_name: item for item in meeting.items.select_related("nominee")}


def _ballot(meeting, ldtt, cstd):
    """LĐTT is approved as a list (one choice for the list), CSTĐ tỉnh per nominee."""
    return {"choices": {_items(meeting)["Lê Văn Tùng"].pk: cstd}, "list_choices": {meeting.lists.get().pk: ldtt}}


def _vote(meeting, council, name, ldtt, cstd):
    services.ballot_cast(by=member(council, name).user, meeting=meeting, **_ballot(meeting, ldtt, cstd))


def test_agenda_is_built_from_dossiers_at_council_grouped_by_award(meeting):
    names = [item.nominee.full_name for item in meeting.items.all()]
    assert names == ["Nguyễn Thị Hoa", "Lê Văn Tùng"]


def test_votes_are_refused_before_voting_opens(meeting, council):
    with pytest.raises(ValidationError):
        _vote(meeting, council, "Bùi Văn Hải", "dong_y", "dong_y")


def test_secretary_without_vote_cannot_vote(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    with pytest.raises(PermissionDenied):
        _vote(meeting, council, "Lê Thị Thư Ký", "dong_y", "dong_y")


def test_a_member_sees_only_their_own_votes(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _vote(meeting, council, "Bùi Văn Hải", "dong_y", "khong_dong_y")
    _vote(meeting, council, "Hoàng Văn Sơn", "khong_bieu_quyet", "dong_y")
    items = _items(meeting)
    mine = services.my_votes(meeting=meeting, user=member(council, "Hoàng Văn Sơn").user)
    assert mine == {f"list-{meeting.lists.get().pk}": "khong_bieu_quyet", f"item-{items['Lê Văn Tùng'].pk}": "dong_y"}
    assert services.my_votes(meeting=meeting, user=secretary) == {}


def test_votes_carry_no_member_and_the_audit_no_choice(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _vote(meeting, council, "Bùi Văn Hải", "khong_dong_y", "khong_dong_y")
    field_names = {f.name for f in Vote._meta.get_fields()}
    assert field_names == {"id", "item", "agenda_list", "voter_token", "choice"}
    entry = AuditEntry.objects.get(action="ballot_cast")
    assert "khong_dong_y" not in str(entry.changes)
    assert "Không đồng ý" not in str(entry.changes)


def test_changing_a_vote_replaces_it(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _vote(meeting, council, "Mai Văn Chiến", "khong_dong_y", "khong_dong_y")
    _vote(meeting, council, "Mai Văn Chiến", "dong_y", "dong_y")
    assert Vote.objects.count() == 2


def test_only_the_chair_closes_and_results_apply_thresholds(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    services.attendance_set(by=secretary, meeting=meeting, member=member(council, "Tô Thị Liên"), present=False)
    for name in ["Bùi Văn Hải", "Hoàng Văn Sơn", "Mai Văn Chiến"]:
        _vote(meeting, council, name, "dong_y", "dong_y")
    with pytest.raises(PermissionDenied):
        services.ballot_close(by=member(council, "Hoàng Văn Sơn").user, meeting=meeting)
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    items = {i.nominee.full_name: i for i in AgendaItem.objects.select_related("nominee")}
    # LĐTT: no threshold in the catalogue → majority of all 4 voting members: 3/4 passes.
    ldtt = items["Nguyễn Thị Hoa"]
    assert (ldtt.yes, ldtt.no, ldtt.abstain, ldtt.denominator, ldtt.passed) == (3, 0, 0, 4, True)
    # CSTĐ tỉnh: 90 % of all members; the absent member counts: 3/4 = 75 % fails.
    cstd = items["Lê Văn Tùng"]
    assert (cstd.yes, cstd.denominator, cstd.passed) == (3, 4, False)
    assert cstd.nominee.outcome == Outcome.REJECTED
    assert cstd.nominee.outcome_reason == (
        "Không đạt tỷ lệ phiếu đồng ý: 3/4 (75,0%), yêu cầu từ 90% tổng số thành viên Hội đồng trở lên."
    )
    assert ldtt.nominee.outcome == Outcome.APPROVED
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CLOSED


def test_absent_members_written_opinion_is_counted(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    for name in ["Bùi Văn Hải", "Hoàng Văn Sơn", "Mai Văn Chiến"]:
        _vote(meeting, council, name, "dong_y", "dong_y")
    services.attendance_set(by=secretary, meeting=meeting, member=member(council, "Tô Thị Liên"), present=False)
    services.written_opinion_record(
        by=secretary, meeting=meeting, member=member(council, "Tô Thị Liên"), **_ballot(meeting, "dong_y", "dong_y")
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    cstd = AgendaItem.objects.get(nominee__full_name="Lê Văn Tùng")
    assert (cstd.yes, cstd.denominator, cstd.passed) == (4, 4, True)


def test_absent_member_cannot_vote_from_their_laptop(meeting, council, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    services.attendance_set(by=secretary, meeting=meeting, member=member(council, "Tô Thị Liên"), present=False)
    with pytest.raises(ValidationError):
        _vote(meeting, council, "Tô Thị Liên", "dong_y", "dong_y")


def test_reopening_needs_a_reason_and_is_audited(meeting, council, secretary):
    chair = member(council, "Bùi Văn Hải").user
    services.voting_open(by=secretary, meeting=meeting)
    _vote(meeting, council, "Bùi Văn Hải", "dong_y", "dong_y")
    services.ballot_close(by=chair, meeting=meeting)
    with pytest.raises(ValidationError):
        services.ballot_reopen(by=chair, meeting=meeting, reason="  ")
    services.ballot_reopen(by=chair, meeting=meeting, reason="Ông Chiến bấm nhầm phiếu, đề nghị biểu quyết lại")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.VOTING
    assert AuditEntry.objects.get(action="ballot_reopen").note == "Ông Chiến bấm nhầm phiếu, đề nghị biểu quyết lại"
    assert AgendaItem.objects.filter(passed__isnull=False).count() == 0
    # The votes cast before could no longer be told apart by voter: cancelled, everyone votes again.
    assert (Vote.objects.count(), BallotReceipt.objects.filter(meeting=meeting).count()) == (0, 0)
    assert AuditEntry.objects.get(action="ballot_reopen").changes == {"phiếu đã hủy": [2, 0]}
    meeting.refresh_from_db()
    _vote(meeting, council, "Bùi Văn Hải", "khong_dong_y", "dong_y")
    items = _items(meeting)
    assert services.my_votes(meeting=meeting, user=chair) == {
        f"list-{meeting.lists.get().pk}": "khong_dong_y",
        f"item-{items['Lê Văn Tùng'].pk}": "dong_y",
    }


def test_once_counted_nobody_can_link_a_vote_to_its_voter(meeting, council, secretary, settings):
    """Not the members, not the operator with the database and the server's secret."""
    import hashlib
    import hmac

    from core import ballots

    services.voting_open(by=secretary, meeting=meeting)
    meeting.refresh_from_db()
    key = meeting.ballot_key
    assert len(key) == 64
    for name, ldtt in zip(ALL_MEMBERS, ["dong_y", "dong_y", "khong_dong_y", "dong_y"], strict=True):
        _vote(meeting, council, name, ldtt, "dong_y")
    ids_before = sorted(Vote.objects.values_list("id", flat=True))
    chair = member(council, "Bùi Văn Hải")
    services.ballot_close(by=chair.user, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.ballot_key == ""
    # The counts are the same; the rows are new (new ids, so not in casting order) with random tokens.
    counts = {item.nominee.full_name: (item.yes, item.no) for item in meeting.items.select_related("nominee")}
    assert counts == {"Nguyễn Thị Hoa": (3, 1), "Lê Văn Tùng": (4, 0)}
    assert sorted(Vote.objects.values_list("choice", flat=True)) == ["dong_y"] * 7 + ["khong_dong_y"]
    assert set(Vote.objects.values_list("id", flat=True)).isdisjoint(ids_before)
    tokens = set(Vote.objects.values_list("voter_token", flat=True))
    assert len(tokens) == 8  # no two votes share a token: a voter's choices are not even grouped
    for m in council.members.all():
        with_key = ballots.voter_token(key, "ballot", meeting.pk, m.pk)
        with_secret = hmac.new(settings.SECRET_KEY.encode(), f"ballot:{meeting.pk}:{m.pk}".encode(), hashlib.sha256)
        assert {with_key, with_secret.hexdigest()}.isdisjoint(tokens)
    assert services.my_votes(meeting=meeting, user=chair.user) == {}
