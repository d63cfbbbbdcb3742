"""The worker's side of a big export: make the file in chunks with progress, fail the jobs whose worker
stopped reporting, purge old files. Nothing here queues anything (tasks.py calls in, never out).
"""

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files import File
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jobs import claimable_q, stale_queued_q, stale_running_q

from ..models import ExportJob
from .engine import file_name, write_to_tempfile
from .registry import EXPORTS

logger = logging.getLogger(__name__)


STALE_RUNNING = gettext_lazy(
    "Việc tạo tệp đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”."
)


STALE_QUEUED = gettext_lazy("Yêu cầu chờ quá lâu mà chưa được xử lý (hàng đợi xử lý nền có thể đã dừng). Hãy bấm “Thử lại”.")


NOT_QUEUED = gettext_lazy("Không kết nối được hàng đợi xử lý nền nên chưa tạo được tệp. Hãy bấm “Thử lại” sau ít phút.")


def export_jobs_fail_stale(*, jobs: QuerySet[ExportJob] | None = None) -> int:
    """Fail the jobs whose worker stopped reporting (core/jobs.py); the beat's sweep runs it every minute."""
    jobs = ExportJob.objects.all() if jobs is None else jobs
    now = timezone.now()
    failed = jobs.filter(stale_running_q(running=ExportJob.Status.RUNNING, now=now)).update(
        status=ExportJob.Status.FAILED, error=str(STALE_RUNNING), finished_at=now
    )
    failed += jobs.filter(stale_queued_q(queued=ExportJob.Status.QUEUED, now=now)).update(
        status=ExportJob.Status.FAILED, error=str(STALE_QUEUED), finished_at=now
    )
    if failed:
        logger.warning("%s export job(s) failed: their worker stopped reporting", failed)
    return failed


def export_job_not_queued(job_id: int) -> None:
    """The broker refused the job: it fails now, with a retry button, instead of waiting forever."""
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.FAILED, error=str(NOT_QUEUED), finished_at=timezone.now()
    )


def export_job_run(*, job_id: int) -> None:
    """The body of the Celery task: rebuild the rows as the owner sees them now in the authority the job
    was started in (the owner's roles there; refused if they hold none there any more), write in chunks,
    record progress, store the file. A job already finished, failed by the sweep, or being made by
    another worker that still reports (a redelivered message) is left alone."""
    now = timezone.now()
    claimed = (
        ExportJob.objects.filter(pk=job_id)
        .filter(claimable_q(queued=ExportJob.Status.QUEUED, running=ExportJob.Status.RUNNING, now=now))
        .update(status=ExportJob.Status.RUNNING, done=0, heartbeat_at=now)
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    jobs = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING)
    export = EXPORTS.get(job.export)
    try:
        if export is None:
            raise Http404
        owner = job.created_by
        if job.authority_id is not None:
            owner.prefer_authority(job.authority_id)
            if owner.acting_authority_id != job.authority_id:
                raise PermissionDenied
        rows = export.build(owner, job.params)
        total = rows.count()
        jobs.update(total=total, heartbeat_at=timezone.now())
        name = file_name(export, rows)
        with write_to_tempfile(export, rows, progress=lambda done: jobs.update(done=done, heartbeat_at=timezone.now())) as handle:
            job.file.save(name, File(handle), save=False)
    except (Http404, PermissionDenied, ObjectDoesNotExist):
        jobs.update(
            status=ExportJob.Status.FAILED,
            error=_("Không xuất được: bạn không còn quyền xem danh sách này, hoặc danh sách không còn nữa."),
            finished_at=timezone.now(),
        )
        return
    except Exception:
        logger.exception("export job %s failed", job_id)
        jobs.update(
            status=ExportJob.Status.FAILED,
            error=_("Không tạo được tệp Excel do lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, xin báo quản trị hệ thống."),
            finished_at=timezone.now(),
        )
        return
    finished = jobs.update(
        status=ExportJob.Status.DONE, file=job.file.name, filename=name, done=total, total=total, finished_at=timezone.now()
    )
    if not finished:  # the sweep failed this job meanwhile (its retry makes the file): keep no orphan
        job.file.delete(save=False)


def export_jobs_purge(*, older_than_days: int) -> int:
    """Delete export jobs older than N days with their files; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    count = 0
    for job in old.only("pk", "file").iterator(chunk_size=500):
        if job.file:
            job.file.delete(save=False)
        count += 1
    old.delete()
    return count
