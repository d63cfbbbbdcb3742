"""Each rule with eligible and not-eligible cases and the exact reason text (pure functions, no DB)."""

import datetime
from decimal import Decimal

from dossiers.eligibility import ELIGIBLE_REASON, Context, Facts, evaluate
from dossiers.enums import Discipline, EligibilityRule, Subject, TaskRating, Verdict

CTX = Context(year=2024)


def person(rule=EligibilityRule.LDTT, name="Lao động tiên tiến", **kw):
    base = dict(
        rule=rule,
        award_name=name,
        award_subject=Subject.INDIVIDUAL,
        subject=Subject.INDIVIDUAL,
        task_rating=TaskRating.GOOD,
        months_worked=12,
        discipline=Discipline.NONE,
    )
    return Facts(**{**base, **kw})


def collective(rule, name, **kw):
    base = dict(
        rule=rule,
        award_name=name,
        award_subject=Subject.COLLECTIVE,
        subject=Subject.COLLECTIVE,
        task_rating=TaskRating.EXCELLENT,
        member_count=20,
        members_completing=20,
        ldtt_count=15,
        cstdcs_count=2,
        disciplined_members=0,
    )
    return Facts(**{**base, **kw})


def test_ldtt_eligible():
    result = evaluate(person(), CTX)
    assert (result.verdict, result.reasons) == (Verdict.ELIGIBLE, [ELIGIBLE_REASON])


def test_ldtt_rating_below_good_is_not_eligible():
    result = evaluate(person(task_rating=TaskRating.DONE), CTX)
    assert result.verdict == Verdict.INELIGIBLE
    assert result.reasons == ["Xếp loại “Hoàn thành nhiệm vụ”: danh hiệu Lao động tiên tiến cần hoàn thành tốt nhiệm vụ trở lên."]


def test_ldtt_under_six_months_is_not_eligible():
    result = evaluate(person(months_worked=5), CTX)
    assert (result.verdict, result.reasons) == (Verdict.INELIGIBLE, ["Thời gian công tác trong năm 5 tháng, dưới 06 tháng."])


def test_ldtt_six_months_is_enough():
    assert evaluate(person(months_worked=6), CTX).verdict == Verdict.ELIGIBLE


def test_ldtt_disciplined_is_not_eligible():
    result = evaluate(person(discipline=Discipline.REPRIMAND), CTX)
    assert (result.verdict, result.reasons) == (Verdict.INELIGIBLE, ["Bị kỷ luật trong năm (khiển trách)."])


def test_ldtt_missing_data_needs_checking():
    result = evaluate(person(task_rating="", months_worked=None), CTX)
    assert result.verdict == Verdict.CHECK
    assert result.reasons == ["Chưa nhập xếp loại mức độ hoàn thành nhiệm vụ.", "Chưa nhập số tháng công tác trong năm."]


def test_cstdcs_without_initiative_is_not_eligible():
    result = evaluate(person(EligibilityRule.CSTDCS, "Chiến sĩ thi đua cơ sở", task_rating=TaskRating.EXCELLENT), CTX)
    assert result.verdict == Verdict.INELIGIBLE
    assert result.reasons == ["Chưa có sáng kiến được công nhận (điều kiện của danh hiệu Chiến sĩ thi đua cơ sở)."]


def test_cstdcs_with_initiative_within_quota_is_eligible():
    facts = person(EligibilityRule.CSTDCS, "Chiến sĩ thi đua cơ sở", initiative_ref="Sáng kiến số 12/QĐ-UBND")
    ctx = Context(year=2024, unit_ldtt_count=20, unit_cstdcs_count=3)
    assert evaluate(facts, ctx).verdict == Verdict.ELIGIBLE


