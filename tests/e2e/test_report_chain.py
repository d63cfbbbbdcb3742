"""In the browser: the office asks for the year-end report through Cụm thi đua số 1; a member sends it
to the cluster head, the head accepts it on the cluster page's report status and sends the cluster's
consolidated report; the office accepts that, and the cluster page shows the whole chain."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from campaigns.models import SubmissionRequest
from clusters.models import EmulationGroup

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026"


def _upload(page, name):
    page.get_by_label("Tệp văn bản").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Nộp văn bản").click()
    expect(page.get_by_role("alert").filter(has_text=f"Đã nộp {name}.")).to_be_visible()


def test_year_end_report_goes_member_to_head_to_office(page, live_server, demo_data, login, screenshot):
    today = timezone.localdate()
    member_due, head_due = today + datetime.timedelta(days=7), today + datetime.timedelta(days=14)
    group = EmulationGroup.objects.get(year=2026, name="Cụm thi đua số 1")

    # The office launches the chain from the cluster list, for Cụm 1 only.
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/?nam=2026")
    page.get_by_role("link", name="Yêu cầu báo cáo qua cụm, khối năm 2026").click()
    page.get_by_label("Tổng kết năm").check()
    for box in page.locator("input[name=groups]").all():
        box.uncheck()
    page.get_by_label("Cụm thi đua số 1 – trưởng: UBND thị trấn Kim Bài").check()
    page.get_by_label("Hạn các đơn vị gửi trưởng cụm, khối").fill(member_due.strftime("%d/%m/%Y"))
    page.get_by_label("Hạn trưởng cụm, khối gửi báo cáo tổng hợp").fill(head_due.strftime("%d/%m/%Y"))
    screenshot(page, "report-chain-form")
    page.get_by_role("button", name="Gửi yêu cầu báo cáo").click()
    expect(
        page.get_by_role("alert").filter(has_text="Đã yêu cầu 5 đơn vị thành viên gửi báo cáo cho trưởng cụm, khối")
    ).to_be_visible()
    members = SubmissionRequest.objects.get(title=f"{BASE} (đơn vị gửi trưởng cụm, khối)")
    heads = members.next_steps.get()

    # Cự Khê, a member, sends its report to the head.
    page.context.clear_cookies()
    login(page, "vanthu.cukhe", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/yeu-cau-nop/{members.pk}/")
    _upload(page, "tong-ket-2026-cu-khe.pdf")

    # Kim Bài, the head, sees it waiting on the cluster page and accepts it.
    page.context.clear_cookies()
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/")
    year_end = page.locator(f'section[data-request="{members.pk}"]')
    cu_khe = year_end.locator('tr[data-unit="UBND xã Cự Khê"]')
    expect(cu_khe.locator(".report-status")).to_have_text("Đã nộp, chờ trưởng cụm, khối xem xét")
    expect(year_end.locator("tr[data-unit]")).to_have_count(6)  # five members and the head's own report
    screenshot(page, "report-chain-group-head")
    cu_khe.get_by_role("link", name="Xem xét").click()
    page.locator('[id^="dv-"]').filter(has_text="UBND xã Cự Khê").get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_role("alert").filter(has_text="Đã chấp nhận văn bản của UBND xã Cự Khê.")).to_be_visible()

    # … then follows the chain to the next step and sends the cluster's consolidated report.
    page.locator("#chain").get_by_role("link", name=heads.title).click()
    _upload(page, "tong-ket-2026-cum-1.pdf")

    # The office accepts the consolidated report; the cluster page shows the whole chain.
    page.context.clear_cookies()
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/yeu-cau-nop/{heads.pk}/")
    page.locator('#board tr[data-unit="UBND thị trấn Kim Bài"]').get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_role("alert").filter(has_text="Đã chấp nhận văn bản của UBND thị trấn Kim Bài.")).to_be_visible()
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/")
    year_end = page.locator(f'section[data-request="{members.pk}"]')
    expect(year_end.locator('tr[data-unit="UBND xã Cự Khê"] .report-status')).to_have_text("Trưởng cụm, khối đã chấp nhận")
    expect(year_end.locator('tr[data-unit="UBND thị trấn Kim Bài"] .report-status')).to_have_text(
        "Cơ quan thường trực đã chấp nhận"
    )
    expect(year_end.locator('tr[data-unit="UBND xã Bích Hòa"] .report-status')).to_have_text("Chưa nộp")
    screenshot(page, "report-chain-group-office")

    # A member sees its own row and the head's, nobody else's.
    page.context.clear_cookies()
    login(page, "vanthu.cukhe", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/")
    rows = page.locator(f'section[data-request="{members.pk}"] tr[data-unit]')
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-unit", "UBND xã Cự Khê")
    expect(rows.nth(1)).to_have_attribute("data-unit", "UBND thị trấn Kim Bài")
