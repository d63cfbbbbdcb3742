import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from awards.models import Meeting
from dossiers.enums import Subject, TaskRating, Verdict
from dossiers.models import AwardType, Dossier, Nominee

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)


def _session(browser, live_server, username, csp_watch):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1100, "height": 900})
    page = csp_watch(context.new_page())  # fails the test on any Content-Security-Policy violation
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


def _fill_ballot(page, choices):
    """One row per question (a whole list or one nominee), in agenda order."""
    rows = page.locator("#ballot tbody tr:not(.table-light)").all()
    for row, choice in zip(rows, choices, strict=True):
        row.get_by_role("radio", name=re.compile(f"^{choice} – ")).check()


def test_the_council_votes_a_list_and_a_nominee_and_the_results_fill_the_dossier(
    browser, live_server, demo_data, screenshot, csp_watch
):
    # Cự Khê's dossier at the council: two LĐTT (approved as a list), one CSTĐCS (a ballot of her own),
    # and one LĐTT the office found ineligible, who never goes to the vote.
    dossier = Dossier.objects.get(receipt_number="2026-00099")
    Nominee.objects.create(
        dossier=dossier,
        subject=Subject.INDIVIDUAL,
        award=AwardType.objects.get(code="ldtt"),
        full_name="Lò Văn Thắng",
        task_rating=TaskRating.DONE,
        months_worked=12,
        appraisal_verdict=Verdict.INELIGIBLE,
        appraisal_note="Chỉ hoàn thành nhiệm vụ",
        sort_order=9,
    )

    office = _session(browser, live_server, "noivu", csp_watch)  # the office's clerk, the council's secretary
    office.goto(f"{live_server.url}/hoi-dong/nam/2026/phien-hop/tao/")
    office.get_by_label("Nội dung họp").fill("Phiên họp xét khen thưởng tổng kết năm 2026")
    office.get_by_label("Thời gian").fill("15/01/2027 14:00")
    office.get_by_label("Địa điểm").fill("Phòng họp số 1, UBND huyện")
    office.get_by_role("button", name="Tạo phiên họp").click()
    expect(office.get_by_text("Đã tạo phiên họp với 3 nội dung biểu quyết.")).to_be_visible()
    expect(office.locator("#agenda")).to_contain_text("Biểu quyết cả danh sách")
    expect(office.locator("#agenda")).not_to_contain_text("Lò Văn Thắng")
    office.get_by_role("button", name="Mở biểu quyết").click()
    expect(office.locator("#meeting-status")).to_have_text("Đang bỏ phiếu")
    meeting = Meeting.objects.get()
    meeting_url = f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/"

    # Mai Văn Chiến is away: the secretary records him absent and enters his written opinion.
    chien = office.locator("#attendance li", has_text="Mai Văn Chiến")
    chien.get_by_role("button", name="Ghi vắng").click()
    office.locator("#attendance li", has_text="Mai Văn Chiến").get_by_role("link", name="Ghi ý kiến bằng văn bản").click()
    _fill_ballot(office, ["Đồng ý", "Không đồng ý"])
    office.get_by_role("button", name="Ghi nhận ý kiến").click()
    expect(office.get_by_text("Đã ghi nhận ý kiến bằng văn bản của Mai Văn Chiến.")).to_be_visible()

    votes = {"chutich": ["Đồng ý", "Đồng ý"], "hoidong": ["Đồng ý", "Không đồng ý"]}
    pages = {}
    for username, choices in votes.items():
        page = _session(browser, live_server, username, csp_watch)
        page.goto(f"{meeting_url}bo-phieu/")
        expect(page.locator("#ballot")).to_contain_text("Thông qua cả danh sách 2 người, tập thể")
        _fill_ballot(page, choices)
        page.get_by_role("button", name="Gửi phiếu").click()
        expect(page.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()
        # Before the chair closes, nobody sees the results, not even the member's neighbours' choices.
        expect(page.locator("#agenda")).not_to_contain_text("Đạt")
        pages[username] = page
    screenshot(pages["hoidong"], "meeting-voting")

    # The reported attack: the office posts a written opinion for Hoàng Văn Sơn, who voted in person.
    office.goto(meeting_url)
    son_pk = meeting.council.members.get(user__username="hoidong").pk
    token = office.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    form = {"csrfmiddlewaretoken": token}
    form.update({f"item-{i.pk}": "khong_dong_y" for i in meeting.items.filter(agenda_list__isnull=True)})
    form.update({f"list-{agenda_list.pk}": "khong_dong_y" for agenda_list in meeting.lists.all()})
    refused = office.request.post(f"{meeting_url}y-kien/{son_pk}/ghi/", form=form, headers={"Referer": meeting_url})
    assert "Hoàng Văn Sơn chưa được ghi nhận vắng mặt" in refused.text()  # the redirected page's message
    office.reload()
    expect(office.locator("#attendance li", has_text="Hoàng Văn Sơn")).to_contain_text("Có mặt · đã bỏ phiếu")

    # The system administrator has no seat on the council: the meeting does not exist for them.
    admin = _session(browser, live_server, "quantri", csp_watch)
    assert admin.request.get(meeting_url).status == 404
    assert admin.request.get(f"{meeting_url}bo-phieu/").status == 404

    chair = pages["chutich"]
    chair.reload()
    expect(chair.get_by_text("Đã bỏ phiếu: 3/3 thành viên")).to_be_visible()
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(chair.locator("#meeting-status")).to_have_text("Đã kiểm phiếu")
    rows = chair.locator("#agenda tbody tr")
    expect(rows.nth(0)).to_contain_text("Biểu quyết cả danh sách")
    expect(rows.nth(0)).to_contain_text("3/3")
    expect(rows.nth(0)).to_contain_text("Đạt")
    expect(rows.nth(1)).to_contain_text("Trần Thị Duyên")
    expect(rows.nth(1)).to_contain_text("1/3")
    expect(rows.nth(1)).to_contain_text("Không đạt")
    screenshot(chair, "meeting-results")

    response = chair.request.get(f"{meeting_url}bien-ban.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The dossier: every result came from the ballot, with its count; nothing to pick, nothing preset.
    office.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    nominees = office.locator("#nominees")
    lan = nominees.locator("tr", has_text="Phạm Thị Lan")
    expect(lan.locator(".nominee-result")).to_contain_text("Được khen thưởng")
    expect(lan.locator(".nominee-result")).to_contain_text("Đồng ý 3/3 (100,0%)")
    expect(lan.locator(".nominee-result")).to_contain_text("biểu quyết cả danh sách")
    duyen = nominees.locator("tr", has_text="Trần Thị Duyên")
    expect(duyen.locator(".nominee-result")).to_contain_text("Không được khen thưởng")
    expect(duyen.locator(".nominee-result")).to_contain_text("Đồng ý 1/3 (33,3%)")
    thang = nominees.locator("tr", has_text="Lò Văn Thắng")
    expect(thang.locator(".nominee-result")).to_contain_text("Không được khen thưởng")
    expect(thang.locator(".nominee-result")).to_contain_text(
        "Không đủ điều kiện theo kết luận thẩm định: Chỉ hoàn thành nhiệm vụ"
    )
    expect(nominees.locator("option[selected]")).to_have_count(0)
    screenshot(office, "dossier-results")

    # Awarding Lò Văn Thắng anyway takes an explicit override with a reason, shown on the page.
    thang.get_by_text("Ghi đè kết quả").click()
    thang.get_by_label("Kết quả ghi đè – Lò Văn Thắng").select_option(label="Được khen thưởng")
    thang.get_by_label("Lý do ghi đè – Lò Văn Thắng").fill("Đơn vị bổ sung kết quả xếp loại hoàn thành tốt nhiệm vụ")
    thang.get_by_role("button", name="Ghi đè").click()
    thang = office.locator("#nominees tr", has_text="Lò Văn Thắng")
    expect(thang.locator(".override")).to_have_text("Ghi đè, lý do: Đơn vị bổ sung kết quả xếp loại hoàn thành tốt nhiệm vụ")
    expect(office.get_by_text("Ghi đè kết quả xét (có lý do)")).to_be_visible()
