"""GET /api/v1/dossiers/status/{receipt}/: what the receipt holder needs, for dossiers the service
account may see (404 otherwise), with results only once decided."""

import pytest

from accounts.enums import Role
from dossiers.enums import DossierStatus
from dossiers.models import Dossier
from dossiers.services import dossier_transition
from tests.factories import user_with_role

from .conftest import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_api(make_client, portal_user):
    _client, token = make_client(portal_user, ["read_status"])
    return api_for(token)


def test_decided_dossier_shows_each_result_and_the_decision(status_api, decided_dossier, issued):
    body = status_api.get("/api/v1/dossiers/status/2025-00007/").json()
    assert {k: body[k] for k in ("receipt_number", "external_reference", "status", "due_date", "return_reason")} == {
        "receipt_number": "2025-00007",
        "external_reference": None,
        "status": {"code": "da_quyet_dinh", "label": "Đã có kết quả"},
        "due_date": "2025-02-14",
        "return_reason": "",
    }
    assert body["unit"] == {"code": "xa-a", "name": "UBND xã Cự Khê"}
    approved = {"code": "duoc_khen", "label": "Được khen thưởng"}
    assert body["nominees"] == [
        {
            "full_name": "Nguyễn Thị Hoa",
            "subject": {"code": "ca_nhan", "label": "Cá nhân"},
            "award": {"code": "ldtt", "name": "Lao động tiên tiến"},
            "outcome": approved,
            "outcome_reason": "",
            "decision": {"number": "01/QĐ-UBND", "date": "2025-01-15", "status": {"code": "da_ban_hanh", "label": "Đã ban hành"}},
        },
        {
            "full_name": "Lê Văn Tùng",
            "subject": {"code": "ca_nhan", "label": "Cá nhân"},
            "award": {"code": "cstd-tinh", "name": "Chiến sĩ thi đua cấp tỉnh"},
            "outcome": approved,
            "outcome_reason": "",
            "decision": None,  # proposed upward (tờ trình): the province decides
        },
        {
            "full_name": "Đỗ Thị Lan",
            "subject": {"code": "ca_nhan", "label": "Cá nhân"},
            "award": {"code": "ldtt", "name": "Lao động tiên tiến"},
            "outcome": {"code": "khong_duoc_khen", "label": "Không được khen thưởng"},
            "outcome_reason": "Chưa đủ 10 tháng công tác trong năm.",
            "decision": None,
        },
    ]


def test_no_personal_details_beyond_the_result(status_api, decided_dossier):
    body = status_api.get("/api/v1/dossiers/status/2025-00007/").json()
    assert set(body["nominees"][0]) == {"full_name", "subject", "award", "outcome", "outcome_reason", "decision"}
    text = str(body)
    assert "1980-01-01" not in text and "Công chức Văn hóa" not in text


def test_results_stay_hidden_until_the_dossier_is_decided(status_api, decided_dossier):
    Dossier.objects.filter(pk=decided_dossier.pk).update(status=DossierStatus.AT_COUNCIL)
    nominees = status_api.get("/api/v1/dossiers/status/2025-00007/").json()["nominees"]
    assert [(n["outcome"], n["outcome_reason"], n["decision"]) for n in nominees] == [(None, "", None)] * 3


def test_returned_dossier_shows_what_to_supplement(status_api, decided_dossier, office_staff):
    Dossier.objects.filter(pk=decided_dossier.pk).update(status=DossierStatus.RECEIVED)
    decided_dossier.refresh_from_db()
    dossier_transition(decided_dossier, to=DossierStatus.RETURNED, by=office_staff, note="Bổ sung biên bản họp bình xét.")
    body = status_api.get("/api/v1/dossiers/status/2025-00007/").json()
    assert (body["status"]["code"], body["return_reason"]) == ("yeu_cau_bo_sung", "Bổ sung biên bản họp bình xét.")


def test_other_units_dossiers_are_404(make_client, decided_dossier, unit_b):
    clerk_b_service = user_with_role(Role.UNIT_CLERK, unit_b, username="mot-cua-b")
    _client, token = make_client(clerk_b_service, ["read_status"])
    response = api_for(token).get("/api/v1/dossiers/status/2025-00007/")
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy hồ sơ có số tiếp nhận này."})


def test_unknown_receipt_is_404(status_api, decided_dossier):
    assert status_api.get("/api/v1/dossiers/status/2025-99999/").status_code == 404


def test_lookup_by_reference_is_only_for_the_client_that_sent_it(status_api, portal_api, award_round):
    from .conftest import payload

    assert portal_api.post("/api/v1/dossiers/", payload(award_round), format="json").status_code == 201
    assert portal_api.get("/api/v1/dossiers/reference/H10-250115-0001/").status_code == 200
    # Another client of the same service account sees the dossier by receipt, not by the sender's reference.
    assert status_api.get("/api/v1/dossiers/reference/H10-250115-0001/").status_code == 404


def test_status_costs_the_same_however_many_nominees(status_api, decided_dossier, django_assert_max_num_queries):
    from dossiers.models import Nominee

    first = decided_dossier.nominees.first()
    Nominee.objects.bulk_create(
        [
            Nominee(dossier=decided_dossier, subject="ca_nhan", award=first.award, full_name=f"Người {i}", sort_order=10 + i)
            for i in range(40)
        ]
    )
    with django_assert_max_num_queries(7):
        response = status_api.get("/api/v1/dossiers/status/2025-00007/")
    assert len(response.json()["nominees"]) == 43


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/dossiers/status/2025%0000007/",  # PostgreSQL refuses a NUL in a query: never send one
        "/api/v1/dossiers/status/2025 00007/",
        "/api/v1/dossiers/status/" + "9" * 31 + "/",
        "/api/v1/dossiers/reference/H10%00/",
        "/api/v1/decisions/1%00/",
        "/api/v1/decisions/abc/",
        "/api/v1/dossiers/status/2025-00007",  # no trailing slash
    ],
)
def test_odd_addresses_are_a_json_404(status_api, decided_dossier, url):
    response = status_api.get(url)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Không có địa chỉ này trong API (các địa chỉ đều kết thúc bằng “/”)."},
    )
