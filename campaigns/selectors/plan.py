"""Reads about the annual plan: the years, one year's tasks."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from units.models import Authority

from ..models import AnnualPlan, PlanTask, PlanTaskReport


def plans_of(viewer) -> QuerySet[AnnualPlan]:
    """The plans of the authority the viewer acts in (#13): one a year."""
    return AnnualPlan.objects.filter(authority_id=viewer.acting_authority_id)


def plans_for_list(*, viewer) -> QuerySet[AnnualPlan]:
    return (
        plans_of(viewer)
        .annotate(task_count=Count("tasks"), done_count=Count("tasks", filter=Q(tasks__done_on__isnull=False)))
        .order_by("-year")
    )


def plan_tasks(plan) -> QuerySet[PlanTask]:
    """The plan's tasks in the order the plan lists them: by quarter, then number."""
    return (
        plan.tasks.select_related("done_by")
        .annotate(
            # Tasks given to lower levels (#13): how many communes in office have reported theirs done.
            reported_count=Count(
                "reports",
                filter=Q(reports__authority__parent_id=plan.authority_id, reports__authority__dissolved_on__isnull=True),
            )
        )
        .order_by("quarter", "number", "pk")
    )


def lower_level_count(authority_id: int) -> int:
    """How many authorities in office are under this one: the communes a task given to lower levels reaches."""
    return Authority.objects.working_children(authority_id).count()


def other_plan_years(plan) -> list[int]:
    return list(AnnualPlan.objects.filter(authority_id=plan.authority_id).exclude(pk=plan.pk).values_list("year", flat=True))


# --- The parent's tasks given to lower levels (#13) -----------------------------------------------------


def tasks_given_to(*, viewer) -> QuerySet[PlanTask]:
    """Every task the parent of the authority the viewer acts in gave to lower levels (#13)."""
    given = PlanTask.objects.filter(for_lower_levels=True, plan__authority__children__id=viewer.acting_authority_id)
    return given.select_related("plan__authority")


def tasks_from_above(*, viewer, year: int) -> QuerySet[PlanTask]:
    """The tasks of one year's plan of the parent of the authority the viewer acts in that were given to lower
    levels, each with this authority's own report only (`my_reports`, empty or one): another commune's is
    never read. Two queries however many tasks."""
    authority_id = viewer.acting_authority_id
    return (
        tasks_given_to(viewer=viewer)
        .filter(plan__year=year)
        .prefetch_related(Prefetch("reports", PlanTaskReport.objects.filter(authority_id=authority_id), to_attr="my_reports"))
        .order_by("quarter", "number", "pk")
    )


def years_from_above(*, viewer) -> list[int]:
    """The years of the parent's plans that give this authority tasks, newest first."""
    return list(tasks_given_to(viewer=viewer).order_by("-plan__year").values_list("plan__year", flat=True).distinct())


def lower_level_reports(task: PlanTask, *, today: datetime.date) -> list[Authority]:
    """Every authority in office under the task's own, in name order, with its report on the task (`report`,
    or None) and whether it is overdue (no report, the due date passed). Two queries however many communes."""
    children = list(Authority.objects.working_children(task.plan.authority_id).order_by("short_name", "pk"))
    reports = task.reports.filter(authority_id__in=[c.pk for c in children]).select_related("done_by")
    by_authority = {r.authority_id: r for r in reports}
    for child in children:
        child.report = by_authority.get(child.pk)
        child.overdue = child.report is None and task.due_date < today
    return children
