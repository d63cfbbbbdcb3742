"""The CSTĐCS quota is the unit's in the round, counted across all of its dossiers (#14): a unit with 40 LĐTT in
one dossier and 1 CSTĐCS in another is within it, and splitting the proposals over dossiers does not escape it."""

import datetime

import pytest

from dossiers.enums import CommendationKind, DossierStatus, Subject, TaskRating
from dossiers.models import AwardRound, AwardType, Dossier, Nominee
from dossiers.services.verdicts import eligibility_refresh
from tests.clock import at

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 12, 7))]
OVER = "Số đề nghị CSTĐCS của đơn vị ({cstdcs}) vượt 15% số LĐTT ({ldtt}): tối đa {allowed}."


@pytest.fixture
def award_round(province):
    return AwardRound.objects.create(
        authority=province, name="Tổng kết năm 2026", year=2026, commendation_kind=CommendationKind.REGULAR
    )


def dossier_of(unit, clerk, award_round, *, ldtt=0, cstdcs=0, status=DossierStatus.DRAFT) -> Dossier:
    dossier = Dossier.objects.create(
        unit=unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title="Đề nghị khen thưởng năm 2026",
        created_by=clerk,
        status=status,
    )
    for code, count in (("ldtt", ldtt), ("cstdcs", cstdcs)):
        award = AwardType.objects.get(code=code)
        Nominee.objects.bulk_create(
            Nominee(
                dossier=dossier,
                subject=Subject.INDIVIDUAL,
                award=award,
                full_name=f"Lò Văn {code.upper()} {dossier.pk}-{i + 1}",
                gender="nam",
                date_of_birth=datetime.date(1985, 3, 12),
                task_rating=TaskRating.EXCELLENT,
                months_worked=12,
                initiative_ref="Sáng kiến số 12/QĐ-UBND" if code == "cstdcs" else "",
            )
            for i in range(count)
        )
    return dossier


def quota_reasons(dossier: Dossier) -> set[str]:
    return {r for n in dossier.nominees.all() for r in n.verdict_reasons if "vượt" in r}


def test_lao_dong_tien_tien_of_another_dossier_count(unit_a, clerk_a, award_round):
    dossier_of(unit_a, clerk_a, award_round, ldtt=40)
    cstdcs = dossier_of(unit_a, clerk_a, award_round, cstdcs=1)
    eligibility_refresh(dossier=cstdcs)
    assert quota_reasons(cstdcs) == set()  # 15 % of 40 allows 6 (per dossier it said "tối đa 0")


def test_splitting_the_proposals_does_not_escape_the_quota(unit_a, clerk_a, award_round):
    dossier_of(unit_a, clerk_a, award_round, ldtt=10)
    first = dossier_of(unit_a, clerk_a, award_round, cstdcs=1)
    eligibility_refresh(dossier=first)
    assert quota_reasons(first) == set()  # 1 of 10 LĐTT: within 15 %
    second = dossier_of(unit_a, clerk_a, award_round, cstdcs=1)
    eligibility_refresh(dossier=second)
    over = OVER.format(cstdcs=2, ldtt=10, allowed=1)
    assert quota_reasons(second) == {over}
    assert quota_reasons(first) == {over}  # the first dossier's verdict follows the second one


def test_other_units_other_rounds_and_withdrawn_dossiers_do_not_count(unit_a, clerk_a, award_round):
    from tests.factories import UnitFactory

    other_unit = UnitFactory()
    dossier_of(other_unit, clerk_a, award_round, ldtt=40)
    other_round = AwardRound.objects.create(
        authority=award_round.authority, name="Chuyên đề", year=2026, commendation_kind=CommendationKind.REGULAR
    )
    dossier_of(unit_a, clerk_a, other_round, ldtt=40)
    dossier_of(unit_a, clerk_a, award_round, ldtt=40, status=DossierStatus.WITHDRAWN)
    cstdcs = dossier_of(unit_a, clerk_a, award_round, ldtt=1, cstdcs=1)
    eligibility_refresh(dossier=cstdcs)
    assert quota_reasons(cstdcs) == {OVER.format(cstdcs=1, ldtt=1, allowed=0)}
