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


@shared_task(acks_late=True)
def outbox_send_many(outbox_ids: list[int]) -> int:
    """Send a batch queued by notify_many; one that fails is retried alone, with backoff."""
    sent = 0
    for outbox_id in outbox_ids:
        try:
            sent += services.outbox_send_one(outbox_id=outbox_id)
        except (SMTPException, OSError):
            attempts = services.outbox_attempts(outbox_id=outbox_id)
            try:
                outbox_send.apply_async((outbox_id,), countdown=min(30 * 2**attempts, 1800))
            except Exception:  # no broker: outbox_flush will retry it
                pass
    return sent


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
