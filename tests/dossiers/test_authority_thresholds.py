"""Each authority's own thresholds (#13) as the dossiers use them: the CSTĐCS quota of the verdicts and the
processing time of a received dossier come from the dossier's authority, or the one above, or the catalogue."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers.enums import CommendationKind, DossierStatus, Subject, TaskRating
from dossiers.models import AwardRound, AwardType, Dossier, Nominee
from dossiers.services import dossier_transition
from dossiers.services.verdicts import eligibility_refresh
from dossiers.workdays import add_working_days

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 7, 9, 0)  # a Monday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _commune_dossier(place, *, ldtt: int, cstdcs: int, status=DossierStatus.DRAFT) -> Dossier:
    """A dossier of the commune's school with `ldtt` LĐTT and `cstdcs` CSTĐCS nominees, in the commune's round."""
    award_round = AwardRound.objects.create(
        authority=place.authority, name="Tổng kết năm 2026", year=2026, commendation_kind=CommendationKind.REGULAR
    )
    dossier = Dossier.objects.create(
        unit=place.unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title="Đề nghị khen thưởng năm 2026",
        created_by=place.clerk,
        status=status,
    )
    awards = [(AwardType.objects.get(code="ldtt"), ldtt), (AwardType.objects.get(code="cstdcs"), cstdcs)]
    for award, count in awards:
        for i in range(count):
            Nominee.objects.create(
                dossier=dossier,
                subject=Subject.INDIVIDUAL,
                award=award,
                full_name=f"Lò Văn {award.code.upper()} {i + 1}",
                gender="nam",
                date_of_birth=datetime.date(1985, 3, 12),
                task_rating=TaskRating.EXCELLENT,
                months_worked=12,
                initiative_ref="Sáng kiến số 12/QĐ-UBND" if award.code == "cstdcs" else "",
            )
    return dossier


def _quota_reasons(dossier: Dossier) -> set[str]:
    reasons = set()
    for nominee in eligibility_refresh(dossier=dossier):
        reasons |= {reason for reason in nominee.verdict_reasons if "vượt" in reason}
    return reasons


def test_blank_everywhere_the_regime_quota_holds(commune_x):
    # 2 CSTĐCS for 10 LĐTT: 15 % of 10 allows 1.
    dossier = _commune_dossier(commune_x, ldtt=10, cstdcs=2)
    assert _quota_reasons(dossier) == {"Số đề nghị CSTĐCS của đơn vị (2) vượt 15% số LĐTT (10): tối đa 1."}


def test_a_communes_own_quota_changes_the_cstdcs_verdict(commune_x, province):
    province.cstdcs_quota_percent = Decimal("10")
    province.save()
    commune = commune_x.authority
    commune.cstdcs_quota_percent = Decimal("20")  # its own, over the province's
    commune.save()
    dossier = _commune_dossier(commune_x, ldtt=10, cstdcs=2)
    assert _quota_reasons(dossier) == set()  # 20 % of 10 allows 2

    commune.cstdcs_quota_percent = Decimal("12.5")
    commune.save()
    assert _quota_reasons(dossier) == {
        "Số đề nghị CSTĐCS của đơn vị (2) vượt 12,5% số LĐTT (10): tối đa 1 (tỷ lệ do UBND xã Phong Thổ quy định)."
    }


def test_a_blank_commune_follows_the_provinces_quota(commune_x, province):
    province.cstdcs_quota_percent = Decimal("30")
    province.save()
    dossier = _commune_dossier(commune_x, ldtt=10, cstdcs=3)
    assert _quota_reasons(dossier) == set()  # 30 % of 10 allows 3; the regime's 15 % would allow 1

    province.cstdcs_quota_percent = Decimal("10")
    province.save()
    assert _quota_reasons(dossier) == {
        "Số đề nghị CSTĐCS của đơn vị (3) vượt 10% số LĐTT (10): tối đa 1 (tỷ lệ do UBND tỉnh Lai Châu quy định)."
    }


def test_the_verdicts_take_the_same_number_of_queries_wherever_the_quota_comes_from(commune_x, province):
    dossier = _commune_dossier(commune_x, ldtt=10, cstdcs=2)
    with CaptureQueriesContext(connection) as catalogue:
        eligibility_refresh(dossier=Dossier.objects.get(pk=dossier.pk))
    province.cstdcs_quota_percent = Decimal("10")
    province.save()
    with CaptureQueriesContext(connection) as inherited:
        eligibility_refresh(dossier=Dossier.objects.get(pk=dossier.pk))
    assert len(inherited) == len(catalogue)


def test_processing_days_set_on_the_province_give_a_communes_received_dossier_its_due_date(commune_x, province):
    province.processing_days = 7
    province.save()
    dossier = _commune_dossier(commune_x, ldtt=1, cstdcs=0, status=DossierStatus.SUBMITTED)
    dossier_transition(dossier, to=DossierStatus.RECEIVED, by=commune_x.office)
    dossier.refresh_from_db()
    assert dossier.due_date == add_working_days(datetime.date(2026, 12, 7), 7) == datetime.date(2026, 12, 16)


def test_a_communes_own_processing_days_come_before_the_provinces(commune_x, province):
    province.processing_days = 7
    province.save()
    commune_x.authority.processing_days = 3
    commune_x.authority.save()
    dossier = _commune_dossier(commune_x, ldtt=1, cstdcs=0, status=DossierStatus.SUBMITTED)
    dossier_transition(dossier, to=DossierStatus.RECEIVED, by=commune_x.office)
    dossier.refresh_from_db()
    assert dossier.due_date == datetime.date(2026, 12, 10)


def test_blank_everywhere_the_award_rule_gives_the_due_date(commune_x):
    dossier = _commune_dossier(commune_x, ldtt=1, cstdcs=0, status=DossierStatus.SUBMITTED)
    dossier_transition(dossier, to=DossierStatus.RECEIVED, by=commune_x.office)
    dossier.refresh_from_db()
    assert dossier.due_date == add_working_days(datetime.date(2026, 12, 7), 20)
