"""Sending the outbox. A failed attempt is never retried by Celery itself: the row records when to try
next (notifications/outbox.py, back-off over 48 hours) and the flush, every minute, sends what is due."""

import logging
from smtplib import SMTPException

from celery import shared_task

from . import outbox

logger = logging.getLogger(__name__)


def _send(outbox_id: int) -> bool:
    try:
        return outbox.outbox_send_one(outbox_id=outbox_id)
    except (SMTPException, OSError) as exc:
        logger.warning("Gửi thư %s không được (%s); sẽ thử lại theo lịch.", outbox_id, exc)
        return False
    except Exception:  # a malformed message: its row records the failure; the rest of the batch goes on
        logger.exception("Gửi thư %s lỗi; sẽ thử lại theo lịch.", outbox_id)
        return False


@shared_task(acks_late=True)
def outbox_send(outbox_id: int) -> bool:
    return _send(outbox_id)


@shared_task(acks_late=True)
def outbox_send_many(outbox_ids: list[int]) -> int:
    """Send a batch queued by notify_many; one that fails waits for its next attempt (outbox_flush)."""
    return sum(_send(outbox_id) for outbox_id in outbox_ids)


@shared_task(expires=120)
def outbox_flush() -> int:
    """Every minute (beat): send what is due (queued while the broker was down, retries whose time has come)."""
    return sum(_send(outbox_id) for outbox_id in outbox.outbox_due_ids())
