"""What the scan sends, to whom, in which words, and never twice."""

import datetime
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction

from accounts.enums import Role
from campaigns.enums import ItemType, ReminderKind, SubmissionStatus
from campaigns.messages import EMAIL_CATEGORY_REMINDERS
from campaigns.models import Reminder, ReminderSettings, ScanRun
from campaigns.services import reminders
from campaigns.services.reminders import reminder_scan, reminder_scan_if_due, reminder_send_manual
from campaigns.services.requests import request_close
from campaigns.services.submissions import submission_upload
from dossiers.enums import CommendationKind, DossierStatus
from dossiers.models import AwardRound, Dossier
from notifications.models import EmailOptOut, MessageTemplate, Notification, OutboxEmail, OutboxStatus
from notifications.tasks import outbox_flush
from tests.factories import UnitFactory, user_with_role

from .conftest import D, make_request, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Run a scan and let the e-mails it queued go out (Celery is eager in these tests)."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminder_scan(**kwargs)

    return run


def test_scan_twice_on_a_day_sends_each_reminder_once(office_staff, clerk_a, clerk_b, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 29))
    first = send_now(today=D(2024, 11, 26))
    second = send_now(today=D(2024, 11, 26))
    assert (first.reminders, second.reminders) == (2, 0)
    assert Reminder.objects.count() == 2
    assert Notification.objects.filter(recipient__in=[clerk_a, clerk_b]).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_scan_run_twice_at_the_same_time_sends_one_reminder_per_item_and_offset(office_staff, settings_working):
    units = [UnitFactory() for _ in range(6)]
    clerks = [user_with_role(Role.UNIT_CLERK, unit) for unit in units]
    make_request(office_staff, due=D(2024, 11, 29), title="Báo cáo tổng kết năm 2024")
    make_request(office_staff, due=D(2024, 11, 27), title="Bản đăng ký thi đua năm 2025")
    start = threading.Barrier(2)
    results, errors = [], []

    def scan():
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                results.append(reminder_scan(today=D(2024, 11, 26)))
                time.sleep(0.5)  # keep the claims uncommitted while the other scan tries to insert the same ones
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # 6 units × 2 requests (offsets 3 and 1), once; the office's digest is not due (nothing overdue).
    assert sorted(r.reminders for r in results) == [0, 12]
    assert Reminder.objects.count() == 12
    assert set(Reminder.objects.values_list("offset", flat=True)) == {1, 3}
    assert Notification.objects.filter(recipient__in=clerks).count() == 6  # one message per clerk lists both
    assert OutboxEmail.objects.filter(subject__startswith="Nhắc hạn").count() == 6


def test_reminder_message_lists_the_items_in_vietnamese(office_staff, clerk_a, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 29), title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024")
    make_request(office_staff, due=D(2024, 12, 2), title="Bản đăng ký thi đua năm 2025")
    send_now(today=D(2024, 11, 26))
    [message] = mail.outbox
    assert message.subject == "Nhắc hạn: 2 việc sắp đến hạn hoặc đã quá hạn"
    assert message.to == [clerk_a.email]
    lines = [line.strip() for line in message.body.splitlines() if line.strip()]
    assert lines[:8] == [
        "Kính gửi Phạm Thị Lan,",
        "Cổng thi đua, khen thưởng xin nhắc 2 việc sau:",
        "1. Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 – UBND xã Cự Khê",
        "Hạn: 29/11/2024 (còn 3 ngày làm việc).",
        lines[4],
        "2. Bản đăng ký thi đua năm 2025 – UBND xã Cự Khê",
        "Hạn: 02/12/2024 (còn 4 ngày làm việc).",
        lines[7],
    ]
    assert lines[4].startswith("Xem và nộp tại: http://localhost:8000/yeu-cau-nop/")
    notification = Notification.objects.get(recipient=clerk_a)
    assert notification.title == "Nhắc hạn: 2 việc sắp đến hạn hoặc đã quá hạn"
    assert notification.body == (
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 (UBND xã Cự Khê): hạn 29/11/2024, còn 3 ngày làm việc.\n"
        "Bản đăng ký thi đua năm 2025 (UBND xã Cự Khê): hạn 02/12/2024, còn 4 ngày làm việc."
    )


