import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def code_from_secret(secret: str, windows: int = 0) -> str:
    """What an authenticator app shows for the secret typed from the page, `windows` 30-second steps from now."""
    raw = secret.replace(" ", "")
    app = TOTP(base64.b32decode(raw + "=" * (-len(raw) % 8)), step=30)
    app.time = time.time() + windows * 30
    return f"{app.token():06d}"


def test_user_enables_two_factor_then_signs_in_with_code(page, live_server, login, screenshot):
    UserFactory(username="mai.dinh", full_name="Đinh Thị Mai")
    login(page, "mai.dinh", PASSWORD)

    page.goto(f"{live_server.url}/tai-khoan/cua-toi/")
    page.get_by_role("link", name="Bật xác thực hai bước").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bật xác thực hai bước")
    expect(page.locator("svg.qr")).to_be_visible()
    screenshot(page, "two-factor-setup")
    secret = page.locator("#two-factor-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret)

    page.get_by_label("Mã xác thực 6 chữ số").fill("000000" if code_from_secret(secret) != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_text("Mã xác thực không đúng.")).to_be_visible()
    screenshot(page, "two-factor-setup-wrong-code")

    page.get_by_label("Mã xác thực 6 chữ số").fill(code_from_secret(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    screenshot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="Tôi đã lưu các mã").click()
    expect(page.locator("#two-factor")).to_contain_text("Đang bật")
    expect(page.locator("#two-factor")).to_contain_text("Còn 10 mã dự phòng chưa dùng.")
    screenshot(page, "two-factor-profile")

    page.locator(".nav-link.dropdown-toggle[title='Đinh Thị Mai']").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập", level=2)).to_be_visible()
    login(page, "mai.dinh", PASSWORD)
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    screenshot(page, "two-factor-login")
    # The set-up used this window's code, which cannot be used twice: the app's next code is accepted.
    page.get_by_label("Mã xác thực 6 chữ số hoặc mã dự phòng").fill(code_from_secret(secret, windows=1))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Đinh Thị Mai")
