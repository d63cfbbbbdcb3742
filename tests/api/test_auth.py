"""Token authentication, scopes and the request budget: deny by default."""

import hashlib

import pytest

from accounts.models import User
from api import services
from api.models import ApiClient, Scope

from .conftest import api_for

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("post", "/api/v1/dossiers/"),
    ("get", "/api/v1/dossiers/status/2025-00001/"),
    ("get", "/api/v1/dossiers/reference/H10-1/"),
    ("get", "/api/v1/rounds/"),
    ("get", "/api/v1/award-types/"),
    ("get", "/api/v1/decisions/"),
    ("get", "/api/v1/decisions/1/"),
    ("get", "/api/v1/awards/"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_every_endpoint_without_token_is_401_in_vietnamese(method, url):
    response = getattr(api_for(None), method)(url, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "Thiếu khóa truy cập: gửi tiêu đề Authorization: Bearer <khóa>."}


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_every_endpoint_with_a_wrong_token_is_401(method, url, portal):
    response = getattr(api_for("tdkt_khong-phai-khoa-that"), method)(url, format="json")
    assert (response.status_code, response.json()) == (401, {"detail": "Khóa truy cập không hợp lệ."})


def test_a_signed_in_portal_user_without_token_is_401(client, office_staff):
    """The API takes tokens only: a browser session of the portal opens nothing."""
    client.force_login(office_staff)
    assert client.get("/api/v1/decisions/").status_code == 401


def test_malformed_authorization_header_is_401(portal):
    api = api_for(None)
    api.credentials(HTTP_AUTHORIZATION="Bearer")
    assert api.get("/api/v1/rounds/").json() == {"detail": "Tiêu đề Authorization phải có dạng “Bearer <khóa>”."}
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {portal[1]} thừa")
    assert api.get("/api/v1/rounds/").status_code == 401


def test_token_keyword_is_accepted_too(portal):
    api = api_for(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {portal[1]}")
    assert api.get("/api/v1/rounds/").status_code == 200


def test_revoked_client_is_401(portal, system_admin):
    client, token = portal
    services.api_client_revoke(by=system_admin, client=client, reason="Cổng được thay bằng hệ thống mới.")
    response = api_for(token).get("/api/v1/rounds/")
    assert (response.status_code, response.json()) == (401, {"detail": "Khóa truy cập đã bị thu hồi."})


def test_client_whose_service_account_is_locked_is_401(portal, portal_user):
    User.objects.filter(pk=portal_user.pk).update(is_active=False)
    response = api_for(portal[1]).get("/api/v1/rounds/")
    assert (response.status_code, response.json()) == (401, {"detail": "Tài khoản dịch vụ của hệ thống này đã bị khóa."})


@pytest.mark.parametrize(
    ("url", "scope_needed"),
    [
        ("/api/v1/decisions/", Scope.READ_AWARDS),
        ("/api/v1/awards/", Scope.READ_AWARDS),
        ("/api/v1/dossiers/status/2025-00001/", Scope.READ_STATUS),
        ("/api/v1/rounds/", Scope.SUBMIT_DOSSIERS),
    ],
)
def test_client_without_the_scope_is_403(url, scope_needed, make_client, portal_user):
    others = [s for s in Scope.values if s != scope_needed]
    _client, token = make_client(portal_user, others)
    response = api_for(token).get(url)
    assert (response.status_code, response.json()) == (403, {"detail": "Hệ thống của bạn không được cấp phạm vi truy cập này."})


def test_submitting_needs_the_submit_scope(make_client, portal_user, award_round):
    from .conftest import payload

    _client, token = make_client(portal_user, [Scope.READ_STATUS])
    response = api_for(token).post("/api/v1/dossiers/", payload(award_round), format="json")
    assert response.status_code == 403


def test_only_the_hash_of_the_token_is_stored(portal):
    client, token = portal
    client.refresh_from_db()
    assert client.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert client.token_prefix == token[:12]
    stored = [str(v) for v in ApiClient.objects.filter(pk=client.pk).values().get().values()]
    assert token not in stored


def test_use_is_recorded(portal):
    client, token = portal
    assert client.last_used_at is None
    api_for(token).get("/api/v1/rounds/")
    client.refresh_from_db()
    assert client.last_used_at is not None


def test_each_client_has_its_own_request_budget(portal, make_client, portal_user, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_client": "2/minute"}}
    api = api_for(portal[1])
    assert [api.get("/api/v1/rounds/").status_code for _ in range(2)] == [200, 200]
    refused = api.get("/api/v1/rounds/")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Hệ thống gọi quá nhiều yêu cầu. Hãy thử lại sau ")
    assert int(refused["Retry-After"]) > 0
    _other, other_token = make_client(portal_user, [Scope.SUBMIT_DOSSIERS])
    assert api_for(other_token).get("/api/v1/rounds/").status_code == 200


def test_schema_is_public_and_other_methods_are_refused_in_vietnamese(portal):
    assert api_for(None).get("/api/v1/schema/?format=json").status_code == 200
    response = api_for(portal[1]).delete("/api/v1/rounds/")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức này không được hỗ trợ tại địa chỉ này."})


def test_unknown_version_is_404(portal):
    assert api_for(portal[1]).get("/api/v2/rounds/").status_code == 404
