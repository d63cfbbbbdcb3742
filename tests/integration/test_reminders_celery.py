"""Reminders through the real machinery: `celery beat` fires the scan task, a real worker runs it on
PostgreSQL and sends the e-mails over Redis; a broker that is down loses nothing; two scans at once
send each reminder once.

Only with TDKT_INTEGRATION=1 (./scripts/test.sh sets it for its second run).
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.enums import Role
from campaigns.enums import DocumentKind, DueMode, ReminderKind, SubmissionStatus
from campaigns.models import Reminder, ReminderSettings, RequestRecipient, ScanRun, Submission
from campaigns.services.requests import request_create
from notifications.models import OutboxEmail, OutboxStatus
from notifications.tasks import outbox_flush
from tests.factories import UnitFactory, user_with_role

from .conftest import _die_with_parent, database_url, project_env, read_mails, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(os.environ.get("TDKT_INTEGRATION") != "1", reason="set TDKT_INTEGRATION=1 (./scripts/test.sh)"),
]

CLOSED_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1
TITLE = "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm"
TICK_SECONDS = 2


@pytest.fixture
def celery_beat(celery_worker_process, tmp_path):
    """`celery beat` with django-celery-beat's database schedule, ticking the reminder scan every
    2 seconds (REMINDER_TICK_SECONDS); stopped after the test, then the worker is drained."""
    log_path = tmp_path / "beat.log"
    env = project_env(
        DATABASE_URL=database_url(), CELERY_BROKER_URL=settings.CELERY_BROKER_URL, REMINDER_TICK_SECONDS=str(TICK_SECONDS)
    )
    command = [
        sys.executable, "-m", "celery", "-A", "tdkt_portal", "beat", "-l", "info",
        "--pidfile", str(tmp_path / "beat.pid"), "--max-interval", "1",
    ]  # fmt: skip
    started = []

    def start():
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
            )
        started.append(process)
        return log_path

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # Ticks already on the broker must run now, against this test's rows, not the next test's.
    drained = outbox_flush.delay()
    done = f"Task notifications.tasks.outbox_flush[{drained.id}] succeeded"
    wait_until(lambda: done in celery_worker_process.log(), timeout=30, what="the worker to drain the queue")


def _people(n):
    units = [UnitFactory(name=f"UBND xã Thử Nghiệm {i + 1}") for i in range(n)]
    return units, [user_with_role(Role.UNIT_CLERK, unit, full_name=f"Cán Bộ Xã {i + 1}") for i, unit in enumerate(units)]


def _calendar_days_from_midnight():
    """Count calendar days (the test may run on a weekend or Tết) and scan at the first tick."""
    config = ReminderSettings.load()
    config.count_working_days, config.scan_hour, config.digest_enabled = False, 0, False
    config.save()


def _request(office_staff, days: int, title: str = TITLE):
    return request_create(
        by=office_staff,
        title=title,
        document_kind=DocumentKind.INTERIM_REPORT,
        recipient_mode="tat_ca",
        due_mode=DueMode.CALENDAR_DAYS,
        due_days=days,
        issued_on=timezone.localdate(),
        announce=False,
    )


def _reminder_mails(mail_dir):
    return sorted(
        (str(m["to"]), str(m["subject"]).strip(), m.get_content())
        for messages in read_mails(mail_dir).values()
        for m in messages
        if str(m["subject"]).strip().startswith(("Nhắc hạn", "Đề nghị nộp"))
    )


@pytest.mark.django_db(transaction=True)
def test_beat_fires_the_scan_and_the_worker_mails_the_reminders(celery_worker_process, mail_dir, celery_beat, office_staff):
    _units, clerks = _people(3)
    _calendar_days_from_midnight()
    request = _request(office_staff, days=3)
    assert ScanRun.objects.count() == 0

    log_path = celery_beat()
    wait_until(lambda: len(_reminder_mails(mail_dir)) == 3, timeout=90, what="beat, the worker and the e-mails")

    mails = _reminder_mails(mail_dir)
    assert [(to, subject) for to, subject, _body in mails] == [
        (clerk.email, f"Nhắc hạn: {TITLE} – còn 3 ngày") for clerk in sorted(clerks, key=lambda c: c.email)
    ]
    to, _subject, body = next(m for m in mails if m[0] == clerks[0].email)
    assert "Kính gửi Cán Bộ Xã 1," in body
    assert f"1. {TITLE} – UBND xã Thử Nghiệm 1" in body
    assert f"Hạn: {request.due_date:%d/%m/%Y} (còn 3 ngày)." in body
    assert f"/yeu-cau-nop/{request.pk}/" in body
    assert "Sending due task campaigns-reminder-scan (campaigns.tasks.reminder_scan_tick)" in log_path.read_text()

    # Later ticks the same day find the scan done: nothing is sent twice.
    run = ScanRun.objects.get()
    assert (run.date, run.result["reminders"]) == (timezone.localdate(), 3)
    ticks = log_path.read_text().count("Sending due task campaigns-reminder-scan")
    wait_until(
        lambda: log_path.read_text().count("Sending due task campaigns-reminder-scan") >= ticks + 2,
        timeout=30,
        what="two more ticks",
    )
    assert len(_reminder_mails(mail_dir)) == 3
    assert Reminder.objects.filter(kind=ReminderKind.BEFORE, offset=3).count() == 3
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_broker_down_the_submission_is_saved_and_reminders_go_out_when_it_returns(
    celery_worker_process, mail_dir, celery_beat, office_staff
):
    (unit_1, unit_2), (clerk_1, clerk_2) = _people(2)
    _calendar_days_from_midnight()
    request = _request(office_staff, days=1)

    # Another process — the web while Redis is down: the clerk of unit 1 uploads, the office presses
    # "remind the missing ones", and beat's tick cannot be published.
    code = (
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from accounts.models import User\n"
        "from campaigns.models import RequestRecipient, SubmissionRequest\n"
        "from campaigns.services.reminders import reminder_send_manual\n"
        "from campaigns.services.submissions import submission_upload\n"
        "from campaigns.tasks import reminder_scan_tick\n"
        f"request = SubmissionRequest.objects.get(pk={request.pk})\n"
        f"recipient = RequestRecipient.objects.get(request=request, unit_id={unit_1.pk})\n"
        "upload = SimpleUploadedFile('bao-cao-so-ket.pdf', b'%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n')\n"
        f"submission_upload(by=User.objects.get(pk={clerk_1.pk}), recipient=recipient, upload=upload)\n"
        f"print('MANUAL', reminder_send_manual(by=User.objects.get(pk={office_staff.pk}), request=request))\n"
        "try:\n"
        "    reminder_scan_tick.delay()\n"
        "except Exception as exc:\n"
        "    print('TICK NOT PUBLISHED', type(exc).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=project_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=CLOSED_BROKER),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MANUAL {'reminded': 1, 'already': 0, 'unreachable': 0}" in result.stdout
    assert "TICK NOT PUBLISHED OperationalError" in result.stdout
    assert "Không gửi được 1 thư vào hàng đợi" in result.stderr, result.stderr

    # The submission is saved; the manual reminder waits in the outbox; nothing was mailed.
    mine = RequestRecipient.objects.get(request=request, unit=unit_1)
    submitted = (mine.status, Submission.objects.get(recipient=mine).original_name)
    assert submitted == (SubmissionStatus.SUBMITTED, "bao-cao-so-ket.pdf")
    manual = OutboxEmail.objects.get(to=clerk_2.email)
    assert (manual.status, manual.subject) == (OutboxStatus.PENDING, f"Đề nghị nộp: {TITLE} (hạn {request.due_date:%d/%m/%Y})")
    assert ScanRun.objects.count() == 0
    assert list(mail_dir.iterdir()) == []

    # The broker is back: beat's next tick runs the scan, the flush sends what waited.
    celery_beat()
    outbox_flush.delay()
    wait_until(lambda: len(_reminder_mails(mail_dir)) == 2, timeout=90, what="the reminders after the broker returned")
    assert [(to, subject) for to, subject, _body in _reminder_mails(mail_dir)] == [
        (clerk_2.email, f"Nhắc hạn: {TITLE} – còn 1 ngày"),
        (clerk_2.email, f"Đề nghị nộp: {TITLE} (hạn {request.due_date:%d/%m/%Y})"),
    ]
    assert Reminder.objects.filter(recipient=clerk_1).count() == 0  # the unit that sent its report is left alone


@pytest.mark.django_db(transaction=True)
def test_two_processes_scanning_at_the_same_moment_send_each_reminder_once(office_staff):
    if os.environ.get("CELERY_BROKER_URL", "").startswith("redis") is False:
        pytest.skip("needs the integration environment")
    _units, clerks = _people(5)
    _calendar_days_from_midnight()
    _request(office_staff, days=3)
    _request(office_staff, days=1, title="Bản đăng ký thi đua năm sau")
    start_at = time.time() + 8  # both processes are up by then; they claim at the same instant
    code = (
        "import time\n"
        "from django.db import transaction\n"
        "from campaigns.services.reminders import reminder_scan\n"
        f"time.sleep(max(0, {start_at} - time.time()))\n"
        "with transaction.atomic():\n"
        "    result = reminder_scan()\n"
        "    time.sleep(1.5)  # hold the claims uncommitted while the other process inserts the same ones\n"
        "print('SENT', result.reminders, result.emails)\n"
    )
    env = project_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=CLOSED_BROKER)
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=180) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    sent = sorted(line for out, _err in outputs for line in out.splitlines() if line.startswith("SENT"))
    assert sent == ["SENT 0 0", "SENT 10 5"]  # 5 clerks × 2 requests, one e-mail per clerk listing both
    assert Reminder.objects.count() == 10
    assert OutboxEmail.objects.count() == 5
    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == sorted(c.email for c in clerks)
