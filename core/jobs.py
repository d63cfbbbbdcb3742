"""What every background job (an Excel export, a certificate print) shares: when its worker is presumed dead.

A job records `heartbeat_at` when a worker claims it and at every chunk it finishes. The sweep (a beat
task every minute) fails a running job silent for JOB_STALE_MINUTES and a queued one nobody took for
JOB_QUEUED_STALE_MINUTES; the owner then gets a "Thử lại" button.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


def stale_running_q(*, running: str, now: datetime | None = None) -> Q:
    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.JOB_STALE_MINUTES)
    return Q(status=running) & (Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit))


def stale_queued_q(*, queued: str, now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status=queued, created_at__lt=now - timedelta(minutes=settings.JOB_QUEUED_STALE_MINUTES))


def claimable_q(*, queued: str, running: str, now: datetime | None = None) -> Q:
    """A job a worker may start: queued, or running under a worker that stopped reporting (a redelivered
    message). A job another worker is making right now is left to it."""
    return Q(status=queued) | stale_running_q(running=running, now=now)
