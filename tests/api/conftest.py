import base64
import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.enums import Role
from api import services
from api.models import Scope
from dossiers.enums import CommendationKind
from dossiers.models import AwardRound
from tests.factories import user_with_role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALL_SCOPES = list(Scope.values)


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    """The request budget lives in the cache: every test starts with a full one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_client(system_admin):
    """make_client(user, scopes) -> (ApiClient, token), made through the service as an administrator."""
    counter = iter(range(1, 1000))

    def make(user, scopes=ALL_SCOPES, name=None):
        return services.api_client_create(by=system_admin, name=name or f"Hệ thống thử {next(counter)}", user=user, scopes=scopes)

    return make


@pytest.fixture
def portal_user(unit_a):
    """The service account of the public-service portal: clerk of unit A only."""
    return user_with_role(Role.UNIT_CLERK, unit_a, full_name="Cổng dịch vụ công tỉnh", username="cong-dvc")


@pytest.fixture
def portal(make_client, portal_user):
    return make_client(portal_user, [Scope.SUBMIT_DOSSIERS, Scope.READ_STATUS], name="Cổng dịch vụ công tỉnh")


def api_for(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def portal_api(portal):
    return api_for(portal[1])


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(
        name="Tổng kết năm 2024",
        year=2024,
        commendation_kind=CommendationKind.REGULAR,
        # Open on any day the suite runs: the deadline and ceremony follow the clock, never a fixed year.
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )


def payload(award_round, unit_code="xa-a", reference="H10-250115-0001", **overrides):
    """A complete dossier as the public-service portal sends it: one LĐTT, the proposal and the minutes."""
    data = {
        "external_reference": reference,
        "unit": unit_code,
        "award_round": award_round.pk,
        "title": "Đề nghị khen thưởng tổng kết năm 2024",
        "nominees": [
            {
                "subject": "ca_nhan",
                "award": "ldtt",
                "full_name": "Nguyễn Thị Hoa",
                "gender": "nu",
                "date_of_birth": "1985-03-12",
                "months_worked": 12,
                "task_rating": "tot",
                "position": "Công chức Văn hóa – Xã hội",
            }
        ],
        "attachments": [
            {"component": "to_trinh", "file_name": "to-trinh.pdf", "content_base64": b64(PDF)},
            {"component": "bien_ban", "file_name": "bien-ban.pdf", "content_base64": b64(PDF)},
        ],
    }
    data.update(overrides)
    return data


@pytest.fixture
def province_user(db):
    """The service account of the provincial TĐKT database: no role in the portal at all."""
    from tests.factories import UserFactory

    return UserFactory(username="csdl-tinh", full_name="Cơ sở dữ liệu TĐKT tỉnh")


@pytest.fixture
def province(make_client, province_user):
    return make_client(province_user, [Scope.READ_AWARDS], name="Cơ sở dữ liệu TĐKT tỉnh")


@pytest.fixture
def province_api(province):
    return api_for(province[1])


@pytest.fixture
def decided_dossier(unit_a, clerk_a, office_staff):
    """A received dossier the council decided: two approved (LĐTT, CSTĐ tỉnh), one rejected with a reason."""
    from django.utils import timezone

    from dossiers.enums import DossierStatus, Outcome, Subject, TaskRating, Verdict
    from dossiers.models import AwardType, Dossier, Nominee
    from dossiers.services import dossier_transition
    from units.models import Authority

    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        short_name="UBND huyện Thanh Oai",
        parent_name="UBND THÀNH PHỐ HÀ NỘI",
        place_name="Thanh Oai",
        chair_name="Bùi Văn Hải",
        level="huyen",
        parent_addressee="Chủ tịch UBND thành phố Hà Nội",
    )
    award_round = AwardRound.objects.create(name="Tổng kết năm 2024 (đã xét)", year=2024, commendation_kind="thuong_xuyen")
    dossier = Dossier.objects.create(
        unit=unit_a,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đề nghị khen thưởng năm 2024",
        created_by=clerk_a,
        status=DossierStatus.AT_COUNCIL,
        submitted_at=timezone.now(),
        received_at=timezone.now(),
        receipt_number="2025-00007",
        due_date=datetime.date(2025, 2, 14),
    )
    people = [
        ("Nguyễn Thị Hoa", "ldtt", Outcome.APPROVED, ""),
        ("Lê Văn Tùng", "cstd-tinh", Outcome.APPROVED, ""),
        ("Đỗ Thị Lan", "ldtt", Outcome.REJECTED, "Chưa đủ 10 tháng công tác trong năm."),
    ]
    for order, (name, code, outcome, reason) in enumerate(people, start=1):
        Nominee.objects.create(
            dossier=dossier,
            subject=Subject.INDIVIDUAL,
            award=AwardType.objects.get(code=code),
            full_name=name,
            gender="nu",
            date_of_birth=datetime.date(1980, 1, order),
            position="Công chức Văn hóa – Xã hội",
            task_rating=TaskRating.EXCELLENT,
            months_worked=12,
            appraisal_verdict=Verdict.ELIGIBLE,
            outcome=outcome,
            outcome_reason=reason,
            sort_order=order,
        )
    return dossier_transition(dossier, to=DossierStatus.DECIDED, by=office_staff)


@pytest.fixture
def issued(decided_dossier, office_staff):
    """The LĐTT decision (01/QĐ-UBND, 15/01/2025) and the proposal upward for CSTĐ tỉnh (16/01/2025), issued."""
    from awards import decisions

    drafts = {d.award.code: d for d in decisions.decisions_draft(by=office_staff, award_round=decided_dossier.round)}
    decision = decisions.decision_issue(
        by=office_staff, decision=drafts["ldtt"], date=datetime.date(2025, 1, 15), signer="tm", proposal_ref=""
    )
    proposal = decisions.decision_issue(
        by=office_staff, decision=drafts["cstd-tinh"], date=datetime.date(2025, 1, 16), signer="kt", proposal_ref=""
    )
    return decision, proposal