def test_single_item_title_says_what_and_when(office_staff, clerk_a, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 26), title="Kế hoạch thi đua năm 2025 của đơn vị")
    send_now(today=D(2024, 11, 26))
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn: Kế hoạch thi đua năm 2025 của đơn vị – đến hạn hôm nay"]


def test_submitted_and_closed_requests_are_not_reminded(office_staff, clerk_a, clerk_b, settings_working, send_now):
    submitted = make_request(office_staff, due=D(2024, 11, 29), title="Kế hoạch đã nộp")
    closed = make_request(office_staff, due=D(2024, 11, 29), title="Yêu cầu đã kết thúc")
    submission_upload(by=clerk_a, recipient=submitted.recipients.get(unit=clerk_a.role_assignments.get().unit), upload=pdf())
    request_close(by=office_staff, request=closed)
    send_now(today=D(2024, 11, 26))
    assert list(Reminder.objects.values_list("recipient__full_name", "item_id")) == [
        ("Trần Văn Nam", submitted.recipients.get(unit__name="UBND xã Bích Hòa").pk)
    ]


def test_returned_submission_is_reminded_again(office_staff, clerk_a, settings_working, send_now):
    request = make_request(office_staff, due=D(2024, 11, 29))
    recipient = request.recipients.get()
    submission_upload(by=clerk_a, recipient=recipient, upload=pdf())
    recipient.refresh_from_db()
    from campaigns.services.submissions import submission_return

    submission_return(by=office_staff, recipient=recipient, reason="Thiếu chữ ký thủ trưởng.", expected_version=recipient.version)
    send_now(today=D(2024, 11, 28))
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn: Kế hoạch thi đua năm 2024 của đơn vị – còn 1 ngày làm việc"]
    assert Notification.objects.filter(recipient=clerk_a).values_list("title", flat=True).last() == (
        "Trả lại để sửa: Kế hoạch thi đua năm 2024 của đơn vị"
    )


def test_unit_without_clerk_is_reminded_at_its_address(office_staff, unit_without_clerk, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 29))
    send_now(today=D(2024, 11, 26))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["kiman@example.vn"], "Nhắc hạn: Kế hoạch thi đua năm 2024 của đơn vị – còn 3 ngày làm việc")
    ]
    assert mail.outbox[0].body.startswith("Kính gửi cán bộ phụ trách thi đua, khen thưởng,")
    assert list(Reminder.objects.values_list("recipient_key", "email")) == [("e:kiman@example.vn", "kiman@example.vn")]


def test_head_is_told_once_overdue_past_the_delay(office_staff, clerk_a, head_a, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 15), title="Báo cáo sơ kết 6 tháng")
    send_now(today=D(2024, 11, 25))  # 6 working days over
    escalation = [m for m in mail.outbox if m.to == [head_a.email]]
    assert [m.subject for m in escalation] == ["Quá hạn: UBND xã Cự Khê chưa hoàn thành “Báo cáo sơ kết 6 tháng”"]
    assert "Đề nghị đồng chí chỉ đạo cán bộ phụ trách hoàn thành" in escalation[0].body
    assert "Hạn: 15/11/2024 (quá hạn 6 ngày làm việc)." in escalation[0].body


def test_email_opt_out_keeps_the_portal_message(office_staff, clerk_a, settings_working, send_now):
    EmailOptOut.objects.create(user=clerk_a, category=EMAIL_CATEGORY_REMINDERS)
    make_request(office_staff, due=D(2024, 11, 29))
    send_now(today=D(2024, 11, 26))
    assert mail.outbox == []
    assert (
        Notification.objects.get(recipient=clerk_a).title
        == "Nhắc hạn: Kế hoạch thi đua năm 2024 của đơn vị – còn 3 ngày làm việc"
    )


