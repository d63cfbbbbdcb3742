"""The office's top menu at the common office screen widths (#14): the notification bell and the account
menu stay inside the window, on one row, without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _inside(page, locator) -> None:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None, "not drawn"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{box} outside 0..{width}"
    assert box["y"] + box["height"] <= 120, f"{box}: the menu wraps onto a second row"


@pytest.mark.parametrize("width", [1280, 1366])
def test_office_menu_fits(page, live_server, demo_data, login, screenshot, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(page, "noivu", DEMO_PASSWORD)
    nav = page.locator("#mainNav")
    bell = nav.locator("a[href$='/thong-bao/']").first
    account = nav.locator(".nav-item.dropdown > .dropdown-toggle").last
    expect(bell).to_be_visible()
    expect(account).to_be_visible()
    screenshot(page, f"top-menu-{width}")
    _inside(page, bell)
    _inside(page, account)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    account.click()
    expect(nav.get_by_role("button", name="Đăng xuất")).to_be_visible()
