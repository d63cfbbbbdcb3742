"""Reads about exemplary models (gương điển hình tiên tiến): who sees which, what waits, what is published."""

from django.db.models import Q, QuerySet

from clusters.selectors import acting_unit_ids

from ..enums import ExemplaryStatus
from ..models import ExemplaryModel


def exemplary_visible_to(*, viewer) -> QuerySet[ExemplaryModel]:
    """Those of the units of the authority the viewer acts in (#13): the office sees every one; a unit
    its own and the published ones."""
    own = ExemplaryModel.objects.filter(unit__authority_id=viewer.acting_authority_id)
    if viewer.has_perm("campaigns.review_exemplary"):
        queryset = own
    else:
        queryset = own.filter(Q(unit_id__in=acting_unit_ids(viewer)) | Q(status=ExemplaryStatus.PUBLISHED))
    return queryset.select_related("unit", "submitted_by")


def exemplary_waiting(*, viewer) -> QuerySet[ExemplaryModel]:
    """What units introduced and the office has not reviewed yet, oldest first."""
    return exemplary_visible_to(viewer=viewer).filter(status=ExemplaryStatus.SUBMITTED).order_by("submitted_at")


def exemplary_of_own_units(*, viewer) -> QuerySet[ExemplaryModel]:
    """What the viewer's units introduced and is not published."""
    return exemplary_visible_to(viewer=viewer).exclude(status=ExemplaryStatus.PUBLISHED)


def exemplary_published(*, viewer) -> QuerySet[ExemplaryModel]:
    """The published models of the authority the viewer acts in."""
    return (
        ExemplaryModel.objects.filter(status=ExemplaryStatus.PUBLISHED, unit__authority_id=viewer.acting_authority_id)
        .select_related("unit")
        .order_by("-reviewed_at", "-id")
    )
