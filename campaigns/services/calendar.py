"""The private calendar feed's secret address."""

from django.db import transaction

from core.services import audit_record

from ..models import CalendarFeed
from ..models.calendar import new_token


@transaction.atomic
def calendar_feed_for(*, user, renew: bool = False) -> CalendarFeed:
    """The user's private iCalendar token; `renew` replaces it (the old address stops working)."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if renew and not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
        audit_record(actor=user, action="calendar_feed_renew", obj=user)
    return feed
