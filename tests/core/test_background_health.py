"""The worker's and beat's heartbeats, as the office dashboard and /healthz/jobs report them, and the
dashboard's warning when e-mail has been failing for an hour."""

import datetime

import pytest
import time_machine
from celery import signals
from django.urls import reverse

from core.heartbeat import BEAT, WORKER, heartbeat_record
from core.models import ServiceHeartbeat
from core.tasks import heartbeat
from notifications.models import OutboxEmail, OutboxStatus

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 15, 8, 0, tzinfo=datetime.UTC)
WORKER_SILENT = "Tiến trình xử lý nền (Celery worker) không báo hoạt động từ"
BEAT_SILENT = "Bộ hẹn giờ (Celery beat) không báo hoạt động từ"


def seen(minutes_ago: int) -> datetime.datetime:
    return NOW - datetime.timedelta(minutes=minutes_ago)


def test_beat_publishing_and_the_worker_running_the_heartbeat_record_both():
    with time_machine.travel(NOW, tick=False):
        signals.before_task_publish.send(sender="core.tasks.heartbeat", body=None, exchange="", routing_key="")
        signals.before_task_publish.send(sender="reports.tasks.export_run", body=None, exchange="", routing_key="")
        assert dict(ServiceHeartbeat.objects.values_list("name", "seen_at")) == {BEAT: NOW}
        heartbeat.delay()  # eager here: the task body the worker runs
    assert dict(ServiceHeartbeat.objects.values_list("name", "seen_at")) == {BEAT: NOW, WORKER: NOW}


def test_healthz_jobs_fresh_answers_200(client):
    heartbeat_record(name=WORKER, at=seen(9))
    heartbeat_record(name=BEAT, at=seen(1))
    with time_machine.travel(NOW, tick=False):
        response = client.get("/healthz/jobs")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "stale_after_minutes": 10,
        "worker": {"last_seen": seen(9).isoformat(), "stale": False},
        "beat": {"last_seen": seen(1).isoformat(), "stale": False},
    }


def test_healthz_jobs_stale_worker_or_missing_beat_answers_503(client, settings):
    settings.WORKER_STALE_MINUTES = 3
    heartbeat_record(name=WORKER, at=seen(4))
    with time_machine.travel(NOW, tick=False):
        response = client.get("/healthz/jobs", HTTP_HOST="10.0.0.5:8000")  # any host, like /healthz
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "stale_after_minutes": 3,
        "worker": {"last_seen": seen(4).isoformat(), "stale": True},
        "beat": {"last_seen": None, "stale": True},
    }
    assert client.get("/healthz").content == b"ok"  # the web liveness check is unchanged


def test_dashboard_warns_office_when_worker_is_silent(client, office_staff):
    heartbeat_record(name=WORKER, at=seen(11))
    heartbeat_record(name=BEAT, at=seen(0))
    with time_machine.travel(NOW, tick=False):
        client.force_login(office_staff)
        page = client.get(reverse("dashboard")).content.decode()
    assert WORKER_SILENT in page
    assert BEAT_SILENT not in page


def test_dashboard_is_quiet_when_both_report(client, office_staff):
    heartbeat_record(name=WORKER, at=seen(2))
    heartbeat_record(name=BEAT, at=seen(0))
    with time_machine.travel(NOW, tick=False):
        client.force_login(office_staff)
        page = client.get(reverse("dashboard")).content.decode()
    assert (WORKER_SILENT in page, BEAT_SILENT in page, 'id="mail-failing"' in page) == (False, False, False)


@pytest.mark.parametrize(("failing_minutes", "warned"), [(59, False), (61, True)])
def test_dashboard_warns_when_mail_fails_for_an_hour(client, office_staff, failing_minutes, warned):
    heartbeat_record(name=WORKER, at=NOW)
    heartbeat_record(name=BEAT, at=NOW)
    OutboxEmail.objects.create(
        to="a@example.vn", subject="S", body="B", status=OutboxStatus.RETRYING, attempts=3, failures=3,
        first_failed_at=seen(failing_minutes), next_attempt_at=NOW + datetime.timedelta(minutes=5),
    )  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        client.force_login(office_staff)
        page = client.get(reverse("dashboard")).content.decode()
    assert ('id="mail-failing"' in page) == warned
    assert (reverse("notifications:outbox") in page) == warned
