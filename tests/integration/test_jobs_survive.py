"""Background work and mail that survive (issue 11, items 3 and 4), with real processes: a Redis of the test's own
(on a free port, so the test can stop and start it), real Celery worker processes on it, PostgreSQL.

Only with TDKT_INTEGRATION=1 (./scripts/test.sh sets it for its second run).
"""

import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.models import ServiceHeartbeat
from core.tasks import heartbeat
from dossiers.enums import CommendationKind
from dossiers.models import AwardRound, Dossier
from reports.exports import jobs
from reports.exports.registry import get_export
from reports.exports.worker import NOT_QUEUED, STALE_RUNNING
from reports.models import ExportJob
from reports.tasks import export_jobs_sweep
from tdkt_portal.celery import ALL_QUEUES, app

from .conftest import READY_TIMEOUT, _die_with_parent, _worker_logs, database_url, project_env, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(os.environ.get("TDKT_INTEGRATION") != "1", reason="set TDKT_INTEGRATION=1 (./scripts/test.sh)"),
]

JOB_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own: stop() and start() it under a live worker."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
                   "--dir", str(self.folder)]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent
        )
        wait_until(self._answers, timeout=20, what=f"Redis on port {self.port}")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


class WorkerProcess:
    """A real `celery worker` on the given broker, as docker-compose runs it (plus a hostname)."""

    def __init__(self, broker_url: str, log_path: Path, pool_args: list[str], env: dict[str, str] | None = None):
        self.log_path = log_path
        env = project_env(
            **{
                "DATABASE_URL": database_url(),
                "CELERY_BROKER_URL": broker_url,
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # the test's own folder (tests/conftest.py): files land where it reads
                **(env or {}),
            }
        )
        command = [sys.executable, "-m", "celery", "-A", "tdkt_portal", "worker", "-Q", ALL_QUEUES, "-l", "info", *pool_args,
                   "--hostname", f"survive-{os.getpid()}-{time.monotonic_ns()}@%h"]  # fmt: skip
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
            )
        wait_until(lambda: self.log().count(" ready.") >= 1 or self.process.poll() is not None, timeout=READY_TIMEOUT,
                   what="the worker to be ready")  # fmt: skip
        assert self.process.poll() is None, self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def redis_server(_integration_backends, tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server):
    """This process (the "web" side) publishes to the test's own Redis while the test runs."""
    keys = ("broker_url", "broker_write_url", "broker_read_url")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update({key: redis_server.url for key in keys})
    app._pool = None
    app.amqp._producer_pool = None
    yield redis_server
    app.conf.update(previous)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(broker_url: str, *pool_args: str, env: dict[str, str] | None = None) -> WorkerProcess:
        log_path = tmp_path / f"worker-{len(started)}.log"
        log_path.touch()
        _worker_logs.append(log_path)  # shown under a failing test
        worker = WorkerProcess(broker_url, log_path, list(pool_args), env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
        _worker_logs.remove(worker.log_path)


def dossiers(n: int, unit, by) -> None:
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2024", year=2024, commendation_kind=CommendationKind.REGULAR,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )  # fmt: skip
    Dossier.objects.bulk_create(
        Dossier(unit=unit, round=award_round, commendation_kind="thuong_xuyen", title=f"Hồ sơ số {i}", created_by=by)
        for i in range(n)
    )


def start_export(user, query: dict | None = None) -> ExportJob:
    export = get_export("ho-so")
    params = export.clean_params(query or {}, pk=None)
    rows = export.build(user, params)
    return jobs.export_job_start(by=user, export=export, params=params, rows=rows, total=rows.count())


def job_status(job: ExportJob) -> str:
    return ExportJob.objects.values_list("status", flat=True).get(pk=job.pk)


@pytest.mark.django_db(transaction=True)
def test_worker_survives_a_redis_restart_and_runs_the_jobs_queued_during_and_after(broker, workers, office_staff, unit_a):
    dossiers(3, unit_a, office_staff)
    worker = workers(broker.url, "--concurrency", "2")  # prefork, with gossip, mingle and heartbeats: as in compose
    before = start_export(office_staff)
    wait_until(lambda: job_status(before) == ExportJob.Status.DONE, timeout=JOB_TIMEOUT, what="the first export")

    broker.stop()
    wait_until(lambda: "Connection to broker lost" in worker.log(), timeout=30, what="the worker to notice Redis went away")
    during = start_export(office_staff, {"q": "Hồ sơ"})  # another filter: another job
    during.refresh_from_db()
    assert (during.status, during.error) == (ExportJob.Status.FAILED, str(NOT_QUEUED))  # at once, with a retry
    time.sleep(8)  # several reconnection attempts fail
    assert worker.alive(), worker.log()

    broker.start()
    wait_until(lambda: worker.log().count("Connected to redis") >= 2, timeout=60, what="the worker to reconnect")
    after = start_export(office_staff, {"q": "số"})
    retried = jobs.export_job_retry(by=office_staff, job_id=during.pk)
    for job in (after, retried):
        wait_until(lambda job=job: job_status(job) == ExportJob.Status.DONE, timeout=JOB_TIMEOUT, what=f"export job {job.pk}")
    heartbeat.delay()
    wait_until(lambda: ServiceHeartbeat.objects.filter(name="worker").exists(), timeout=30, what="the worker's heartbeat")
    assert worker.alive(), worker.log()
    assert "Unrecoverable error" not in worker.log()
    assert ExportJob.objects.filter(retry_of=during).count() == 1


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_export_the_job_fails_and_one_retry_makes_one_file(broker, workers, office_staff, unit_a, client):
    dossiers(20_000, unit_a, office_staff)
    worker = workers(broker.url, "--pool=solo")
    job = start_export(office_staff)
    wait_until(lambda: job_status(job) == ExportJob.Status.RUNNING, timeout=JOB_TIMEOUT, what="the export to start")
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)
    job.refresh_from_db()
    assert (job.status, bool(job.file)) == (ExportJob.Status.RUNNING, False)  # killed mid-job

    assert export_jobs_sweep() == 0  # its heartbeat is fresh: not yet presumed dead
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=settings.JOB_STALE_MINUTES + 1)):
        assert export_jobs_sweep() == 1  # the beat task's body
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportJob.Status.FAILED, str(STALE_RUNNING))

    workers(broker.url, "--pool=solo")  # the worker comes back (compose restarts it; demo.sh's loop too)
    client.force_login(office_staff)
    first = client.post(reverse("exports:job_retry", args=[job.pk]))
    second = client.post(reverse("exports:job_retry", args=[job.pk]))  # a double click
    assert first["Location"] == second["Location"]
    new = ExportJob.objects.get(retry_of=job)
    assert first["Location"] == reverse("exports:job", args=[new.pk])
    wait_until(lambda: job_status(new) == ExportJob.Status.DONE, timeout=JOB_TIMEOUT * 2, what="the retried export")
    new.refresh_from_db()
    assert (new.done, new.total) == (20_000, 20_000)
    sheet = openpyxl.load_workbook(new.file.path, read_only=True).active
    titles = sum(1 for row in sheet.iter_rows(values_only=True) if any(str(v).startswith("Hồ sơ số ") for v in row))
    assert titles == 20_000
    assert ExportJob.objects.count() == 2
    job.refresh_from_db()
    assert (job.status, bool(job.file)) == (ExportJob.Status.FAILED, False)