def test_staff_wording_replaces_the_file_template(office_staff, clerk_a, settings_working, send_now):
    MessageTemplate.objects.create(
        key="reminder_due",
        title="[TĐKT] {{ count }} việc cần làm",
        email_body="Đồng chí {{ recipient.full_name }}: {% for item in items %}{{ item.title }} ({{ item.state }}){% endfor %}",
    )
    make_request(office_staff, due=D(2024, 11, 29))
    send_now(today=D(2024, 11, 26))
    [message] = mail.outbox
    assert (message.subject, message.body) == (
        "[TĐKT] 1 việc cần làm",
        "Đồng chí Phạm Thị Lan: Kế hoạch thi đua năm 2024 của đơn vị (còn 3 ngày làm việc)",
    )
    # The in-app text was not rewritten: it still comes from the file.
    assert Notification.objects.get(recipient=clerk_a).body == (
        "Kế hoạch thi đua năm 2024 của đơn vị (UBND xã Cự Khê): hạn 29/11/2024, còn 3 ngày làm việc."
    )


def test_award_round_deadline_reminds_clerks_with_drafts(office_staff, clerk_a, clerk_b, settings_working, send_now):
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2024", year=2024, commendation_kind=CommendationKind.REGULAR, submission_deadline=D(2024, 12, 13)
    )
    draft = Dossier.objects.create(
        unit=clerk_a.role_assignments.get().unit, round=award_round, title="Hồ sơ nháp", created_by=clerk_a
    )
    Dossier.objects.create(
        unit=clerk_b.role_assignments.get().unit,
        round=award_round,
        title="Hồ sơ đã gửi",
        created_by=clerk_b,
        status=DossierStatus.SUBMITTED,
    )
    send_now(today=D(2024, 12, 4))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([clerk_a.email], "Nhắc hạn: Hồ sơ đề nghị khen thưởng – Tổng kết năm 2024 – còn 7 ngày làm việc")
    ]
    assert list(Reminder.objects.values_list("item_type", "item_id")) == [(ItemType.AWARD_ROUND, draft.pk)]


def test_award_round_reminds_a_clerk_of_two_units_for_each_unit(office_staff, clerk_a, unit_b, settings_working, send_now):
    from accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=clerk_a, role=Role.UNIT_CLERK, unit=unit_b)
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2024", year=2024, commendation_kind=CommendationKind.REGULAR, submission_deadline=D(2024, 12, 13)
    )
    for unit in (clerk_a.role_assignments.order_by("id").first().unit, unit_b):
        Dossier.objects.create(unit=unit, round=award_round, title="Hồ sơ nháp", created_by=clerk_a)
    send_now(today=D(2024, 12, 4))
    assert Reminder.objects.filter(item_type=ItemType.AWARD_ROUND).values("item_id").distinct().count() == 2
    assert len(mail.outbox) == 1  # one message listing both units
    assert "UBND xã Cự Khê" in mail.outbox[0].body
    assert unit_b.name in mail.outbox[0].body


def test_dossier_processing_limit_reminds_office_staff(office_staff, clerk_a, settings_working, send_now):
    award_round = AwardRound.objects.create(name="Đột xuất 2024", year=2024, commendation_kind=CommendationKind.SUDDEN)
    Dossier.objects.create(
        unit=clerk_a.role_assignments.get().unit,
        round=award_round,
        title="Khen thưởng đột xuất ông Lò Văn Dũng",
        created_by=clerk_a,
        status=DossierStatus.RECEIVED,
        receipt_number="000123",
        due_date=D(2024, 11, 27),
    )
    send_now(today=D(2024, 11, 26))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [office_staff.email],
            "Nhắc hạn: Trả kết quả hồ sơ 000123 “Khen thưởng đột xuất ông Lò Văn Dũng” – còn 1 ngày làm việc",
        )
    ]


def test_digest_lists_overdue_items_once_a_day(office_staff, clerk_a, clerk_b, settings_working, send_now):
    make_request(office_staff, due=D(2024, 11, 15), title="Kế hoạch thi đua năm 2024 của đơn vị")
    send_now(today=D(2024, 11, 26))
    send_now(today=D(2024, 11, 26))
    digests = [m for m in mail.outbox if m.to == [office_staff.email]]
    assert [m.subject for m in digests] == ["Tổng hợp việc quá hạn ngày 26/11/2024: 1 việc"]
    assert (
        "1. Kế hoạch thi đua năm 2024 của đơn vị: 2 đơn vị chưa nộp hoặc bị trả lại, hạn 15/11/2024 (quá hạn 7 ngày làm việc)."
        in digests[0].body
    )
    assert Notification.objects.get(recipient=office_staff).body == "1 yêu cầu nộp còn đơn vị chưa nộp."


