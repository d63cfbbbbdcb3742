import datetime
from decimal import Decimal

import pytest

from awards.models import BonusPolicy
from awards.money import UP, amount_in_words, bonus, bonus_for_award, format_money, round_amount
from dossiers.models import AwardType, Regime
from tests.clock import at


def test_ldtt_decided_15_01_2025_exact_and_rounded():
    result = bonus(coefficient=Decimal("0.3"), base_salary=2_340_000)
    assert (result.exact, result.amount) == (Decimal("702000.0"), 700_000)


def test_rounding_up_mode():
    assert round_amount(Decimal("702000"), mode=UP) == 710_000
    assert round_amount(Decimal("700000"), mode=UP) == 700_000


def test_rounding_nearest_half_goes_up():
    assert round_amount(Decimal("705000")) == 710_000
    assert round_amount(Decimal("704999")) == 700_000


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (700_000, "Bảy trăm nghìn đồng"),
        (702_000, "Bảy trăm linh hai nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_020_000, "Hai triệu không trăm hai mươi nghìn đồng"),
        (2_000_000, "Hai triệu đồng"),
        (1_234_567, "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng"),
        (20_240_000, "Hai mươi triệu hai trăm bốn mươi nghìn đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_format_money():
    assert format_money(1_234_000) == "1.234.000"


@pytest.mark.django_db
def test_ldtt_from_the_catalogue_on_15_01_2025():
    result = bonus_for_award(award=AwardType.objects.get(code="ldtt"), decided_on=datetime.date(2025, 1, 15))
    assert (result.base_salary, result.exact, result.amount) == (2_340_000, Decimal("702000.00"), 700_000)


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 7, 2))  # decided_on is given; the pinned clock keeps any default off the real date
def test_ttldtt_after_july_2026_uses_2530000():
    result = bonus_for_award(award=AwardType.objects.get(code="ttldtt"), decided_on=datetime.date(2026, 7, 2))
    assert (result.coefficient, result.base_salary, result.exact, result.amount) == (
        Decimal("0.80"),
        2_530_000,
        Decimal("2024000.00"),
        2_020_000,
    )


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 6, 30))  # decided_on is given; the pinned clock keeps any default off the real date
def test_ttldtt_before_july_2026_uses_2340000():
    result = bonus_for_award(award=AwardType.objects.get(code="ttldtt"), decided_on=datetime.date(2026, 6, 30))
    assert (result.base_salary, result.amount) == (2_340_000, 1_870_000)


@pytest.mark.django_db
def test_rounding_mode_is_configured_per_regime():
    BonusPolicy.objects.filter(regime=Regime.objects.get(code="nd-98-2023")).update(rounding_mode=UP)
    result = bonus_for_award(award=AwardType.objects.get(code="ldtt"), decided_on=datetime.date(2025, 1, 15))
    assert result.amount == 710_000


@pytest.mark.django_db
def test_household_multiplier_exists_only_from_nd_152():
    household = AwardType.objects.get(code="gk-huyen-ho")
    assert bonus_for_award(award=household, decided_on=datetime.date(2025, 3, 1)) is None
    assert bonus_for_award(award=household, decided_on=datetime.date(2025, 9, 1)).amount == round_amount(
        Decimal("0.45") * 2_340_000
    )
