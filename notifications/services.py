"""The one messenger: every in-app message and e-mail of the portal goes through here."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification, OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _absolute(url: str) -> str:
    return url if not url or url.startswith("http") else f"{settings.SITE_URL}{url}"


def email_queue(*, to: str, subject: str, template: str, context: dict) -> OutboxEmail | None:
    """Queue an e-mail rendered from templates/notifications/email/<template>.txt; sent after commit."""
    if not to:
        return None
    body = render_to_string(f"notifications/email/{template}.txt", {**context, "site_url": settings.SITE_URL})
    message = OutboxEmail.objects.create(to=to, subject=subject, body=body)
    transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def notify(*, recipient, title: str, template: str, context: dict, url: str = "", email: bool = True) -> Notification:
    """Tell a user something: in the portal, and by e-mail when they have an address."""
    notification = Notification.objects.create(
        recipient=recipient,
        title=title,
        body=render_to_string(f"notifications/inapp/{template}.txt", context).strip(),
        url=url,
    )
    if email and recipient.email:
        email_queue(
            to=recipient.email,
            subject=title,
            template=template,
            context={**context, "url": _absolute(url), "recipient": recipient},
        )
    return notification


def _dispatch(outbox_id: int) -> None:
    """Hand the e-mail to the worker. With the broker down the row stays pending for outbox_flush."""
    from .tasks import outbox_send

    try:
        outbox_send.delay(outbox_id)
    except Exception:  # the broker is unreachable: the beat's flush will pick it up
        logger.warning("Không gửi được thư %s vào hàng đợi; sẽ gửi lại ở lần quét sau.", outbox_id, exc_info=True)


def outbox_send_one(*, outbox_id: int) -> bool:
    """Send one queued e-mail at most once: the row is claimed before the mail server is called."""
    claimed = OutboxEmail.objects.filter(
        pk=outbox_id, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED], attempts__lt=MAX_ATTEMPTS
    ).update(status=OutboxStatus.SENDING)
    if not claimed:
        return False
    message = OutboxEmail.objects.get(pk=outbox_id)
    try:
        EmailMessage(subject=message.subject, body=message.body, to=[message.to]).send()
    except Exception as exc:
        OutboxEmail.objects.filter(pk=outbox_id).update(
            status=OutboxStatus.FAILED, attempts=message.attempts + 1, last_error=str(exc)[:2000]
        )
        raise
    OutboxEmail.objects.filter(pk=outbox_id).update(
        status=OutboxStatus.SENT, attempts=message.attempts + 1, sent_at=timezone.now(), last_error=""
    )
    return True


def outbox_pending_ids(*, limit: int = 500) -> list[int]:
    return list(
        OutboxEmail.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED], attempts__lt=MAX_ATTEMPTS)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )


def notification_mark_read(*, recipient, notification_id: int | None = None) -> int:
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=timezone.now())
