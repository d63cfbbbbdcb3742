"""Time the daily reminder scan at province scale. Prints figures; asserts nothing.

    .venv/bin/python bench/reminder_scan.py [--units 2000] [--requests 50]

Every unit has a clerk and owes every request; all requests are due in 3 working days, so the scan
claims units × requests reminders and sends one message per clerk. The scan then runs again the same
day (nothing new). Uses DATABASE_URL when set (e.g. a throwaway PostgreSQL: see scripts/test.sh),
else a fresh SQLite file in a temp dir. E-mails are queued in the outbox and handed to an in-memory
broker (no worker): the figures are the scan's, not the mail server's.
"""

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")
os.environ["CELERY_BROKER_URL"] = "memory://"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.enums import Role  # noqa: E402
from accounts.models import RoleAssignment, User  # noqa: E402
from campaigns.enums import DocumentKind, DueMode, RecipientMode  # noqa: E402
from campaigns.models import Reminder, ReminderSettings, RequestRecipient, SubmissionRequest  # noqa: E402
from campaigns.services.reminders import reminder_scan  # noqa: E402
from notifications.models import Notification, OutboxEmail  # noqa: E402
from units.enums import UnitKind  # noqa: E402
from units.models import Unit  # noqa: E402

TODAY = datetime.date(2026, 11, 24)  # a Tuesday
DUE = datetime.date(2026, 11, 27)  # 3 working days later


def build(units: int, requests: int) -> None:
    call_command("migrate", verbosity=0)
    ReminderSettings.load()
    Unit.objects.bulk_create(
        (
            Unit(name=f"UBND xã Đo Kiểm {i}", code=f"bench-{i}", kind=UnitKind.COMMUNE, email=f"xa{i}@example.vn")
            for i in range(units)
        ),
        batch_size=2000,
    )
    unit_ids = list(Unit.objects.values_list("id", flat=True))
    User.objects.bulk_create(
        (User(username=f"canbo{i}", full_name=f"Cán bộ xã {i}", email=f"canbo{i}@example.vn") for i in range(units)),
        batch_size=2000,
    )
    user_ids = list(User.objects.filter(username__startswith="canbo").order_by("id").values_list("id", flat=True))
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user_id=u, unit_id=unit, role=Role.UNIT_CLERK) for u, unit in zip(user_ids, unit_ids, strict=True)),
        batch_size=2000,
    )
    staff = User.objects.create(username="bench-staff", full_name="Cán bộ Phòng Nội vụ", email="noivu@example.vn")
    RoleAssignment.objects.create(user=staff, role=Role.OFFICE_STAFF)
    SubmissionRequest.objects.bulk_create(
        SubmissionRequest(
            title=f"Báo cáo chuyên đề số {n}",
            document_kind=DocumentKind.OTHER,
            recipient_mode=RecipientMode.ALL,
            due_mode=DueMode.DATE,
            issued_on=TODAY - datetime.timedelta(days=20),
            due_date=DUE,
            created_by=staff,
        )
        for n in range(requests)
    )
    for request_id in SubmissionRequest.objects.values_list("id", flat=True):
        RequestRecipient.objects.bulk_create(
            (RequestRecipient(request_id=request_id, unit_id=u) for u in unit_ids), batch_size=5000
        )


def timed_scan() -> tuple[float, int, object]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = reminder_scan(today=TODAY)
        elapsed = time.perf_counter() - start
    return elapsed, len(queries.captured_queries), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    print(
        f"{connection.vendor}, {args.units} units × {args.requests} open requests = {args.units * args.requests:,} owed documents"
    )
    start = time.perf_counter()
    build(args.units, args.requests)
    print(f"setup {time.perf_counter() - start:.1f} s")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    elapsed, queries, result = timed_scan()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"first scan:  {elapsed:6.2f} s, {queries:3d} queries, peak RSS {rss_after:.0f} MB (+{rss_after - rss_before:.0f}) — "
        f"{result.reminders:,} reminders claimed, {result.messages:,} portal messages, {result.emails:,} e-mails queued"
    )
    elapsed, queries, result = timed_scan()
    print(f"second scan: {elapsed:6.2f} s, {queries:3d} queries — {result.reminders:,} reminders (nothing twice)")
    print(
        f"rows: {Reminder.objects.count():,} reminders, {Notification.objects.count():,} notifications, "
        f"{OutboxEmail.objects.count():,} e-mails"
    )


if __name__ == "__main__":
    main()
