"""GET /api/v1/decisions/ and /api/v1/awards/: what was signed, for the provincial database."""

import copy
import datetime

import pytest

from accounts.enums import Role
from api.models import Scope
from awards.models import Decision
from dossiers.models import AwardRecord, AwardType, Person
from tests.factories import UnitFactory, user_with_role

from .conftest import api_for

pytestmark = pytest.mark.django_db


def _copies(decision, count, *, start=datetime.date(2024, 3, 1)):
    """More issued decisions with the same frozen content (one issue renders a PDF: slow)."""
    rows = []
    for i in range(count):
        rows.append(
            Decision(
                kind=decision.kind,
                round=decision.round,
                award=decision.award,
                status=Decision.Status.ISSUED,
                title=decision.title,
                number=f"{i + 2:02d}/QĐ-UBND",
                sequence=i + 2,
                date=start + datetime.timedelta(days=i),
                snapshot=copy.deepcopy(decision.snapshot),
                issued_at=decision.issued_at,
                created_by=decision.created_by,
            )
        )
    Decision.objects.bulk_create(rows)


def test_issued_decisions_as_signed(province_api, issued):
    decision, proposal = issued
    body = province_api.get("/api/v1/decisions/").json()
    assert (body["count"], [d["number"] for d in body["results"]]) == (2, ["01/TTr-UBND", "01/QĐ-UBND"])
    row = body["results"][1]
    assert {k: row[k] for k in ("id", "kind", "status", "date", "year", "title", "award", "total_amount", "pdf_sha256")} == {
        "id": decision.pk,
        "kind": {"code": "quyet_dinh", "label": "Quyết định khen thưởng"},
        "status": {"code": "da_ban_hanh", "label": "Đã ban hành"},
        "date": "2025-01-15",
        "year": 2024,
        "title": "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024",
        "award": {"code": "ldtt", "name": "Lao động tiên tiến"},
        "total_amount": 700_000,
        "pdf_sha256": decision.pdf_sha256,
    }
    assert row["authority"] == {
        "name": "ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "parent_name": "",
        "level": "huyen",
    }
    # Lao động tiên tiến is the Chairman's own award: he signs in his own name, not for the committee.
    assert row["signer"] == {"on_behalf": "", "signing_line": "", "title": "CHỦ TỊCH", "name": "Bùi Văn Hải"}
    assert row["lines"] == [
        {
            "subject": {"code": "ca_nhan", "label": "Cá nhân"},
            "full_name": "Nguyễn Thị Hoa",
            "position": "Công chức Văn hóa – Xã hội",
            "unit": "UBND xã Cự Khê",
            "award": "Lao động tiên tiến",
            "amount": 700_000,
        }
    ]
    assert province_api.get(f"/api/v1/decisions/{decision.pk}/").json() == row


def test_names_are_those_signed_not_later_edits(province_api, issued):
    decision, _proposal = issued
    line = decision.lines.get()
    line.nominee.full_name = "Nguyễn Thị Hoa (đã sửa)"
    line.nominee.save()
    assert province_api.get(f"/api/v1/decisions/{decision.pk}/").json()["lines"][0]["full_name"] == "Nguyễn Thị Hoa"


def test_drafts_never_leave_the_portal(province_api, decided_dossier, office_staff):
    from awards import decisions

    draft = decisions.decisions_draft(by=office_staff, award_round=decided_dossier.round)[0]
    assert province_api.get("/api/v1/decisions/").json()["count"] == 0
    assert province_api.get(f"/api/v1/decisions/{draft.pk}/").status_code == 404


