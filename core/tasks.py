from celery import shared_task
from django.conf import settings

from .heartbeat import WORKER, heartbeat_record

HEARTBEAT_TASK = "core.tasks.heartbeat"


@shared_task(name=HEARTBEAT_TASK, ignore_result=True, expires=120)
def heartbeat() -> None:
    """Scheduled by beat every minute; running it shows the worker is alive and reading the queue."""
    heartbeat_record(name=WORKER)


@shared_task(name="core.tasks.form_tokens_purge", ignore_result=True)
def form_tokens_purge() -> int:
    from .services import form_tokens_purge as purge

    return purge(older_than_days=settings.FORM_TOKEN_KEEP_DAYS)
