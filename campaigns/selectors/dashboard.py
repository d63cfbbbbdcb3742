"""Reads for the campaigns panels of the dashboard: what waits for a unit, what waits for the office."""

import datetime

from django.db.models import Count

from clusters.selectors import acting_unit_ids

from ..enums import STILL_OWED, ExemplaryStatus, SubmissionStatus
from ..models import ExemplaryModel, RequestRecipient, SubmissionRequest
from .calendar import calendar_entries


def unit_waiting(*, viewer, today: datetime.date, limit: int = 8) -> dict:
    """The clerk's open requests (still owed, soonest first) and the deadlines of the next 14 days."""
    units = acting_unit_ids(viewer)
    owed = (
        RequestRecipient.objects.filter(unit_id__in=units, request__closed_at__isnull=True, status__in=list(STILL_OWED))
        .select_related("request", "unit")
        .order_by("request__due_date", "unit__name")
    )
    rows = list(owed[:limit])
    for row in rows:
        row.overdue = row.request.due_date < today
    entries = calendar_entries(viewer=viewer, start=today, end=today + datetime.timedelta(days=14))
    upcoming = [e for e in entries if not e.done and e.date >= today][:limit]
    return {"owed": rows, "owed_count": owed.count() if len(rows) == limit else len(rows), "upcoming": upcoming}


def office_waiting(*, authority_id: int, today: datetime.date, limit: int = 8) -> dict:
    """Requests past their due date that units still owe, and documents waiting for the office's review:
    of the office's own authority (#13: `authority_id`, the one the viewer acts in)."""
    requests = SubmissionRequest.objects.filter(authority_id=authority_id)
    recipients = RequestRecipient.objects.filter(request__authority_id=authority_id)
    exemplary = ExemplaryModel.objects.filter(unit__authority_id=authority_id)
    overdue = list(
        requests.filter(closed_at__isnull=True, due_date__lt=today, recipients__status__in=list(STILL_OWED))
        .annotate(owed=Count("recipients"))
        .order_by("due_date", "pk")[:limit]
    )
    waiting = recipients.filter(status=SubmissionStatus.SUBMITTED, request__closed_at__isnull=True).count()
    exemplary = exemplary.filter(status=ExemplaryStatus.SUBMITTED).count()
    return {"overdue_requests": overdue, "to_review": waiting, "exemplary_to_review": exemplary}
