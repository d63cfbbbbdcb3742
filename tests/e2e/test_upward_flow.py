"""A Tờ trình goes up in the portal (#13), in the demo province: Sìn Hồ's office sends its issued Tờ trình, the
province's office (Sở Nội vụ) returns it for a supplement, the commune answers, the province appraises it,
records the council's result and issues its decision, and the commune sees the decision on its Tờ trình."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from dossiers.enums import Channel

# The flush after each transactional test empties the catalogue too: the demo seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSTD = "Chiến sĩ thi đua cấp tỉnh"


@pytest.fixture
def province_demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _as(page, login, username):
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)


def _open_proposal(page, live_server):
    page.goto(f"{live_server.url}/hoi-dong/quyet-dinh/")
    page.locator("#decisions").get_by_role("link", name=CSTD).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tờ trình đề nghị cấp trên số")


def _act(page, button, note=None):
    form = page.locator("#actions form").filter(has=page.get_by_role("button", name=button))
    if note:
        form.locator("textarea").fill(note)
    if form.get_attribute("data-confirm"):  # "Gửi hồ sơ", "Hủy hồ sơ" ask first
        page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name=button).click()


def test_a_proposal_goes_up_is_returned_comes_back_and_is_decided(page, live_server, province_demo, login, screenshot):
    # Sìn Hồ's office sends its Tờ trình for a CSTĐ tỉnh.
    _as(page, login, "vanphong.sinho")
    _open_proposal(page, live_server)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi tờ trình lên cấp trên").click()
    expect(page.get_by_text("Đã gửi tờ trình lên UBND tỉnh Lai Châu: số tiếp nhận")).to_be_visible()
    expect(page.locator("#upward-status")).to_have_text("Đã tiếp nhận, đang thẩm định")
    screenshot(page, "upward-commune-sent")

    # The province's office finds it in its queue of Tờ trình sent up and asks for a supplement.
    _as(page, login, "noivu.tinh")
    page.goto(f"{live_server.url}/ho-so/?channel={Channel.UPWARD}")
    page.get_by_role("link", name="UBND xã Sìn Hồ").first.click()
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận, đang thẩm định")
    _act(page, "Yêu cầu bổ sung", note="Bổ sung văn bản công nhận sáng kiến cấp tỉnh.")
    expect(page.locator("#dossier-status")).to_have_text("Yêu cầu bổ sung")
    dossier_url = page.url

    # The commune's office reads the request on its Tờ trình and sends the supplement.
    _as(page, login, "vanphong.sinho")
    _open_proposal(page, live_server)
    panel = page.locator("#upward")
    expect(panel.locator(".alert-warning")).to_contain_text("Bổ sung văn bản công nhận sáng kiến cấp tỉnh.")
    panel.get_by_label("Nội dung đã bổ sung").fill("Gửi kèm Quyết định công nhận sáng kiến.")
    panel.get_by_label("Tệp bổ sung").set_input_files(
        {"name": "cong-nhan-sang-kien.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    panel.get_by_role("button", name="Gửi lại hồ sơ đã bổ sung").click()
    expect(page.get_by_text("Đã gửi lại hồ sơ đã bổ sung lên cấp trên.")).to_be_visible()
    expect(page.locator("#upward-status")).to_have_text("Đã tiếp nhận, đang thẩm định")

    # The province appraises it, records its council's result and decides.
    _as(page, login, "noivu.tinh")
    page.goto(dossier_url)
    expect(page.locator("#thay-doi")).to_contain_text("cong-nhan-sang-kien.pdf")
    row = page.locator("#nominees tbody tr").first
    row.get_by_label("Kết luận thẩm định").select_option(label="Đủ điều kiện")
    row.get_by_role("button", name="Ghi kết luận").click()
    _act(page, "Hoàn thành thẩm định")
    _act(page, "Trình Hội đồng")
    expect(page.locator("#dossier-status")).to_have_text("Trình Hội đồng")
    row = page.locator("#nominees tbody tr").first
    row.get_by_text("Ghi đè kết quả").click()
    row.get_by_label("Kết quả ghi đè").select_option(label="Được khen thưởng")
    row.get_by_label("Lý do ghi đè").fill("Hội đồng TĐKT tỉnh biểu quyết tại phiên họp ngày 04/12/2026.")
    row.get_by_role("button", name="Ghi đè").click()
    _act(page, "Ghi nhận kết quả")
    expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả")

    page.goto(f"{live_server.url}/hoi-dong/quyet-dinh/")
    page.locator("#rounds-awaiting").get_by_role("button", name="Lập dự thảo theo danh hiệu").click()
    page.locator("#decisions").get_by_role("link", name=CSTD).click()
    page.get_by_role("button", name="Ban hành…").click()
    page.get_by_role("button", name="Xác nhận ban hành").click()
    expect(page.get_by_text("Đã ban hành văn bản số 01/QĐ-UBND.")).to_be_visible()

    # Back at the commune: the Tờ trình shows the province's decision.
    _as(page, login, "vanphong.sinho")
    _open_proposal(page, live_server)
    expect(page.locator("#upward-status")).to_have_text("Đã có kết quả")
    expect(page.locator("#upward-results")).to_contain_text("được khen theo Quyết định số 01/QĐ-UBND")
    screenshot(page, "upward-commune-decided")
