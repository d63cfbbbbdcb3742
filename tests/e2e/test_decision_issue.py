"""From the closed ballot to the issued decision (#14), in the demo district: the chair closes the ballot, the
meeting page leads the office on (record the dossier's result, then draft), the draft is previewed as a PDF
stamped "DỰ THẢO" without a number, a date in the future is refused, and "Ban hành…" asks for confirmation with
the number it would take, the date, the people and the money before it issues."""

import datetime
import re
import subprocess

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from awards import services
from awards.demo import demo_ballot_open
from awards.models import Decision

pytestmark = pytest.mark.django_db(transaction=True)

ICT = datetime.timezone(datetime.timedelta(hours=7))
NOW = datetime.datetime(2026, 12, 18, 10, 0, tzinfo=ICT)  # the demo's round is of 2026: a December decision


def _as(page, login, username):
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)


def _held_and_voted():
    """The meeting of this morning, everyone voted "Đồng ý" (the ballot itself is another test's)."""
    meeting = demo_ballot_open(starts_at=NOW.replace(hour=8))
    for username in ("chutich", "hoidong", "hoidong2"):
        services.ballot_cast(
            by=User.objects.get(username=username),
            meeting=meeting,
            choices={item.pk: "dong_y" for item in meeting.items.filter(agenda_list__isnull=True)},
            list_choices={agenda_list.pk: "dong_y" for agenda_list in meeting.lists.all()},
        )
    return meeting


def _pdf_text(data: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return " ".join(text.replace("\u00a0", " ").split())


def test_a_meeting_from_ballot_close_to_issued_decision(page, live_server, demo_data, login, screenshot):
    with time_machine.travel(NOW, tick=True):
        meeting = _held_and_voted()
        meeting_url = f"{live_server.url}/hoi-dong/phien-hop/{meeting.pk}/"

        # The chair closes the ballot.
        _as(page, login, "chutich")
        page.goto(meeting_url)
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Kết thúc biểu quyết").click()
        expect(page.locator("#meeting-status")).to_have_text("Đã kiểm phiếu")
        expect(page.locator("#meeting-next")).to_have_count(0)  # the chair drafts no decisions
        # The minutes count the three voting members (the secretary apart) and conclude from the results.
        minutes = _pdf_text(page.request.get(f"{meeting_url}bien-ban.pdf").body())
        assert "có mặt 03/03 thành viên Hội đồng" in minutes
        assert "Tham dự, không biểu quyết: - Lê Thị Hương – Chuyên viên Phòng Nội vụ." in minutes
        assert "Lao động tiên tiến: 02 người, tập thể đạt tỷ lệ phiếu đồng ý theo quy định" in minutes

        # The office: the meeting page says what comes next, the dossier's result first.
        _as(page, login, "noivu")
        page.goto(meeting_url)
        following = page.locator("#meeting-next")
        expect(following).to_contain_text("bấm “Ghi nhận kết quả” ở 1 hồ sơ sau")
        screenshot(page, "decision-meeting-next")
        following.get_by_role("link", name=re.compile("UBND xã Cự Khê")).click()
        page.locator("#actions form").get_by_role("button", name="Ghi nhận kết quả").click()
        expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả")
        page.goto(meeting_url)
        expect(page.locator("#meeting-next")).not_to_contain_text("Ghi nhận kết quả")
        page.locator("#meeting-next").get_by_role("link", name="Lập quyết định khen thưởng").click()
        page.locator("#rounds-awaiting").get_by_role("button", name="Lập dự thảo theo danh hiệu").click()
        expect(page.get_by_text("Đã lập 2 dự thảo.")).to_be_visible()
        page.locator("#decisions").get_by_role("link", name=re.compile("Lao động tiên tiến")).click()
        expect(page.locator("#decision-status")).to_have_text("Dự thảo")

        # The draft's PDF: stamped, no number, no day; nothing taken from the register.
        preview = page.locator("#draft-preview")
        expect(preview).to_have_text(re.compile("Xem trước dự thảo"))
        pdf = page.request.get(f"{live_server.url}{preview.get_attribute('href')}")
        assert pdf.headers["content-type"] == "application/pdf"
        text = _pdf_text(pdf.body())
        assert "DỰ THẢO" in text and "Số: /QĐ-UBND" in text and "ngày tháng năm 2026" in text
        assert "Phạm Thị Lan" in text and "Nguyễn Văn Bình" in text

        # A date after today is refused, and the form keeps it.
        issue = page.locator(".card", has=page.get_by_role("button", name="Ban hành…"))
        issue.get_by_label("Ngày ban hành").fill("19/12/2026")
        issue.get_by_role("button", name="Ban hành…").click()
        expect(page.get_by_text("Ngày ban hành không được sau hôm nay (18/12/2026).")).to_be_visible()
        expect(page.get_by_label("Ngày ban hành")).to_have_value("19/12/2026")
        expect(page.locator("#issue-confirm")).to_have_count(0)

        # "Ban hành…" asks first: the number it would take, the date, who, and the money.
        page.get_by_label("Ngày ban hành").fill("18/12/2026")
        page.get_by_role("button", name="Ban hành…").click()
        confirm = page.locator("#issue-confirm")
        expect(confirm).to_be_visible()
        number = confirm.locator("#confirm-number").inner_text()
        assert re.fullmatch(r"\d{2,}/QĐ-UBND", number), number
        expect(confirm.locator("#confirm-date")).to_have_text("18/12/2026")
        expect(confirm.locator("#confirm-individuals")).to_have_text("2")
        expect(confirm.locator("#confirm-collectives")).to_have_text("0")
        expect(confirm.locator("#confirm-total")).to_have_text(re.compile(r"^[\d.]+ đồng$"))
        expect(confirm).to_contain_text("số có thể thay đổi")
        expect(confirm.locator(".alert-warning")).to_have_count(0)  # December of the award's year
        screenshot(page, "decision-issue-confirm")
        decision = Decision.objects.get(title__contains="Lao động tiên tiến")
        assert (decision.is_draft, decision.number) == (True, "")

        confirm.get_by_role("button", name="Xác nhận ban hành").click()
        expect(page.get_by_text(f"Đã ban hành văn bản số {number}.")).to_be_visible()
        expect(page.locator("#decision-status")).to_have_text("Đã ban hành")
        expect(page.locator("#draft-preview")).to_have_count(0)
        screenshot(page, "decision-issued")
    decision.refresh_from_db()
    assert (decision.number, decision.date) == (number, datetime.date(2026, 12, 18))
