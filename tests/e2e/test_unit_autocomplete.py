"""The unit pickers are autocompletes (Tom Select over units:autocomplete): typed without diacritics,
picked from the list, sent with the form — under the Content-Security-Policy (the page fixture's csp_watch)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.enums import Role
from accounts.models import User
from tests.e2e.helpers import pick_unit
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_dossier_list_filtered_by_a_unit_typed_without_diacritics(page, live_server, demo_data, login, screenshot):
    kim_bai = Unit.objects.get(code="tt-kim-bai")
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/")
    # The select holds no unit until one is chosen: the page does not carry every unit.
    assert page.locator("select[name=unit] option").count() == 1
    box = page.locator("#id_unit-ts-control")  # the input Tom Select puts in place of the select
    box.click()
    box.press_sequentially("kim bai", delay=30)
    suggestions = page.locator(".ts-dropdown .option")
    expect(suggestions.filter(has_text="UBND thị trấn Kim Bài")).to_be_visible()
    expect(suggestions.filter(has_text="Trường THCS Kim Bài")).to_be_visible()
    expect(suggestions.filter(has_text="UBND xã Cự Khê")).to_have_count(0)
    suggestions.filter(has_text="UBND thị trấn Kim Bài").click()
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(rf"unit={kim_bai.pk}\b"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("UBND thị trấn Kim Bài")
    for text in rows.all_inner_texts():
        assert "UBND thị trấn Kim Bài" in text
    # The chosen unit stays chosen on the filtered page.
    expect(page.locator(".ts-control .item")).to_have_text("UBND thị trấn Kim Bài")
    screenshot(page, "unit-autocomplete-dossier-filter")


def test_role_granted_for_a_unit_picked_by_typing(page, live_server, demo_data, login):
    member = User.objects.get(username="hoidong2")
    login(page, "quantri", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/{member.pk}/")
    page.locator("#id_role").select_option(value=Role.UNIT_CLERK.value)
    pick_unit(page, "xa bich", "UBND xã Bích Hòa")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.get_by_text("Đã giao vai trò.")).to_be_visible()
    assert member.role_assignments.filter(role=Role.UNIT_CLERK, unit__code="xa-bich-hoa").exists()


def test_nothing_found_is_said_in_vietnamese(page, live_server, demo_data, login):
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/")
    box = page.locator("#id_unit-ts-control")  # the input Tom Select puts in place of the select
    box.click()
    box.press_sequentially("khong co don vi nao", delay=20)
    expect(page.locator(".ts-dropdown")).to_contain_text("Không tìm thấy đơn vị")
