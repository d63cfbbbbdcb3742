"""A table wider than the screen scrolls sideways; a keyboard user reaches it (#14, axe-core's
scrollable-region-focusable): static/js/portal.js makes each overflowing .table-responsive a focusable, named
region, and takes it back when the window grows and the table fits."""

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_table_wider_than_a_phone_is_a_named_focusable_region(page, live_server, demo_data, login):
    page.set_viewport_size({"width": 390, "height": 800})
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/")
    box = page.locator(".table-responsive").first
    assert page.evaluate("(el) => el.scrollWidth > el.clientWidth", box.element_handle())
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    assert "bảng cuộn ngang" in box.get_attribute("aria-label").lower()
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=box.element_handle())
    # On a wide screen the same table fits: no stop for the keyboard where there is nothing to scroll.
    page.set_viewport_size({"width": 1920, "height": 800})
    page.wait_for_function("(el) => !el.hasAttribute('tabindex')", arg=box.element_handle())
    assert box.get_attribute("role") is None
