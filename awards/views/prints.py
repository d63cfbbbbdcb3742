"""Batch printing of an issued decision's certificates: start, follow the progress, retry, download."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.actions import post_action, scope_required, visible_or_404
from core.files import protected_file

from .. import decisions
from ..selectors import finished_print_jobs, print_jobs
from .decisions import decision_url, issued_or_404


def _job_url(job) -> str:
    return reverse("awards:print_job", args=[job.pk])


@require_POST
@scope_required("awards.manage_decisions")
def print_start(request, pk):
    decision = issued_or_404(request, pk)
    return post_action(
        request,
        lambda: decisions.print_job_start(by=request.user, decision=decision, blank_form=request.POST.get("blank") == "1"),
        redirect_to=lambda job: _job_url(job) if job else decision_url(pk),
    )


@scope_required("awards.manage_decisions")
def print_job(request, pk):
    job = visible_or_404(request, print_jobs, pk=pk)
    template = "awards/_print_progress.html" if request.headers.get("HX-Request") else "awards/print_job.html"
    return render(request, template, {"job": job})


@require_POST
@scope_required("awards.manage_decisions")
def print_job_retry(request, pk):
    """ "Thử lại" on a failed print: one new job however many clicks (decisions.print_job_retry)."""
    job = visible_or_404(request, print_jobs, pk=pk)
    return post_action(
        request,
        lambda: decisions.print_job_retry(by=request.user, job_id=job.pk),
        redirect_to=lambda new: _job_url(new or job),
    )


@scope_required("awards.manage_decisions")
def print_job_download(request, pk):
    job = visible_or_404(request, finished_print_jobs, pk=pk)
    return protected_file(job.file, f"Giấy khen theo quyết định {job.decision.number}.pdf", "application/pdf", inline=True)
