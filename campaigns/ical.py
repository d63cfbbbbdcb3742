"""A private iCalendar feed (RFC 5545) of all-day events, written by the icalendar package (which escapes
the text and folds long lines at 75 octets without splitting a UTF-8 character)."""

import datetime

from icalendar import Calendar, Event, vText


def calendar(*, name: str, events: list[dict], stamp: datetime.datetime, host: str) -> str:
    """events: dicts with uid, date, summary, and optional description and url."""
    feed = Calendar()
    feed.add("prodid", "-//Cong TDKT//Lich han nop//VI")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", vText(name))
    feed.add("x-wr-timezone", vText("Asia/Ho_Chi_Minh"))
    stamp = stamp.astimezone(datetime.UTC)
    for event in events:
        entry = Event()
        entry.add("uid", f"{event['uid']}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event["date"])
        entry.add("dtend", event["date"] + datetime.timedelta(days=1))
        entry.add("summary", event["summary"])
        if event.get("description"):
            entry.add("description", event["description"])
        if event.get("url"):
            entry.add("url", event["url"])
        entry.add("transp", "TRANSPARENT")
        feed.add_component(entry)
    return feed.to_ical().decode()
