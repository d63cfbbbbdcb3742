"""The Celery app of the portal and its beat schedule.

The schedule below is written into django-celery-beat's tables when beat starts, where staff can
change times in the admin without a code change.
"""

import os
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
}


# The folder broker of the embedded default needs its folders before the first message.
if app.conf.broker_url.startswith("filesystem"):
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        folder = (app.conf.broker_transport_options or {}).get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
