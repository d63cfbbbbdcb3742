"""The worker's side of the outbox: take one due e-mail, send it, record the attempt and the back-off.
Celery tasks (notifications/tasks.py) call it; pages and services queue e-mails through services.py."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxEmail, OutboxStatus

# Back-off after the n-th failed attempt: 1, 2, 5, 10, 20, 40 minutes, then every hour; an e-mail is marked
# failed only when still undelivered OUTBOX_GIVE_UP_HOURS (48) after its first failure (about 53 attempts).
BACKOFF_MINUTES = (1, 2, 5, 10, 20, 40)
BACKOFF_THEN_MINUTES = 60
SEND_LEASE = timedelta(minutes=10)  # a worker killed while sending: the flush takes the e-mail again after this


def backoff(failures: int) -> timedelta:
    """How long to wait after the `failures`-th failed attempt in a row (1-based)."""
    minutes = BACKOFF_MINUTES[failures - 1] if failures <= len(BACKOFF_MINUTES) else BACKOFF_THEN_MINUTES
    return timedelta(minutes=minutes)


def _due(now) -> Q:
    waiting = Q(status__in=[OutboxStatus.PENDING, OutboxStatus.RETRYING]) | Q(status=OutboxStatus.SENDING)
    return waiting & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def outbox_send_one(*, outbox_id: int) -> bool:
    """Send one e-mail if it is due, at most once at a time: the row is claimed (with a lease) before the
    mail server is called. Only this call to the mail server counts as an attempt; a failure schedules the
    next one (backoff) and raises. Returns False when the e-mail was not due or is taken."""
    now = timezone.now()
    claimed = (
        OutboxEmail.objects.filter(pk=outbox_id)
        .filter(_due(now))
        .update(status=OutboxStatus.SENDING, next_attempt_at=now + SEND_LEASE)
    )
    if not claimed:
        return False
    message = OutboxEmail.objects.get(pk=outbox_id)
    try:
        EmailMessage(subject=message.subject, body=message.body, to=[message.to]).send()
    except Exception as exc:
        failed_at = timezone.now()
        first = message.first_failed_at or failed_at
        failures = message.failures + 1
        give_up = failed_at - first >= timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS)
        OutboxEmail.objects.filter(pk=outbox_id).update(
            status=OutboxStatus.FAILED if give_up else OutboxStatus.RETRYING,
            attempts=F("attempts") + 1,
            last_error=str(exc)[:2000],
            first_failed_at=first,
            failures=failures,
            next_attempt_at=None if give_up else failed_at + backoff(failures),
        )
        raise
    OutboxEmail.objects.filter(pk=outbox_id).update(
        status=OutboxStatus.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
        first_failed_at=None,
        failures=0,
    )
    return True


def outbox_due_ids(*, limit: int = 500) -> list[int]:
    """E-mails the flush should try now: new ones the broker missed, retries whose time has come, and
    ones whose worker died mid-send (lease over)."""
    return list(OutboxEmail.objects.filter(_due(timezone.now())).order_by("id").values_list("id", flat=True)[:limit])
