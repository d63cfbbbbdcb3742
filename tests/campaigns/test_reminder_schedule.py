"""Time travel: the scan is given `today`; the holiday table seeded from domain.md holds Tết."""

import datetime

import pytest

from campaigns.enums import ReminderKind
from campaigns.models import Reminder, ReminderSettings
from campaigns.services.reminder_dues import stage_for
from campaigns.services.reminders import reminder_scan
from campaigns.workcal import WorkCalendar

from .conftest import D, make_request

pytestmark = pytest.mark.django_db


def _run_days(start, end):
    day = start
    while day <= end:
        reminder_scan(today=day)
        day += datetime.timedelta(days=1)


def _sent():
    """(day, kind, offset) of the reminders sent to units, in order (the office's digest aside)."""
    rows = Reminder.objects.exclude(kind=ReminderKind.DIGEST).order_by("sent_on", "offset")
    return [(r.sent_on, r.kind, r.offset) for r in rows]


def test_offsets_before_a_deadline_after_tet_2024_fall_before_tet(office_staff, clerk_a, settings_working):
    # Due Thursday 15/02/2024, the first working day after Tết Giáp Thìn (08–14/02 off with the weekend).
    make_request(office_staff, due=D(2024, 2, 15))
    _run_days(D(2024, 1, 20), D(2024, 2, 15))
    assert _sent() == [
        (D(2024, 1, 30), ReminderKind.BEFORE, 7),  # 7 working days: 31/01, 01, 02, 05, 06, 07, 15/02
        (D(2024, 2, 5), ReminderKind.BEFORE, 3),
        (D(2024, 2, 7), ReminderKind.BEFORE, 1),  # the last working day before Tết
        (D(2024, 2, 15), ReminderKind.BEFORE, 0),
    ]


def test_overdue_every_two_working_days_then_the_head(office_staff, clerk_a, head_a, settings_working):
    make_request(office_staff, due=D(2024, 2, 15))
    _run_days(D(2024, 2, 16), D(2024, 3, 20))
    clerk_rows = [
        (r.sent_on, r.offset) for r in Reminder.objects.filter(recipient=clerk_a, kind=ReminderKind.OVERDUE).order_by("sent_on")
    ]
    assert clerk_rows == [
        (D(2024, 2, 19), -2),  # Fri 16 is 1 day over; Mon 19 is 2
        (D(2024, 2, 21), -4),
        (D(2024, 2, 23), -6),
        (D(2024, 2, 27), -8),
        (D(2024, 2, 29), -10),
        (D(2024, 3, 4), -12),
        (D(2024, 3, 6), -14),
        (D(2024, 3, 8), -16),
        (D(2024, 3, 12), -18),
        (D(2024, 3, 14), -20),  # then it stops (overdue_stop_after_days = 20); the digest keeps it
    ]
    head_rows = [(r.sent_on, r.offset) for r in Reminder.objects.filter(recipient=head_a).order_by("sent_on")]
    assert head_rows[0] == (D(2024, 2, 23), -6)
    assert set(Reminder.objects.filter(recipient=head_a).values_list("kind", flat=True)) == {ReminderKind.ESCALATION}


def test_weekend_deadline_reminds_on_friday_and_nothing_on_the_weekend(office_staff, clerk_a, settings_working):
    # Due Sunday 17/11/2024: Friday 15/11 is the last working day before it.
    make_request(office_staff, due=D(2024, 11, 17))
    _run_days(D(2024, 11, 6), D(2024, 11, 17))
    assert _sent() == [
        (D(2024, 11, 6), ReminderKind.BEFORE, 7),  # 07, 08, 11, 12, 13, 14, 15 = 7 working days
        (D(2024, 11, 12), ReminderKind.BEFORE, 3),
        (D(2024, 11, 14), ReminderKind.BEFORE, 1),
        (D(2024, 11, 15), ReminderKind.BEFORE, 0),
    ]
    assert reminder_scan(today=D(2024, 11, 16)).skipped == "Ngày nghỉ: không gửi nhắc việc, ngày làm việc tiếp theo sẽ gửi bù."


