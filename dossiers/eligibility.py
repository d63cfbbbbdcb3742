"""The eligibility engine: pure functions from a nominee's facts to a verdict with reasons in Vietnamese.

Nothing here touches the database: the caller gathers the facts (the nominee, the regime in force,
the ledger's years, the dossier's counts and missing documents) and the engine explains its verdict.
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from .enums import GOOD_OR_BETTER, Discipline, EligibilityRule, Subject, TaskRating, Verdict

_SEVERITY = {Verdict.ELIGIBLE: 0, Verdict.CHECK: 1, Verdict.INELIGIBLE: 2}
ELIGIBLE_REASON = "Đáp ứng các tiêu chuẩn kiểm tra được từ dữ liệu hồ sơ."


@dataclass(frozen=True)
class Facts:
    """What the engine needs to know of one nominee and its award."""

    rule: str
    award_name: str
    award_subject: str
    subject: str
    task_rating: str = ""
    months_worked: int | None = None
    discipline: str = Discipline.NONE
    initiative_ref: str = ""
    member_count: int | None = None
    members_completing: int | None = None
    ldtt_count: int | None = None
    cstdcs_count: int | None = None
    disciplined_members: int | None = None


@dataclass(frozen=True)
class Context:
    year: int
    min_working_months: int = 6
    cstdcs_quota_percent: Decimal | None = Decimal("15")
    # Who set the quota when an authority did (#13): "tỷ lệ do UBND tỉnh Lai Châu quy định"; empty for the regime's.
    cstdcs_quota_source: str = ""
    # Years in which this person holds CSTĐCS (ledger plus this round's own proposal).
    cstdcs_years: frozenset[int] = frozenset()
    # The proposing unit's counts in this round, for the CSTĐCS quota.
    unit_ldtt_count: int = 0
    unit_cstdcs_count: int = 0
    missing_components: tuple[str, ...] = ()
    submitted_on: datetime.date | None = None
    submission_deadline: datetime.date | None = None
    ceremony_date: datetime.date | None = None
    min_days_before_ceremony: int = 0


@dataclass
class Result:
    verdict: str = Verdict.ELIGIBLE
    reasons: list[str] = field(default_factory=list)

    def add(self, verdict: str, reason: str) -> None:
        if _SEVERITY[verdict] > _SEVERITY[self.verdict]:
            self.verdict = verdict
        self.reasons.append(reason)


def _rating_label(value: str) -> str:
    return TaskRating(value).label if value in TaskRating.values else value


def _percent(part: int, whole: int) -> str:
    return f"{Decimal(part * 100) / Decimal(whole):.1f}".replace(".", ",").replace(",0", "")


def _individual_basics(f: Facts, c: Context, r: Result, award: str) -> None:
    if not f.task_rating:
        r.add(Verdict.CHECK, "Chưa nhập xếp loại mức độ hoàn thành nhiệm vụ.")
    elif f.task_rating not in GOOD_OR_BETTER:
        r.add(
            Verdict.INELIGIBLE,
            f"Xếp loại “{_rating_label(f.task_rating)}”: danh hiệu {award} cần hoàn thành tốt nhiệm vụ trở lên.",
        )
    if f.months_worked is None:
        r.add(Verdict.CHECK, "Chưa nhập số tháng công tác trong năm.")
    elif f.months_worked < c.min_working_months:
        r.add(
            Verdict.INELIGIBLE,
            f"Thời gian công tác trong năm {f.months_worked} tháng, dưới {c.min_working_months:02d} tháng.",
        )
    if f.discipline and f.discipline != Discipline.NONE:
        r.add(Verdict.INELIGIBLE, f"Bị kỷ luật trong năm ({Discipline(f.discipline).label.lower()}).")


def _needs_initiative(f: Facts, r: Result, award: str) -> None:
    if not f.initiative_ref.strip():
        r.add(Verdict.INELIGIBLE, f"Chưa có sáng kiến được công nhận (điều kiện của danh hiệu {award}).")


def _collective_numbers(f: Facts, r: Result) -> bool:
    numbers = (f.member_count, f.members_completing, f.ldtt_count)
    if any(n is None for n in numbers) or not f.member_count:
        r.add(Verdict.CHECK, "Chưa nhập đủ số liệu của tập thể (tổng số thành viên, số hoàn thành nhiệm vụ, số đạt LĐTT).")
        return False
    if f.ldtt_count > f.member_count or f.members_completing > f.member_count:
        r.add(Verdict.INELIGIBLE, "Số liệu tập thể không khớp: số thành viên đạt danh hiệu lớn hơn tổng số thành viên.")
        return False
    return True


def _ldtt(f: Facts, c: Context, r: Result) -> None:
    _individual_basics(f, c, r, "Lao động tiên tiến")


def _cstdcs(f: Facts, c: Context, r: Result) -> None:
    _individual_basics(f, c, r, "Chiến sĩ thi đua cơ sở")
    _needs_initiative(f, r, "Chiến sĩ thi đua cơ sở")
    if c.cstdcs_quota_percent is not None and c.unit_cstdcs_count:
        allowed = math.floor(Decimal(c.unit_ldtt_count) * c.cstdcs_quota_percent / 100)
        if c.unit_cstdcs_count > allowed:
            quota = f"{c.cstdcs_quota_percent.normalize():f}".replace(".", ",")
            source = f" ({c.cstdcs_quota_source})" if c.cstdcs_quota_source else ""
            r.add(
                Verdict.CHECK,
                f"Số đề nghị CSTĐCS của đơn vị ({c.unit_cstdcs_count}) vượt {quota}% số LĐTT ({c.unit_ldtt_count}): "
                f"tối đa {allowed}{source}.",
            )


def _cstd_tinh(f: Facts, c: Context, r: Result) -> None:
    needed = [c.year - 2, c.year - 1, c.year]
    held = [y for y in needed if y in c.cstdcs_years]
    if held != needed:
        found = ", ".join(str(y) for y in held) if held else "chưa có năm nào"
        r.add(Verdict.INELIGIBLE, f"Chưa đủ 03 năm liên tục đạt CSTĐCS ({needed[0]}–{needed[-1]}): {found}.")
    if not f.initiative_ref.strip():
        r.add(Verdict.INELIGIBLE, "Chưa có sáng kiến được công nhận (điều kiện của danh hiệu Chiến sĩ thi đua cấp tỉnh).")
    else:
        r.add(Verdict.CHECK, "Cần xác nhận sáng kiến được áp dụng hiệu quả trong phạm vi toàn tỉnh.")


def _ttldtt(f: Facts, c: Context, r: Result) -> None:
    if f.task_rating and f.task_rating not in GOOD_OR_BETTER:
        r.add(Verdict.INELIGIBLE, f"Tập thể xếp loại “{_rating_label(f.task_rating)}”: cần hoàn thành tốt nhiệm vụ trở lên.")
    elif not f.task_rating:
        r.add(Verdict.CHECK, "Chưa nhập xếp loại mức độ hoàn thành nhiệm vụ của tập thể.")
    if _collective_numbers(f, r):
        if f.ldtt_count * 2 <= f.member_count:
            r.add(
                Verdict.INELIGIBLE,
                f"Số thành viên đạt LĐTT {f.ldtt_count}/{f.member_count} ({_percent(f.ldtt_count, f.member_count)}%), "
                "chưa vượt 50%.",
            )
    if f.disciplined_members:
        r.add(Verdict.INELIGIBLE, f"Có {f.disciplined_members} thành viên bị kỷ luật từ cảnh cáo trở lên.")


def _ttldxs(f: Facts, c: Context, r: Result) -> None:
    if f.task_rating and f.task_rating != TaskRating.EXCELLENT:
        r.add(
            Verdict.INELIGIBLE,
            f"Tập thể xếp loại “{_rating_label(f.task_rating)}”: danh hiệu Tập thể lao động xuất sắc cần hoàn thành "
            "xuất sắc nhiệm vụ.",
        )
    elif not f.task_rating:
        r.add(Verdict.CHECK, "Chưa nhập xếp loại mức độ hoàn thành nhiệm vụ của tập thể.")
    if _collective_numbers(f, r):
        if f.members_completing < f.member_count:
            r.add(
                Verdict.INELIGIBLE,
                f"Còn {f.member_count - f.members_completing} thành viên chưa hoàn thành nhiệm vụ (cần 100%).",
            )
        if f.ldtt_count * 10 < f.member_count * 7:
            r.add(
                Verdict.INELIGIBLE,
                f"Số thành viên đạt LĐTT {f.ldtt_count}/{f.member_count} ({_percent(f.ldtt_count, f.member_count)}%), dưới 70%.",
            )
    if not f.cstdcs_count:
        r.add(Verdict.INELIGIBLE, "Không có thành viên nào đạt danh hiệu Chiến sĩ thi đua cơ sở.")


def _by_regulation(f: Facts, c: Context, r: Result) -> None:
    r.add(Verdict.CHECK, "Tiêu chuẩn theo quy chế thi đua, khen thưởng của tỉnh: cán bộ thẩm định xem xét.")


_RULES = {
    EligibilityRule.LDTT: _ldtt,
    EligibilityRule.CSTDCS: _cstdcs,
    EligibilityRule.CSTD_TINH: _cstd_tinh,
    EligibilityRule.TTLDTT: _ttldtt,
    EligibilityRule.TTLDXS: _ttldxs,
    EligibilityRule.BY_REGULATION: _by_regulation,
}


def _timing(c: Context, r: Result) -> None:
    if c.submitted_on is None:
        return
    if c.submission_deadline and c.submitted_on > c.submission_deadline:
        r.add(Verdict.CHECK, f"Hồ sơ gửi sau hạn nộp {c.submission_deadline:%d/%m/%Y}.")
    if c.ceremony_date and c.min_days_before_ceremony:
        left = (c.ceremony_date - c.submitted_on).days
        if left < c.min_days_before_ceremony:
            r.add(
                Verdict.CHECK,
                f"Hồ sơ gửi ngày {c.submitted_on:%d/%m/%Y}, chỉ còn {max(left, 0)} ngày trước lễ trao thưởng "
                f"{c.ceremony_date:%d/%m/%Y} (yêu cầu tối thiểu {c.min_days_before_ceremony} ngày).",
            )


def evaluate(facts: Facts, context: Context) -> Result:
    result = Result()
    if facts.subject != facts.award_subject:
        result.add(
            Verdict.INELIGIBLE,
            f"“{facts.award_name}” dành cho {Subject(facts.award_subject).label.lower()}, "
            f"không dành cho {Subject(facts.subject).label.lower()}.",
        )
    else:
        _RULES[EligibilityRule(facts.rule)](facts, context, result)
    if context.missing_components:
        result.add(Verdict.INELIGIBLE, f"Thiếu thành phần hồ sơ: {', '.join(context.missing_components)}.")
    _timing(context, result)
    if not result.reasons:
        result.reasons.append(ELIGIBLE_REASON)
    return result


@dataclass(frozen=True)
class RegimeOption:
    """One regime a nominee may be judged by: its name, its first day and the text that began it (“Luật
    06/2026/QH16”), and the context its rules make."""

    name: str
    starts: datetime.date
    label: str
    context: Context


def _regime_reason(governing: RegimeOption, applied: RegimeOption, first_newer: RegimeOption, day: str, dated: str) -> str:
    if applied is governing:
        return (
            f"Áp dụng {governing.name}: hồ sơ {dated} ngày {day}, trước ngày {first_newer.label} có hiệu lực "
            f"({first_newer.starts:%d/%m/%Y}); quy định mới không có lợi hơn."
        )
    return (
        f"Áp dụng {applied.name}: hồ sơ {dated} ngày {day}, trước ngày {applied.label} có hiệu lực "
        f"({applied.starts:%d/%m/%Y}), nhưng quy định mới có lợi hơn cho người được đề nghị."
    )


def evaluate_across(
    facts: Facts,
    governing: RegimeOption,
    favourable: tuple[RegimeOption, ...] = (),
    *,
    received_on: datetime.date,
    dated: str = "tiếp nhận",
) -> Result:
    """The verdict under the regime of the receipt date (`governing`) and, where later regimes let a dossier
    received before them have their rule when more favourable (`favourable`), under each of those too: the
    most favourable verdict wins, a tie keeps the governing regime (the law's default). When there was a choice,
    the first reason says which regime was applied and why; the one not applied adds what it would have said."""
    result = evaluate(facts, governing.context)
    if not favourable:
        return result
    applied, best = governing, result
    for option in favourable:
        candidate = evaluate(facts, option.context)
        if _SEVERITY[candidate.verdict] < _SEVERITY[best.verdict]:
            applied, best = option, candidate
    reasons = [_regime_reason(governing, applied, favourable[0], f"{received_on:%d/%m/%Y}", dated), *best.reasons]
    if applied is not governing:
        why = "; ".join(reason.rstrip(".") for reason in result.reasons)
        reasons.append(f"Theo {governing.name}: {Verdict(result.verdict).label.lower()} ({why}).")
    return Result(verdict=best.verdict, reasons=reasons)
