"""The awards app's background work, thin: each task fetches by id and calls printing. The one way in is
print_job_enqueue (decisions.print_job_start calls it on commit): decisions → tasks → printing, no circle."""

import logging

from celery import shared_task

from . import printing

logger = logging.getLogger(__name__)


@shared_task
def certificates_print(job_id: int) -> None:
    printing.print_job_run(job_id=job_id)


@shared_task(ignore_result=True, expires=120)
def print_jobs_sweep() -> int:
    """Every minute (beat): print jobs whose worker died are failed, with a retry button."""
    return printing.print_jobs_fail_stale()


def print_job_enqueue(job_id: int) -> None:
    """Queue a print job's task; with the broker down the job fails now, with a retry button."""
    try:
        certificates_print.delay(job_id)
    except Exception:
        logger.exception("print job %s not queued", job_id)
        printing.print_job_not_queued(job_id)
