"""Clusters and blocs: composition, heads, sheets, the scoring workflow, the pact and the election."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusters import services
from clusters.enums import CardStatus, LeaderMethod, LeaderPosition, SheetStatus
from clusters.models import ElectionVote, EmulationGroup, LeadershipTerm
from clusters.rules import is_cluster_head
from clusters.selectors import ranking_for

from .conftest import CLOCK, FULL, card_of, ids, review, self_score

pytestmark = pytest.mark.time_machine(CLOCK)  # the groups are of 2026


def test_group_create_refuses_a_unit_already_in_another_group_that_year(office_staff, group, unit_a):
    with pytest.raises(ValidationError) as exc:
        services.group_create(by=office_staff, year=2026, kind="khoi", name="Khối các cơ quan", units=[unit_a])
    assert exc.value.messages == ["Đơn vị đã thuộc cụm, khối khác trong năm 2026: UBND xã Cự Khê (Cụm thi đua số 1)."]


def test_group_create_by_a_clerk_is_denied(clerk_a, unit_a):
    with pytest.raises(PermissionDenied):
        services.group_create(by=clerk_a, year=2026, kind="cum", name="Cụm thi đua số 9", units=[unit_a])


def test_groups_copy_year_copies_members_but_not_heads(office_staff, group):
    services.groups_copy_year(by=office_staff, from_year=2026, to_year=2027)
    copy = EmulationGroup.objects.get(year=2027)
    assert copy.name == "Cụm thi đua số 1"
    assert sorted(copy.memberships.values_list("unit__name", flat=True)) == [
        "UBND xã Bích Hòa",
        "UBND xã Cự Khê",
        "UBND xã Thanh Mai",
    ]
    assert (copy.head_id, copy.deputy_id) == (None, None)


def test_groups_copy_year_refuses_to_overwrite(office_staff, group):
    services.groups_copy_year(by=office_staff, from_year=2026, to_year=2027)
    with pytest.raises(ValidationError) as exc:
        services.groups_copy_year(by=office_staff, from_year=2026, to_year=2027)
    assert exc.value.messages == ["Năm 2027 đã có cụm, khối; không sao chép đè."]


def test_group_set_leader_keeps_the_rotation_history(office_staff, group, unit_a, unit_c):
    services.group_set_leader(
        by=office_staff,
        group=group,
        unit=unit_c,
        position=LeaderPosition.HEAD,
        method=LeaderMethod.ELECTED,
        on=datetime.date(2026, 7, 1),
    )
    group.refresh_from_db()
    terms = list(
        LeadershipTerm.objects.filter(group=group, position=LeaderPosition.HEAD).values_list("unit__name", "method", "ended_on")
    )
    assert group.head == unit_c
    assert terms[0] == ("UBND xã Cự Khê", "chi_dinh", datetime.date(2026, 6, 30))
    assert terms[1] == ("UBND xã Thanh Mai", "bau", None)


def test_is_cluster_head_follows_the_unit_that_heads_the_group(group, clerk_a, head_a, clerk_b):
    assert [is_cluster_head(clerk_a, group), is_cluster_head(head_a, group), is_cluster_head(clerk_b, group)] == [
        True,
        True,
        False,
    ]


def test_is_cluster_head_is_per_year(office_staff, group, clerk_a):
    services.groups_copy_year(by=office_staff, from_year=2026, to_year=2027)
    assert is_cluster_head(clerk_a, EmulationGroup.objects.get(year=2027)) is False


def test_sheet_copy_copies_the_template_tree(sheet, template):
    assert list(sheet.criteria.values_list("code", "parent__code", "max_points")) == list(
        template.criteria.values_list("code", "parent__code", "max_points")
    )


def test_sheet_head_adjusts_its_copy_before_scoring(clerk_a, sheet):
    criterion = sheet.criteria.get(code="4")
    services.criterion_update(by=clerk_a, criterion=criterion, expected_version=criterion.version, max_points="60,5")
    criterion.refresh_from_db()
    assert criterion.max_points == D("60.5")


def test_sheet_is_locked_once_scoring_opens(office_staff, open_sheet):
    with pytest.raises(PermissionDenied):
        services.criterion_add(by=office_staff, sheet=open_sheet, code="6", title="Mục mới", max_points=5)
    assert open_sheet.status == SheetStatus.SCORING


def test_scoring_open_gives_each_member_a_card_with_every_scored_line(open_sheet):
    assert open_sheet.cards.count() == 3
    assert sorted(open_sheet.cards.first().lines.values_list("criterion__code", flat=True)) == [
        "1",
        "11",
        "12",
        "2",
        "3",
        "4",
        "8",
        "9",
    ]


def test_self_score_above_a_cap_is_refused(clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    with pytest.raises(ValidationError) as exc:
        services.card_self_score(by=clerk_c, card=card, expected_version=card.version, entries={ids(open_sheet)["1"]: ("12", "")})
    assert exc.value.messages == ["Mục 1: tối đa 10 điểm."]


def test_self_score_totals_respect_bonus_cap_and_penalty(clerk_c, open_sheet, unit_c):
    card = self_score(clerk_c, open_sheet, unit_c, {**FULL, "2": "8,5", "4": 60, "8": 10, "9": 10, "11": 5})
    # base 28,5 + 60 = 88,5; bonus 20 capped at 15; penalty 5 → 98,5
    assert (card.base, card.bonus, card.penalty, card.total, card.self_total) == (D("88.5"), D(15), D(5), D("98.5"), D("98.5"))
    assert card.status == CardStatus.SUBMITTED


def test_card_submit_needs_the_evidence_a_line_requires(clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    services.card_self_score(
        by=clerk_c, card=card, expected_version=card.version, entries={ids(open_sheet)[c]: (p, "") for c, p in FULL.items()}
    )
    card = card_of(open_sheet, unit_c)
    with pytest.raises(ValidationError) as exc:
        services.card_submit(by=clerk_c, card=card, expected_version=card.version)
    assert exc.value.messages == ["Chưa đính kèm minh chứng cho các mục: 1."]


def test_card_review_adjusts_with_a_reason_per_line(clerk_a, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, {**FULL, "8": 10})
    card = review(
        clerk_a, open_sheet, unit_c, {"4": ("65", "Chỉ tiêu thu ngân sách đạt 92%."), "8": ("0", "Chưa có quyết định tặng Cờ.")}
    )
    assert (card.self_total, card.total, card.status) == (D(110), D(95), CardStatus.REVIEWED)
    line = card.lines.get(criterion__code="4")
    assert (line.self_points, line.reviewed_points, line.reason) == (D(70), D(65), "Chỉ tiêu thu ngân sách đạt 92%.")


def test_card_review_without_a_reason_is_refused(clerk_a, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, FULL)
    with pytest.raises(ValidationError) as exc:
        review(clerk_a, open_sheet, unit_c, {"4": ("65", "")})
    assert exc.value.messages == ["Mục 4: điểm khác điểm tự chấm thì phải ghi lý do."]


def test_card_review_by_a_member_who_is_not_the_head_is_denied(clerk_b, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, FULL)
    with pytest.raises(PermissionDenied):
        review(clerk_b, open_sheet, unit_c)


def test_sheet_finalise_needs_every_card_reviewed(office_staff, clerk_a, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, FULL)
    review(clerk_a, open_sheet, unit_c)
    with pytest.raises(ValidationError) as exc:
        services.sheet_finalise(by=office_staff, sheet=open_sheet)
    assert exc.value.messages == ["Trưởng cụm, khối chưa thẩm định phiếu của: UBND xã Bích Hòa, UBND xã Cự Khê."]


def _score_all(open_sheet, clerks_units, points):
    for (clerk, unit), pts in zip(clerks_units, points, strict=True):
        self_score(clerk, open_sheet, unit, pts)


def test_sheet_finalise_publishes_the_ranking_with_ties(
    office_staff, clerk_a, clerk_b, clerk_c, open_sheet, unit_a, unit_b, unit_c
):
    _score_all(
        open_sheet,
        [(clerk_a, unit_a), (clerk_b, unit_b), (clerk_c, unit_c)],
        [{**FULL, "4": 60}, {**FULL, "4": 65, "11": 5}, {**FULL, "4": 60}],
    )
    for unit in (unit_a, unit_b, unit_c):
        review(clerk_b if unit == unit_a else clerk_a, open_sheet, unit)  # the deputy reviews the head's own card
    services.sheet_finalise(by=office_staff, sheet=open_sheet)
    open_sheet.refresh_from_db()
    ranked = [(r.rank, r.name, r.total) for r in ranking_for(sheet=open_sheet)]
    # Bích Hòa 95 − 5 = 90 with base 95 ranks above the two 90s with base 90; those share rank 2.
    assert ranked == [(1, "UBND xã Bích Hòa", D(90)), (2, "UBND xã Cự Khê", D(90)), (2, "UBND xã Thanh Mai", D(90))]
    assert open_sheet.status == SheetStatus.PUBLISHED
    assert set(open_sheet.cards.values_list("status", flat=True)) == {CardStatus.FINAL}


def test_pact_is_generated_for_every_member_and_signed_only_by_a_unit_head(office_staff, group, clerk_a, head_a):
    pact = services.pact_create(
        by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành nhiệm vụ."
    )
    signature = pact.signatures.get(unit=group.head)
    assert pact.signatures.count() == 3
    with pytest.raises(PermissionDenied):
        services.pact_sign(by=clerk_a, signature=signature, expected_version=signature.version)
    services.pact_commit(
        by=clerk_a, signature=signature, expected_version=signature.version, commitment="Hoàn thành 100% chỉ tiêu."
    )
    services.pact_sign(by=head_a, signature=signature, expected_version=signature.version)
    signature.refresh_from_db()
    assert (signature.commitment, signature.signed_by) == ("Hoàn thành 100% chỉ tiêu.", head_a)


def test_election_keeps_votes_secret_and_elects_a_majority(election, clerk_a, head_a, head_b, unit_a, unit_b, unit_c):
    from accounts.enums import Role
    from tests.factories import user_with_role

    head_c = user_with_role(Role.UNIT_HEAD, unit_c)
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    services.election_vote(by=head_b, election=election, unit=unit_b, candidate=unit_b)
    services.election_vote(by=head_c, election=election, unit=unit_c, candidate=unit_a)
    services.election_close(by=clerk_a, election=election)
    election.refresh_from_db()
    assert election.winner == unit_b
    assert election.result == [
        {"unit": "UBND xã Bích Hòa", "unit_id": unit_b.pk, "votes": 2, "percent": "66,7", "passed": True},
        {"unit": "UBND xã Cự Khê", "unit_id": unit_a.pk, "votes": 1, "percent": "33,3", "passed": False},
    ]
    assert "unit" not in [f.name for f in ElectionVote._meta.fields]


def test_election_tie_elects_nobody(election, clerk_a, head_a, head_b, unit_a, unit_b):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_a)
    services.election_vote(by=head_b, election=election, unit=unit_b, candidate=unit_b)
    services.election_close(by=clerk_a, election=election)
    assert election.winner is None


def test_election_vote_by_a_clerk_is_denied(election, clerk_a, unit_a):
    with pytest.raises(PermissionDenied):
        services.election_vote(by=clerk_a, election=election, unit=unit_a, candidate=unit_a)


def test_head_does_not_review_its_own_card(clerk_a, clerk_b, open_sheet, unit_a):
    self_score(clerk_a, open_sheet, unit_a, FULL)
    card = card_of(open_sheet, unit_a)
    assert clerk_a.has_perm("clusters.review_card", card) is False
    assert clerk_b.has_perm("clusters.review_card", card) is True


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "abc"])
def test_points_that_are_not_numbers_get_a_clear_error(office_staff, group, value):
    sheet = services.sheet_create(by=office_staff, year=2026, title="Bảng tiêu chí thử", group=group)
    with pytest.raises(ValidationError) as excinfo:
        services.criterion_add(by=office_staff, sheet=sheet, code="1", title="Tiêu chí", max_points=value)
    assert excinfo.value.messages == ["Điểm tối đa phải là một số."]


def test_an_unknown_criterion_kind_is_refused(office_staff, group):
    sheet = services.sheet_create(by=office_staff, year=2026, title="Bảng tiêu chí thử", group=group)
    with pytest.raises(ValidationError):
        services.criterion_add(by=office_staff, sheet=sheet, code="1", title="Tiêu chí", max_points=10, kind="la")
    assert sheet.criteria.count() == 0


def test_members_cannot_change_once_scoring_is_open(office_staff, open_sheet, unit_a, unit_b):
    group = open_sheet.group
    with pytest.raises(ValidationError) as excinfo:
        services.group_set_members(by=office_staff, group=group, units=[unit_a, unit_b])
    assert excinfo.value.message_dict == {
        "units": ["Đã mở chấm điểm, lập giao ước hoặc bầu suy tôn: không thay đổi thành viên được nữa."]
    }
    assert group.memberships.count() == 3
