"""Excel exports: the button posts here; a small list downloads at once, a big one becomes a job with a
progress bar whose file only its owner can download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.actions import post_action, scope_required, visible_or_404
from core.files import content_disposition, protected_file
from core.lists import list_table

from ..exports import jobs
from ..exports.engine import XLSX, file_name, sync_max_rows, write_to_tempfile
from ..exports.registry import get_export
from ..selectors import export_jobs_of, finished_export_jobs_of
from ..tables import ExportJobTable

RECENT_JOBS = 5


def export_response(request, name: str, *, pk: int | None = None, allow_job: bool = True):
    """The export `name` of what this user sees with the request's filter: the file itself when it has
    at most EXPORT_SYNC_MAX_ROWS rows (or when `allow_job` is off), else a redirect to its job."""
    export = get_export(name)
    if export.needs_object != (pk is not None):
        raise Http404
    params = export.clean_params(request.GET, pk=pk)
    try:
        rows = export.build(request.user, params)  # Http404 / PermissionDenied for what is not theirs
    except PermissionDenied:
        if pk is not None:  # the refusal policy: an object outside the viewer's scope is not found
            raise Http404 from None
        raise
    total = rows.count()
    if allow_job and total > sync_max_rows():
        job = jobs.export_job_start(by=request.user, export=export, params=params, rows=rows, total=total)
        return redirect("exports:job", pk=job.pk)
    with write_to_tempfile(export, rows) as handle:  # a small list: a few hundred kB at most
        response = HttpResponse(handle.read(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(file_name(export, rows))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def export_start(request, name, pk=None):
    return export_response(request, name, pk=pk)


@login_required
def job_detail(request, pk):
    job = visible_or_404(request, export_jobs_of(viewer=request.user), pk=pk)
    if request.headers.get("HX-Request"):
        return render(request, "reports/export_job_progress.html", {"job": job})
    recent = list_table(request, ExportJobTable, export_jobs_of(viewer=request.user).exclude(pk=job.pk), per_page=RECENT_JOBS)
    return render(request, "reports/export_job.html", {"job": job, "recent": recent})


@require_POST
@login_required
def job_retry(request, pk):
    """ "Thử lại" on a failed job: one new job however many clicks (exports.jobs.export_job_retry)."""
    job = visible_or_404(request, export_jobs_of(viewer=request.user), pk=pk)
    return post_action(
        request,
        lambda: jobs.export_job_retry(by=request.user, job_id=job.pk),
        redirect_to=lambda new: reverse("exports:job", args=[(new or job).pk]),
    )


@login_required
def job_download(request, pk):
    job = visible_or_404(request, finished_export_jobs_of(viewer=request.user), pk=pk)
    return protected_file(job.file, job.filename, XLSX)


@scope_required("awards.view_decisions")
def payout_download(request, pk):
    """An issued decision's payout list as a plain link (it holds a few hundred rows at most)."""
    return export_response(request, "chi-thuong", pk=pk, allow_job=False)