def test_cstdcs_over_quota_needs_checking():
    facts = person(EligibilityRule.CSTDCS, "Chiến sĩ thi đua cơ sở", initiative_ref="Sáng kiến số 12/QĐ-UBND")
    ctx = Context(year=2024, unit_ldtt_count=20, unit_cstdcs_count=4, cstdcs_quota_percent=Decimal("15"))
    result = evaluate(facts, ctx)
    assert (result.verdict, result.reasons) == (
        Verdict.CHECK,
        ["Số đề nghị CSTĐCS của đơn vị (4) vượt 15% số LĐTT (20): tối đa 3."],
    )


def test_cstdcs_quota_can_be_switched_off():
    facts = person(EligibilityRule.CSTDCS, "Chiến sĩ thi đua cơ sở", initiative_ref="SK 1")
    ctx = Context(year=2024, unit_ldtt_count=2, unit_cstdcs_count=2, cstdcs_quota_percent=None)
    assert evaluate(facts, ctx).verdict == Verdict.ELIGIBLE


def test_cstd_tinh_needs_three_consecutive_years():
    facts = person(EligibilityRule.CSTD_TINH, "Chiến sĩ thi đua cấp tỉnh", initiative_ref="SK cấp tỉnh")
    result = evaluate(facts, Context(year=2024, cstdcs_years=frozenset({2023, 2024})))
    assert result.verdict == Verdict.INELIGIBLE
    assert result.reasons[0] == "Chưa đủ 03 năm liên tục đạt CSTĐCS (2022–2024): 2023, 2024."


def test_cstd_tinh_gap_year_breaks_the_run():
    facts = person(EligibilityRule.CSTD_TINH, "Chiến sĩ thi đua cấp tỉnh", initiative_ref="SK")
    result = evaluate(facts, Context(year=2024, cstdcs_years=frozenset({2021, 2022, 2024})))
    assert result.reasons[0] == "Chưa đủ 03 năm liên tục đạt CSTĐCS (2022–2024): 2022, 2024."


def test_cstd_tinh_with_three_years_asks_to_confirm_scope():
    facts = person(EligibilityRule.CSTD_TINH, "Chiến sĩ thi đua cấp tỉnh", initiative_ref="SK cấp tỉnh")
    result = evaluate(facts, Context(year=2024, cstdcs_years=frozenset({2022, 2023, 2024})))
    assert (result.verdict, result.reasons) == (
        Verdict.CHECK,
        ["Cần xác nhận sáng kiến được áp dụng hiệu quả trong phạm vi toàn tỉnh."],
    )


def test_cstd_tinh_without_any_year():
    facts = person(EligibilityRule.CSTD_TINH, "Chiến sĩ thi đua cấp tỉnh", initiative_ref="SK")
    result = evaluate(facts, Context(year=2025))
    assert result.reasons[0] == "Chưa đủ 03 năm liên tục đạt CSTĐCS (2023–2025): chưa có năm nào."


def test_ttldtt_eligible_above_half():
    facts = collective(EligibilityRule.TTLDTT, "Tập thể lao động tiên tiến", task_rating=TaskRating.GOOD, ldtt_count=11)
    assert evaluate(facts, CTX).verdict == Verdict.ELIGIBLE


def test_ttldtt_exactly_half_is_not_enough():
    facts = collective(EligibilityRule.TTLDTT, "Tập thể lao động tiên tiến", ldtt_count=10)
    result = evaluate(facts, CTX)
    assert (result.verdict, result.reasons) == (Verdict.INELIGIBLE, ["Số thành viên đạt LĐTT 10/20 (50%), chưa vượt 50%."])


def test_ttldtt_with_disciplined_member_is_not_eligible():
    facts = collective(EligibilityRule.TTLDTT, "Tập thể lao động tiên tiến", disciplined_members=1)
    result = evaluate(facts, CTX)
    assert result.reasons == ["Có 1 thành viên bị kỷ luật từ cảnh cáo trở lên."]


def test_ttldxs_eligible():
    facts = collective(EligibilityRule.TTLDXS, "Tập thể lao động xuất sắc", ldtt_count=14)
    assert evaluate(facts, CTX).verdict == Verdict.ELIGIBLE


