"""The council's and a meeting's pages: each action is its own URL (core.actions), the lists are tables
whose query count stays flat as rows grow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from awards import decisions, services
from awards.models import Attendance, Council, DecisionLine, Meeting
from core.actions import CLASH
from core.models import AuditEntry
from dossiers.enums import Subject
from dossiers.models import Nominee
from tests.factories import user_with_role

from .conftest import member

pytestmark = pytest.mark.django_db


def _said(client, url, data=None) -> list[str]:
    """The messages on the page a POST leads to."""
    response = client.post(url, data or {}, follow=True)
    return [str(m) for m in response.context["messages"]]


def test_each_ballot_action_has_its_own_url(client, meeting, council, secretary):
    client.force_login(secretary)
    opened = client.post(reverse("awards:voting_open", args=[meeting.pk]))
    assert (opened.status_code, opened["Location"]) == (302, reverse("awards:meeting", args=[meeting.pk]))
    client.get(opened["Location"])
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.VOTING
    again = _said(client, reverse("awards:voting_open", args=[meeting.pk]))  # a second click: told, never a 500
    assert again == ["Phiên họp đang ở trạng thái “Đang bỏ phiếu”: không thực hiện được thao tác này."]
    refused = _said(client, reverse("awards:ballot_close", args=[meeting.pk]))  # the secretary does not close
    assert refused == ["Bạn không có quyền thực hiện thao tác này."]
    client.force_login(member(council, "Bùi Văn Hải").user)
    closed = _said(client, reverse("awards:ballot_close", args=[meeting.pk]))
    assert closed == ["Đã kết thúc biểu quyết và kiểm phiếu."]
    without_reason = _said(client, reverse("awards:ballot_reopen", args=[meeting.pk]), {"reason": " "})
    assert without_reason == ["Hãy ghi lý do mở lại phiếu biểu quyết."]
    reopened = _said(client, reverse("awards:ballot_reopen", args=[meeting.pk]), {"reason": "Thiếu thành viên"})
    assert reopened == ["Đã mở lại biểu quyết."]
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.VOTING
    assert client.get(reverse("awards:voting_open", args=[meeting.pk])).status_code == 405


def test_attendance_is_marked_by_its_own_urls(client, meeting, council, secretary):
    lien = member(council, "Tô Thị Liên")
    client.force_login(secretary)
    client.post(reverse("awards:attendance_absent", args=[meeting.pk, lien.pk]))
    assert Attendance.objects.get(meeting=meeting, member=lien).present is False
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert f'action="{reverse("awards:attendance_present", args=[meeting.pk, lien.pk])}"' in page
    client.post(reverse("awards:attendance_present", args=[meeting.pk, lien.pk]))
    assert Attendance.objects.get(meeting=meeting, member=lien).present is True
    other = Council.objects.create(year=2026, name="Hội đồng khác")
    stranger = services.council_member_add(
        by=secretary, council=other, user=user_with_role(Role.COUNCIL_MEMBER), position="uy_vien"
    )
    assert client.post(reverse("awards:attendance_absent", args=[meeting.pk, stranger.pk])).status_code == 404


def test_the_office_refills_the_agenda_and_writes_the_minutes_texts(client, meeting, office_staff):
    client.force_login(office_staff)
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert f'action="{reverse("awards:agenda_fill", args=[meeting.pk])}"' in page
    assert f'action="{reverse("awards:meeting_texts", args=[meeting.pk])}"' in page
    refilled = _said(client, reverse("awards:agenda_fill", args=[meeting.pk]))
    assert refilled == ["Đã thêm 0 nội dung vào chương trình."]
    saved = _said(
        client, reverse("awards:meeting_texts", args=[meeting.pk]), {"office_report": "Báo cáo", "conclusion": "Kết luận"}
    )
    assert saved == ["Đã lưu."]
    assert Meeting.objects.filter(pk=meeting.pk, office_report="Báo cáo", conclusion="Kết luận").count() == 1


def test_a_council_member_cannot_write_the_minutes_texts(client, meeting, council):
    client.force_login(member(council, "Hoàng Văn Sơn").user)
    page = client.post(reverse("awards:meeting_texts", args=[meeting.pk]), {"office_report": "x", "conclusion": "y"})
    assert (page.status_code, "Bạn không có quyền thực hiện thao tác này." in page.content.decode()) == (200, True)
    assert Meeting.objects.get(pk=meeting.pk).office_report == ""


def test_the_office_makes_a_council_and_adds_members(client, office_staff, clerk_a):
    year = timezone.localdate().year
    client.force_login(office_staff)
    made = client.post(reverse("awards:council_create", args=[year]))
    assert (made.status_code, Council.objects.filter(year=year).count()) == (302, 1)
    made_by = AuditEntry.objects.filter(action="council_create").values_list("actor", "changes").get()
    assert made_by == (office_staff.pk, {"year": [None, year]})
    client.get(made["Location"])
    second = _said(client, reverse("awards:council_create", args=[year]))  # a second click makes no second council
    assert (second, Council.objects.filter(year=year).count()) == ([str(CLASH)], 1)
    person = user_with_role(Role.COUNCIL_MEMBER, full_name="Đỗ Văn Hùng")
    added = _said(client, reverse("awards:council_member_add", args=[year]), {"user": person.pk, "position": "uy_vien"})
    assert added == ["Đã thêm thành viên Hội đồng."]
    twice = client.post(reverse("awards:council_member_add", args=[year]), {"user": person.pk, "position": "uy_vien"})
    assert (twice.status_code, "Người này đã là thành viên Hội đồng." in twice.content.decode()) == (200, True)
    # The refused form is drawn at the add address: its sort and page links (?ph-sort=…) lead back to the page.
    followed = client.get(reverse("awards:council_member_add", args=[year]), {"ph-sort": "date"})
    assert (followed.status_code, followed["Location"]) == (302, reverse("awards:council_year", args=[year]) + "?ph-sort=date")
    page = client.get(reverse("awards:council_year", args=[year])).content.decode()
    assert "Đỗ Văn Hùng" in page
    client.force_login(clerk_a)
    assert client.post(reverse("awards:council_create", args=[year + 1])).status_code == 403
    assert client.post(reverse("awards:council_member_add", args=[year]), {"user": person.pk}).status_code == 403


def test_council_page_query_count_is_flat(client, council, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)
    url = reverse("awards:council_year", args=[council.year])

    def add_meetings(n, start):
        for i in range(start, start + n):
            services.meeting_create(
                by=office_staff,
                council=council,
                title=f"Phiên họp {i}",
                starts_at=timezone.make_aware(datetime.datetime(2025, 1, 1 + i, 8, 0)),
                place="Hội trường",
            )

    add_meetings(1, 0)
    with django_assert_max_num_queries(25) as few:
        assert client.get(url).status_code == 200
    add_meetings(6, 1)
    for i in range(6):
        services.council_member_add(
            by=office_staff, council=council, user=user_with_role(Role.COUNCIL_MEMBER), position="uy_vien", title=f"Ủy viên {i}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_meeting_page_query_count_is_flat(client, meeting, council, office_staff, secretary, django_assert_max_num_queries):
    services.voting_open(by=secretary, meeting=meeting)
    client.force_login(office_staff)
    url = reverse("awards:meeting", args=[meeting.pk])
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for _i in range(6):
        services.council_member_add(
            by=office_staff, council=council, user=user_with_role(Role.COUNCIL_MEMBER), position="uy_vien"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "Đã bỏ phiếu: 0/10 thành viên" in body


def _draft(decided, office_staff, code="ldtt"):
    return next(d for d in decisions.decisions_draft(by=office_staff, award_round=decided.round) if d.award.code == code)


def test_decision_page_query_count_is_flat(client, decided, office_staff, django_assert_max_num_queries):
    draft = _draft(decided, office_staff)
    client.force_login(office_staff)
    url = reverse("awards:decision", args=[draft.pk])
    with django_assert_max_num_queries(30) as few:
        body = client.get(url).content.decode()
    assert ("Nguyễn Thị Hoa" in body, "Tiền thưởng (tạm tính)" in body) == (True, True)
    for i in range(6):
        nominee = Nominee.objects.create(
            dossier=decided, subject=Subject.INDIVIDUAL, award=draft.award, full_name=f"Người thứ {i}"
        )
        DecisionLine.objects.create(decision=draft, nominee=nominee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "Người thứ 5" in body


def test_an_issued_decision_shows_its_money_and_total(client, decided, office_staff):
    issued = decisions.decision_issue(
        by=office_staff, decision=_draft(decided, office_staff), date=datetime.date(2025, 1, 15), signer="tm"
    )
    client.force_login(office_staff)
    body = client.get(reverse("awards:decision", args=[issued.pk])).content.decode()
    assert "Tiền thưởng (tạm tính)" not in body
    assert "Bảy trăm nghìn đồng" in body
    assert f'action="{reverse("awards:decision_revoke", args=[issued.pk])}"' in body


def test_decision_list_offers_a_draft_for_the_rounds_waiting(client, decided, office_staff, council):
    client.force_login(office_staff)
    body = client.get(reverse("awards:decisions")).content.decode()
    assert f'action="{reverse("awards:decisions_draft", args=[decided.round.pk])}"' in body
    assert "<strong>2</strong>" in body
    client.force_login(member(council, "Hoàng Văn Sơn").user)  # a council member reads, never drafts
    body = client.get(reverse("awards:decisions")).content.decode()
    assert reverse("awards:decisions_draft", args=[decided.round.pk]) not in body
