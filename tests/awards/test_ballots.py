from decimal import Decimal

from core.ballots import ABSTAIN, NO, YES, tally
from dossiers.enums import VoteDenominator

ALL, PRESENT = VoteDenominator.ALL_MEMBERS, VoteDenominator.PRESENT


def test_simple_majority_of_those_taking_part():
    result = tally([YES] * 5 + [NO] * 2, members_total=9, participants=7, threshold_percent=None, denominator_kind=PRESENT)
    assert (result.yes, result.no, result.abstain, result.denominator, result.passed) == (5, 2, 0, 7, True)
    assert result.percent_label == "71,4"
    assert result.threshold_label == "trên 50% số thành viên tham gia biểu quyết"


def test_tie_does_not_pass():
    result = tally([YES] * 3 + [NO] * 3, members_total=6, participants=6, threshold_percent=None, denominator_kind=PRESENT)
    assert (result.percent_label, result.passed) == ("50,0", False)


def test_abstentions_count_against_a_majority():
    result = tally([YES] * 3 + [ABSTAIN] * 3, members_total=6, participants=6, threshold_percent=None, denominator_kind=PRESENT)
    assert (result.yes, result.abstain, result.passed) == (3, 3, False)


def test_ninety_percent_of_all_members_counts_absent_members():
    # 9 members, 8 present, all 8 agree: 88.9 % of all members — not enough for CSTĐ tỉnh.
    result = tally([YES] * 8, members_total=9, participants=8, threshold_percent=Decimal("90"), denominator_kind=ALL)
    assert (result.denominator, result.percent_label, result.passed) == (9, "88,9", False)
    assert result.threshold_label == "từ 90% tổng số thành viên Hội đồng trở lên"


def test_ninety_percent_reached_exactly():
    result = tally([YES] * 9 + [NO], members_total=10, participants=10, threshold_percent=Decimal("90"), denominator_kind=ALL)
    assert (result.percent_label, result.passed) == ("90,0", True)


def test_same_votes_pass_on_those_present_but_not_on_all_members():
    votes = [YES] * 6 + [NO]
    on_present = tally(votes, members_total=11, participants=7, threshold_percent=Decimal("75"), denominator_kind=PRESENT)
    on_all = tally(votes, members_total=11, participants=7, threshold_percent=Decimal("75"), denominator_kind=ALL)
    assert (on_present.passed, on_all.passed) == (True, False)


def test_nobody_taking_part_passes_nothing():
    result = tally([], members_total=9, participants=0, threshold_percent=None, denominator_kind=PRESENT)
    assert (result.denominator, result.passed) == (0, False)
