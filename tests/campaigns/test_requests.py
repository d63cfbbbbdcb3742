"""Submission requests: who must send, by when, what the board shows, who may see which file."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from campaigns.enums import BoardState, DueMode, RecipientMode, SubmissionStatus
from campaigns.selectors.requests import board_counts, board_rows
from campaigns.services.requests import request_create
from campaigns.services.submissions import submission_accept, submission_return, submission_upload
from notifications.models import Notification
from tests.factories import UnitFactory, user_with_role
from units.enums import UnitKind

from .conftest import PDF, D, make_request, pdf

pytestmark = pytest.mark.django_db


def _mine(request, clerk):
    return request.recipients.get(unit_id__in=clerk.unit_ids(Role.UNIT_CLERK))


def test_request_to_all_units_has_a_row_per_active_unit_and_tells_clerks(office_staff, clerk_a, clerk_b):
    UnitFactory(name="UBND xã đã giải thể", is_active=False)
    request = request_create(
        by=office_staff,
        title="Kế hoạch phát động phong trào thi đua năm 2026 của đơn vị",
        document_kind="ke_hoach",
        recipient_mode=RecipientMode.ALL,
        due_mode=DueMode.DATE,
        due_date=D(2026, 2, 6),
        issued_on=D(2026, 1, 22),
    )
    assert sorted(request.recipients.values_list("unit__name", flat=True)) == ["UBND xã Bích Hòa", "UBND xã Cự Khê"]
    assert list(Notification.objects.filter(recipient=clerk_a).values_list("title", "body")) == [
        (
            "Yêu cầu nộp: Kế hoạch phát động phong trào thi đua năm 2026 của đơn vị – hạn 06/02/2026",
            "UBND xã Cự Khê cần nộp “Kế hoạch phát động phong trào thi đua năm 2026 của đơn vị” trước ngày 06/02/2026.",
        )
    ]


def test_request_to_unit_kinds_and_named_units(office_staff, unit_a):
    school = UnitFactory(name="Trường THCS Kim Bài", kind=UnitKind.SCHOOL)
    department = UnitFactory(name="Phòng Giáo dục và Đào tạo", kind=UnitKind.DEPARTMENT)
    by_kind = make_request(
        office_staff, due=D(2026, 6, 12), recipient_mode=RecipientMode.KINDS, recipient_kinds=[UnitKind.SCHOOL]
    )
    named = make_request(office_staff, due=D(2026, 6, 12), recipient_mode=RecipientMode.NAMED, units=[department, school])
    assert list(by_kind.recipients.values_list("unit__name", flat=True)) == [school.name]
    assert sorted(named.recipients.values_list("unit__name", flat=True)) == [department.name, school.name]
    with pytest.raises(ValidationError) as exc:
        make_request(office_staff, due=D(2026, 6, 12), recipient_mode=RecipientMode.KINDS, recipient_kinds=[])
    assert exc.value.message_dict == {"recipient_kinds": ["Chọn ít nhất một loại đơn vị."]}


def test_due_date_in_working_days_skips_tet_2024(office_staff, unit_a):
    # Issued Monday 05/02/2024, 10 working days: 06, 07, (Tết 08–14), 15, 16, 19, 20, 21, 22, 23, 26.
    request = make_request(office_staff, due=None, issued=D(2024, 2, 5), due_mode=DueMode.WORKING_DAYS, due_days=10)
    assert request.due_date == D(2024, 2, 26)
    calendar_days = make_request(office_staff, due=None, issued=D(2024, 2, 5), due_mode=DueMode.CALENDAR_DAYS, due_days=10)
    assert calendar_days.due_date == D(2024, 2, 15)


def test_only_office_staff_create_requests(clerk_a):
    with pytest.raises(PermissionDenied):
        make_request(clerk_a, due=D(2026, 2, 6))


def test_upload_is_checked_by_content(office_staff, clerk_a):
    request = make_request(office_staff, due=D(2030, 2, 6))
    with pytest.raises(ValidationError) as exc:
        submission_upload(by=clerk_a, recipient=_mine(request, clerk_a), upload=pdf("ke-hoach.pdf", b"MZ\x90\x00 not a pdf"))
    assert exc.value.messages == [
        "Tệp “ke-hoach.pdf” không phải tệp PDF, DOCX, XLSX, JPG, PNG hợp lệ (nội dung tệp không khớp với phần mở rộng)."
    ]
    assert _mine(request, clerk_a).status == SubmissionStatus.MISSING


def test_clerk_of_another_unit_cannot_upload(office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2030, 2, 6))
    with pytest.raises(PermissionDenied):
        submission_upload(by=clerk_b, recipient=_mine(request, clerk_a), upload=pdf())


def test_board_shows_on_time_late_returned_missing(office_staff, clerk_a, clerk_b):
    third = UnitFactory(name="UBND xã Cao Viên")
    fourth = UnitFactory(name="UBND xã Dân Hòa")
    clerk_c = user_with_role(Role.UNIT_CLERK, third)
    clerk_d = user_with_role(Role.UNIT_CLERK, fourth)
    request = make_request(office_staff, due=timezone.localdate() + datetime.timedelta(days=1))
    submission_upload(by=clerk_a, recipient=_mine(request, clerk_a), upload=pdf())  # on time
    late = _mine(request, clerk_c)
    submission_upload(by=clerk_c, recipient=late, upload=pdf())
    type(late).objects.filter(pk=late.pk).update(submitted_at=timezone.now() + datetime.timedelta(days=3))  # after the due date
    returned = _mine(request, clerk_d)
    submission_upload(by=clerk_d, recipient=returned, upload=pdf())
    returned.refresh_from_db()
    submission_return(by=office_staff, recipient=returned, reason="Thiếu dấu của đơn vị.", expected_version=returned.version)
    rows = board_rows(request)
    assert [(r.unit.name, r.board_state) for r in rows] == [
        ("UBND xã Bích Hòa", BoardState.MISSING),
        ("UBND xã Cao Viên", BoardState.LATE),
        ("UBND xã Cự Khê", BoardState.ON_TIME),
        ("UBND xã Dân Hòa", BoardState.RETURNED),
    ]
    assert board_counts(rows) == {"dung_han": 1, "tre_han": 1, "tra_lai": 1, "chua_nop": 1}
    assert [str(r.board_label) for r in rows] == ["Chưa nộp", "Nộp trễ hạn", "Nộp đúng hạn", "Bị trả lại"]


def test_accept_and_return_need_a_current_version_and_a_reason(office_staff, clerk_a):
    request = make_request(office_staff, due=D(2030, 2, 6))
    recipient = _mine(request, clerk_a)
    submission_upload(by=clerk_a, recipient=recipient, upload=pdf())
    recipient.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        submission_return(by=office_staff, recipient=recipient, reason=" ", expected_version=recipient.version)
    assert exc.value.message_dict == {"reason": ["Ghi lý do trả lại để đơn vị biết cần sửa gì."]}
    with pytest.raises(ValidationError) as exc:
        submission_accept(by=office_staff, recipient=recipient, expected_version=recipient.version - 1)
    assert exc.value.messages == ["Đơn vị vừa nộp lại hoặc người khác vừa xem xét; vui lòng tải lại trang."]
    submission_accept(by=office_staff, recipient=recipient, expected_version=recipient.version)
    recipient.refresh_from_db()
    assert recipient.status == SubmissionStatus.ACCEPTED
    with pytest.raises(ValidationError) as exc:
        submission_upload(by=clerk_a, recipient=recipient, upload=pdf())
    assert exc.value.messages == ["Văn bản của đơn vị đã được chấp nhận; không cần nộp lại."]


def test_clerk_sees_only_own_units_row_and_files(client, office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2030, 2, 6))
    submission = submission_upload(by=clerk_a, recipient=_mine(request, clerk_a), upload=pdf())
    url = reverse("campaigns:submission_download", args=[request.pk, submission.pk])
    client.force_login(clerk_b)
    body = client.get(reverse("campaigns:request_detail", args=[request.pk])).content.decode()
    assert "UBND xã Bích Hòa" in body
    assert "UBND xã Cự Khê" not in body
    assert client.get(url).status_code == 404
    client.force_login(clerk_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(office_staff)
    assert client.get(url).status_code == 200


def test_request_not_addressed_to_the_unit_is_404(client, office_staff, clerk_a, unit_b):
    request = make_request(office_staff, due=D(2030, 2, 6), recipient_mode=RecipientMode.NAMED, units=[unit_b])
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:request_detail", args=[request.pk])).status_code == 404
