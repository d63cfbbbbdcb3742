"""A real Celery worker, in its own process, on the pytest-django test database and the real broker.

Run with TDKT_INTEGRATION=1, DATABASE_URL on PostgreSQL and CELERY_BROKER_URL on Redis
(./scripts/test.sh starts throwaway ones). The worker sends e-mail with Django's file backend into a
folder that each test gets empty (`mail_dir`).
"""

import ctypes
import email
import email.policy
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from tdkt_portal.celery import ALL_QUEUES

READY_TIMEOUT = 60
WAIT_TIMEOUT = 30

_worker_logs: list[Path] = []


def database_url() -> str:
    """DATABASE_URL of the database the tests use right now (pytest-django's test_<name>)."""
    from django.db import connection

    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def project_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process of the project (worker, manage.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(DJANGO_SETTINGS_MODULE="tdkt_portal.settings", PYTHONUNBUFFERED="1", DB_CONN_MAX_AGE="0")
    env.update(overrides)
    return env


def read_mails(folder: Path) -> dict[Path, list[email.message.EmailMessage]]:
    """Messages written by django.core.mail.backends.filebased, parsed, per file."""
    separator = b"\n" + b"-" * 79 + b"\n"
    mails = {}
    for path in sorted(folder.iterdir()):
        chunks = [chunk for chunk in path.read_bytes().split(separator) if chunk.strip()]
        mails[path] = [email.message_from_bytes(chunk, policy=email.policy.default) for chunk in chunks]
    return mails


def wait_until(condition, *, timeout: float = WAIT_TIMEOUT, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def _die_with_parent() -> None:
    """In the child: get SIGTERM if pytest dies, so no worker outlives the run (Linux only)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def _integration_backends(django_db_setup):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(f"integration tests need PostgreSQL (DATABASE_URL), not {connection.vendor}")
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip(f"integration tests need Redis (CELERY_BROKER_URL), not {settings.CELERY_BROKER_URL}")


@pytest.fixture(scope="session")
def _worker_mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-mail")


@pytest.fixture(scope="session")
def celery_worker_process(_integration_backends, _worker_mail_dir, tmp_path_factory):
    """A real `celery worker` subprocess; started once, killed at the end of the session."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    env = project_env(
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(_worker_mail_dir),
    )
    command = [
        sys.executable, "-m", "celery", "-A", "tdkt_portal", "worker", "-Q", ALL_QUEUES,
        "--pool=solo", "-l", "info", "--hostname", f"pytest-{os.getpid()}@%h",
        "--purge",  # messages left on the broker by earlier tests must not run against these rows
        "--without-mingle", "--without-gossip", "--without-heartbeat",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
    _worker_logs.append(log_path)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while b" ready." not in log_path.read_bytes():
            if process.poll() is not None:
                pytest.fail(f"The Celery worker exited with {process.returncode}:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The Celery worker was not ready after {READY_TIMEOUT} s:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield Worker(process=process, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _worker_logs.remove(log_path)


@pytest.fixture
def mail_dir(celery_worker_process, _worker_mail_dir) -> Path:
    """The folder the worker writes e-mail into, emptied for this test."""
    shutil.rmtree(_worker_mail_dir)
    _worker_mail_dir.mkdir()
    return _worker_mail_dir


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Show the worker's log under any failing integration test."""
    report = yield
    if report.failed and _worker_logs:
        for path in _worker_logs:
            report.sections.append(("Celery worker log", path.read_text(errors="replace")))
    return report
