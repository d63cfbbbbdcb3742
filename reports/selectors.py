"""Every read a reports page needs, as querysets scoped to the viewer."""

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from dossiers.enums import Gender
from dossiers.models import AwardRecord

from .models import ExportJob, ReviewReport


def export_jobs_of(*, viewer) -> QuerySet[ExportJob]:
    """A user's own export jobs, newest first: nobody else's file is ever reachable."""
    return ExportJob.objects.filter(created_by=viewer)


def finished_export_jobs_of(*, viewer) -> QuerySet[ExportJob]:
    """A user's own jobs whose file is made: the only ones to download."""
    return export_jobs_of(viewer=viewer).filter(status=ExportJob.Status.DONE)


def review_reports() -> QuerySet[ReviewReport]:
    """The review reports, newest year first (the statistics' readers see them all)."""
    return ReviewReport.objects.order_by("-year", "-kind")


# The list behind a figure, newest decision first: the page and its Excel file share this order.
HONOURED_ORDER = ("-decision_date", "award__sort_order", "id")


def honoured_listed(rows: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """The ledger rows behind a figure (statistics.honoured_rows) with who and where they are, in the list's order."""
    return (
        rows.select_related("award", "person__unit", "collective_unit", "nominee__dossier__unit")
        .annotate(is_woman=ExpressionWrapper(Q(gender_of=Gender.FEMALE), output_field=BooleanField()))
        .order_by(*HONOURED_ORDER)
    )
