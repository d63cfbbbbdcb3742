"""Writes on the annual plan (kế hoạch công tác thi đua, khen thưởng) and its tasks."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ConcurrentEditError, audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from units.models import Authority

from ..models import AnnualPlan, PlanTask, PlanTaskReport
from . import acting_authority_id


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = quarter * 3
    return (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)


PLAN_FIELDS = ["year", "title", "document_number", "issued_on", "source_note"]
PLAN_TASK_FIELDS = ["quarter", "number", "content", "responsible", "due_date", "for_lower_levels"]
REPORT_FIELDS = ["done_on", "note"]


def has_lower_levels(authority_id: int) -> bool:
    """The authority has communes (wards) in office under it: only then can a task be given to them (#13)."""
    return Authority.objects.working_children(authority_id).exists()


@transaction.atomic
def plan_save(*, by, plan: AnnualPlan | None = None, expected_version: int | None = None, authority=None, **data) -> AnnualPlan:
    """Create or change the year's plan of an authority (one a year each: `authority`, else the one `by`
    acts in); an edit names the version it started from."""
    _require(by, "campaigns.manage_plan")
    creating = plan is None
    plan = plan or AnnualPlan(created_by=by, authority_id=acting_authority_id(by, authority))
    old = {} if creating else snapshot(type(plan).objects.get(pk=plan.pk), PLAN_FIELDS)
    for name, value in data.items():
        setattr(plan, name, value)
    plan.title = normalize_text(plan.title)
    plan.full_clean(exclude=["created_by"])
    if creating:
        plan.save()
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        save_with_version(plan, expected_version=expected_version, fields=PLAN_FIELDS)
    audit_record(actor=by, action="plan_save", obj=plan, changes=diff_fields(plan, old, PLAN_FIELDS))
    return plan


@transaction.atomic
def plan_task_save(
    *, by, plan: AnnualPlan, task: PlanTask | None = None, expected_version: int | None = None, **data
) -> PlanTask:
    """Add or change a task of the plan; an edit names the version it started from (the same version
    a tick as done moves on, so an edit cannot undo a tick made meanwhile, nor the other way round)."""
    _require(by, "campaigns.manage_plan")
    creating = task is None
    fields = PLAN_TASK_FIELDS
    task = task or PlanTask(plan=plan)
    old = {} if creating else snapshot(type(task).objects.get(pk=task.pk), fields)
    if data.get("for_lower_levels") and not old.get("for_lower_levels") and not has_lower_levels(plan.authority_id):
        raise ValidationError(
            {"for_lower_levels": _("Cơ quan này không có UBND cấp xã trực thuộc nên không thể giao nhiệm vụ cho cấp dưới.")}
        )
    for name, value in data.items():
        setattr(task, name, value)
    if task.number is None:
        task.number = (plan.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if task.due_date is None and task.quarter:
        task.due_date = quarter_end(plan.year, task.quarter)
    task.full_clean()
    if creating:
        task.save()
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        save_with_version(task, expected_version=expected_version, fields=fields)
    audit_record(actor=by, action="plan_task_save", obj=plan, changes={f"#{task.number}": diff_fields(task, old, fields)})
    return task


@transaction.atomic
def plan_task_mark(*, by, task: PlanTask, done: bool, note: str = "", expected_version: int) -> PlanTask:
    """Tick a task done (with what was done) or reopen it; a stale page cannot undo someone's tick."""
    _require(by, "campaigns.manage_plan")
    old = snapshot(task, ["done_on", "done_note"])
    task.done_on = timezone.localdate() if done else None
    task.done_note = normalize_text(note) if done else ""
    task.done_by = by if done else None
    save_with_version(task, expected_version=expected_version, fields=["done_on", "done_note", "done_by"])
    audit_record(
        actor=by,
        action="plan_task_done" if done else "plan_task_reopen",
        obj=task.plan,
        changes={f"#{task.number}": diff_fields(task, old, ["done_on", "done_note"])},
    )
    return task


@transaction.atomic
def plan_task_report(*, by, task: PlanTask, done_on: datetime.date, note: str, expected_version: int) -> PlanTaskReport:
    """A commune office reports its part of the parent's task given to lower levels (#13): done on a date,
    with what was done; a later report changes it. `expected_version` is the report's version the page
    showed (0: no report yet), so a stale page never overwrites a colleague's report."""
    _require(by, "campaigns.report_plan_task", task)
    PlanTask.objects.select_for_update().filter(pk=task.pk).first()  # two first reports at once make one
    authority_id = by.acting_authority_id
    report = PlanTaskReport.objects.filter(task=task, authority_id=authority_id).first()
    note = normalize_text(note)
    if done_on and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được sau ngày hôm nay.")})
    if report is not None and (report.done_on, report.note) == (done_on, note):
        return report  # a second click of the same report: nothing changes
    creating = report is None
    if creating != (expected_version == 0):
        raise ConcurrentEditError()
    old = {} if creating else snapshot(report, REPORT_FIELDS)
    report = report or PlanTaskReport(task=task, authority_id=authority_id)
    report.done_on, report.note, report.done_by, report.updated_at = done_on, note, by, timezone.now()
    report.full_clean(exclude=["done_by"])
    if creating:
        report.save()
    else:
        save_with_version(report, expected_version=expected_version, fields=[*REPORT_FIELDS, "done_by", "updated_at"])
    audit_record(
        actor=by,
        action="plan_task_report",
        obj=report,
        changes={f"{task.plan.year}#{task.number}": diff_fields(report, old, REPORT_FIELDS)},
    )
    return report
