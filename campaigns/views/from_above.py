"""What the parent authority asks of this one (#13): a province's request addressed to "UBND xã …" is answered
by that commune's office from its own authority. Only its own row of the province's board: the board stays
the province's (campaigns.selectors.requests_from_above). Below the requests, the tasks of the parent's annual
plan given to lower levels ("Nhiệm vụ cấp trên giao"), each with this authority's own report."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.actions import form_action, post_from, visible_or_404

from ..forms import TaskReportForm, UploadForm
from ..selectors.plan import tasks_from_above, tasks_given_to, years_from_above
from ..selectors.requests import requests_from_above
from ..services import plan as plan_services
from ..services import submissions as services


def _year(request) -> int:
    value = request.GET.get("nam", "")
    return int(value) if value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _page(request, *, refused=None, refused_task=None, year=None):
    """The rows with an upload form each, then the parent's tasks with a report form each; a refused upload or
    report shows its row's form as the user filled it."""
    rows = list(requests_from_above(viewer=request.user))
    for row in rows:
        row.upload = refused[1] if refused and refused[0] == row.pk else UploadForm(prefix=f"r{row.pk}")
    year = year or _year(request)
    tasks = list(tasks_from_above(viewer=request.user, year=year))
    today = timezone.localdate()
    for task in tasks:
        task.my_report = task.my_reports[0] if task.my_reports else None
        task.overdue = task.my_report is None and task.due_date < today
        if refused_task and refused_task[0] == task.pk:
            task.report_form = refused_task[1]
        else:
            mine = task.my_report
            initial = {"version": mine.version, "done_on": mine.done_on, "note": mine.note} if mine else {"version": 0}
            task.report_form = TaskReportForm(prefix=f"t{task.pk}", initial=initial)
    return render(
        request,
        "campaigns/requests_from_above.html",
        {
            "rows": rows,
            "tasks": tasks,
            "year": year,
            "task_years": sorted({*years_from_above(viewer=request.user), year}, reverse=True),
            "can_report": request.user.has_perm("campaigns.report_plan_task", tasks[0]) if tasks else False,
            "section": "requests",
        },
    )


@login_required
def from_above(request):
    return _page(request)


@post_from("campaigns:requests_from_above")
@login_required
def from_above_upload(request, recipient_pk):
    recipient = visible_or_404(request, requests_from_above, "campaigns.submit_document", pk=recipient_pk)
    form = UploadForm(request.POST, request.FILES, prefix=f"r{recipient.pk}")
    return form_action(
        request,
        form,
        lambda data: services.submission_upload(by=request.user, recipient=recipient, upload=data["file"], note=data["note"]),
        success=lambda submission: (
            _("Đã nộp %(name)s cho %(parent)s.")
            % {"name": submission.original_name, "parent": recipient.request.authority.short_name}
        ),
        redirect_to=reverse("campaigns:requests_from_above"),
        render=lambda: _page(request, refused=(recipient.pk, form)),
    )


@post_from("campaigns:requests_from_above")
@login_required
def from_above_task_report(request, task_pk):
    """The commune office reports its part of the parent's task done (or changes its report)."""
    task = visible_or_404(request, tasks_given_to, "campaigns.report_plan_task", pk=task_pk)
    form = TaskReportForm(request.POST, prefix=f"t{task.pk}")
    anchor = f"?nam={task.plan.year}#nhiem-vu-tren-{task.pk}"
    return form_action(
        request,
        form,
        lambda data: plan_services.plan_task_report(
            by=request.user, task=task, done_on=data["done_on"], note=data["note"], expected_version=data["version"]
        ),
        success=_("Đã báo cáo kết quả thực hiện nhiệm vụ %(n)s của %(parent)s.")
        % {"n": task.number, "parent": task.plan.authority.short_name},
        redirect_to=reverse("campaigns:requests_from_above") + anchor,
        render=lambda: _page(request, refused_task=(task.pk, form), year=task.plan.year),
    )
