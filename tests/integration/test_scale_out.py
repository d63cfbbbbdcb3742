"""Growing past one machine (issue 13, item 7): two web processes and two Celery workers sharing PostgreSQL, Redis
and an S3 endpoint (moto's standalone server), each process with a media folder of its own that must stay empty.

One signed-in user's requests alternate between the web processes (the session lives in the database); a file
uploaded through one is downloaded through the other with the same bytes; a print job queued through one runs on
either worker (on the "printing" queue) and its PDF is downloaded through the other.

Only with TDKT_INTEGRATION=1 (./scripts/test.sh sets it for its PostgreSQL run). Everything started here is stopped
here, with bounded waits.
"""

import datetime
import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from awards import decisions
from awards.models import PrintJob
from dossiers import services as dossier_services
from dossiers.catalogue_seed import seed_catalogue
from dossiers.enums import CommendationKind, ComponentType
from dossiers.models import Attachment, AwardRound
from tdkt_portal.celery import ALL_QUEUES
from tests.awards.conftest import at_council, decided  # noqa: F401  (fixtures)
from tests.factories import PASSWORD

from .conftest import READY_TIMEOUT, _die_with_parent, _worker_logs, database_url, project_env, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(os.environ.get("TDKT_INTEGRATION") != "1", reason="set TDKT_INTEGRATION=1 (./scripts/test.sh)"),
]

BUCKET = "tdkt-test"


def own_broker(url: str) -> str:
    """The stack's own Redis database. The session's integration worker (conftest.celery_worker_process) listens on
    the same queues of the shared one, and a print job it took would go to its own disk, not to the bucket."""
    base, _, db = url.rpartition("/")
    return f"{base}/14" if db.isdigit() else f"{url.rstrip('/')}/14"


S3_KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing", "S3_REGION": "us-east-1"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STOP_TIMEOUT = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


@dataclass
class Process:
    name: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)


class Stack:
    """moto's S3, two gunicorn web processes and two Celery workers; started together, stopped together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[Process] = []
        self.s3_url = f"http://127.0.0.1:{free_port()}"
        self.web_urls = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
        self.media = {}  # each process's own MEDIA_ROOT: nothing may land there

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Process:
        log_path = self.folder / f"{name}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                argv, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
            )
        started = Process(name, process, log_path)
        self.processes.append(started)
        _worker_logs.append(log_path)  # shown under a failing test
        return started

    def app_env(self, name: str) -> dict[str, str]:
        media = self.folder / f"media-{name}"
        media.mkdir()
        self.media[name] = media
        return project_env(
            DATABASE_URL=database_url(),
            CELERY_BROKER_URL=own_broker(settings.CELERY_BROKER_URL),
            CACHE_URL=os.environ.get("CACHE_URL", ""),
            SECRET_KEY="scale-out-test-secret-key-shared-by-every-node-0123456789abcdef",
            DEBUG="1",  # plain static files storage: no collectstatic manifest needed
            ALLOWED_HOSTS="127.0.0.1,localhost",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            MEDIA_ROOT=str(media),
            VAR_DIR=str(self.folder / f"var-{name}"),
            S3_BUCKET=BUCKET,
            S3_ENDPOINT_URL=self.s3_url,
            **S3_KEYS,
        )

    def up(self) -> None:
        port = self.s3_url.rsplit(":", 1)[1]
        s3 = self.start("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", port])
        for i, url in enumerate(self.web_urls):
            self.start(
                f"web-{i}",
                [sys.executable, "-m", "gunicorn", "tdkt_portal.wsgi:application", "--bind", url.removeprefix("http://"),
                 "--workers", "1", "--timeout", "60", "--access-logfile", "-"],
                env=self.app_env(f"web-{i}"),
            )  # fmt: skip
        for i in range(2):
            self.start(
                f"worker-{i}",
                [sys.executable, "-m", "celery", "-A", "tdkt_portal", "worker", "-Q", ALL_QUEUES, "--pool=solo",
                 "-l", "info", "--hostname", f"scale-{i}-{os.getpid()}@%h",
                 "--without-mingle", "--without-gossip", "--without-heartbeat"],
                env=self.app_env(f"worker-{i}"),
            )  # fmt: skip
        wait_until(lambda: answers(self.s3_url) or s3.process.poll() is not None, timeout=READY_TIMEOUT, what="moto S3")
        assert s3.process.poll() is None, s3.log()
        self.boto().create_bucket(Bucket=BUCKET)
        for process in self.processes[1:]:  # after moto
            if process.name.startswith("web"):
                url = self.web_urls[int(process.name[-1])]
                ready = lambda url=url, process=process: answers(f"{url}/healthz") or process.process.poll() is not None  # noqa: E731
            else:
                ready = lambda process=process: " ready." in process.log() or process.process.poll() is not None  # noqa: E731
            wait_until(ready, timeout=READY_TIMEOUT, what=f"{process.name} to be ready")
            assert process.process.poll() is None, process.log()

    def down(self) -> None:
        for process in reversed(self.processes):
            process.stop()
            _worker_logs.remove(process.log_path)

    def boto(self):
        import boto3

        return boto3.client(
            "s3", endpoint_url=self.s3_url, region_name="us-east-1",
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )  # fmt: skip

    def object_bytes(self, key: str) -> bytes:
        return self.boto().get_object(Bucket=BUCKET, Key=key)["Body"].read()

    def files_on_local_disk(self) -> list[str]:
        return [str(path) for media in self.media.values() for path in media.rglob("*") if path.is_file()]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One user's cookies (session and CSRF), sent to whichever web process `at` names."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def request(self, at: str, path: str, *, fields: dict | None = None, files: dict | None = None):
        headers = {}
        data = None
        if fields is not None or files is not None:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in {**(fields or {}), "csrfmiddlewaretoken": self.csrf()}.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, (filename, content, content_type) in (files or {}).items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(at + path, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def sign_in(self, at: str, then_at: str, username: str) -> None:
        """The login page from one process, the form posted to the other."""
        status, _, _ = self.request(at, reverse("login"))
        assert status == 200
        status, headers, body = self.request(then_at, reverse("login"), fields={"username": username, "password": PASSWORD})
        assert status == 302, body.decode(errors="replace")[:2000]
        assert headers["Location"] != reverse("login")


def with_production_hasher(user) -> None:
    """Tests hash passwords with MD5 (settings, under pytest); the web processes know only production's hashers."""
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    user.save(update_fields=["password"])


