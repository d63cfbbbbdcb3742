"""The batch print of a decision's certificates as the worker makes it: render in chunks with progress,
and fail the jobs whose worker stopped reporting. Starting a print (a click) is decisions.print_job_start;
it queues through tasks.print_job_enqueue, which runs this module's work: one way, no circle."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.jobs import claimable_q, stale_queued_q, stale_running_q

from . import documents_data
from .models import PrintJob

PRINT_STALE_RUNNING = gettext_lazy(
    "Việc tạo tệp in đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”."
)
PRINT_STALE_QUEUED = gettext_lazy(
    "Yêu cầu chờ quá lâu mà chưa được xử lý (hàng đợi xử lý nền có thể đã dừng). Hãy bấm “Thử lại”."
)
PRINT_NOT_QUEUED = gettext_lazy("Không kết nối được hàng đợi xử lý nền nên chưa tạo được tệp in. Hãy bấm “Thử lại” sau ít phút.")


def verify_url(token: str) -> str:
    """The public address a certificate's QR code opens."""
    return settings.SITE_URL + reverse("certificate_verify", args=[token])


def print_jobs_fail_stale() -> int:
    """Fail the print jobs whose worker stopped reporting (core/jobs.py); the beat's sweep runs it every minute."""
    now = timezone.now()
    failed = PrintJob.objects.filter(stale_running_q(running=PrintJob.Status.RUNNING, now=now)).update(
        status=PrintJob.Status.FAILED, error=str(PRINT_STALE_RUNNING)
    )
    failed += PrintJob.objects.filter(stale_queued_q(queued=PrintJob.Status.QUEUED, now=now)).update(
        status=PrintJob.Status.FAILED, error=str(PRINT_STALE_QUEUED)
    )
    return failed


def print_job_not_queued(job_id: int) -> None:
    """The broker refused the job: it fails now, with a retry button, instead of waiting forever."""
    PrintJob.objects.filter(pk=job_id, status=PrintJob.Status.QUEUED).update(
        status=PrintJob.Status.FAILED, error=str(PRINT_NOT_QUEUED)
    )


def print_job_run(*, job_id: int) -> None:
    """The body of the Celery task: render all certificates in chunks, updating progress. A job already
    done, failed by the sweep, or made by another worker that still reports (a redelivered message) is left alone."""
    from documents.render import render_many
    from documents.services import certificate_layout_dict

    now = timezone.now()
    claimed = (
        PrintJob.objects.filter(pk=job_id)
        .filter(claimable_q(queued=PrintJob.Status.QUEUED, running=PrintJob.Status.RUNNING, now=now))
        .update(status=PrintJob.Status.RUNNING, done=0, heartbeat_at=now)
    )
    if not claimed:
        return
    job = PrintJob.objects.select_related("decision").get(pk=job_id)
    contexts = documents_data.certificate_dicts(job.decision, verify_url=verify_url)
    template = "documents/certificate.html"
    if job.blank_form:
        layout = certificate_layout_dict()
        contexts = [{**context, "layout": layout} for context in contexts]
        template = "documents/certificate_blank.html"

    def progress(done, total):
        PrintJob.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())

    try:
        pdf = render_many(template, contexts, chunk_size=100, progress=progress)
    except Exception as exc:
        PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.FAILED, error=str(exc)[:2000])
        raise
    job.refresh_from_db()
    job.file.save(f"giay-khen-{job.decision.pk}-{job.pk}.pdf", ContentFile(pdf), save=False)
    # Done only if still ours: a job the sweep failed meanwhile (and whose retry may already run) stays failed.
    finished = PrintJob.objects.filter(pk=job.pk, status=PrintJob.Status.RUNNING).update(
        status=PrintJob.Status.DONE, file=job.file.name, done=len(contexts)
    )
    if not finished:
        job.file.delete(save=False)
