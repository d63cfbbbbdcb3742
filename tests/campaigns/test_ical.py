"""The private iCalendar feed: RFC 5545 escaping and folding (by the icalendar package), a secret address
that can be renewed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from campaigns.ical import calendar
from campaigns.services.calendar import calendar_feed_for
from tests.core.downloads import download_name

from .conftest import D, make_request


def _one_event(summary):
    return calendar(
        name="Hạn nộp – Phạm Thị Lan",
        events=[{"uid": "yeu-cau-1", "date": D(2026, 6, 30), "summary": summary}],
        stamp=datetime.datetime(2026, 6, 1, 1, 2, 3, tzinfo=datetime.UTC),
        host="tdkt.example.vn",
    )


def test_text_is_escaped():
    text = "Báo cáo; sơ kết, 6 tháng\\năm\n2026"
    body = _one_event(text)
    assert "\r\nSUMMARY:Báo cáo\\; sơ kết\\, 6 tháng\\\\năm\\n2026\r\n" in body
    assert str(Calendar.from_ical(body).walk("VEVENT")[0]["SUMMARY"]) == text  # the Vietnamese text comes back whole


def test_long_lines_fold_at_75_octets_without_splitting_a_letter():
    summary = "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 " * 3
    raw = _one_event(summary).encode("utf-8")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # every piece is whole UTF-8
    start = next(i for i, line in enumerate(lines) if line.startswith(b"SUMMARY:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(b" "))
    assert end - start > 1  # folded, continuations starting with one space
    unfolded = b"".join(line[1:] if i else line for i, line in enumerate(lines[start:end])).decode("utf-8")
    assert unfolded == "SUMMARY:" + summary.replace(",", "\\,")
    assert str(Calendar.from_ical(raw).walk("VEVENT")[0]["SUMMARY"]) == summary


def test_calendar_has_all_day_events():
    body = calendar(
        name="Hạn nộp – Phạm Thị Lan",
        events=[{"uid": "yeu-cau-1", "date": D(2026, 6, 30), "summary": "Nộp báo cáo sơ kết, 6 tháng", "url": "http://x/1/"}],
        stamp=datetime.datetime(2026, 6, 1, 1, 2, 3, tzinfo=datetime.UTC),
        host="tdkt.example.vn",
    )
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\r\nUID:yeu-cau-1@tdkt.example.vn\r\n" in body
    assert "\r\nDTSTART;VALUE=DATE:20260630\r\nDTEND;VALUE=DATE:20260701\r\n" in body
    assert "\r\nSUMMARY:Nộp báo cáo sơ kết\\, 6 tháng\r\n" in body
    assert "\r\nDTSTAMP:20260601T010203Z\r\n" in body


@pytest.mark.django_db
def test_feed_by_token_lists_the_users_deadlines_and_renewal_kills_the_old_address(client, office_staff, clerk_a, clerk_b):
    make_request(office_staff, due=timezone.localdate() + datetime.timedelta(days=10), title="Bản đăng ký thi đua năm 2027")
    feed = calendar_feed_for(user=clerk_a)
    url = reverse("campaigns:calendar_feed", args=[feed.token])
    response = client.get(url)  # no session: calendar programs cannot sign in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert download_name(response, inline=True) == "Lịch hạn thi đua, khen thưởng.ics"
    body = response.content.decode()
    assert "SUMMARY:Nộp bản đăng ký thi đua năm 2027\r\n" in body
    assert "DESCRIPTION:Yêu cầu nộp · UBND xã Cự Khê · Chưa nộp\r\n" in body
    renewed = calendar_feed_for(user=clerk_a, renew=True)
    assert renewed.token != feed.token
    assert client.get(url).status_code == 404
    assert client.get(reverse("campaigns:calendar_feed", args=[renewed.token])).status_code == 200


@pytest.mark.django_db
def test_calendar_page_offers_the_private_address(client, clerk_a):
    client.force_login(clerk_a)
    response = client.post(reverse("campaigns:calendar_feed_renew"), follow=True)
    body = response.content.decode()
    assert "Đã tạo đường dẫn lịch riêng của bạn." in body
    token = clerk_a.calendar_feed.token
    assert f"/lich-han/{token}.ics" in body
