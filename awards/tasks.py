from celery import shared_task

from . import decisions


@shared_task
def certificates_print(job_id: int) -> None:
    decisions.print_job_run(job_id=job_id)


@shared_task(ignore_result=True, expires=120)
def print_jobs_sweep() -> int:
    """Every minute (beat): print jobs whose worker died are failed, with a retry button."""
    return decisions.print_jobs_fail_stale()
