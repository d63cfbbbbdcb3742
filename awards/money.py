"""Bonus money: coefficient × the base salary in force on the decision date, rounded to tens of
thousands of đồng (nearest by default, or up), with the exact product kept; amounts in words."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from dossiers.models import AwardRule, BaseSalary, Regime

from .enums import NEAREST, UP
from .models import BonusPolicy

ROUND_TO = 10_000


def round_amount(exact: Decimal, *, mode: str = NEAREST, step: int = ROUND_TO) -> int:
    units = (Decimal(exact) / step).quantize(Decimal(1), rounding=ROUND_CEILING if mode == UP else ROUND_HALF_UP)
    return int(units) * step


@dataclass(frozen=True)
class Bonus:
    coefficient: Decimal
    base_salary: int
    exact: Decimal
    amount: int


def bonus(*, coefficient: Decimal | None, base_salary: int, mode: str = NEAREST) -> Bonus | None:
    if coefficient is None:
        return None
    exact = Decimal(coefficient) * base_salary
    return Bonus(coefficient=Decimal(coefficient), base_salary=base_salary, exact=exact, amount=round_amount(exact, mode=mode))


def bonus_for_award(*, award, decided_on: datetime.date) -> Bonus | None:
    """The bonus of `award` decided on `decided_on`, from the catalogue in force that day."""
    regime = Regime.for_date(decided_on)
    salary = BaseSalary.for_date(decided_on)
    if regime is None or salary is None:
        return None
    rule = AwardRule.objects.filter(award=award, regime=regime).first()
    policy = BonusPolicy.objects.filter(regime=regime).first()
    return bonus(
        coefficient=rule.coefficient if rule else None,
        base_salary=salary.amount,
        mode=policy.rounding_mode if policy else NEAREST,
    )


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _three(n: int, *, full: bool) -> str:
    """Words for 0–999; `full` spells the hundreds even when zero ("không trăm") inside a number."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if hundreds or full:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_in_words(n: int) -> str:
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_in_words(-n)
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    if len(groups) > len(_SCALES):
        raise ValueError("số quá lớn")
    words = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            words.append(_three(groups[index], full=bool(words)))
            if _SCALES[index]:
                words.append(_SCALES[index])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """700000 → "Bảy trăm nghìn đồng"."""
    text = number_in_words(int(amount))
    return f"{text[0].upper()}{text[1:]} đồng"


def format_money(amount: int) -> str:
    return f"{int(amount):,}".replace(",", ".")