@pytest.fixture
def stack(_integration_backends, tmp_path, settings):
    stack = Stack(tmp_path)
    try:
        stack.up()
        # This process (the test, like a third node) writes its files to the same bucket.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET, "endpoint_url": stack.s3_url, "access_key": "testing", "secret_key": "testing",
                    "region_name": "us-east-1", "default_acl": "private", "querystring_auth": False,
                    "file_overwrite": False, "addressing_style": "path",
                },
            },
        }  # fmt: skip
        yield stack
    finally:
        stack.down()


@pytest.fixture
def catalogue(db):
    """The flush after each transactional test empties the seeded catalogue: seed it again."""
    seed_catalogue(lambda name: apps.get_model("dossiers", name))


@pytest.fixture
def issued(catalogue, request, office_staff):
    decided_dossier = request.getfixturevalue("decided")
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided_dossier.round)
    decision = next(d for d in drafts if d.award.code == "ldtt")
    return decisions.decision_issue(
        by=office_staff, decision=decision, date=datetime.date(2025, 1, 15), signer="tm",
        proposal_ref="Tờ trình số 12/TTr-NV ngày 10/01/2025 của Phòng Nội vụ",
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_web_processes_and_two_workers_share_sessions_files_and_jobs(stack, issued, clerk_a, unit_a, office_staff):
    a, b = stack.web_urls
    started = time.monotonic()

    # A clerk signs in through A, and every request after alternates between B and A.
    with_production_hasher(clerk_a)
    clerk = Browser()
    clerk.sign_in(a, b, clerk_a.username)
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2025", year=2025, commendation_kind=CommendationKind.REGULAR,
        submission_deadline=datetime.date.today() + datetime.timedelta(days=3 * 365),
        ceremony_date=datetime.date.today() + datetime.timedelta(days=3 * 365 + 36),
    )  # fmt: skip
    draft = dossier_services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị năm 2025")
    page = reverse("dossiers:detail", args=[draft.pk])
    for at in (a, b, a, b):
        status, _, body = clerk.request(at, page)
        assert status == 200, (at, body.decode(errors="replace")[:500])
        assert "Đề nghị năm 2025" in body.decode()

    # Uploaded through B, downloaded through A: the same bytes, from the bucket.
    status, headers, _ = clerk.request(
        b,
        reverse("dossiers:attachment_upload", args=[draft.pk]),
        fields={"component": ComponentType.PROPOSAL},
        files={"file": ("Tờ trình số 7.pdf", PDF, "application/pdf")},
    )
    assert status == 302, headers
    attachment = Attachment.objects.get(dossier=draft)
    assert attachment.original_name == "Tờ trình số 7.pdf"
    assert stack.object_bytes(attachment.file.name) == PDF
    download = reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk])
    for at in (a, b):
        status, headers, body = clerk.request(at, download)
        assert (status, body) == (200, PDF), at
        assert headers["Content-Type"] == "application/pdf"

    # The office queues a print through A; a worker (either) prints onto the bucket; B serves the PDF.
    with_production_hasher(office_staff)
    office = Browser()
    office.sign_in(b, a, office_staff.username)
    status, headers, _ = office.request(a, reverse("awards:print_start", args=[issued.pk]), fields={})
    assert status == 302, headers
    job = PrintJob.objects.get(decision=issued)
    assert headers["Location"] == reverse("awards:print_job", args=[job.pk])
    wait_until(
        lambda: (
            PrintJob.objects.values_list("status", flat=True).get(pk=job.pk) in {PrintJob.Status.DONE, PrintJob.Status.FAILED}
        ),
        timeout=60,
        what="a worker to print the certificates",
    )
    job.refresh_from_db()
    assert (job.status, job.error) == (PrintJob.Status.DONE, "")
    status, _, body = office.request(b, reverse("awards:print_job", args=[job.pk]))
    assert status == 200 and "Tải tệp PDF để in" in body.decode()
    status, headers, body = office.request(b, reverse("awards:print_job_download", args=[job.pk]))
    assert status == 200
    assert body.startswith(b"%PDF") and body == stack.object_bytes(job.file.name)
    ran_on = [p.name for p in stack.processes if p.name.startswith("worker") and "certificates_print[" in p.log()]
    assert len(ran_on) == 1, ran_on  # exactly one worker took the message, from the printing queue
    assert "printing" in next(p for p in stack.processes if p.name == ran_on[0]).log()

    # No node kept a file on its own disk; the clerk's session still works on both.
    assert stack.files_on_local_disk() == []
    for at in (a, b):
        assert clerk.request(at, page)[0] == 200
    print(f"scale-out journey: {time.monotonic() - started:.1f} s after the stack was up; print job ran on {ran_on[0]}")
