"""Reads about the annual plan: the years, one year's tasks."""

from django.db.models import Count, Q, QuerySet

from ..models import AnnualPlan, PlanTask


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
    return plan.tasks.select_related("done_by").order_by("quarter", "number", "pk")


def other_plan_years(plan) -> list[int]:
    return list(AnnualPlan.objects.filter(authority_id=plan.authority_id).exclude(pk=plan.pk).values_list("year", flat=True))
