import hashlib
import re
import time

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services, two_factor
from accounts.models import RecoveryCode
from core.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def code_at(device, windows=0):
    """The code an authenticator app shows for `device`, `windows` 30-second steps from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + windows * device.step
    return f"{totp.token():06d}"


def wrong_code(device):
    right = {code_at(device, w) for w in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


@pytest.fixture
def secured(db):
    """A user who turned two-step sign-in on through the real service (code of the current window)."""
    user = UserFactory(username="bao.mat", full_name="Đinh Thị Mai")
    device = services.two_factor_begin(user=user)
    codes = services.two_factor_enable(user=user, device=device, code=code_at(device))
    device.refresh_from_db()
    return user, device, codes


def password_step(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


# --- Turning it on -------------------------------------------------------------------------------


def test_setup_page_shows_qr_and_secret(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:two_factor_setup"))
    body = response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert response.status_code == 200
    assert "Bật xác thực hai bước" in body
    assert "Mã xác thực 6 chữ số" in body
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr">', body)
    assert two_factor.secret_display(device) in body
    assert device.confirmed is False


def test_setup_wrong_code_is_refused_and_keeps_user_on_step(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": wrong_code(device)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mã xác thực không đúng." in body
    assert TOTPDevice.objects.get(user=user).confirmed is False
    assert RecoveryCode.objects.filter(user=user).count() == 0


def test_setup_right_code_enables_and_shows_recovery_codes_once_stored_hashed(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": code_at(device)})
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor_recovery_codes")
    assert TOTPDevice.objects.get(user=user).confirmed is True

    page = client.get(reverse("accounts:two_factor_recovery_codes"))
    body = page.content.decode()
    shown = re.findall(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b", body)
    assert len(shown) == 10
    assert "chỉ hiển thị một lần" in body
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert stored == {hashlib.sha256(code.replace("-", "").encode()).hexdigest() for code in shown}
    assert not any(code in stored or code.replace("-", "") in stored for code in shown)

    again = client.get(reverse("accounts:two_factor_recovery_codes"))
    assert again.status_code == 302
    assert again.url == reverse("accounts:profile")

    entry = AuditEntry.objects.get(action="two_factor_enable")
    assert entry.actor == user
    assert entry.changes == {"two_factor": [False, True]}
    secret = two_factor.secret_b32(device)
    assert all(secret not in str(e.changes) + e.note for e in AuditEntry.objects.all())


def test_profile_shows_two_factor_state(client, secured):
    user, _device, _codes = secured
    client.force_login(user)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "Đang bật" in body
    assert "Còn 10 mã dự phòng chưa dùng." in body


# --- Signing in ------------------------------------------------------------------------------------


def test_login_password_step_alone_does_not_log_in(client, secured):
    user, _device, _codes = secured
    response = password_step(client, user)
    assert response.status_code == 302
    assert response.url == reverse("login_two_factor")
    assert "_auth_user_id" not in client.session
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 302
    assert dashboard.url.startswith(reverse("login"))
    page = client.get(reverse("login_two_factor"))
    assert "Xác thực hai bước" in page.content.decode()


def test_login_with_right_totp_logs_in_and_goes_to_next(client, secured):
    user, device, _codes = secured
    password_step(client, user, next_url=reverse("accounts:profile"))
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert two_factor.PENDING_SESSION_KEY not in client.session
    assert client.get(reverse("dashboard")).status_code == 200


def test_login_wrong_code_is_refused_and_keeps_user_on_step(client, secured, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay after a failure is tested below
    user, device, _codes = secured
    password_step(client, user)
    response = client.post(reverse("login_two_factor"), {"code": wrong_code(device)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã được dùng. Còn 4 lần thử." in body
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 1
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_right_code_right_after_a_wrong_one_is_throttled(client, secured):
    user, device, _codes = secured
    password_step(client, user)
    client.post(reverse("login_two_factor"), {"code": wrong_code(device)})
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 200
    assert "Vui lòng chờ vài giây rồi nhập lại mã." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_replayed_code_is_refused(client, secured):
    user, device, _codes = secured
    code = code_at(device, 1)
    password_step(client, user)
    assert client.post(reverse("login_two_factor"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    password_step(client, user)
    response = client.post(reverse("login_two_factor"), {"code": code})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã được dùng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_code_made_at_setup_cannot_be_replayed(client, secured):
    user, device, _codes = secured
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + device.last_t * device.step  # the window of the set-up code
    password_step(client, user)
    response = client.post(reverse("login_two_factor"), {"code": f"{totp.token():06d}"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_recovery_code_works_once(client, secured, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user, _device, codes = secured
    password_step(client, user)
    response = client.post(reverse("login_two_factor"), {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "còn 9 mã" in response.content.decode()
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == 9
    assert AuditEntry.objects.filter(action="two_factor_recovery_used", object_id=str(user.pk)).count() == 1
    client.post(reverse("logout"))
    password_step(client, user)
    response = client.post(reverse("login_two_factor"), {"code": codes[0]})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã được dùng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_too_many_wrong_codes_restart_at_password_step(client, secured, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.AXES_FAILURE_LIMIT = 20  # the portal's own limit per half-login acts first
    user, device, _codes = secured
    password_step(client, user)
    for _attempt in range(two_factor.MAX_CODE_FAILURES - 1):
        assert client.post(reverse("login_two_factor"), {"code": wrong_code(device)}).status_code == 200
    response = client.post(reverse("login_two_factor"), {"code": wrong_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Nhập sai mã quá 5 lần. Vui lòng đăng nhập lại từ đầu." in response.content.decode()
    assert two_factor.PENDING_SESSION_KEY not in client.session
    # The right code no longer helps: the password step comes first again.
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_login_code_step_without_password_step_goes_back(client, secured):
    _user, device, _codes = secured
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_login_tampered_marker_goes_back(client, secured):
    user, device, _codes = secured
    password_step(client, user)
    session = client.session
    session[two_factor.PENDING_SESSION_KEY] = session[two_factor.PENDING_SESSION_KEY][:-2] + "xx"
    session.save()
    response = client.post(reverse("login_two_factor"), {"code": code_at(device, 1)})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_login_without_two_factor_is_unchanged(client):
    user = UserFactory()
    response = password_step(client, user)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


# --- Required for roles, reset, turning it off --------------------------------------------------------


def test_required_role_without_two_factor_is_sent_to_setup(client, settings, office_staff, clerk_a):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["office_staff", "admin"]
    client.force_login(office_staff)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor_setup")
    setup = client.get(reverse("accounts:two_factor_setup"))
    assert "Vai trò của bạn bắt buộc dùng xác thực hai bước." in setup.content.decode()
    device = TOTPDevice.objects.get(user=office_staff)
    client.post(reverse("accounts:two_factor_setup"), {"code": code_at(device)})
    assert client.get(reverse("dashboard")).status_code == 200
    client.force_login(clerk_a)
    assert client.get(reverse("dashboard")).status_code == 200


def test_admin_reset_is_audited(client, system_admin, secured):
    user, _device, _codes = secured
    client.force_login(system_admin)
    detail = client.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert "Đặt lại xác thực hai bước" in detail
    response = client.post(reverse("accounts:user_two_factor_reset", args=[user.pk]), follow=True)
    assert "Đã đặt lại xác thực hai bước của Đinh Thị Mai" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).count() == 0
    assert RecoveryCode.objects.filter(user=user).count() == 0
    entry = AuditEntry.objects.get(action="two_factor_reset")
    assert entry.actor == system_admin
    assert entry.object_id == str(user.pk)
    client.logout()
    assert password_step(client, user).url == reverse("dashboard")


def test_reset_by_a_clerk_is_not_found(client, clerk_a, secured):
    """People are outside a clerk's scope: 404, as for someone who does not exist."""
    user, _device, _codes = secured
    client.force_login(clerk_a)
    response = client.post(reverse("accounts:user_two_factor_reset", args=[user.pk]))
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_disable_needs_the_password(client, secured):
    user, _device, _codes = secured
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor_disable"), {"disable-password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Mật khẩu không đúng." in response.content.decode()
    assert two_factor.has_two_factor(user) is True
    response = client.post(reverse("accounts:two_factor_disable"), {"disable-password": PASSWORD})
    assert response.status_code == 302
    assert two_factor.has_two_factor(user) is False
    assert RecoveryCode.objects.filter(user=user).count() == 0
    assert AuditEntry.objects.get(action="two_factor_disable").changes == {"two_factor": [True, False]}


