"""The annual plan (kế hoạch công tác thi đua, khen thưởng): the years, a year's tasks by quarter, editing
the plan and its tasks, ticking a task done."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from core.actions import form_action, post_from, scope_required, visible_or_404
from core.lists import list_page, list_table

from ..enums import Quarter
from ..forms import PlanForm, PlanTaskForm, TaskDoneForm
from ..models import PlanTask
from ..selectors.plan import lower_level_count, lower_level_reports, other_plan_years, plan_tasks, plans_for_list, plans_of
from ..services import plan as services
from ..tables.columns import Refused
from ..tables.plan import PlanTable, PlanTaskTable
from .common import refused_beside

TASKS_PER_PAGE = 500  # a year's plan is read whole, quarter by quarter


@permission_required("campaigns.view_plan", raise_exception=True)
def plan_list(request):
    """The current plan opens by itself; ?mo=tat-ca lists every year."""
    plans = plans_for_list(viewer=request.user)  # read once here; the table shows the same rows
    latest = plans[0] if plans else None
    if latest and (len(plans) == 1 or request.GET.get("mo") != "tat-ca" and latest.year >= timezone.localdate().year):
        return redirect("campaigns:plan_detail", year=latest.year)
    return list_page(
        request,
        "campaigns/plan_list.html",
        table_class=PlanTable,
        rows=plans,
        context={"can_manage": request.user.has_perm("campaigns.manage_plan"), "section": "plan"},
    )


@permission_required("campaigns.view_plan", raise_exception=True)
def plan_detail(request, year):
    return _plan_page(request, visible_or_404(request, plans_of, year=year))


def _plan_page(request, plan, *, refused: Refused | None = None):
    """The plan's page; after a refused tick, that task's form as the user filled it."""
    tasks = plan_tasks(plan)
    today = timezone.localdate()
    # The summary reads the rows once; the table below pages through the same rows without asking again.
    done = sum(1 for t in tasks if t.is_done)
    overdue = sum(1 for t in tasks if not t.is_done and t.due_date < today)
    table = list_table(request, PlanTaskTable, tasks, per_page=TASKS_PER_PAGE, refused=refused)
    # Tasks given to lower levels (#13) read "3/5 xã đã báo cáo hoàn thành": the communes counted once.
    lower_count = lower_level_count(plan.authority_id) if any(t.for_lower_levels for t in tasks) else 0
    return render(
        request,
        "campaigns/plan_detail.html",
        {
            "plan": plan,
            "table": table,
            "quarters": Quarter.choices,
            "quarters_with_tasks": {t.quarter for t in tasks},
            "done_count": done,
            "overdue_count": overdue,
            "task_count": len(tasks),
            "lower_count": lower_count,
            "today": today,
            "other_years": other_plan_years(plan),
            "can_manage": request.user.has_perm("campaigns.manage_plan"),
            "section": "plan",
        },
    )


@permission_required("campaigns.manage_plan", raise_exception=True)
def plan_edit(request, year=None):
    plan = visible_or_404(request, plans_of, year=year) if year else None
    form = PlanForm(request.POST or None, instance=plan)
    return form_action(
        request,
        form,
        lambda data: services.plan_save(
            by=request.user, authority=request.authority, plan=plan, expected_version=data.pop("version"), **data
        ),
        success=lambda saved: _("Đã lưu %(t)s.") % {"t": saved.title},
        redirect_to=lambda saved: reverse("campaigns:plan_detail", args=[saved.year]),
        render=lambda: render(request, "campaigns/plan_form.html", {"form": form, "plan": plan, "section": "plan"}),
    )


@scope_required("campaigns.manage_plan")
def plan_task_edit(request, year, task_pk=None):
    plan = visible_or_404(request, plans_of, year=year)
    task = visible_or_404(request, plan.tasks.all(), pk=task_pk) if task_pk else None
    form = PlanTaskForm(request.POST or None, instance=task, lower_levels=services.has_lower_levels(plan.authority_id))
    return form_action(
        request,
        form,
        lambda data: services.plan_task_save(by=request.user, plan=plan, task=task, expected_version=data.pop("version"), **data),
        success=lambda saved: _("Đã lưu nhiệm vụ %(n)s.") % {"n": saved.number},
        redirect_to=lambda saved: reverse("campaigns:plan_detail", args=[plan.year]) + f"#nhiem-vu-{saved.number}",
        render=lambda: render(
            request, "campaigns/plan_task_form.html", {"form": form, "plan": plan, "task": task, "section": "plan"}
        ),
    )


@post_from("campaigns:plan_detail", "year")
@scope_required("campaigns.manage_plan")
def plan_task_mark(request, year, task_pk):
    """Tick a task done (with what was done) or reopen it: the form says which (`done`)."""
    task = visible_or_404(
        request,
        PlanTask.objects.select_related("plan"),
        pk=task_pk,
        plan__year=year,
        plan__authority_id=request.user.acting_authority_id,
    )
    form = TaskDoneForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.plan_task_mark(
            by=request.user, task=task, done=data["done"], note=data["note"], expected_version=data["version"]
        ),
        success=lambda _marked: (
            (_("Đã đánh dấu hoàn thành nhiệm vụ %(n)s.") if task.is_done else _("Đã mở lại nhiệm vụ %(n)s.")) % {"n": task.number}
        ),
        redirect_to=reverse("campaigns:plan_detail", args=[year]) + f"#nhiem-vu-{task.number}",
        render=lambda: _plan_page(
            request, task.plan, refused=Refused(task.pk, form, refused_beside(request, form, shown=("note",)))
        ),
    )


@require_GET
@scope_required("campaigns.view_plan")
def plan_task_lower(request, year, task_pk):
    """A task given to lower levels (#13): every commune (ward) in office with its report, or "Chưa báo cáo"."""
    plan = visible_or_404(request, plans_of, year=year)
    task = visible_or_404(request, plan.tasks.filter(for_lower_levels=True), pk=task_pk)
    today = timezone.localdate()
    children = lower_level_reports(task, today=today)
    return render(
        request,
        "campaigns/plan_task_lower.html",
        {
            "plan": plan,
            "task": task,
            "children": children,
            "reported_count": sum(1 for c in children if c.report),
            "overdue_count": sum(1 for c in children if c.overdue),
            "today": today,
            "section": "plan",
        },
    )
