"""Reads of notifications a page needs, scoped to the viewer."""

from django.db.models import QuerySet

from .models import Notification


def notifications_of(*, viewer) -> QuerySet[Notification]:
    """The viewer's own notifications, newest first (nobody sees another person's)."""
    if not viewer.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=viewer)
