"""The calendar of deadlines: the page, and the private iCalendar feed behind a secret address."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import post_action, visible_or_404
from core.files import named

from ..ical import calendar as ical_calendar
from ..models import CalendarFeed
from ..selectors.calendar import calendar_entries, calendar_feed_of
from ..services.calendar import calendar_feed_for

CALENDAR_PAST = datetime.timedelta(days=60)
CALENDAR_AHEAD = datetime.timedelta(days=180)
FEED_AHEAD = datetime.timedelta(days=366)


@login_required
def calendar(request):
    today = timezone.localdate()
    entries = calendar_entries(viewer=request.user, start=today - CALENDAR_PAST, end=today + CALENDAR_AHEAD)
    overdue = [e for e in entries if e.overdue(today)]
    months: list[tuple[str, list]] = []
    for entry in (e for e in entries if e.date >= today):
        label = _("Tháng %(m)s/%(y)s") % {"m": f"{entry.date.month:02d}", "y": entry.date.year}
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(entry)
    feed = calendar_feed_of(request.user)
    feed_url = request.build_absolute_uri(reverse("campaigns:calendar_feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "campaigns/calendar.html",
        {"overdue": overdue, "months": months, "today": today, "feed_url": feed_url, "section": "calendar"},
    )


@require_POST
@login_required
def calendar_feed_renew(request):
    renewed = _("Đã tạo đường dẫn mới; đường dẫn cũ không còn dùng được.")
    made = _("Đã tạo đường dẫn lịch riêng của bạn.")
    had = calendar_feed_of(request.user) is not None
    return post_action(
        request,
        lambda: calendar_feed_for(user=request.user, renew=True),
        success=renewed if had else made,
        redirect_to=reverse("campaigns:calendar") + "#lich-rieng",
    )


def calendar_feed(request, token):
    """The private iCalendar feed: no session (calendar programs cannot sign in), the secret token is
    the key. A wrong or renewed token, or a closed account, is a 404."""
    feed = visible_or_404(request, CalendarFeed.objects.select_related("user").filter(user__is_active=True), token=token)
    user = feed.user
    today = timezone.localdate()
    entries = calendar_entries(viewer=user, start=today - CALENDAR_PAST, end=today + FEED_AHEAD)
    events = [
        {
            "uid": entry.uid,
            "date": entry.date,
            "summary": ("✓ " if entry.done else "") + entry.title,
            "description": " · ".join(part for part in (entry.kind, entry.detail) if part),
            "url": f"{settings.SITE_URL}{entry.url}",
        }
        for entry in entries
    ]
    body = ical_calendar(
        name=_("Hạn nộp, hạn xử lý – %(name)s") % {"name": user.full_name or user.username},
        events=events,
        stamp=timezone.now(),
        host=urlsplit(settings.SITE_URL).hostname or "tdkt",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    named(response, "Lịch hạn thi đua, khen thưởng.ics", inline=True)
    response["Cache-Control"] = "private, max-age=900"
    return response
