import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from tests.e2e.helpers import pick_unit

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

# (demo username, a heading or text of the panel that role must see)
ROLE_PANELS = [
    ("quantri", "Quản trị hệ thống"),
    ("noivu", "Đơn vị chưa có cán bộ phụ trách TĐKT"),
    ("vanthu.kimbai", "Đơn vị của tôi"),
    ("thutruong.kimbai", "Đơn vị của tôi"),
    ("hoidong", "Hội đồng Thi đua – Khen thưởng huyện"),
    ("chutich", "Hội đồng Thi đua – Khen thưởng huyện"),
]


@pytest.mark.parametrize(("username", "panel_text"), ROLE_PANELS)
def test_each_demo_role_sees_its_dashboard_in_vietnamese(page, live_server, demo_data, login, screenshot, username, panel_text):
    login(page, username, DEMO_PASSWORD)
    full_name = User.objects.get(username=username).full_name
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Xin chào, {full_name}")
    expect(page.get_by_text(panel_text).first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, f"dashboard-{username}")


def test_clerk_menu_has_no_staff_pages(page, live_server, demo_data, login):
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    nav = page.locator("#mainNav")
    expect(nav.get_by_role("link", name="Đơn vị")).to_be_visible()
    expect(nav.get_by_role("link", name="Người dùng")).to_have_count(0)
    response = page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/")
    assert response.status == 403


def test_wrong_password_shows_vietnamese_error(page, live_server, demo_data, login, screenshot):
    login(page, "noivu", "sai-mat-khau")
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("noivu")
    screenshot(page, "login-error")


def test_double_click_creates_one_account(page, live_server, demo_data, login, screenshot):
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/them/")
    page.get_by_label("Tên đăng nhập").fill("vanthu.binhminh")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hồng")
    page.get_by_label("Vai trò").select_option(label="Cán bộ phụ trách TĐKT của đơn vị")
    pick_unit(page, "binh minh", "UBND xã Bình Minh")
    page.get_by_label("Gửi thư mời đặt mật khẩu qua thư điện tử").uncheck()
    page.get_by_role("button", name="Lưu").dblclick()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Hồng")
    expect(page.get_by_text("Mật khẩu tạm của Nguyễn Thị Hồng là")).to_be_visible()
    assert User.objects.filter(username="vanthu.binhminh").count() == 1
    screenshot(page, "user-created")


def test_staff_pages_render(page, live_server, demo_data, login, screenshot):
    login(page, "noivu", DEMO_PASSWORD)
    for path, name, heading in [
        ("/don-vi/", "units", "Đơn vị"),
        ("/tai-khoan/nguoi-dung/", "users", "Người dùng"),
        ("/nhat-ky/", "audit", "Nhật ký thay đổi"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        screenshot(page, f"staff-{name}")
