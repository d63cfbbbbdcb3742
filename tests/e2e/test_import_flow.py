import io

import openpyxl
import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from dossiers.excel import NOMINEE_COLUMNS
from dossiers.models import Dossier

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)


def _workbook(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for column, spec in enumerate(NOMINEE_COLUMNS, start=1):
        sheet.cell(row=1, column=column, value=spec.label)
    keys = [c.key for c in NOMINEE_COLUMNS]
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            sheet.cell(row=r, column=keys.index(key) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = {
    "full_name": "Hoàng Thị Lụa",
    "gender": "Nữ",
    "date_of_birth": "02/09/1987",
    "months_worked": 12,
    "task_rating": "Hoàn thành tốt nhiệm vụ",
    "award": "ldtt",
}
BAD = {
    "full_name": "Vi Văn Mạnh",
    "date_of_birth": "31/02/1980",
    "months_worked": 12,
    "task_rating": "Hoàn thành tốt nhiệm vụ",
    "award": "ldtt",
}


def test_clerk_imports_nominees_after_fixing_the_file(page, live_server, demo_data, login, screenshot):
    dossier = Dossier.objects.get(title="Đề nghị khen thưởng tổng kết năm 2026", unit__code="tt-kim-bai")
    before = dossier.nominees.count()
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.locator("input[type=file]").set_input_files(
        {"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": _workbook([GOOD, BAD])}
    )
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.get_by_role("table").get_by_text("Dòng 3: ngày sinh “31/02/1980” không hợp lệ (dd/mm/yyyy).")).to_be_visible()
    screenshot(page, "import-preview-errors")
    assert dossier.nominees.count() == before

    page.locator("input[type=file]").set_input_files(
        {
            "name": "danh-sach.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": _workbook([GOOD, {**BAD, "date_of_birth": "28/02/1980"}]),
        }
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.get_by_role("button", name="Lưu 2 người vào hồ sơ").click()
    expect(page.get_by_text("Đã thêm 2 người vào hồ sơ.")).to_be_visible()
    assert dossier.nominees.count() == before + 2
    screenshot(page, "import-saved")
