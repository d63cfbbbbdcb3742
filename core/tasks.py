from celery import shared_task

from .heartbeat import WORKER, heartbeat_record

HEARTBEAT_TASK = "core.tasks.heartbeat"


@shared_task(name=HEARTBEAT_TASK, ignore_result=True, expires=120)
def heartbeat() -> None:
    """Scheduled by beat every minute; running it shows the worker is alive and reading the queue."""
    heartbeat_record(name=WORKER)
