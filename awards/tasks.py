from celery import shared_task

from . import decisions


@shared_task
def certificates_print(job_id: int) -> None:
    decisions.print_job_run(job_id=job_id)