def test_manual_reminder_reaches_each_unit_once_a_day(
    office_staff, clerk_a, clerk_b, settings_working, django_capture_on_commit_callbacks
):
    request = make_request(office_staff, due=D(2024, 11, 15))
    with django_capture_on_commit_callbacks(execute=True):
        first = reminder_send_manual(by=office_staff, request=request, today=D(2024, 11, 20))
        again = reminder_send_manual(by=office_staff, request=request, today=D(2024, 11, 20))
        next_day = reminder_send_manual(by=office_staff, request=request, today=D(2024, 11, 21))
    assert (first, again, next_day) == (
        {"reminded": 2, "already": 0, "unreachable": 0},
        {"reminded": 0, "already": 2, "unreachable": 0},
        {"reminded": 2, "already": 0, "unreachable": 0},
    )
    assert [m.subject for m in mail.outbox[:1]] == ["Đề nghị nộp: Kế hoạch thi đua năm 2024 của đơn vị (hạn 15/11/2024)"]
    assert "Hạn nộp: 15/11/2024 (quá hạn 3 ngày làm việc)." in mail.outbox[0].body
    assert len(mail.outbox) == 4


def test_clerk_cannot_press_the_reminder(clerk_a, office_staff, settings_working):
    from django.core.exceptions import PermissionDenied

    request = make_request(office_staff, due=D(2024, 11, 15))
    with pytest.raises(PermissionDenied):
        reminder_send_manual(by=clerk_a, request=request, today=D(2024, 11, 20))


def test_tick_runs_the_scan_once_after_the_configured_hour(office_staff, clerk_a, settings_working):
    make_request(office_staff, due=D(2024, 11, 29))
    config = ReminderSettings.load()
    config.scan_hour = 7
    config.save()
    from zoneinfo import ZoneInfo

    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    assert reminder_scan_if_due(now=datetime.datetime(2024, 11, 26, 6, 50, tzinfo=hanoi)) is None
    assert Reminder.objects.count() == 0
    result = reminder_scan_if_due(now=datetime.datetime(2024, 11, 26, 7, 0, tzinfo=hanoi))
    assert result.reminders == 1
    assert reminder_scan_if_due(now=datetime.datetime(2024, 11, 26, 7, 10, tzinfo=hanoi)) is None
    run = ScanRun.objects.get()
    assert (run.date, run.result["reminders"]) == (D(2024, 11, 26), 1)


def test_mail_server_down_loses_no_reminder_and_sends_none_twice(office_staff, clerk_a, settings_working, settings):
    make_request(office_staff, due=D(2024, 11, 29))
    reminder_scan(today=D(2024, 11, 26))  # its e-mail waits in the outbox (no worker in this test)
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox._BrokenBackend"
    assert outbox_flush() == 0  # the mail server refuses: recorded, kept for the next try
    message = OutboxEmail.objects.get()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.RETRYING, 1, "Máy chủ thư không trả lời")
    reminder_scan(today=D(2024, 11, 26))  # the scan again the same day: nothing new is queued
    assert (Reminder.objects.count(), OutboxEmail.objects.count()) == (1, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_flush() == 0  # its next attempt is a minute after the failure (notifications/services.py)
    with time_machine.travel(message.next_attempt_at, tick=False):
        assert outbox_flush() == 1
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn: Kế hoạch thi đua năm 2024 của đơn vị – còn 3 ngày làm việc"]


def test_statuses_still_owed_are_missing_and_returned():
    assert reminders.STILL_OWED == {SubmissionStatus.MISSING, SubmissionStatus.RETURNED}
    assert ReminderKind.ESCALATION.label == "Báo thủ trưởng đơn vị"
