"""The ballot made for touch (#14): what the paper carries besides the radios (each nominee's achievements,
appraisal and files, "Đồng ý tất cả" per award), in a fixed number of queries; and the member's dashboard,
where a meeting open for voting is a large "Bỏ phiếu" button."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.models import AgendaItem, Meeting, Vote
from dossiers.enums import ComponentType, Verdict
from dossiers.models import Attachment, Nominee

from .conftest import member

pytestmark = pytest.mark.django_db


def _more_nominees(dossier, count):
    """`count` more CSTĐ tỉnh nominees (voted one by one), each with a summary and a file."""
    model = dossier.nominees.get(full_name="Lê Văn Tùng")
    for i in range(count):
        nominee = Nominee.objects.get(pk=model.pk)
        nominee.pk, nominee.full_name, nominee.sort_order = None, f"Người thứ {i + 1}", 10 + i
        nominee.achievement = f"Thành tích của người thứ {i + 1}"
        nominee.save()
        _file(nominee)


def _file(nominee):
    return Attachment.objects.create(
        dossier=nominee.dossier,
        nominee=nominee,
        component=ComponentType.ACHIEVEMENT_REPORT,
        file=f"ho-so/{nominee.pk}.pdf",
        original_name=f"Báo cáo thành tích {nominee.full_name}.pdf",
        content_type="application/pdf",
        size=1000,
        sha256="0" * 64,
        uploaded_by=nominee.dossier.created_by,
    )


def _open_meeting(council, at_council, office_staff, secretary):
    meeting = services.meeting_create(
        by=office_staff,
        council=council,
        title="Phiên họp xét khen thưởng",
        starts_at=timezone.make_aware(datetime.datetime(2025, 1, 10, 14, 0)),
        place="Phòng họp tầng 2",
    )
    services.agenda_fill(by=office_staff, meeting=meeting)
    services.voting_open(by=secretary, meeting=meeting)
    return meeting


def test_the_ballot_opens_each_nominees_achievements_appraisal_and_files(client, council, at_council, office_staff, secretary):
    tung = at_council.nominees.get(full_name="Lê Văn Tùng")
    tung.achievement = "Sáng kiến “Số hóa hồ sơ một cửa” được công nhận cấp tỉnh."
    tung.appraisal_note = "Đủ tiêu chuẩn, có sáng kiến cấp tỉnh"
    tung.save()
    report = _file(tung)
    meeting = _open_meeting(council, at_council, office_staff, secretary)
    client.force_login(member(council, "Mai Văn Chiến").user)
    body = client.get(reverse("awards:ballot", args=[meeting.pk])).content.decode()
    assert "Thành tích, thẩm định" in body
    assert "Sáng kiến “Số hóa hồ sơ một cửa” được công nhận cấp tỉnh." in body
    assert "Đủ tiêu chuẩn, có sáng kiến cấp tỉnh" in body
    assert str(Verdict.ELIGIBLE.label) in body
    assert reverse("dossiers:attachment_download", args=[at_council.pk, report.pk]) in body
    assert "Báo cáo thành tích: Báo cáo thành tích Lê Văn Tùng.pdf" in body


def test_agree_to_all_is_one_button_per_award_hidden_until_javascript_shows_it(
    client, council, at_council, office_staff, secretary
):
    meeting = _open_meeting(council, at_council, office_staff, secretary)
    client.force_login(member(council, "Mai Văn Chiến").user)
    body = client.get(reverse("awards:ballot", args=[meeting.pk])).content.decode()
    buttons = re.findall(r"<button[^>]*data-ballot-all=\"([^\"]+)\"[^>]*>", body)
    assert buttons == [Vote.Choice.YES] * 2  # LĐTT (a list) and CSTĐ tỉnh
    assert all("hidden" in tag and 'type="button"' in tag for tag in re.findall(r"<button[^>]*data-ballot-all[^>]*>", body))
    assert body.count("Đồng ý tất cả") == 2
    assert 'src="/static/js/ballot.js"' in body
    # The choices stay plain radios of the form (they are sent without JavaScript), one group per question.
    assert body.count('type="radio"') == 6
    assert "checked" not in body


def test_the_ballot_reads_in_a_fixed_number_of_queries(
    client, council, at_council, office_staff, secretary, django_assert_num_queries
):
    meeting = _open_meeting(council, at_council, office_staff, secretary)
    client.force_login(member(council, "Mai Văn Chiến").user)
    url = reverse("awards:ballot", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # Six more nominees on the paper, each voted one by one, with a summary and a file.
    _more_nominees(at_council, 6)
    tung = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    for nominee in at_council.nominees.filter(full_name__startswith="Người thứ"):
        AgendaItem.objects.create(meeting=meeting, nominee=nominee, award=tung.award, sort_order=nominee.sort_order)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Thành tích của người thứ") == 6
    assert body.count("Báo cáo thành tích: Báo cáo thành tích Người thứ") == 6


# --- The member's dashboard ------------------------------------------------------------------------------


def _dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_a_meeting_open_for_voting_is_a_large_button_on_the_members_dashboard(
    client, council, at_council, office_staff, secretary
):
    meeting = _open_meeting(council, at_council, office_staff, secretary)
    ballot_url = reverse("awards:ballot", args=[meeting.pk])
    son = member(council, "Hoàng Văn Sơn")
    body = _dashboard(client, son.user)
    assert re.search(rf'<a class="btn btn-danger btn-lg[^"]*" href="{ballot_url}">.*?Bỏ phiếu</a>', body, re.S)
    assert "Bạn đã bỏ phiếu" not in body

    tung = meeting.items.get(nominee__full_name="Lê Văn Tùng")
    services.ballot_cast(
        by=son.user, meeting=meeting, choices={tung.pk: "dong_y"}, list_choices={meeting.lists.get().pk: "dong_y"}
    )
    body = _dashboard(client, son.user)
    assert "Bạn đã bỏ phiếu; có thể sửa cho đến khi chủ tọa kết thúc biểu quyết." in body
    assert f'href="{ballot_url}"' in body  # they may still change their votes

    # A member recorded absent has no button: the secretary enters their written opinion.
    lien = member(council, "Tô Thị Liên")
    services.attendance_set(by=secretary, meeting=meeting, member=lien, present=False)
    body = _dashboard(client, lien.user)
    assert "Bạn được ghi nhận vắng mặt; ý kiến bằng văn bản do thư ký ghi nhận." in body
    assert f'href="{ballot_url}"' not in body

    # Closed: no button for anyone.
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    assert f'href="{ballot_url}"' not in _dashboard(client, son.user)


def test_the_council_panel_reads_the_voting_meetings_in_one_query(
    client, council, at_council, office_staff, secretary, django_assert_num_queries
):
    son = member(council, "Hoàng Văn Sơn").user
    _open_meeting(council, at_council, office_staff, secretary)
    _dashboard(client, son)
    with CaptureQueriesContext(connection) as one:
        _dashboard(client, son)
    for _ in range(3):
        services.meeting_create(
            by=office_staff,
            council=council,
            title="Phiên họp khác",
            starts_at=timezone.make_aware(datetime.datetime(2025, 1, 11, 8, 0)),
            place="Phòng họp",
        )
    Meeting.objects.filter(council=council).update(status=Meeting.Status.VOTING)
    with django_assert_num_queries(len(one.captured_queries)):
        body = _dashboard(client, son)
    assert body.count("Bỏ phiếu</a>") == 4
