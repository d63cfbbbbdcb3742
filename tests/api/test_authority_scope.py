"""The API in a province with communes (#13): a client acts as its service account, in the authority that
account acts in (its first, no session); another authority's dossiers, rounds, units, decisions and ledger
rows are not found and never listed."""

import copy
import datetime

import pytest
from django.utils import timezone

from accounts.enums import Role
from api.models import Scope
from awards.models import Decision
from dossiers.enums import CommendationKind, DossierStatus
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier
from tests.authorities import make_commune, make_province
from tests.factories import user_with_role

from .conftest import ALL_SCOPES, api_for, payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/dossiers/"


@pytest.fixture
def commune(db):
    """Commune Phong Thổ under the province (the `province` fixture of this folder is an API client)."""
    return make_commune("xa-phong-tho", "Phong Thổ", parent=make_province())


def _open_round(authority, name):
    return AwardRound.objects.create(
        name=name,
        year=2024,
        commendation_kind=CommendationKind.REGULAR,
        authority=authority,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )


@pytest.fixture
def commune_api(commune, make_client):
    """The commune's public-service portal account: clerk of the commune's school."""
    _client, token = make_client(commune.clerk, [Scope.SUBMIT_DOSSIERS, Scope.READ_STATUS], name="Cổng xã Phong Thổ")
    return api_for(token)


def test_a_commune_client_lists_and_submits_to_its_own_rounds_and_units_only(commune, commune_api, award_round, unit_a):
    own = _open_round(commune.authority, "Tổng kết năm 2024 xã Phong Thổ")
    listed = commune_api.get("/api/v1/rounds/").json()
    assert [r["id"] for r in listed] == [own.pk]  # the province's open round is not offered
    refused = commune_api.post(URL, payload(award_round, unit_code=commune.unit.code), format="json")
    assert (refused.status_code, refused.json()["award_round"]) == (400, [f"Không có đợt xét mã {award_round.pk}."])
    refused = commune_api.post(URL, payload(own, unit_code=unit_a.code), format="json")
    assert (refused.status_code, refused.json()["unit"]) == (400, [f"Không có đơn vị đang hoạt động mã “{unit_a.code}”."])
    assert Dossier.objects.count() == 0
    accepted = commune_api.post(URL, payload(own, unit_code=commune.unit.code), format="json")
    assert accepted.status_code == 201
    assert Dossier.objects.get().authority == commune.authority


def _received(unit, award_round, by, receipt):
    return Dossier.objects.create(
        unit=unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title=f"Hồ sơ {unit.name}",
        created_by=by,
        status=DossierStatus.RECEIVED,
        receipt_number=receipt,
    )


def test_the_same_receipt_number_in_two_authorities_answers_the_clients_own(
    commune, make_client, unit_a, clerk_a, office_staff, award_round
):
    """Each authority numbers what it receives: the province's office account reads the province's dossier,
    the commune's clerk account the commune's, and neither the other's."""
    province_dossier = _received(unit_a, award_round, clerk_a, "2025-00001")
    commune_dossier = _received(commune.unit, _open_round(commune.authority, "Đợt xã"), commune.clerk, "2025-00001")
    answers = {}
    for name, user in (("tinh", office_staff), ("xa", commune.clerk)):
        api = api_for(make_client(user, [Scope.READ_STATUS])[1])
        answers[name] = api.get("/api/v1/dossiers/status/2025-00001/").json()["title"]
    assert answers == {"tinh": province_dossier.title, "xa": commune_dossier.title}
    commune_dossier.delete()
    api = api_for(make_client(commune.clerk, [Scope.READ_STATUS])[1])
    assert api.get("/api/v1/dossiers/status/2025-00001/").status_code == 404


@pytest.fixture
def commune_decision(commune, issued):
    """An issued decision and a ledger row of the commune (the province's are the `issued` fixture's)."""
    template = issued[0]
    decision = Decision.objects.create(
        kind=template.kind,
        round=_open_round(commune.authority, "Đợt xã"),
        award=template.award,
        status=Decision.Status.ISSUED,
        title="Quyết định của xã",
        number="01/QĐ-UBND",
        sequence=1,
        date=datetime.date(2025, 2, 1),
        snapshot=copy.deepcopy(template.snapshot),
        issued_at=template.issued_at,
        created_by=template.created_by,
    )
    AwardRecord.objects.create(
        year=2024,
        award=AwardType.objects.get(code="ldtt"),
        collective_unit=commune.unit,
        collective_name="Tổ khối 1 Phong Thổ",
        decision_number="01/QĐ-UBND",
        decision_date=datetime.date(2025, 2, 1),
    )
    assert decision.authority == commune.authority
    return decision


def test_the_provinces_reader_never_sees_a_communes_decisions_or_ledger(province_api, issued, commune_decision):
    decisions = province_api.get("/api/v1/decisions/").json()
    assert sorted(d["id"] for d in decisions["results"]) == sorted(d.pk for d in issued)
    assert province_api.get(f"/api/v1/decisions/{commune_decision.pk}/").status_code == 404
    names = [row["holder"]["name"] for row in province_api.get("/api/v1/awards/").json()["results"]]
    assert "Tổ khối 1 Phong Thổ" not in names


def test_a_communes_reader_sees_its_own_decisions_only(commune, make_client, issued, commune_decision):
    office = user_with_role(Role.OFFICE_STAFF, authority=commune.authority, full_name="CSDL xã Phong Thổ")
    api = api_for(make_client(office, ALL_SCOPES)[1])
    assert [d["id"] for d in api.get("/api/v1/decisions/").json()["results"]] == [commune_decision.pk]
    assert api.get(f"/api/v1/decisions/{issued[0].pk}/").status_code == 404
    assert [row["holder"]["name"] for row in api.get("/api/v1/awards/").json()["results"]] == ["Tổ khối 1 Phong Thổ"]
