"""A council member votes on a phone (390 px wide, touch): the dashboard's large "Bỏ phiếu" button, the three
choices of every question visible and at least 44 px tall, "Đồng ý tất cả" per award then one change, the
nominee's achievements and appraisal opened on the ballot itself; the results table fits a 768 px tablet."""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from awards import services
from awards.demo import demo_ballot_open
from dossiers.enums import Verdict
from dossiers.models import Dossier, Nominee

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CHOICES = ("dong_y", "khong_dong_y", "khong_bieu_quyet")
AGREE = re.compile("^Đồng ý – ")


def _session(browser, live_server, username, csp_watch, **device):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **device)
    page = csp_watch(context.new_page())
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


@pytest.fixture
def voting_meeting(demo_data):
    """Cự Khê's dossier before the council, with two more CSTĐCS nominees: the CSTĐCS are voted one by one
    (three rows of one award), the LĐTT as one list. The secretary has opened the ballot."""
    dossier = Dossier.objects.get(receipt_number="2026-00099")
    duyen = dossier.nominees.get(full_name="Trần Thị Duyên")
    Nominee.objects.filter(pk=duyen.pk).update(
        achievement="Hoàn thành xuất sắc nhiệm vụ; sáng kiến “Một cửa liên thông” được công nhận cấp huyện.",
        appraisal_verdict=Verdict.ELIGIBLE,
        appraisal_note="Đủ tiêu chuẩn, có sáng kiến",
    )
    for order, name in enumerate(["Lường Văn Khiêm", "Quàng Thị Xoan"], start=20):
        twin = Nominee.objects.get(pk=duyen.pk)
        twin.pk, twin.full_name, twin.sort_order, twin.achievement = None, name, order, ""
        twin.save()
    return demo_ballot_open()


def _box(locator):
    box = locator.bounding_box()
    assert box is not None
    return box


def test_a_member_votes_on_a_390_px_phone_with_agree_to_all(browser, live_server, voting_meeting, screenshot, csp_watch):
    meeting = voting_meeting
    phone = _session(browser, live_server, "hoidong", csp_watch, **PHONE)

    # The dashboard: the meeting open for voting is one large button.
    button = phone.locator("#panel-council").get_by_role("link", name="Bỏ phiếu")
    expect(button).to_be_visible()
    assert _box(button)["height"] >= 44
    screenshot(phone, "ballot-phone-dashboard")
    button.click()
    expect(phone.get_by_role("heading", name="Phiếu biểu quyết")).to_be_visible()

    # Every question shows its three choices side by side, each a target of at least 44 px, nothing cut off.
    rows = phone.locator("#ballot tr.ballot-row")
    expect(rows).to_have_count(4)  # the LĐTT list and three CSTĐCS
    for i in range(4):
        row = rows.nth(i)
        for value in CHOICES:
            target = row.locator(f"label.ballot-choice-{value}")
            expect(target).to_be_visible()
            box = _box(target)
            assert box["height"] >= 44 and box["width"] >= 44
            assert 0 <= box["x"] and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The nominee's achievements and the appraisal open on the ballot itself.
    duyen = rows.filter(has_text="Trần Thị Duyên")
    duyen.get_by_text("Thành tích, thẩm định").click()
    expect(duyen).to_contain_text("sáng kiến “Một cửa liên thông”")
    expect(duyen).to_contain_text("Đủ tiêu chuẩn, có sáng kiến")
    expect(duyen.locator(".badge", has_text="Đủ điều kiện").last).to_be_visible()
    expect(phone.locator("#ballot-left")).to_have_text("Còn 4 nội dung chưa chọn")

    # "Đồng ý tất cả" for each award, then one person changed to "Không đồng ý".
    for group in phone.locator("#ballot tr.ballot-group").all():
        all_button = group.get_by_role("button", name="Đồng ý tất cả")
        assert _box(all_button)["height"] >= 44
        all_button.click()
    for i in range(4):
        expect(rows.nth(i).get_by_role("radio", name=AGREE)).to_be_checked()
    expect(phone.locator("#ballot-left")).to_have_text("Đã chọn đủ 4 nội dung")
    binh = rows.filter(has_text="Lường Văn Khiêm")
    binh.locator("label.ballot-choice-khong_dong_y").tap()
    expect(binh.get_by_role("radio", name="Không đồng ý – Lường Văn Khiêm")).to_be_checked()
    expect(binh.get_by_role("radio", name="Đồng ý – Lường Văn Khiêm", exact=True)).not_to_be_checked()
    screenshot(phone, "ballot-phone-390")
    phone.get_by_role("button", name="Gửi phiếu").tap()
    expect(phone.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()

    # The saved choices: opened again, the paper shows them.
    phone.goto(f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/bo-phieu/")
    expect(binh.get_by_role("radio", name="Không đồng ý – Lường Văn Khiêm")).to_be_checked()
    for name in ("Trần Thị Duyên", "Quàng Thị Xoan"):
        expect(rows.filter(has_text=name).get_by_role("radio", name=f"Đồng ý – {name}", exact=True)).to_be_checked()
    expect(rows.filter(has_text="Thông qua cả danh sách").get_by_role("radio", name=AGREE)).to_be_checked()
    phone.goto(f"{live_server.url}/")
    expect(phone.locator("#panel-council")).to_contain_text("Bạn đã bỏ phiếu")

    # On a 768 px tablet the paper is a table, the choices under their headings, nothing wider than the screen.
    tablet = _session(browser, live_server, "chutich", csp_watch, viewport={"width": 768, "height": 1024}, has_touch=True)
    tablet.goto(f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/bo-phieu/")
    expect(tablet.locator("#ballot thead")).to_be_visible()
    assert _box(tablet.locator("#ballot label.ballot-choice-khong_bieu_quyet").first)["height"] >= 44
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 768
    screenshot(tablet, "ballot-tablet-768")

    # The chair closes the ballot: the results table fits a 768 px tablet without scrolling sideways.
    services.ballot_close(by=User.objects.get(username="chutich"), meeting=meeting)
    tablet.goto(f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/")
    expect(tablet.locator("#meeting-status")).to_have_text("Đã kiểm phiếu")
    table = tablet.locator("#agenda")
    expect(table).to_contain_text("Lường Văn Khiêm")
    screenshot(tablet, "meeting-results-768")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 768


def test_without_javascript_the_ballot_is_a_plain_form(browser, live_server, voting_meeting, csp_watch):
    """No script: "Đồng ý tất cả" is not offered (it could do nothing), the toggles are still radios the form sends."""
    phone = _session(browser, live_server, "hoidong2", csp_watch, java_script_enabled=False, **PHONE)
    phone.goto(f"{live_server.url}/hoi-dong/phien-hop/{voting_meeting.pk}/bo-phieu/")
    expect(phone.get_by_role("button", name="Đồng ý tất cả")).to_have_count(0)
    rows = phone.locator("#ballot tr.ballot-row")
    expect(rows).to_have_count(4)
    for i in range(4):
        rows.nth(i).locator("label.ballot-choice-khong_bieu_quyet" if i == 1 else "label.ballot-choice-dong_y").tap()
    phone.get_by_role("button", name="Gửi phiếu").tap()
    expect(phone.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()
    phone.goto(f"{live_server.url}/hoi-dong/phien-hop/{voting_meeting.pk}/bo-phieu/")
    expect(rows.nth(1).locator("input[value=khong_bieu_quyet]")).to_be_checked()
    for i in (0, 2, 3):
        expect(rows.nth(i).locator("input[value=dong_y]")).to_be_checked()