def test_a_missed_day_is_caught_up_once(office_staff, clerk_a, settings_working):
    # No scan ran on 30/01 or 31/01/2024 (broker down): 01/02 sends the 7-day stage once, late.
    make_request(office_staff, due=D(2024, 2, 15))
    reminder_scan(today=D(2024, 2, 1))
    reminder_scan(today=D(2024, 2, 2))
    assert _sent() == [(D(2024, 2, 1), ReminderKind.BEFORE, 7)]


def test_deadline_across_tet_2025_from_the_holiday_table(office_staff, clerk_a, settings_working):
    # Due Tuesday 04/02/2025; Tết Ất Tỵ 27–31/01/2025 is off.
    make_request(office_staff, due=D(2025, 2, 4))
    _run_days(D(2025, 1, 15), D(2025, 2, 4))
    assert _sent() == [
        (D(2025, 1, 17), ReminderKind.BEFORE, 7),  # 20, 21, 22, 23, 24/01, then 03 and 04/02
        (D(2025, 1, 23), ReminderKind.BEFORE, 3),  # 24/01, 03/02, 04/02
        (D(2025, 2, 3), ReminderKind.BEFORE, 1),
        (D(2025, 2, 4), ReminderKind.BEFORE, 0),
    ]


def test_calendar_day_settings_count_every_day(office_staff, clerk_a):
    config = ReminderSettings.load()
    config.count_working_days = False
    config.save()
    make_request(office_staff, due=D(2024, 2, 15))
    _run_days(D(2024, 2, 1), D(2024, 2, 17))
    assert _sent() == [
        (D(2024, 2, 8), ReminderKind.BEFORE, 7),
        (D(2024, 2, 12), ReminderKind.BEFORE, 3),
        (D(2024, 2, 14), ReminderKind.BEFORE, 1),
        (D(2024, 2, 15), ReminderKind.BEFORE, 0),
        (D(2024, 2, 17), ReminderKind.OVERDUE, -2),
    ]


def test_configured_offsets_are_used(office_staff, clerk_a):
    config = ReminderSettings.load()
    config.offsets_before = "10, 2"
    config.save()
    make_request(office_staff, due=D(2024, 11, 29))
    _run_days(D(2024, 11, 1), D(2024, 11, 29))
    assert _sent() == [(D(2024, 11, 15), ReminderKind.BEFORE, 10), (D(2024, 11, 27), ReminderKind.BEFORE, 2)]


def test_stage_for_counts_working_days_across_tet_2026(settings_working):
    today = D(2026, 2, 13)  # Friday before Tết Bính Ngọ (16–20/02/2026)
    cal = WorkCalendar(today)
    assert cal.between(today, D(2026, 2, 24)) == 2  # 23 and 24
    assert stage_for(due=D(2026, 2, 24), today=today, cal=cal, cfg=settings_working, offsets=[7, 3, 1, 0]) == (
        ReminderKind.BEFORE,
        3,
        2,
    )
    assert stage_for(due=D(2026, 3, 31), today=today, cal=cal, cfg=settings_working, offsets=[7, 3, 1, 0]) is None


def test_work_calendar_reaches_dates_long_past_with_one_more_query(settings_working, django_assert_num_queries):
    with django_assert_num_queries(1):
        cal = WorkCalendar(D(2026, 11, 23))
    with django_assert_num_queries(1):
        # 31/12/2024 is outside the 400-day window around 23/11/2026; Tết Ất Tỵ is still skipped.
        assert cal.between(D(2024, 12, 31), D(2025, 2, 3)) == 18  # January: 23 weekdays − 01/01 − 27…31/01, then 03/02
        assert cal.between(D(2024, 12, 30), D(2025, 1, 2)) == 2  # 31/12, (01/01 off), 02/01
