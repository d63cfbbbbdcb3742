import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from awards.models import Meeting

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)


def _session(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


def test_three_members_vote_and_the_chair_closes(browser, live_server, demo_data, screenshot):
    office = _session(browser, live_server, "noivu")
    office.goto(f"{live_server.url}/hoi-dong/nam/2026/phien-hop/tao/")
    office.get_by_label("Nội dung họp").fill("Phiên họp xét khen thưởng tổng kết năm 2026")
    office.get_by_label("Thời gian").fill("15/01/2027 14:00")
    office.get_by_label("Địa điểm").fill("Phòng họp số 1, UBND huyện")
    office.get_by_role("button", name="Tạo phiên họp").click()
    expect(office.get_by_text("Đã tạo phiên họp với 3 nội dung biểu quyết.")).to_be_visible()
    office.get_by_role("button", name="Mở biểu quyết").click()
    expect(office.locator("#meeting-status")).to_have_text("Đang bỏ phiếu")
    meeting = Meeting.objects.get()

    votes = {
        "chutich": ["Đồng ý", "Đồng ý", "Đồng ý"],
        "hoidong": ["Đồng ý", "Không đồng ý", "Đồng ý"],
        "hoidong2": ["Đồng ý", "Không đồng ý", "Không biểu quyết"],
    }
    pages = {}
    for username, choices in votes.items():
        page = _session(browser, live_server, username)
        page.goto(f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/bo-phieu/")
        for row, choice in zip(page.locator("#ballot tbody tr:not(.table-light)").all(), choices, strict=True):
            name = row.locator("td").first.inner_text().splitlines()[0]
            row.get_by_role("radio", name=f"{choice} – {name}", exact=True).check()
        page.get_by_role("button", name="Gửi phiếu").click()
        expect(page.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()
        # Before the chair closes, nobody sees the results, not even the member's neighbours' choices.
        expect(page.locator("#agenda")).not_to_contain_text("Đạt")
        pages[username] = page
    screenshot(pages["hoidong"], "meeting-voting")

    chair = pages["chutich"]
    chair.reload()
    expect(chair.get_by_text("Đã bỏ phiếu: 3/3 thành viên")).to_be_visible()
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(chair.locator("#meeting-status")).to_have_text("Đã kiểm phiếu")
    rows = chair.locator("#agenda tbody tr")
    expect(rows.nth(0)).to_contain_text("3/3")
    expect(rows.nth(0)).to_contain_text("Đạt")
    expect(rows.nth(1)).to_contain_text("1/3")
    expect(rows.nth(1)).to_contain_text("Không đạt")
    screenshot(chair, "meeting-results")

    response = chair.request.get(f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/bien-ban.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
