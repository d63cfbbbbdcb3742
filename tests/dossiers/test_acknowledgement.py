"""#14: the clerk prints an acknowledgement of the sent dossier ("Phiếu nộp hồ sơ"), which once the office
received it is the "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" with the receipt number and the promised date;
whoever may see the dossier may download it, nobody else."""

import datetime
import os
import subprocess

import pytest
import time_machine
from django.urls import reverse

from accounts.enums import Role
from documents.formatting import nd30_date
from dossiers.enums import DossierStatus as S
from dossiers.services.workflow import _processing_days
from dossiers.workdays import add_working_days
from tests.clock import at
from tests.core.downloads import download_name
from tests.factories import UnitFactory, user_with_role
from units.models import Authority

from .conftest import add_person

pytestmark = pytest.mark.django_db

# Sent on Monday 2 November 2026 at 15:30; the office records on Thursday the 5th that it came on the 3rd.
SENT, RECORDED = at(2026, 11, 2, 15, 30), at(2026, 11, 5, 10)


def _text(data: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return " ".join(text.replace("\u00a0", " ").split())


def _keep(response, name: str) -> None:
    """ACK_PDF_DIR=/tmp/x keeps the rendered PDF, to be looked at."""
    if folder := os.environ.get("ACK_PDF_DIR"):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(response.content)


@pytest.fixture
def sendable(complete_draft, clerk_a, ldtt):
    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI", short_name="UBND huyện Thanh Oai", place_name="Thanh Oai", level="huyen"
    )
    clerk_a.position = "Công chức Văn phòng – Thống kê"
    clerk_a.save(update_fields=["position"])
    add_person(clerk_a, complete_draft, ldtt, full_name="Lê Văn Tùng", gender="nam")
    complete_draft.refresh_from_db()
    return complete_draft


def _send(client, clerk, dossier):
    client.force_login(clerk)
    with time_machine.travel(SENT, tick=False):
        return client.post(
            reverse("dossiers:transition", args=[dossier.pk]), {"to": S.SUBMITTED, "version": dossier.version}, follow=True
        )


def _acknowledgement(client, user, dossier):
    client.force_login(user)
    with time_machine.travel(RECORDED, tick=False):
        return client.get(reverse("dossiers:acknowledgement", args=[dossier.pk]))


def test_sending_offers_the_slip_which_says_what_was_sent_by_whom_and_when(client, sendable, clerk_a):
    page = _send(client, clerk_a, sendable).content.decode()
    url = reverse("dossiers:acknowledgement", args=[sendable.pk])
    assert f'<a href="{url}" target="_blank" id="acknowledgement-link">In phiếu nộp hồ sơ</a>' in page  # in the message
    assert 'id="acknowledgement"' in page and "Phiếu nộp hồ sơ (PDF)" in page  # and on the dossier's page
    response = _acknowledgement(client, clerk_a, sendable)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert download_name(response, inline=True) == "Phiếu nộp hồ sơ 02-11-2026.pdf"
    _keep(response, "phieu-nop.pdf")
    text = _text(response.content)
    assert "PHIẾU NỘP HỒ SƠ" in text and "GIẤY TIẾP NHẬN" not in text and "Mã hồ sơ" not in text
    assert "UBND HUYỆN THANH OAI" in text and "PHÒNG NỘI VỤ" in text
    assert "Thanh Oai, ngày 02 tháng 11 năm 2026" in text
    assert "Hồ sơ: Đề nghị khen thưởng năm 2024." in text
    assert "Đơn vị đề nghị: UBND xã Cự Khê." in text
    assert "Đợt xét: Tổng kết năm 2024." in text
    assert "Người gửi: Phạm Thị Lan – Công chức Văn phòng – Thống kê." in text
    assert "Thời gian gửi: 15 giờ 30 phút, ngày 02 tháng 11 năm 2026." in text
    assert "1 Lao động tiên tiến 2 0 2 Tổng cộng 2 0 2" in text  # two people for LĐTT, counted
    assert "1 Tờ trình đề nghị khen thưởng 1 2 Biên bản họp bình xét 1 Tổng cộng 2" in text  # the files by type
    assert "chờ Phòng Nội vụ tiếp nhận" in text


def test_once_received_it_gives_the_receipt_number_the_day_and_the_promised_date(client, sendable, clerk_a, office_staff):
    _send(client, clerk_a, sendable)
    sendable.refresh_from_db()
    client.force_login(office_staff)
    with time_machine.travel(RECORDED, tick=False):
        page = client.post(
            reverse("dossiers:transition", args=[sendable.pk]),
            {"to": S.RECEIVED, "version": sendable.version, "received_on": "2026-11-03"},
            follow=True,
        ).content.decode()
    sendable.refresh_from_db()
    number, due = sendable.receipt_number, sendable.due_date
    assert number == "2026-00001"
    assert f"In giấy tiếp nhận hồ sơ và hẹn trả kết quả (số {number})" in page
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)" in page
    for user in (clerk_a, office_staff):  # the unit keeps it; the office prints it for a paper dossier
        response = _acknowledgement(client, user, sendable)
        assert response.status_code == 200
        assert download_name(response, inline=True) == f"Giấy tiếp nhận hồ sơ {number}.pdf"
    _keep(response, "giay-tiep-nhan.pdf")
    text = _text(response.content)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and "PHIẾU NỘP HỒ SƠ" not in text
    assert f"Mã hồ sơ: {number}" in text and f"3. Tiếp nhận và hẹn trả kết quả (mã hồ sơ {number})" in text
    assert "Thanh Oai, ngày 03 tháng 11 năm 2026" in text  # the day it was received, not the day recorded
    assert "Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 03 tháng 11 năm 2026." in text
    assert "Người tiếp nhận: Lê Thị Hương." in text
    days = _processing_days(sendable, datetime.date(2026, 11, 3))
    assert due == add_working_days(datetime.date(2026, 11, 3), days)
    assert f"Thời gian giải quyết theo quy định: {days:02d} ngày làm việc kể từ ngày tiếp nhận." in text
    assert f"Ngày hẹn trả kết quả: {nd30_date(due)}." in text
    assert "Người gửi: Phạm Thị Lan" in text and "1 Lao động tiên tiến 2 0 2" in text  # what was sent, as before


def test_only_who_may_see_the_dossier_downloads_it_and_a_dossier_never_sent_has_none(client, sendable, clerk_a):
    url = reverse("dossiers:acknowledgement", args=[sendable.pk])
    client.force_login(clerk_a)
    assert client.get(url).status_code == 404  # a draft: nothing was sent
    assert 'id="acknowledgement"' not in client.get(reverse("dossiers:detail", args=[sendable.pk])).content.decode()
    _send(client, clerk_a, sendable)
    outsiders = [
        user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Bích Hòa", code="xa-bh")),
        user_with_role(Role.COUNCIL_MEMBER),  # the council sees a dossier once it is before the council
    ]
    for outsider in outsiders:
        assert _acknowledgement(client, outsider, sendable).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