def test_revoked_decisions_are_listed_as_revoked(province_api, issued, office_staff):
    from awards import decisions

    decision, _proposal = issued
    decisions.decision_revoke(by=office_staff, decision=decision, reason="Nhầm đối tượng.")
    row = province_api.get(f"/api/v1/decisions/{decision.pk}/").json()
    assert (row["status"]["code"], row["revoked_reason"]) == ("da_thu_hoi", "Nhầm đối tượng.")


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("year=2025", ["01/TTr-UBND", "01/QĐ-UBND"]),
        ("year=2024", ["04/QĐ-UBND", "03/QĐ-UBND", "02/QĐ-UBND"]),
        ("issued_from=2024-03-02&issued_to=2025-01-15", ["01/QĐ-UBND", "04/QĐ-UBND", "03/QĐ-UBND"]),
        ("issued_from=2025-01-16", ["01/TTr-UBND"]),
        ("kind=to_trinh", ["01/TTr-UBND"]),
    ],
)
def test_filters(province_api, issued, query, numbers):
    _copies(issued[0], 3)  # 01/03, 02/03, 03/03/2024
    body = province_api.get(f"/api/v1/decisions/?{query}").json()
    assert [d["number"] for d in body["results"]] == numbers
    assert body["count"] == len(numbers)


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("issued_from=15/01/2025", {"issued_from": ["Ngày không đúng định dạng: dùng YYYY-MM-DD."]}),
        ("issued_from=2025-02-01&issued_to=2025-01-01", {"issued_to": ["Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."]}),
        ("year=hai-nghin", {"year": ["Cần một số nguyên."]}),
        ("kind=nghi_quyet", {"kind": ["“nghi_quyet” không phải lựa chọn hợp lệ."]}),
    ],
)
def test_bad_filters_are_400_in_vietnamese(province_api, query, errors):
    response = province_api.get(f"/api/v1/decisions/?{query}")
    assert (response.status_code, response.json()) == (400, errors)


def test_pages(province_api, issued):
    _copies(issued[0], 5)
    first = province_api.get("/api/v1/decisions/?page_size=3").json()
    assert (first["count"], len(first["results"])) == (7, 3)
    assert first["next"].endswith("/api/v1/decisions/?page=2&page_size=3")
    last = province_api.get("/api/v1/decisions/?page_size=3&page=3").json()
    assert len(last["results"]) == 1
    missing = province_api.get("/api/v1/decisions/?page=9")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Trang không tồn tại."})


def test_decision_list_costs_the_same_for_3_or_60_rows(province_api, issued, django_assert_max_num_queries):
    _copies(issued[0], 1)
    province_api.get("/api/v1/decisions/")  # the client's first use is recorded once: measure after it
    # One query more than before #13, and fixed: the authority the account acts in (the root, for an
    # account granted the scope without a role).
    with django_assert_max_num_queries(5):
        small = province_api.get("/api/v1/decisions/?page_size=200")
    _copies(issued[0], 57, start=datetime.date(2023, 1, 1))
    with django_assert_max_num_queries(5):
        large = province_api.get("/api/v1/decisions/?page_size=200")
    assert (small.json()["count"], len(large.json()["results"])) == (3, 60)


def test_who_may_read_every_decision(province_user, portal_user, office_staff, council_member, clerk_a, province):
    """The portal's readers of decisions, plus a client granted the "read awards" scope; a unit's
    clerk, and the provincial service account outside an API request, may not."""
    assert [u.has_perm("api.read_issued_decisions") for u in (office_staff, council_member, clerk_a, portal_user)] == [
        True,
        True,
        False,
        False,
    ]
    assert province_user.has_perm("api.read_issued_decisions") is False
    province_user.api_client = province[0]
    assert province_user.has_perm("api.read_issued_decisions") is True


def test_unit_client_with_the_awards_scope_but_a_revoked_grant_is_refused(province, province_user, system_admin):
    from api import services

    client, token = province
    services.api_client_update(by=system_admin, client=client, name=client.name, scopes=[Scope.READ_STATUS])
    assert api_for(token).get("/api/v1/decisions/").status_code == 403


# --- The ledger ----------------------------------------------------------------------------------


