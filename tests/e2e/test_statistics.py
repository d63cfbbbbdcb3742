"""The office opens its dashboard and the statistics, follows a figure to its list and downloads the
list as Excel; the cells are read back."""

import datetime

import openpyxl
import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from reports.statistics import Period, statistics

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)


def test_office_follows_a_figure_from_the_dashboard_to_an_excel_file(page, live_server, demo_data, login, screenshot, tmp_path):
    login(page, "noivu", DEMO_PASSWORD)
    panel = page.locator("#panel-figures")
    expect(panel).to_be_visible()
    # Chart.js drew the dashboard's charts from the page's data.
    assert page.evaluate("Boolean(document.getElementById('chart-pipeline').chart)")

    panel.get_by_role("link", name="Mở trang thống kê").click()
    page.get_by_label("Từ ngày").fill("01/01/2025")
    page.get_by_label("Tính đến ngày").fill("30/06/2025")
    page.get_by_role("button", name="Thống kê").click()
    expect(page.get_by_text("Từ 01/01/2025, tính đến ngày 30/06/2025")).to_be_visible()

    stats = statistics(Period(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)))
    assert stats["totals"]["total"] > 0  # the demo's history
    expect(page.locator('[data-figure="total"]')).to_have_text(str(stats["totals"]["total"]))
    drawn = page.evaluate("document.getElementById('chart-awards').chart.data.datasets[0].data")
    assert drawn == [row["count"] for row in stats["by_award"]]
    screenshot(page, "statistics-office")

    page.locator("#shares").get_by_role("link", name="Nữ", exact=True).click()
    expect(page.locator("#honoured-count")).to_have_text(str(stats["totals"]["nu"]))
    first_row = page.locator("#honoured tbody tr").first.locator("td")
    shown = [first_row.nth(1).locator("a").inner_text()] + [first_row.nth(i).inner_text().strip() for i in (2, 5, 6)]

    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất Excel").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value.startswith("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
    assert [cell.value for cell in sheet[2]][:2] == ["STT", "Tập thể, cá nhân"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == stats["totals"]["nu"]
    first = rows[0]
    assert first[0] == 1
    assert first[2] == "Nữ"
    assert isinstance(first[10], datetime.datetime)
    assert [first[1], first[5], first[9], f"{first[10]:%d/%m/%Y}"] == shown
