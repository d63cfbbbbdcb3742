"""decisions_draft asks the catalogue who decides each award on the day the draft is made (#13 item 2): a
commune decides its LĐTT and proposes CSTĐ tỉnh upward, a district still decides LĐTT, a row closed by a date
turns the next draft into a Tờ trình, and the national awards of the upward kinds always go up."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import decisions
from awards.models import Decision
from dossiers.enums import DossierStatus, Outcome, TaskRating, Verdict
from dossiers.models import AwardDecider, AwardRound, AwardType, Dossier, Nominee
from units.models import Authority

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 7, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _decided_round(authority, unit, clerk, codes, kind="thuong_xuyen"):
    """A round of `authority` whose council approved one nominee for each award code."""
    award_round = AwardRound.objects.create(authority=authority, name="Tổng kết năm 2026", year=2026, commendation_kind=kind)
    dossier = Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind=kind, title="Đề nghị khen thưởng năm 2026", created_by=clerk
    )
    for order, code in enumerate(codes, start=1):
        award = AwardType.objects.get(code=code)
        Nominee.objects.create(
            dossier=dossier,
            subject=award.subject,
            award=award,
            full_name=f"Người được đề nghị {order}",
            task_rating=TaskRating.EXCELLENT,
            months_worked=12,
            appraisal_verdict=Verdict.ELIGIBLE,
            outcome=Outcome.APPROVED,
            sort_order=order,
        )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.DECIDED)
    return award_round


def _kinds(drafts):
    return {d.award.code: d.kind for d in drafts}


def test_a_commune_decides_its_ldtt_and_proposes_cstd_tinh_upward(commune_x):
    award_round = _decided_round(commune_x.authority, commune_x.unit, commune_x.clerk, ["ldtt", "cstd-tinh", "gia-dinh-van-hoa"])
    drafts = decisions.decisions_draft(by=commune_x.office, award_round=award_round)
    assert _kinds(drafts) == {
        "ldtt": Decision.Kind.DECISION,
        "gia-dinh-van-hoa": Decision.Kind.DECISION,
        "cstd-tinh": Decision.Kind.PROPOSAL,
    }


def test_a_district_still_decides_ldtt_and_proposes_a_huan_chuong(unit_a, clerk_a, office_staff):
    district = Authority.root()
    district.level = "huyen"
    district.save()
    award_round = _decided_round(district, unit_a, clerk_a, ["ldtt", "cstdcs", "huan-chuong-lao-dong-hang-ba"])
    drafts = decisions.decisions_draft(by=office_staff, award_round=award_round)
    assert _kinds(drafts) == {
        "ldtt": Decision.Kind.DECISION,
        "cstdcs": Decision.Kind.DECISION,
        "huan-chuong-lao-dong-hang-ba": Decision.Kind.PROPOSAL,
    }


def test_closing_the_communes_row_makes_the_next_draft_a_proposal(commune_x):
    AwardDecider.objects.filter(award__code="ldtt", level="xa").update(valid_to=datetime.date(2026, 12, 6))
    award_round = _decided_round(commune_x.authority, commune_x.unit, commune_x.clerk, ["ldtt"])
    (draft,) = decisions.decisions_draft(by=commune_x.office, award_round=award_round)
    assert draft.kind == Decision.Kind.PROPOSAL


@pytest.mark.parametrize(
    "kind, code",
    [
        ("cong_hien", "huan-chuong-lao-dong-hang-ba"),
        ("nien_han", "huy-chuong-chien-si-ve-vang-hang-ba"),
        ("doi_ngoai", "huy-chuong-huu-nghi"),
    ],
)
def test_a_commune_round_of_an_upward_kind_makes_a_proposal(commune_x, kind, code):
    award_round = _decided_round(commune_x.authority, commune_x.unit, commune_x.clerk, [code], kind=kind)
    (draft,) = decisions.decisions_draft(by=commune_x.office, award_round=award_round)
    assert draft.kind == Decision.Kind.PROPOSAL
    assert draft.round.get_commendation_kind_display() in {"Quá trình cống hiến", "Theo niên hạn", "Đối ngoại"}


def _draft_queries(commune, codes):
    award_round = _decided_round(commune.authority, commune.unit, commune.clerk, codes)
    with CaptureQueriesContext(connection) as captured:
        drafts = decisions.decisions_draft(by=commune.office, award_round=award_round)
    assert len(drafts) == len(codes)
    return [q["sql"] for q in captured.captured_queries]


def test_who_decides_is_read_once_whatever_the_number_of_awards(commune_x, commune_y):
    one = _draft_queries(commune_x, ["ldtt"])
    four = _draft_queries(commune_y, ["ldtt", "cstd-tinh", "gia-dinh-van-hoa", "gk-xa-ca-nhan"])
    assert len([sql for sql in one if "dossiers_awarddecider" in sql]) == 1
    assert len([sql for sql in four if "dossiers_awarddecider" in sql]) == 1
    # Each further award costs only its writes (its draft, its lines, its audit): the reads stay as many.
    reads = [len([sql for sql in run if sql.startswith("SELECT")]) for run in (one, four)]
    assert reads[0] == reads[1]
