"""Counting the council's secret ballot: pure functions, no database."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dossiers.enums import VoteDenominator

YES, NO, ABSTAIN = "dong_y", "khong_dong_y", "khong_bieu_quyet"


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    denominator: int
    percent: Decimal
    passed: bool
    threshold_label: str

    @property
    def percent_label(self) -> str:
        return f"{self.percent:.1f}".replace(".", ",")


def threshold_label(threshold_percent: Decimal | None, denominator_kind: str) -> str:
    of = "tổng số thành viên Hội đồng" if denominator_kind == VoteDenominator.ALL_MEMBERS else "số thành viên tham gia biểu quyết"
    if threshold_percent is None:
        return f"trên 50% {of}"
    value = f"{Decimal(threshold_percent).normalize():f}".replace(".", ",")
    return f"từ {value}% {of} trở lên"


def tally(
    choices: Iterable[str], *, members_total: int, participants: int, threshold_percent: Decimal | None, denominator_kind: str
) -> Tally:
    """Count one nominee's votes.

    members_total: voting members of the council; participants: those present plus absent members
    who sent a written opinion. With no threshold in the catalogue a simple majority (> 50 %) applies;
    abstentions count in the denominator, never as "yes"; a tie does not pass.
    """
    choices = list(choices)
    yes, no, abstain = choices.count(YES), choices.count(NO), choices.count(ABSTAIN)
    denominator = members_total if denominator_kind == VoteDenominator.ALL_MEMBERS else participants
    if denominator <= 0:
        return Tally(yes, no, abstain, 0, Decimal(0), False, threshold_label(threshold_percent, denominator_kind))
    percent = (Decimal(yes * 100) / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if threshold_percent is None:
        passed = yes * 2 > denominator
    else:
        passed = Decimal(yes * 100) >= Decimal(threshold_percent) * denominator
    return Tally(yes, no, abstain, denominator, percent, passed, threshold_label(threshold_percent, denominator_kind))
