"""Files go through Django's storage API only (issue 13, item 7): with any storage behind STORAGES["default"] (here
Django's in-memory one, which has no local path at all) an upload is stored and a protected download streams it;
S3_BUCKET switches the default storage to django-storages' S3 backend; the long jobs have their own queues."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from dossiers import services
from dossiers.enums import ComponentType
from dossiers.models import AwardRound
from tests.dossiers.conftest import PDF, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(clerk_a, unit_a):
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2024", year=2024, commendation_kind="thuong_xuyen",
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )  # fmt: skip
    return services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị năm 2024")


@pytest.fixture
def memory_storage(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return default_storage


def test_a_protected_download_streams_from_the_storage_without_a_local_path(client, memory_storage, draft, clerk_a, media_root):
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf("tt.pdf"))
    assert memory_storage.exists(attachment.file.name)
    assert not media_root.exists()  # nothing on the local disk
    client.force_login(clerk_a)
    response = client.get(reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_a_file_missing_from_the_storage_is_a_404(client, memory_storage, draft, clerk_a):
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    memory_storage.delete(attachment.file.name)
    client.force_login(clerk_a)
    assert client.get(reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk])).status_code == 404


def _default_storage_with(**env) -> dict:
    script = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    environment.update(DJANGO_SETTINGS_MODULE="tdkt_portal.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=django_settings.BASE_DIR, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_disk_is_the_default_and_s3_bucket_switches_to_object_storage():
    assert _default_storage_with() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    s3 = _default_storage_with(
        S3_BUCKET="tdkt", S3_ENDPOINT_URL="http://minio:9000", S3_ACCESS_KEY_ID="k", S3_SECRET_ACCESS_KEY="s"
    )
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s3["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["access_key"], options["secret_key"]) == (
        "tdkt", "http://minio:9000", "k", "s",
    )  # fmt: skip
    assert (options["default_acl"], options["querystring_auth"], options["file_overwrite"]) == ("private", False, False)
    assert options["addressing_style"] == "path"


def test_long_jobs_have_their_own_queues_and_the_rest_the_default_one():
    from tdkt_portal.celery import app

    def queue(task: str) -> str:
        return app.amqp.router.route({}, task)["queue"].name

    assert queue("awards.tasks.certificates_print") == "printing"
    assert queue("reports.tasks.export_run") == "exports"
    assert queue("campaigns.tasks.reminder_scan_tick") == queue("campaigns.tasks.reminder_scan") == "reminders"
    # The sweeps that fail a dead worker's jobs, the heartbeat and the outbox never wait behind a long job.
    for task in ("awards.tasks.print_jobs_sweep", "reports.tasks.export_jobs_sweep", "core.tasks.heartbeat",
                 "notifications.tasks.outbox_send", "notifications.tasks.outbox_flush"):  # fmt: skip
        assert queue(task) == "celery"


def test_backup_refuses_object_storage_rather_than_leave_the_files_out(settings, tmp_path):
    from core.backup import BackupError, backup, restore

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with pytest.raises(BackupError, match="object storage"):
        backup(tmp_path / "b")
    with pytest.raises(BackupError, match="object storage"):
        restore(tmp_path / "b")
    assert not (tmp_path / "b").exists()
