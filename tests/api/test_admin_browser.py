"""In Chromium: an administrator creates an API client in the admin and sees its token once."""

import os
from pathlib import Path

import pytest

from api.models import ApiClient
from tests.factories import PASSWORD

from .conftest import api_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "screenshots"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1366, "height": 900}}


def test_administrator_creates_a_client_and_copies_its_token(page, live_server, system_admin, portal_user):
    system_admin.is_staff = True
    system_admin.is_superuser = True
    system_admin.save()
    page.goto(f"{live_server.url}/quan-tri/login/?next=/quan-tri/api/apiclient/add/")
    page.fill("#id_username", system_admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/quan-tri/api/apiclient/add/")
    page.fill("#id_name", "Cổng dịch vụ công tỉnh")
    page.click(".field-user .select2-selection")  # the autocomplete of the admin
    page.fill(".select2-search__field", "cong-dvc")
    page.click(".select2-results__option >> text=Cổng dịch vụ công tỉnh")
    page.check("input[name=scopes][value=submit_dossiers]")
    page.check("input[name=scopes][value=read_status]")
    page.click("input[name=_save]")
    page.wait_for_selector("#api-token")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-client-token.png"), full_page=True)

    token = page.input_value("#api-token")
    client = ApiClient.objects.get()
    assert token.startswith(client.token_prefix)
    assert "chỉ hiển thị một lần" in page.inner_text("#content-main")
    assert api_for(token).get("/api/v1/rounds/").status_code == 200

    page.click("text=Đã lưu khóa, quay lại danh sách")
    page.wait_for_url("**/quan-tri/api/apiclient/")
    assert token not in page.content()
    page.screenshot(path=str(SCREENSHOTS / "api-client-list.png"), full_page=True)

    # Revoking asks for a reason, then the token is refused.
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "revoke")
    page.click("button[name=index]")
    page.wait_for_selector("#id_reason")
    page.click("input[value='Thu hồi khóa']")
    page.wait_for_selector(".errorlist")
    assert "Hãy ghi lý do thu hồi." in page.inner_text(".errorlist")
    page.fill("#id_reason", "Cổng được thay bằng hệ thống mới.")
    page.screenshot(path=str(SCREENSHOTS / "api-client-revoke.png"), full_page=True)
    page.click("input[value='Thu hồi khóa']")
    page.wait_for_url("**/quan-tri/api/apiclient/")
    assert "Đã thu hồi khóa của “Cổng dịch vụ công tỉnh”." in page.inner_text(".messagelist")
    assert api_for(token).get("/api/v1/rounds/").status_code == 401
