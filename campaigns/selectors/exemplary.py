"""Reads about exemplary models (gương điển hình tiên tiến): who sees which, what waits, what is published."""

from django.db.models import Q, QuerySet

from clusters.selectors import acting_unit_ids

from ..enums import ExemplaryStatus
from ..models import ExemplaryModel


def exemplary_visible_to(*, viewer) -> QuerySet[ExemplaryModel]:
    """The office sees every one; a unit its own and the published ones."""
    if viewer.has_perm("campaigns.review_exemplary"):
        queryset = ExemplaryModel.objects.all()
    else:
        queryset = ExemplaryModel.objects.filter(Q(unit_id__in=acting_unit_ids(viewer)) | Q(status=ExemplaryStatus.PUBLISHED))
    return queryset.select_related("unit", "submitted_by")


def exemplary_waiting(*, viewer) -> QuerySet[ExemplaryModel]:
    """What units introduced and the office has not reviewed yet, oldest first."""
    return exemplary_visible_to(viewer=viewer).filter(status=ExemplaryStatus.SUBMITTED).order_by("submitted_at")


def exemplary_of_own_units(*, viewer) -> QuerySet[ExemplaryModel]:
    """What the viewer's units introduced and is not published."""
    return exemplary_visible_to(viewer=viewer).exclude(status=ExemplaryStatus.PUBLISHED)


def exemplary_published() -> QuerySet[ExemplaryModel]:
    return ExemplaryModel.objects.filter(status=ExemplaryStatus.PUBLISHED).select_related("unit").order_by("-reviewed_at", "-id")