@pytest.fixture
def ledger(issued):
    """The two awards of the decided dossier, plus rows imported from earlier years' books."""
    ldtt = AwardType.objects.get(code="ldtt")
    school = UnitFactory(name="Trường THCS Kim Bài", code="thcs-kim-bai")
    person = Person.objects.create(full_name="Phạm Văn Đức", date_of_birth=datetime.date(1975, 5, 20), unit=school)
    AwardRecord.objects.create(
        year=2022,
        award=ldtt,
        person=person,
        source=AwardRecord.Source.IMPORT,
        decision_number="12/QĐ-UBND",
        decision_date=datetime.date(2023, 1, 10),
    )
    AwardRecord.objects.create(
        year=2023,
        award=AwardType.objects.get(code="ttldtt"),
        collective_unit=school,
        collective_name="Trường THCS Kim Bài",
        source=AwardRecord.Source.IMPORT,
        decision_number="20/QĐ-UBND",
        decision_date=datetime.date(2024, 1, 12),
    )
    return school


def test_ledger_rows_with_their_decisions(province_api, ledger):
    body = province_api.get("/api/v1/awards/").json()
    assert body["count"] == 3
    rows = [(r["year"], r["award"]["code"], r["holder"]["name"], r["decision_number"]) for r in body["results"]]
    assert rows == [
        (2024, "ldtt", "Nguyễn Thị Hoa", "01/QĐ-UBND"),
        (2023, "ttldtt", "Trường THCS Kim Bài", "20/QĐ-UBND"),
        (2022, "ldtt", "Phạm Văn Đức", "12/QĐ-UBND"),
    ]
    # Proposed upward, not decided yet: only when asked for.
    pending = province_api.get("/api/v1/awards/?has_decision=false").json()["results"]
    assert [(r["award"]["code"], r["holder"]["name"], r["decision_number"]) for r in pending] == [
        ("cstd-tinh", "Lê Văn Tùng", None)
    ]
    collective = body["results"][1]
    assert collective["holder"] == {
        "kind": {"code": "tap_the", "label": "Tập thể"},
        "name": "Trường THCS Kim Bài",
        "date_of_birth": None,
        "unit": {"code": "thcs-kim-bai", "name": "Trường THCS Kim Bài"},
    }
    assert collective["source"] == {"code": "nhap_excel", "label": "Nhập từ Excel (năm trước)"}
    person = body["results"][0]
    assert (person["holder"]["date_of_birth"], person["holder"]["unit"]["code"], person["decision_date"]) == (
        "1980-01-01",
        "xa-a",
        "2025-01-15",
    )


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("year=2024", 1),
        ("year=2022", 1),
        ("award=ldtt", 2),
        ("year=2024&award=ldtt", 1),
        ("has_decision=true", 3),
        ("has_decision=false", 1),
    ],
)
def test_ledger_filters(province_api, ledger, query, count):
    assert province_api.get(f"/api/v1/awards/?{query}").json()["count"] == count


def test_ledger_filter_with_a_null_character_is_400(province_api):
    response = province_api.get("/api/v1/awards/?award=ld%00tt")
    assert (response.status_code, response.json()) == (400, {"award": ["Không được dùng ký tự null (\\x00)."]})


def test_ledger_costs_the_same_for_3_or_79_rows(province_api, ledger, django_assert_max_num_queries):
    province_api.get("/api/v1/awards/")  # the client's first use is recorded once: measure after it
    with django_assert_max_num_queries(5):  # as the decisions: the acting authority is one more, fixed
        small = province_api.get("/api/v1/awards/?page_size=200").json()
    ldtt = AwardType.objects.get(code="ldtt")
    people = Person.objects.bulk_create(
        [Person(full_name=f"Người thứ {i}", date_of_birth=datetime.date(1990, 1, 1), unit=ledger) for i in range(76)]
    )
    AwardRecord.objects.bulk_create(
        [AwardRecord(year=2021, award=ldtt, person=p, source="nhap_excel", decision_number="03/QĐ-UBND") for p in people]
    )
    with django_assert_max_num_queries(5):
        large = province_api.get("/api/v1/awards/?page_size=200").json()
    assert (small["count"], len(large["results"])) == (3, 79)


def test_ledger_needs_the_grant(make_client, ledger):
    clerk_service = user_with_role(Role.UNIT_CLERK, ledger, username="truong-kim-bai")
    _client, token = make_client(clerk_service, [Scope.READ_STATUS])
    assert api_for(token).get("/api/v1/awards/").status_code == 403
