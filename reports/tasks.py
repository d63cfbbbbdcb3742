"""The reports app's background work, thin: each task calls exports.worker. The one way in is
export_enqueue (exports.jobs calls it on commit): jobs → tasks → worker, no circle."""

import logging

from celery import shared_task
from django.conf import settings

from .exports import worker

logger = logging.getLogger(__name__)


@shared_task
def export_run(job_id: int) -> None:
    worker.export_job_run(job_id=job_id)


@shared_task
def exports_purge() -> int:
    """Old export files go after EXPORT_KEEP_DAYS (7 by default); meant for a daily beat entry."""
    return worker.export_jobs_purge(older_than_days=settings.EXPORT_KEEP_DAYS)


@shared_task(ignore_result=True, expires=120)
def export_jobs_sweep() -> int:
    """Every minute (beat): jobs whose worker died are failed, with a retry button."""
    return worker.export_jobs_fail_stale()


def export_enqueue(job_id: int) -> None:
    """Queue an export job's task; with the broker down the job fails now, with a retry button."""
    try:
        export_run.delay(job_id)
    except Exception:
        logger.exception("export job %s not queued", job_id)
        worker.export_job_not_queued(job_id)
