"""The Celery app of the portal and its beat schedule.

The schedule below is written into django-celery-beat's tables when beat starts, where staff can
change times in the admin without a code change.
"""

import os
from datetime import timedelta
from pathlib import Path

from celery import Celery, signals
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")


def _survive_a_closed_broker_connection() -> None:
    """The worker's "Unrecoverable error: AttributeError('NoneType' object has no attribute 'hostname')".

    When Redis goes away, the consumer closes its kombu Connection, which sets its transport's `client`
    to None. A component still holding a channel of that connection (the worker's event dispatcher for
    heartbeats and gossip, a remote-control reply) then asks the channel for a new Redis client; kombu's
    redis Channel._connparams reads `self.connection.client.hostname` and raises AttributeError — not a
    connection error, so Celery does not retry but stops the worker. Here that case raises Redis's
    ConnectionError instead, one of the transport's connection errors: the worker treats it as the lost
    connection it is and reconnects (broker_connection_max_retries=None: forever).
    """
    try:
        from kombu.transport import redis as kombu_redis
        from redis.exceptions import ConnectionError as RedisConnectionError
    except ImportError:  # redis not installed: the folder broker of the embedded default
        return
    original = kombu_redis.Channel._connparams
    if getattr(original, "survives_closed_connection", False):
        return

    def _connparams(self, asynchronous=False):
        if getattr(self.connection, "client", None) is None:
            raise RedisConnectionError("Kết nối tới Redis đã đóng; đang kết nối lại.")
        return original(self, asynchronous=asynchronous)

    _connparams.survives_closed_connection = True
    kombu_redis.Channel._connparams = _connparams


_survive_a_closed_broker_connection()

app = Celery("tdkt_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Queues: the long jobs each have their own, so a thousand certificates printing never hold up a reminder or an
# e-mail, and each kind can get its own workers on its own nodes (README, "Growing past one machine"):
#   celery -A tdkt_portal worker -Q printing      (and -Q exports, -Q reminders, -Q celery for the rest)
# The default worker command (docker-compose.yml, scripts/demo.sh) consumes them all: `-Q` + ALL_QUEUES.
# The sweeps that fail a dead worker's jobs, the heartbeat, the outbox and the purges stay on the default queue:
# a stopped printing worker must not stop the sweep that tells its jobs' owners so.
DEFAULT_QUEUE = "celery"
QUEUES = {
    "campaigns.tasks.reminder_scan_tick": "reminders",
    "campaigns.tasks.reminder_scan": "reminders",
    "awards.tasks.certificates_print": "printing",
    "reports.tasks.export_run": "exports",
}
ALL_QUEUES = ",".join([DEFAULT_QUEUE, *sorted(set(QUEUES.values()))])  # celery,exports,printing,reminders
app.conf.task_default_queue = DEFAULT_QUEUE
app.conf.task_routes = {name: {"queue": queue} for name, queue in QUEUES.items()}

app.conf.beat_schedule = {
    # Sends what is due in the outbox: new e-mails the broker missed, and retries after their back-off
    # (1, 2, 5, 10, 20, 40 min, then hourly for 48 h; notifications/outbox.py). Nothing due, nothing counted.
    "notifications-flush-outbox": {
        "task": "notifications.tasks.outbox_flush",
        "schedule": timedelta(minutes=1),
    },
    # The worker's and beat's heartbeats (core/heartbeat.py).
    "core-heartbeat": {
        "task": "core.tasks.heartbeat",
        "schedule": timedelta(minutes=1),
    },
    # Jobs whose worker died (no heartbeat for JOB_STALE_MINUTES) are marked failed, with a retry button.
    "reports-export-jobs-sweep": {
        "task": "reports.tasks.export_jobs_sweep",
        "schedule": timedelta(minutes=1),
    },
    "awards-print-jobs-sweep": {
        "task": "awards.tasks.print_jobs_sweep",
        "schedule": timedelta(minutes=1),
    },
    # The reminder scan (campaigns/services/reminders.py): a tick every REMINDER_TICK_MINUTES (10) runs the day's
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
    # One-time form tokens (core/actions.py) are kept FORM_TOKEN_KEEP_DAYS days.
    "core-form-tokens-purge": {
        "task": "core.tasks.form_tokens_purge",
        "schedule": crontab(hour=2, minute=40),
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


# Heartbeats (core/heartbeat.py): beat records its own when it publishes the heartbeat task, the worker
# when it is ready and each time it runs that task. A database hiccup must never stop either process.
def _record(name: str) -> None:
    import logging

    try:
        from core.heartbeat import heartbeat_record

        heartbeat_record(name=name)
    except Exception:
        logging.getLogger(__name__).warning("Không ghi được nhịp của %s", name, exc_info=True)


@signals.before_task_publish.connect
def _beat_heartbeat(sender=None, **kwargs):
    if sender == "core.tasks.heartbeat":  # only beat publishes it
        _record("beat")


@signals.beat_init.connect
def _beat_started(sender=None, **kwargs):
    _record("beat")


@signals.worker_ready.connect
def _worker_started(sender=None, **kwargs):
    _record("worker")
