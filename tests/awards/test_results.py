"""Results come from the ballot, never by default; the ballot's secrecy holds against staff and administrators."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.enums import Role
from awards import services
from awards.models import AgendaItem, Attendance, BallotReceipt, Meeting, Vote
from core.models import AuditEntry
from dossiers.enums import CouncilVote, Outcome, OutcomeSource, Subject, TaskRating, Verdict
from dossiers.models import AwardRule, AwardType, Nominee
from dossiers.services import CouncilResult, nominee_outcome_override, nominee_outcomes_record
from tests.factories import UserFactory

from .conftest import member

pytestmark = pytest.mark.django_db

VOTERS = ["Bùi Văn Hải", "Hoàng Văn Sơn", "Mai Văn Chiến", "Tô Thị Liên"]


@pytest.fixture
def crowded(at_council):
    """Besides Nguyễn Thị Hoa (LĐTT) and Lê Văn Tùng (CSTĐ tỉnh): a second LĐTT nominee, a CSTĐCS
    nominee, and an LĐTT nominee the office rated ineligible at appraisal."""
    for order, (name, code, verdict) in enumerate(
        [
            ("Đặng Văn Phúc", "ldtt", Verdict.ELIGIBLE),
            ("Trịnh Thị Mai", "cstdcs", Verdict.ELIGIBLE),
            ("Vũ Văn Khải", "ldtt", Verdict.INELIGIBLE),
        ],
        start=3,
    ):
        Nominee.objects.create(
            dossier=at_council,
            subject=Subject.INDIVIDUAL,
            award=AwardType.objects.get(code=code),
            full_name=name,
            task_rating=TaskRating.GOOD,
            months_worked=12,
            appraisal_verdict=verdict,
            appraisal_note="Bị kỷ luật khiển trách trong năm" if verdict == Verdict.INELIGIBLE else "",
            sort_order=order,
            date_of_birth=datetime.date(1985, 2, order),
        )
    return at_council


@pytest.fixture
def crowded_meeting(crowded, council, office_staff):
    meeting = services.meeting_create(
        by=office_staff,
        council=council,
        title="Phiên họp xét khen thưởng tổng kết năm 2024",
        starts_at=datetime.datetime(2025, 1, 10, 14, 0, tzinfo=datetime.UTC),
        place="Phòng họp tầng 2, UBND huyện",
    )
    services.agenda_fill(by=office_staff, meeting=meeting)
    return meeting


def _nominee(name):
    return Nominee.objects.get(full_name=name)


def _vote_all(meeting, council, *, ldtt_list, per_nominee):
    """Every voting member casts the same ballot: `per_nominee` maps a name to the choices of the four."""
    items = {i.nominee.full_name: i for i in meeting.items.filter(agenda_list__isnull=True).select_related("nominee")}
    ldtt = meeting.lists.get(award__code="ldtt")
    for index, name in enumerate(VOTERS):
        services.ballot_cast(
            by=member(council, name).user,
            meeting=meeting,
            choices={items[nominee].pk: choices[index] for nominee, choices in per_nominee.items()},
            list_choices={ldtt.pk: ldtt_list[index]},
        )


def test_catalogue_says_how_the_council_decides_each_award(db):
    modes = dict(AwardRule.objects.filter(regime__code="nd-152-2025").values_list("award__code", "council_vote"))
    assert {code for code, mode in modes.items() if mode == CouncilVote.LIST} == {
        "ldtt",
        "ttldtt",
        "thon-van-hoa",
        "gk-huyen-ca-nhan",
        "gk-huyen-tap-the",
        "gk-huyen-ho",
        "gk-xa-ca-nhan",
    }
    assert (modes["cstdcs"], modes["cstd-tinh"], modes["bk-tinh-ca-nhan"]) == (CouncilVote.PER_NOMINEE,) * 3


def test_agenda_puts_a_list_award_on_one_question_and_leaves_the_ineligible_out(crowded_meeting):
    ldtt = crowded_meeting.lists.get()
    assert ldtt.award.code == "ldtt"
    assert sorted(ldtt.items.values_list("nominee__full_name", flat=True)) == ["Nguyễn Thị Hoa", "Đặng Văn Phúc"]
    per_nominee = crowded_meeting.items.filter(agenda_list__isnull=True).values_list("nominee__full_name", flat=True)
    assert sorted(per_nominee) == ["Lê Văn Tùng", "Trịnh Thị Mai"]
    assert not AgendaItem.objects.filter(nominee__full_name="Vũ Văn Khải").exists()


def test_ballot_to_results(crowded_meeting, council, secretary):
    """Passed → awarded with its tally; failed → not awarded; the list's one vote applies to all its
    nominees; the nominee rated ineligible, never voted on, stays unawarded — all at one close."""
    meeting = crowded_meeting
    services.voting_open(by=secretary, meeting=meeting)
    _vote_all(
        meeting,
        council,
        ldtt_list=["dong_y", "dong_y", "dong_y", "khong_bieu_quyet"],
        per_nominee={
            "Trịnh Thị Mai": ["dong_y", "dong_y", "dong_y", "khong_dong_y"],  # majority of 4: passes
            "Lê Văn Tùng": ["dong_y", "dong_y", "dong_y", "dong_y"],  # 90 % of 4 members: 4/4 passes
        },
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)

    mai = _nominee("Trịnh Thị Mai")
    assert (mai.outcome, mai.outcome_source) == (Outcome.APPROVED, OutcomeSource.BALLOT)
    assert {k: mai.outcome_tally[k] for k in ("yes", "no", "abstain", "denominator", "passed", "list")} == {
        "yes": 3,
        "no": 1,
        "abstain": 0,
        "denominator": 4,
        "passed": True,
        "list": False,
    }
    assert mai.outcome_tally["threshold"] == "trên 50% tổng số thành viên Hội đồng"
    for name in ("Nguyễn Thị Hoa", "Đặng Văn Phúc"):
        nominee = _nominee(name)
        assert (nominee.outcome, nominee.outcome_source) == (Outcome.APPROVED, OutcomeSource.LIST_VOTE)
        assert (nominee.outcome_tally["yes"], nominee.outcome_tally["abstain"], nominee.outcome_tally["list"]) == (3, 1, True)
    khai = _nominee("Vũ Văn Khải")
    assert (khai.outcome, khai.outcome_source) == (Outcome.REJECTED, OutcomeSource.APPRAISAL)
    assert khai.outcome_reason == "Không đủ điều kiện theo kết luận thẩm định: Bị kỷ luật khiển trách trong năm"
    # One audit entry for the dossier's results, not one form (or entry) per nominee.
    entry = AuditEntry.objects.get(action="nominee_outcomes_record")
    assert entry.changes == {"kết quả": [None, "4/5 được khen thưởng"]}


def test_a_failed_ballot_does_not_award(crowded_meeting, council, secretary):
    meeting = crowded_meeting
    services.voting_open(by=secretary, meeting=meeting)
    _vote_all(
        meeting,
        council,
        ldtt_list=["dong_y", "dong_y", "khong_dong_y", "khong_dong_y"],  # 2/4 is not more than half
        per_nominee={
            "Trịnh Thị Mai": ["dong_y", "khong_dong_y", "khong_bieu_quyet", "khong_dong_y"],
            "Lê Văn Tùng": ["dong_y", "dong_y", "dong_y", "khong_dong_y"],  # 3/4 = 75 % < 90 %
        },
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    outcomes = dict(Nominee.objects.values_list("full_name", "outcome"))
    assert outcomes == {name: Outcome.REJECTED for name in outcomes}
    assert _nominee("Đặng Văn Phúc").outcome_reason == (
        "Danh sách không đạt tỷ lệ phiếu đồng ý: 2/4 (50,0%), yêu cầu trên 50% tổng số thành viên Hội đồng."
    )
    assert _nominee("Lê Văn Tùng").outcome_tally["percent"] == "75,0"


def test_an_ineligible_nominee_on_the_agenda_is_not_awarded_even_if_the_vote_passes(meeting, council, secretary):
    """Should an ineligible nominee reach the agenda (rated after it was built), a yes vote does not award."""
    Nominee.objects.filter(full_name="Lê Văn Tùng").update(appraisal_verdict=Verdict.INELIGIBLE, appraisal_note="")
    services.voting_open(by=secretary, meeting=meeting)
    item = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    for name in VOTERS:
        services.ballot_cast(
            by=member(council, name).user,
            meeting=meeting,
            choices={item.pk: "dong_y"},
            list_choices={meeting.lists.get().pk: "dong_y"},
        )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    tung = _nominee("Lê Văn Tùng")
    assert (tung.outcome, tung.outcome_source, tung.outcome_tally["passed"]) == (Outcome.REJECTED, OutcomeSource.APPRAISAL, True)


def test_only_a_ballot_can_award(at_council, office_staff):
    nominee = at_council.nominees.get(full_name="Nguyễn Thị Hoa")
    with pytest.raises(ValidationError):
        nominee_outcomes_record(
            by=office_staff, results=[CouncilResult(nominee, Outcome.APPROVED, "", OutcomeSource.APPRAISAL, {})]
        )
    nominee.appraisal_verdict = Verdict.INELIGIBLE
    with pytest.raises(ValidationError):
        nominee_outcomes_record(by=office_staff, results=[CouncilResult(nominee, Outcome.APPROVED, "", OutcomeSource.BALLOT, {})])
    assert Nominee.objects.get(pk=nominee.pk).outcome == ""


def test_override_needs_a_reason_is_audited_and_shown(client, crowded, office_staff, council):
    khai = _nominee("Vũ Văn Khải")
    with pytest.raises(ValidationError):
        nominee_outcome_override(by=office_staff, nominee=khai, outcome=Outcome.APPROVED, reason="   ")
    with pytest.raises(PermissionDenied):
        nominee_outcome_override(
            by=member(council, "Bùi Văn Hải").user, nominee=khai, outcome=Outcome.APPROVED, reason="Chủ tịch đồng ý"
        )
    assert _nominee("Vũ Văn Khải").outcome == ""
    client.force_login(office_staff)
    url = reverse("dossiers:nominee_override", args=[crowded.pk, khai.pk])
    client.post(url, {"outcome": Outcome.APPROVED, "reason": ""})
    assert _nominee("Vũ Văn Khải").outcome == ""
    reason = "Quyết định kỷ luật đã được hủy bỏ (Quyết định số 15/QĐ-UBND ngày 08/01/2025)"
    client.post(url, {"outcome": Outcome.APPROVED, "reason": reason})
    khai = _nominee("Vũ Văn Khải")
    assert (khai.outcome, khai.outcome_source, khai.outcome_override_reason) == (Outcome.APPROVED, OutcomeSource.OVERRIDE, reason)
    entry = AuditEntry.objects.get(action="nominee_outcome_override")
    assert (entry.actor, entry.note) == (office_staff, f"Vũ Văn Khải: {reason}")
    assert entry.changes == {"Vũ Văn Khải.outcome": ["", "duoc_khen"], "Vũ Văn Khải.outcome_source": ["", "ghi_de"]}
    body = client.get(reverse("dossiers:detail", args=[crowded.pk])).content.decode()
    assert f"Ghi đè, lý do: {reason}" in body
    assert "Ghi đè kết quả xét (có lý do)" in body  # the dossier's history


def test_the_dossier_page_shows_results_with_their_tally_and_no_form_defaults_to_awarded(
    client, crowded_meeting, council, secretary, office_staff
):
    meeting = crowded_meeting
    client.force_login(office_staff)
    page = client.get(reverse("dossiers:detail", args=[meeting.items.first().nominee.dossier_id])).content.decode()
    assert 'value="duoc_khen" selected' not in page
    assert "Không đủ điều kiện: không đưa ra biểu quyết" in page
    assert page.count("Chờ Hội đồng biểu quyết") == 4
    services.voting_open(by=secretary, meeting=meeting)
    _vote_all(
        meeting,
        council,
        ldtt_list=["dong_y"] * 4,
        per_nominee={"Trịnh Thị Mai": ["dong_y"] * 4, "Lê Văn Tùng": ["khong_dong_y"] * 4},
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    page = client.get(reverse("dossiers:detail", args=[meeting.items.first().nominee.dossier_id])).content.decode()
    assert 'value="duoc_khen" selected' not in page
    assert "selected" not in page.split('id="nominees"')[1].split("</table>")[0]
    assert page.count("Đồng ý 4/4 (100,0%)") == 3
    assert page.count("biểu quyết cả danh sách") == 2
    assert "Đồng ý 0/4 (0,0%) · không đồng ý 4" in page
    assert "Không đủ điều kiện theo kết luận thẩm định: Bị kỷ luật khiển trách trong năm" in page


def test_the_ballot_page_has_one_choice_for_a_list(client, crowded_meeting, council, secretary):
    services.voting_open(by=secretary, meeting=crowded_meeting)
    client.force_login(member(council, "Mai Văn Chiến").user)
    body = client.get(reverse("awards:ballot", args=[crowded_meeting.pk])).content.decode()
    assert body.count(f'name="list-{crowded_meeting.lists.get().pk}"') == 3
    assert body.count('name="item-') == 6  # Trịnh Thị Mai and Lê Văn Tùng, three choices each
    assert "Thông qua cả danh sách 2 người, tập thể" in body
    response = client.post(
        reverse("awards:ballot", args=[crowded_meeting.pk]),
        {f"list-{crowded_meeting.lists.get().pk}": "dong_y"},
    )
    assert response.status_code == 200  # two nominees left without a choice
    assert Vote.objects.count() == 0


# --- Written opinions ------------------------------------------------------------------------------


def test_a_written_opinion_never_replaces_a_vote_cast_in_person(client, meeting, council, secretary):
    """The reported attack: after Hoàng Văn Sơn voted in person, the office posted a written opinion
    for him. It is refused with a message, audited, and changes neither his vote nor his attendance."""
    son = member(council, "Hoàng Văn Sơn")
    services.voting_open(by=secretary, meeting=meeting)
    tung = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    ldtt = meeting.lists.get()
    services.ballot_cast(by=son.user, meeting=meeting, choices={tung.pk: "dong_y"}, list_choices={ldtt.pk: "dong_y"})
    before = sorted(Vote.objects.values_list("item_id", "agenda_list_id", "voter_token", "choice"), key=str)

    client.force_login(secretary)
    url = reverse("awards:written_opinion", args=[meeting.pk, son.pk])
    response = client.post(url, {f"item-{tung.pk}": "khong_dong_y", f"list-{ldtt.pk}": "khong_dong_y"}, follow=True)
    message = "Hoàng Văn Sơn chưa được ghi nhận vắng mặt: ý kiến bằng văn bản chỉ ghi cho thành viên vắng mặt."
    assert message in response.content.decode()
    # Marking him absent afterwards is refused too: he voted in person.
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_set(by=secretary, meeting=meeting, member=son, present=False)
    assert excinfo.value.messages == ["Hoàng Văn Sơn đã trực tiếp bỏ phiếu: không ghi vắng mặt được."]
    # Even if the attendance were recorded absent behind the service's back, his vote in person stands.
    Attendance.objects.filter(meeting=meeting, member=son).update(present=False)
    with pytest.raises(ValidationError) as excinfo:
        services.written_opinion_record(
            by=secretary, meeting=meeting, member=son, choices={tung.pk: "khong_dong_y"}, list_choices={ldtt.pk: "khong_dong_y"}
        )
    assert excinfo.value.messages == [
        "Hoàng Văn Sơn đã trực tiếp bỏ phiếu: không ghi ý kiến bằng văn bản thay được, phiếu đã bỏ được giữ nguyên."
    ]
    assert sorted(Vote.objects.values_list("item_id", "agenda_list_id", "voter_token", "choice"), key=str) == before
    assert list(BallotReceipt.objects.values_list("member__user__full_name", "written")) == [("Hoàng Văn Sơn", False)]
    refused = AuditEntry.objects.filter(action="written_opinion_refused").order_by("id")
    assert [(e.actor, e.changes) for e in refused] == [(secretary, {"thành viên": [None, "Hoàng Văn Sơn"]})] * 2
    assert refused[0].note.startswith(message)


def test_office_staff_outside_the_council_cannot_record_written_opinions(client, meeting, council, secretary, office_staff):
    lien = member(council, "Tô Thị Liên")
    services.voting_open(by=secretary, meeting=meeting)
    services.attendance_set(by=secretary, meeting=meeting, member=lien, present=False)
    client.force_login(office_staff)
    assert client.get(reverse("awards:written_opinion_form", args=[meeting.pk, lien.pk])).status_code == 404
    tung = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    post = {f"item-{tung.pk}": "dong_y", f"list-{meeting.lists.get().pk}": "dong_y"}
    assert client.post(reverse("awards:written_opinion", args=[meeting.pk, lien.pk]), post).status_code == 404
    assert Vote.objects.count() == 0
    # The secretary records it; the member stays absent, with a written opinion.
    client.force_login(secretary)
    client.post(reverse("awards:written_opinion", args=[meeting.pk, lien.pk]), post)
    assert Vote.objects.count() == 2
    attendance = Attendance.objects.get(meeting=meeting, member=lien)
    assert (attendance.present, attendance.written_opinion) == (False, True)


# --- No superuser shortcut -----------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, roles=[(Role.ADMIN, None)], full_name="Nguyễn Văn Quản")


def test_a_superuser_outside_the_council_gets_404_on_the_ballot(client, meeting, council, secretary, superuser):
    services.voting_open(by=secretary, meeting=meeting)
    client.force_login(superuser)
    urls = [
        reverse("awards:meeting", args=[meeting.pk]),
        reverse("awards:ballot", args=[meeting.pk]),
        reverse("awards:minutes", args=[meeting.pk]),
        reverse("awards:written_opinion_form", args=[meeting.pk, member(council, "Tô Thị Liên").pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * 4
    for action in ("awards:ballot_close", "awards:ballot_reopen", "awards:voting_open"):
        response = client.post(reverse(action, args=[meeting.pk]), {"reason": "x"})
        assert response.status_code == 404
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.VOTING
    for call in (
        lambda: services.ballot_close(by=superuser, meeting=meeting),
        lambda: services.ballot_cast(by=superuser, meeting=meeting, choices={}),
        lambda: services.attendance_set(by=superuser, meeting=meeting, member=member(council, "Tô Thị Liên"), present=False),
    ):
        with pytest.raises(PermissionDenied):
            call()
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    assert client.get(reverse("awards:minutes", args=[meeting.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.ballot_reopen(by=superuser, meeting=meeting, reason="Thử")
    with pytest.raises(PermissionDenied):
        services.minutes_number_assign(by=superuser, meeting=meeting)


def test_a_superuser_keeps_the_other_admin_powers(client, superuser):
    assert superuser.has_perm("accounts.manage_users")
    assert superuser.has_perm("dossiers.manage_catalogue")
    client.force_login(superuser)
    assert client.get("/quan-tri/dossiers/awardtype/").status_code == 200
    # How the council decides an award is edited with the award's rules, regime by regime.
    change = client.get(f"/quan-tri/dossiers/awardtype/{AwardType.objects.get(code='ldtt').pk}/change/").content.decode()
    assert change.count('<option value="ca_danh_sach" selected>') == 4


def test_a_superuser_with_a_seat_acts_by_that_seat_only(meeting, council, secretary, superuser, office_staff):
    services.council_member_add(by=office_staff, council=council, user=superuser, position="uy_vien")
    services.voting_open(by=secretary, meeting=meeting)
    with pytest.raises(PermissionDenied):  # a member, not the chair
        services.ballot_close(by=superuser, meeting=meeting)
    tung = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    services.ballot_cast(by=superuser, meeting=meeting, choices={tung.pk: "dong_y"}, list_choices={})
    assert BallotReceipt.objects.filter(member__user=superuser).count() == 1


def test_the_minutes_give_a_list_one_row(crowded_meeting, council, secretary):
    from awards.documents_data import minutes_dict

    meeting = crowded_meeting
    services.voting_open(by=secretary, meeting=meeting)
    _vote_all(
        meeting,
        council,
        ldtt_list=["dong_y", "dong_y", "dong_y", "khong_dong_y"],
        per_nominee={"Trịnh Thị Mai": ["dong_y"] * 4, "Lê Văn Tùng": ["dong_y"] * 4},
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    rows = [(r["award"], r["full_name"], r["yes"], r["no"], r["passed"]) for r in minutes_dict(meeting)["items"]]
    assert rows == [
        ("Lao động tiên tiến", "Cả danh sách 2 người, tập thể (biểu quyết một lần)", 3, 1, True),
        ("Chiến sĩ thi đua cơ sở", "Trịnh Thị Mai", 4, 0, True),
        ("Chiến sĩ thi đua cấp tỉnh", "Lê Văn Tùng", 4, 0, True),
    ]


def test_an_override_made_before_the_close_stands_with_the_count_beside_it(crowded_meeting, council, secretary, office_staff):
    """The office records a reasoned result (a paper vote, a discipline found late) before the ballot
    closes: the close keeps it, stores the ballot's count beside it, and says so in the history."""
    meeting = crowded_meeting
    reason = "Phát hiện quyết định kỷ luật số 03/QĐ-UBND sau khi lập chương trình"
    nominee_outcome_override(by=office_staff, nominee=_nominee("Trịnh Thị Mai"), outcome=Outcome.REJECTED, reason=reason)
    services.voting_open(by=secretary, meeting=meeting)
    _vote_all(
        meeting,
        council,
        ldtt_list=["dong_y", "dong_y", "dong_y", "dong_y"],
        per_nominee={
            "Trịnh Thị Mai": ["dong_y", "dong_y", "dong_y", "dong_y"],
            "Lê Văn Tùng": ["dong_y", "dong_y", "dong_y", "dong_y"],
        },
    )
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    mai = _nominee("Trịnh Thị Mai")
    assert (mai.outcome, mai.outcome_source, mai.outcome_override_reason) == (Outcome.REJECTED, OutcomeSource.OVERRIDE, reason)
    assert (mai.outcome_tally["yes"], mai.outcome_tally["denominator"], mai.outcome_tally["passed"]) == (4, 4, True)
    notes = " ".join(AuditEntry.objects.filter(action="nominee_outcomes_record").values_list("note", flat=True))
    assert "Trịnh Thị Mai: giữ kết quả ghi đè (Không được khen thưởng)" in notes
    assert _nominee("Lê Văn Tùng").outcome_source == OutcomeSource.BALLOT
