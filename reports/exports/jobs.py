"""A big export becomes a job: started (or found already running) on the click, retried once when it
failed. It is queued through tasks.export_enqueue; the worker's side is worker.py (jobs → tasks → worker).
"""

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404

from .. import tasks
from ..models import ExportJob
from ..selectors import export_jobs_of
from .engine import Export, Rows, heading, params_key
from .worker import export_jobs_fail_stale


@transaction.atomic
def export_job_start(*, by, export: Export, params: dict, rows: Rows, total: int) -> ExportJob:
    """Queue a big export, or return the one this user already has running for the same list and filter
    (unless its worker stopped reporting: that one is failed now and a new one queued). The job is made in
    the authority `by` acts in now (#13): the worker exports that authority's rows, and the same list in
    another authority is another job."""
    authority_id = by.acting_authority_id
    key = params_key({**params, "@authority": authority_id})
    mine = ExportJob.objects.filter(created_by=by, export=export.name, params_key=key)
    export_jobs_fail_stale(jobs=mine)
    active = mine.filter(status__in=ExportJob.ACTIVE)
    running = active.first()
    if running is not None:
        return running
    return _job_create(
        by=by,
        authority_id=authority_id,
        export=export.name,
        title=heading(export, rows)[:255],
        params=params,
        key=key,
        total=total,
        back_url=rows.back_url,
    )


def _job_create(*, by, authority_id, export: str, title: str, params: dict, key: str, total: int, back_url: str, retry_of=None):
    active = ExportJob.objects.filter(created_by=by, export=export, params_key=key, status__in=ExportJob.ACTIVE)
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                created_by=by,
                authority_id=authority_id,
                export=export,
                title=title,
                params=params,
                params_key=key,
                total=total,
                back_url=back_url[:1000],
                retry_of=retry_of,
            )
    except IntegrityError:  # a second click raced the first: the first one's job
        return active.first() or ExportJob.objects.filter(created_by=by, export=export, params_key=key).first()
    transaction.on_commit(lambda: tasks.export_enqueue(job.pk))
    return job


@transaction.atomic
def export_job_retry(*, by, job_id: int) -> ExportJob:
    """A new job for a failed one, with the same list and filter. Exactly one per failed job: the row is
    locked and a second click (or a race) gets the job the first made."""
    job = get_object_or_404(export_jobs_of(viewer=by).select_for_update(), pk=job_id)
    existing = ExportJob.objects.filter(retry_of=job).first()
    if existing is not None:
        return existing
    if not job.is_failed:
        return job
    return _job_create(
        by=by,
        authority_id=job.authority_id,  # the same list: the authority it was started in
        export=job.export,
        title=job.title,
        params=job.params,
        key=job.params_key,
        total=job.total,
        back_url=job.back_url,
        retry_of=job,
    )
