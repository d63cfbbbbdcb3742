"""The regime engine without the database (#14): which regimes may judge a dossier (`choose_regime`, over rows
held in memory) and how the engine weighs them (`eligibility.evaluate_across`)."""

import datetime

from dossiers.eligibility import ELIGIBLE_REASON, Context, Facts, RegimeOption, evaluate_across
from dossiers.enums import EligibilityRule, Subject, TaskRating, Verdict
from dossiers.models import Regime
from dossiers.models.catalogue import choose_regime

D = datetime.date
IF_FAVOURABLE, FROM_RECEIPT = Regime.Transition.IF_FAVOURABLE, Regime.Transition.FROM_RECEIPT


def regime(code, start, end=None, transition=FROM_RECEIPT):
    return Regime(code=code, name=code, valid_from=start, valid_to=end, transition=transition)


ND_152 = regime("nd-152", D(2025, 7, 1), D(2026, 9, 30))
LAW_2026 = regime("luat-06", D(2026, 10, 1), D(2027, 2, 28), IF_FAVOURABLE)
DECREE_2027 = regime("nd-2027", D(2027, 3, 1))
ALL = [DECREE_2027, ND_152, LAW_2026]


def test_the_receipt_date_governs_and_a_later_regime_is_weighed_only_once_in_force_and_when_its_transition_allows():
    assert choose_regime(ALL, D(2026, 9, 30), D(2026, 9, 30)).governing is ND_152
    assert choose_regime(ALL, D(2026, 9, 30), D(2026, 9, 30)).favourable == ()  # the new law is not in force yet
    assert choose_regime(ALL, D(2026, 9, 30), D(2026, 10, 1)).favourable == (LAW_2026,)
    assert choose_regime(ALL, D(2026, 10, 1), D(2026, 12, 1)).governing is LAW_2026
    assert choose_regime(ALL, D(2026, 10, 1), D(2026, 12, 1)).favourable == ()
    # The decree of 2027 applies from its first day only: a dossier received before it is not weighed under it.
    later = choose_regime(ALL, D(2027, 2, 26), D(2027, 3, 5))
    assert (later.governing, later.favourable) == (LAW_2026, ())
    assert choose_regime(ALL, D(2027, 3, 1), D(2027, 3, 5)).governing is DECREE_2027
    # Received under NĐ 152 and judged in 2027: the amended law may still be more favourable.
    assert choose_regime(ALL, D(2026, 9, 25), D(2027, 3, 5)).favourable == (LAW_2026,)
    assert choose_regime(ALL, D(2017, 1, 1), D(2026, 12, 1)).governing is None


FACTS = Facts(
    rule=EligibilityRule.LDTT,
    award_name="Lao động tiên tiến",
    award_subject=Subject.INDIVIDUAL,
    subject=Subject.INDIVIDUAL,
    task_rating=TaskRating.GOOD,
    months_worked=5,
)


def option(name, start, label, months):
    return RegimeOption(name=name, starts=start, label=label, context=Context(year=2026, min_working_months=months))


OLD = option("chế độ cũ", D(2025, 7, 1), "Nghị định cũ", 6)


def test_the_most_favourable_later_regime_wins_and_a_tie_keeps_the_governing_one():
    milder, mildest = option("chế độ A", D(2026, 10, 1), "Luật A", 5), option("chế độ B", D(2026, 11, 1), "Luật B", 4)
    result = evaluate_across(FACTS, OLD, (milder, mildest), received_on=D(2026, 9, 25))
    assert result.verdict == Verdict.ELIGIBLE
    assert result.reasons[0] == (
        "Áp dụng chế độ A: hồ sơ tiếp nhận ngày 25/09/2026, trước ngày Luật A có hiệu lực (01/10/2026), "
        "nhưng quy định mới có lợi hơn cho người được đề nghị."
    )
    assert result.reasons[1:] == [
        ELIGIBLE_REASON,
        "Theo chế độ cũ: không đủ điều kiện (Thời gian công tác trong năm 5 tháng, dưới 06 tháng).",
    ]
    stricter = option("chế độ C", D(2026, 10, 1), "Luật C", 9)
    result = evaluate_across(FACTS, OLD, (stricter,), received_on=D(2026, 9, 25), dated="gửi")
    assert result.verdict == Verdict.INELIGIBLE
    assert result.reasons == [
        "Áp dụng chế độ cũ: hồ sơ gửi ngày 25/09/2026, trước ngày Luật C có hiệu lực (01/10/2026); "
        "quy định mới không có lợi hơn.",
        "Thời gian công tác trong năm 5 tháng, dưới 06 tháng.",
    ]


def test_one_regime_alone_says_nothing_of_regimes():
    result = evaluate_across(FACTS, option("chế độ mới", D(2026, 10, 1), "Luật mới", 5), received_on=D(2026, 10, 2))
    assert (result.verdict, result.reasons) == (Verdict.ELIGIBLE, [ELIGIBLE_REASON])
