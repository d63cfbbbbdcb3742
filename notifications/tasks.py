from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=services.MAX_ATTEMPTS - 1,
    acks_late=True,
)
def outbox_send(outbox_id: int) -> bool:
    return services.outbox_send_one(outbox_id=outbox_id)


@shared_task
def outbox_flush() -> int:
    """Send what is still waiting (queued while the broker was down, or failed earlier)."""
    sent = 0
    for outbox_id in services.outbox_pending_ids():
        try:
            sent += services.outbox_send_one(outbox_id=outbox_id)
        except (SMTPException, OSError):
            continue
    return sent
