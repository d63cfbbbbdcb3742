"""Administrators make, change, renew and revoke clients; each step is audited; the token is shown once."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from api import services
from api.models import ApiClient, Scope
from core.models import AuditEntry

from .conftest import api_for

pytestmark = pytest.mark.django_db


def _audit(client):
    return list(
        AuditEntry.objects.filter(object_id=str(client.pk), content_type__app_label="api").values_list(
            "action", "actor__username"
        )
    )


def test_create_returns_the_token_once_and_audits(system_admin, portal_user):
    client, token = services.api_client_create(
        by=system_admin, name="  Cổng  dịch vụ công tỉnh ", user=portal_user, scopes=[Scope.READ_STATUS, Scope.SUBMIT_DOSSIERS]
    )
    assert (client.name, client.scopes, client.created_by, client.is_active) == (
        "Cổng dịch vụ công tỉnh",
        ["submit_dossiers", "read_status"],
        system_admin,
        True,
    )
    assert token.startswith("tdkt_") and len(token) == 48
    assert _audit(client) == [("api_client_create", system_admin.username)]
    assert api_for(token).get("/api/v1/rounds/").status_code == 200


def test_office_staff_cannot_make_clients(office_staff, portal_user):
    with pytest.raises(PermissionDenied):
        services.api_client_create(by=office_staff, name="Cổng", user=portal_user, scopes=[Scope.READ_STATUS])
    assert ApiClient.objects.count() == 0


@pytest.mark.parametrize(
    ("scopes", "message"),
    [([], "Hãy chọn ít nhất một phạm vi được phép."), (["xoa_het"], "Phạm vi không hợp lệ: xoa_het.")],
)
def test_scopes_are_checked(system_admin, portal_user, scopes, message):
    with pytest.raises(ValidationError) as caught:
        services.api_client_create(by=system_admin, name="Cổng", user=portal_user, scopes=scopes)
    assert caught.value.message_dict == {"scopes": [message]}


def test_names_are_unique(system_admin, portal_user, portal):
    with pytest.raises(ValidationError) as caught:
        services.api_client_create(by=system_admin, name="Cổng dịch vụ công tỉnh", user=portal_user, scopes=["read_status"])
    assert list(caught.value.message_dict) == ["name"]


def test_update_audits_the_change(system_admin, portal):
    client, _token = portal
    services.api_client_update(by=system_admin, client=client, name="Cổng DVC", scopes=[Scope.READ_STATUS])
    entry = AuditEntry.objects.get(action="api_client_update")
    assert entry.changes == {
        "name": ["Cổng dịch vụ công tỉnh", "Cổng DVC"],
        "scopes": [["submit_dossiers", "read_status"], ["read_status"]],
    }


def test_revoke_needs_a_reason_happens_once_and_is_audited(system_admin, portal):
    client, token = portal
    with pytest.raises(ValidationError):
        services.api_client_revoke(by=system_admin, client=client, reason="  ")
    services.api_client_revoke(by=system_admin, client=client, reason="Lộ khóa")
    client.refresh_from_db()
    assert (client.is_active, client.revoked_reason) == (False, "Lộ khóa")
    with pytest.raises(ValidationError):
        services.api_client_revoke(by=system_admin, client=client, reason="Lần nữa")
    assert AuditEntry.objects.get(action="api_client_revoke").note == "Lộ khóa"
    assert api_for(token).get("/api/v1/rounds/").status_code == 401


def test_renewed_token_replaces_the_old_one(system_admin, portal):
    client, old = portal
    new = services.api_client_token_renew(by=system_admin, client=client)
    assert new != old
    assert api_for(old).get("/api/v1/rounds/").status_code == 401
    assert api_for(new).get("/api/v1/rounds/").status_code == 200
    assert AuditEntry.objects.get(action="api_client_token_renew").changes == {"token_prefix": [old[:12], new[:12]]}


def test_command_prints_the_token_once(system_admin, portal_user):
    out = io.StringIO()
    call_command(
        "api_client_create",
        "--scope=submit_dossiers",
        "--scope=read_status",
        name="Cổng dịch vụ công tỉnh",
        user=portal_user.username,
        by=system_admin.username,
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        "Đã tạo hệ thống “Cổng dịch vụ công tỉnh” (tài khoản dịch vụ: cong-dvc; "
        "phạm vi: Gửi hồ sơ điện tử (Cổng dịch vụ công); Tra cứu tình trạng hồ sơ).",
        "Khóa truy cập — chỉ hiển thị lần này, hãy lưu lại an toàn:",
    ]
    token = lines[2]
    assert api_for(token).get("/api/v1/rounds/").status_code == 200
    assert AuditEntry.objects.filter(action="api_client_create", actor=system_admin).count() == 1


def test_command_refuses_unknown_people_and_non_administrators(office_staff, portal_user):
    with pytest.raises(CommandError, match="Không có tài khoản “khong-co”."):
        call_command("api_client_create", "--scope=read_status", name="X", user="khong-co", by=office_staff.username)
    with pytest.raises(CommandError, match="không phải quản trị hệ thống"):
        call_command("api_client_create", "--scope=read_status", name="X", user=portal_user.username, by=office_staff.username)
    assert ApiClient.objects.count() == 0


# --- The admin pages ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, system_admin):
    system_admin.is_staff = True
    system_admin.save()
    client.force_login(system_admin)
    return client


def test_admin_add_shows_the_token_once(admin_client, portal_user, system_admin):
    response = admin_client.post(
        "/quan-tri/api/apiclient/add/",
        {"name": "Cổng dịch vụ công tỉnh", "user": portal_user.pk, "scopes": ["submit_dossiers", "read_status"]},
    )
    assert response.status_code == 200
    client = ApiClient.objects.get()
    token = response.context["token"]
    assert token.startswith(client.token_prefix)
    assert token in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert _audit(client) == [("api_client_create", system_admin.username)]
    assert api_for(token).get("/api/v1/rounds/").status_code == 200
    page = admin_client.get(f"/quan-tri/api/apiclient/{client.pk}/change/").content.decode()
    assert token not in page
    assert client.token_prefix in page


def test_admin_revoke_asks_for_a_reason(admin_client, portal):
    client, token = portal
    data = {"action": "revoke", "_selected_action": [client.pk]}
    asked = admin_client.post("/quan-tri/api/apiclient/", data)
    assert "Lý do thu hồi" in asked.content.decode()
    again = admin_client.post("/quan-tri/api/apiclient/", {**data, "confirm": "yes", "reason": ""})
    assert "Hãy ghi lý do thu hồi." in again.content.decode()
    client.refresh_from_db()
    assert client.is_active is True
    done = admin_client.post("/quan-tri/api/apiclient/", {**data, "confirm": "yes", "reason": "Lộ khóa"})
    assert done.status_code == 302
    client.refresh_from_db()
    assert (client.is_active, client.revoked_reason) == (False, "Lộ khóa")
    assert api_for(token).get("/api/v1/rounds/").status_code == 401


def test_admin_renew_shows_the_new_token(admin_client, portal):
    client, old = portal
    response = admin_client.post("/quan-tri/api/apiclient/", {"action": "renew_token", "_selected_action": [client.pk]})
    token = response.context["token"]
    assert api_for(token).get("/api/v1/rounds/").status_code == 200
    assert api_for(old).get("/api/v1/rounds/").status_code == 401


def test_admin_pages_are_for_administrators_only(client, office_staff):
    office_staff.is_staff = True
    office_staff.save()
    client.force_login(office_staff)
    assert client.get("/quan-tri/api/apiclient/").status_code == 403
