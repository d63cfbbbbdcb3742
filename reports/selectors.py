"""Every read a reports page needs, as querysets scoped to the viewer."""

import re

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from dossiers.enums import Gender
from dossiers.models import AwardRecord
from units.models import Authority

from .models import ExportJob, ReviewReport


def export_jobs_of(*, viewer) -> QuerySet[ExportJob]:
    """A user's own export jobs, newest first: nobody else's file is ever reachable."""
    return ExportJob.objects.filter(created_by=viewer)


def finished_export_jobs_of(*, viewer) -> QuerySet[ExportJob]:
    """A user's own jobs whose file is made: the only ones to download."""
    return export_jobs_of(viewer=viewer).filter(status=ExportJob.Status.DONE)


def review_reports(*, authority_id: int) -> QuerySet[ReviewReport]:
    """One authority's review reports, newest year first (the statistics' readers there see them all)."""
    return ReviewReport.objects.filter(authority_id=authority_id).order_by("-year", "-kind")


# The statistics page's drill-down to one commune of the province (?xa=<authority id>).
DRILL_AUTHORITY = "xa"


def statistics_authority(*, viewer, params) -> tuple[Authority, Authority | None]:
    """Whose figures a statistics page shows: (the authority the viewer acts in, the child authority it
    drills down to or None). Only a child of the acting authority may be named (?xa=); any other value is
    not found, so no authority's figures are reachable from outside the tree above it."""
    acting = Authority.objects.get(pk=viewer.acting_authority_id)
    value = str(params.get(DRILL_AUTHORITY) or "")
    if not value:
        return acting, None
    child = None
    if re.fullmatch(r"[0-9]{1,10}", value):
        child = Authority.objects.filter(pk=int(value), parent_id=acting.pk).first()
    if child is None:
        raise Http404
    return acting, child


# The list behind a figure, newest decision first: the page and its Excel file share this order.
HONOURED_ORDER = ("-decision_date", "award__sort_order", "id")


def honoured_listed(rows: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """The ledger rows behind a figure (statistics.honoured_rows) with who and where they are, in the list's order."""
    return (
        rows.select_related("award", "person__unit", "collective_unit", "nominee__dossier__unit")
        .annotate(is_woman=ExpressionWrapper(Q(gender_of=Gender.FEMALE), output_field=BooleanField()))
        .order_by(*HONOURED_ORDER)
    )
