"""A regime's successor pays bonuses as its predecessor did (#14): the bonus policy follows the regime created in
the admin, and the seeded Luật 06/2026 regime has NĐ 152/2025's."""

import datetime

import pytest

from awards.enums import UP
from awards.models import BonusPolicy
from dossiers.models import Regime
from dossiers.services.regimes import regime_successor_create

pytestmark = pytest.mark.django_db


def test_the_seeded_luat_06_2026_regime_pays_as_nd_152_does():
    nd152 = BonusPolicy.objects.get(regime__code="nd-152-2025")
    new = BonusPolicy.objects.get(regime__code="luat-06-2026")
    assert (new.rounding_mode, new.fund_source) == (nd152.rounding_mode, nd152.fund_source)


def test_a_successor_takes_its_predecessors_bonus_policy(system_admin):
    system_admin.is_superuser = True
    system_admin.save()
    latest = Regime.objects.order_by("-valid_from").first()
    policy = BonusPolicy.objects.get(regime=latest)
    policy.rounding_mode = UP
    policy.fund_source = "Quỹ thi đua, khen thưởng của tỉnh"
    policy.save()
    successor = Regime(
        code="nd-thay-152",
        name="Nghị định thay thế Nghị định 152/2025/NĐ-CP",
        valid_from=latest.valid_from + datetime.timedelta(days=200),
        copied_from=latest,
    )
    regime_successor_create(by=system_admin, regime=successor)
    copied = BonusPolicy.objects.get(regime=successor)
    assert (copied.rounding_mode, copied.fund_source) == (UP, "Quỹ thi đua, khen thưởng của tỉnh")