def test_ttldxs_below_seventy_percent():
    facts = collective(EligibilityRule.TTLDXS, "Tập thể lao động xuất sắc", member_count=30, members_completing=30, ldtt_count=20)
    result = evaluate(facts, CTX)
    assert result.reasons == ["Số thành viên đạt LĐTT 20/30 (66,7%), dưới 70%."]


def test_ttldxs_needs_everyone_completing_and_one_cstdcs():
    facts = collective(EligibilityRule.TTLDXS, "Tập thể lao động xuất sắc", members_completing=19, cstdcs_count=0)
    result = evaluate(facts, CTX)
    assert result.verdict == Verdict.INELIGIBLE
    assert result.reasons == [
        "Còn 1 thành viên chưa hoàn thành nhiệm vụ (cần 100%).",
        "Không có thành viên nào đạt danh hiệu Chiến sĩ thi đua cơ sở.",
    ]


def test_ttldxs_needs_excellent_rating():
    facts = collective(EligibilityRule.TTLDXS, "Tập thể lao động xuất sắc", task_rating=TaskRating.GOOD)
    assert evaluate(facts, CTX).reasons == [
        "Tập thể xếp loại “Hoàn thành tốt nhiệm vụ”: danh hiệu Tập thể lao động xuất sắc cần hoàn thành xuất sắc nhiệm vụ."
    ]


def test_collective_numbers_that_do_not_add_up():
    facts = collective(EligibilityRule.TTLDTT, "Tập thể lao động tiên tiến", ldtt_count=25)
    assert evaluate(facts, CTX).reasons == ["Số liệu tập thể không khớp: số thành viên đạt danh hiệu lớn hơn tổng số thành viên."]


def test_award_for_wrong_subject():
    facts = person(subject=Subject.COLLECTIVE)
    result = evaluate(facts, CTX)
    assert (result.verdict, result.reasons) == (
        Verdict.INELIGIBLE,
        ["“Lao động tiên tiến” dành cho cá nhân, không dành cho tập thể."],
    )


def test_award_by_provincial_regulation_needs_checking():
    facts = person(EligibilityRule.BY_REGULATION, "Giấy khen của Chủ tịch UBND huyện (cá nhân)")
    assert evaluate(facts, CTX).reasons == ["Tiêu chuẩn theo quy chế thi đua, khen thưởng của tỉnh: cán bộ thẩm định xem xét."]


def test_missing_components_make_it_not_eligible():
    result = evaluate(person(), Context(year=2024, missing_components=("Báo cáo thành tích",)))
    assert (result.verdict, result.reasons) == (Verdict.INELIGIBLE, ["Thiếu thành phần hồ sơ: Báo cáo thành tích."])


def test_dossier_too_close_to_ceremony_needs_checking():
    ctx = Context(
        year=2024,
        submitted_on=datetime.date(2025, 1, 10),
        ceremony_date=datetime.date(2025, 1, 17),
        min_days_before_ceremony=15,
        submission_deadline=datetime.date(2025, 1, 5),
    )
    result = evaluate(person(), ctx)
    assert result.verdict == Verdict.CHECK
    assert result.reasons == [
        "Hồ sơ gửi sau hạn nộp 05/01/2025.",
        "Hồ sơ gửi ngày 10/01/2025, chỉ còn 7 ngày trước lễ trao thưởng 17/01/2025 (yêu cầu tối thiểu 15 ngày).",
    ]


def test_worst_verdict_wins():
    result = evaluate(
        person(months_worked=3),
        Context(
            year=2024,
            submitted_on=datetime.date(2025, 1, 16),
            ceremony_date=datetime.date(2025, 1, 17),
            min_days_before_ceremony=5,
        ),
    )
    assert result.verdict == Verdict.INELIGIBLE
    assert len(result.reasons) == 2
