"""The Celery app of the portal and its beat schedule.

The schedule below is written into django-celery-beat's tables when beat starts, where staff can
change times in the admin without a code change.
"""

import os
from datetime import timedelta
from pathlib import Path

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")

app = Celery("tdkt_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "notifications-flush-outbox": {
        "task": "notifications.tasks.outbox_flush",
        "schedule": crontab(minute="*/5"),
    },
    # The reminder scan (campaigns/reminders.py): a tick every REMINDER_TICK_MINUTES (10) runs the day's
    # scan once the hour staff set in the portal has come (Asia/Ho_Chi_Minh); REMINDER_TICK_SECONDS,
    # when set, ticks every few seconds instead (the integration tests).
    "campaigns-reminder-scan": {
        "task": "campaigns.tasks.reminder_scan_tick",
        "schedule": (
            timedelta(seconds=int(os.environ["REMINDER_TICK_SECONDS"]))
            if int(os.environ.get("REMINDER_TICK_SECONDS") or 0)
            else crontab(minute=f"*/{int(os.environ.get('REMINDER_TICK_MINUTES') or 10)}")
        ),
    },
    # Excel files of big exports are kept EXPORT_KEEP_DAYS days (reports/tasks.py).
    "reports-exports-purge": {
        "task": "reports.tasks.exports_purge",
        "schedule": crontab(hour=2, minute=30),
    },
}


# The folder broker of the embedded default needs its folders before the first message.
if app.conf.broker_url.startswith("filesystem"):
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        folder = (app.conf.broker_transport_options or {}).get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
