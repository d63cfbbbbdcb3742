import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from dossiers.enums import DossierStatus
from dossiers.models import Dossier

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(page, component, name, nominee=None):
    page.get_by_label("Thành phần").select_option(label=component)
    if nominee:
        page.get_by_label("Của người, tập thể").select_option(label=nominee)
    page.get_by_label("Tệp").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text(f"Đã tải lên {name}.")).to_be_visible()


def _act(page, button, note=None):
    form = page.locator("#actions form").filter(has=page.get_by_role("button", name=button))
    if note:
        form.locator("textarea").fill(note)
    if form.get_attribute("data-confirm"):  # "Gửi hồ sơ", "Hủy hồ sơ" ask first
        page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name=button).click()


def test_dossier_from_draft_through_return_to_appraisal(page, live_server, demo_data, login, screenshot):
    # The clerk of Kim Bài drafts a dossier in the annual round.
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/tao-moi/")
    page.get_by_label("Đợt xét khen thưởng").select_option(label="Khen thưởng đột xuất năm 2026")
    page.get_by_label("Trích yếu").fill("Đề nghị khen thưởng đột xuất ông Lò Văn Dũng")
    page.get_by_role("button", name="Tạo hồ sơ nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đề nghị khen thưởng đột xuất ông Lò Văn Dũng")

    page.get_by_role("link", name="+ Cá nhân").click()
    page.get_by_label("Đề nghị tặng").select_option(label="Giấy khen của Chủ tịch UBND huyện (cá nhân)")
    page.get_by_label("Họ và tên").fill("Lò Văn Dũng")
    page.get_by_label("Ngày sinh").fill("14/08/1990")
    page.get_by_label("Số tháng công tác trong năm").fill("12")
    page.get_by_label("Xếp loại nhiệm vụ").select_option(label="Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_label("Tóm tắt thành tích").fill("Dũng cảm cứu người bị nạn trong lũ ngày 10/9/2026.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu Lò Văn Dũng.")).to_be_visible()

    # Submitting without documents is refused with the list of what is missing.
    _act(page, "Gửi hồ sơ")
    expect(page.get_by_role("alert").filter(has_text="Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng.")).to_be_visible()
    _upload(page, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")
    _upload(page, "Báo cáo tóm tắt thành tích", "bao-cao-tom-tat.pdf", nominee="Lò Văn Dũng")
    _act(page, "Gửi hồ sơ")
    expect(page.locator("#dossier-status")).to_have_text("Đã gửi, chờ tiếp nhận")
    dossier = Dossier.objects.get(title="Đề nghị khen thưởng đột xuất ông Lò Văn Dũng")

    # The office receives it, then asks for a supplement.
    page.context.clear_cookies()
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    _act(page, "Tiếp nhận")
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận, đang thẩm định")
    _act(page, "Yêu cầu bổ sung", note="Bổ sung xác nhận của Công an xã về sự việc.")
    expect(page.locator("#dossier-status")).to_have_text("Yêu cầu bổ sung")

    # The clerk adds the confirmation and sends it back.
    page.context.clear_cookies()
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    expect(page.locator(".alert-warning")).to_contain_text("Bổ sung xác nhận của Công an xã về sự việc.")
    _upload(page, "Tài liệu khác", "xac-nhan-cong-an.pdf")
    _act(page, "Gửi lại hồ sơ đã bổ sung")
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận, đang thẩm định")
    screenshot(page, "dossier-clerk-resubmitted")

    # The office sees what changed, appraises the nominee and finishes the appraisal.
    page.context.clear_cookies()
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    expect(page.locator("#thay-doi")).to_contain_text("Tài liệu khác: xac-nhan-cong-an.pdf")
    row = page.locator("#nominees tbody tr").first
    row.get_by_label("Kết luận thẩm định").select_option(label="Đủ điều kiện")
    row.get_by_label("Ý kiến thẩm định").fill("Thành tích đột xuất, có xác nhận của Công an xã.")
    row.get_by_role("button", name="Ghi kết luận").click()
    _act(page, "Hoàn thành thẩm định")
    expect(page.locator("#dossier-status")).to_have_text("Đã thẩm định")
    screenshot(page, "dossier-office-appraised")
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.APPRAISED
