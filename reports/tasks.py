from celery import shared_task
from django.conf import settings

from . import exports


@shared_task
def export_run(job_id: int) -> None:
    exports.export_job_run(job_id=job_id)


@shared_task
def exports_purge() -> int:
    """Old export files go after EXPORT_KEEP_DAYS (7 by default); meant for a daily beat entry."""
    return exports.export_jobs_purge(older_than_days=settings.EXPORT_KEEP_DAYS)


@shared_task(ignore_result=True, expires=120)
def export_jobs_sweep() -> int:
    """Every minute (beat): jobs whose worker died are failed, with a retry button."""
    return exports.export_jobs_fail_stale()
