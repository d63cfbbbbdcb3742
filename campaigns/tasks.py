"""Thin tasks: the beat's tick and a forced scan; the work is in services/reminders.py."""

import datetime

from celery import shared_task

from .services import reminders


@shared_task(acks_late=True)
def reminder_scan_tick() -> dict | None:
    """Fired by beat every few minutes: runs the day's scan once the configured hour has come."""
    result = reminders.reminder_scan_if_due()
    return result.as_dict() if result is not None else None


@shared_task(acks_late=True)
def reminder_scan(today: str | None = None) -> dict:
    """Run the scan now (for `today` given as YYYY-MM-DD, else today in Asia/Ho_Chi_Minh)."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders.reminder_scan(today=day).as_dict()