@pytest.mark.django_db(transaction=True)
def test_emails_sent_while_smtp_is_down_are_delivered_once_by_the_worker_after_it_returns(broker, workers):
    """The real worker, a real SMTP server (aiosmtpd) that is down at first, the flush through the broker."""
    from aiosmtpd.controller import Controller
    from django.db import transaction

    from notifications import services
    from notifications.models import OutboxEmail, OutboxStatus
    from notifications.tasks import outbox_flush

    received = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.rcpt_tos)
            return "250 OK"

    port = free_port()
    worker = workers(broker.url, "--pool=solo", env={
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port), "EMAIL_TIMEOUT": "5",
    })  # fmt: skip
    with transaction.atomic():
        for i in range(1, 4):
            services.email_queue(to=f"donvi{i}@example.vn", subject=f"Thông báo số {i}", template="password_reset",
                                 context={"user": None, "url": "http://x/"})  # fmt: skip

    def statuses():
        return list(OutboxEmail.objects.order_by("id").values_list("status", "attempts"))

    wait_until(lambda: statuses() == [(OutboxStatus.RETRYING, 1)] * 3, timeout=60, what="the worker's first attempts to fail")
    smtp = Controller(Inbox(), hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        not_due = outbox_flush.delay()  # the server is back, but nothing is due for a minute: nothing tried
        done = f"Task notifications.tasks.outbox_flush[{not_due.id}] succeeded"
        wait_until(lambda: done in worker.log(), timeout=30, what="the first flush")
        assert re.search(re.escape(done) + r" in \S+s: (\d+)", worker.log())[1] == "0"
        assert statuses() == [(OutboxStatus.RETRYING, 1)] * 3
        due = max(OutboxEmail.objects.values_list("next_attempt_at", flat=True))
        wait_until(lambda: timezone.now() > due, timeout=90, what="the one-minute back-off")
        outbox_flush.delay()
        wait_until(lambda: statuses() == [(OutboxStatus.SENT, 2)] * 3, timeout=60, what="the flush to send all three")
        outbox_flush.delay()  # a later flush sends nothing again
        time.sleep(3)
    finally:
        smtp.stop()
    assert sorted(received) == [[f"donvi{i}@example.vn"] for i in range(1, 4)]
    assert statuses() == [(OutboxStatus.SENT, 2)] * 3
