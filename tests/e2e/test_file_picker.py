"""The portal's file picker (#14): Vietnamese words, and the chosen file's name written beside the button."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_picker_speaks_vietnamese_and_names_the_chosen_file(page, live_server, demo_data, login):
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(live_server.url + reverse("dossiers:ledger_import"))
    picker = page.locator("[data-file-picker]")
    expect(picker.get_by_text("Chọn tệp", exact=True)).to_be_visible()
    expect(picker.locator(".file-picker-name")).to_have_text("Chưa chọn tệp")
    picker.locator("input[type=file]").set_input_files(
        {"name": "so-khen-thuong.xlsx", "mimeType": "application/octet-stream", "buffer": b"x"}
    )
    expect(picker.locator(".file-picker-name")).to_have_text("so-khen-thuong.xlsx")
