import base64
import datetime

import pytest
from django.core.cache import cache
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
        submission_deadline=datetime.date(2030, 12, 15),
        ceremony_date=datetime.date(2031, 1, 20),
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