def test_disable_refused_when_role_requires_it(client, settings, secured):
    user, _device, _codes = secured
    user.role_assignments.create(role="council_member")
    settings.TWO_FACTOR_REQUIRED_ROLES = ["council_member"]
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor_disable"), {"disable-password": PASSWORD})
    assert "Vai trò của bạn bắt buộc dùng xác thực hai bước nên không thể tắt." in response.content.decode()
    assert 'name="disable-password"' not in response.content.decode()
    assert two_factor.has_two_factor(user) is True


def test_regenerate_recovery_codes_replaces_the_old_ones(client, secured):
    user, _device, codes = secured
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor_regenerate"), {"regenerate-password": PASSWORD})
    assert response.url == reverse("accounts:two_factor_recovery_codes")
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert stored.isdisjoint({two_factor.recovery_hash(code) for code in codes})


def test_demo_seed_turns_two_factor_off(demo_data):
    from accounts.demo import seed_users
    from accounts.models import User
    from units.models import Unit

    noivu = User.objects.get(username="noivu")
    device = services.two_factor_begin(user=noivu)
    services.two_factor_enable(user=noivu, device=device, code=code_at(device))
    seed_users({unit.code: unit for unit in Unit.objects.all()})
    assert two_factor.has_two_factor(noivu) is False


def test_no_admin_page_shows_the_devices_secret_keys():
    from django.contrib import admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not admin.site.is_registered(TOTPDevice)
