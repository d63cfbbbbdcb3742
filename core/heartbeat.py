"""Heartbeats of the background processes: the Celery worker and Celery beat each record when they last
showed life; the office dashboard and /healthz/jobs say which one has been silent for too long.

Beat schedules core.tasks.heartbeat every minute. Publishing it records beat's heartbeat (in the beat
process, through Celery's before_task_publish signal); running it records the worker's. So a dead
beat stops both (the worker's goes stale too: nothing is scheduled any more, and both are reported),
a dead worker or broker stops only the worker's.
"""

import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ServiceHeartbeat

WORKER, BEAT = "worker", "beat"
LABELS = {WORKER: _("Tiến trình xử lý nền (Celery worker)"), BEAT: _("Bộ hẹn giờ (Celery beat)")}


def heartbeat_record(*, name: str, at: datetime | None = None) -> None:
    ServiceHeartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": at or timezone.now(), "hostname": socket.gethostname()[:255]}
    )


@dataclass(frozen=True)
class ServiceState:
    name: str
    label: str
    seen_at: datetime | None
    stale: bool


def service_states(*, now: datetime | None = None) -> list[ServiceState]:
    """The worker and beat, each with when it last reported and whether that is older than WORKER_STALE_MINUTES."""
    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.WORKER_STALE_MINUTES)
    seen = dict(ServiceHeartbeat.objects.filter(name__in=[WORKER, BEAT]).values_list("name", "seen_at"))
    return [
        ServiceState(
            name=name, label=str(LABELS[name]), seen_at=seen.get(name), stale=seen.get(name) is None or seen[name] < limit
        )
        for name in (WORKER, BEAT)
    ]
