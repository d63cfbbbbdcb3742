"""Claiming reminders and writing their messages. A claim is a `Reminder` row inserted under the unique
constraint (item, recipient, kind, offset, due date) with ON CONFLICT DO NOTHING and this call's token:
only the rows a call inserted itself are sent, so no reminder goes out twice."""

import datetime
import uuid
from collections import defaultdict

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import Message

from ..enums import ReminderKind
from ..messages import EMAIL_CATEGORY_REMINDERS
from ..models import Reminder
from .reminder_dues import Claim, state_text

CLAIM_COLUMNS = [
    "item_type",
    "item_id",
    "recipient_id",
    "email",
    "recipient_key",
    "kind",
    "offset",
    "for_date",
    "sent_on",
    "claim",
]


def _insert_ignoring_conflicts(rows: list[tuple]) -> None:
    """INSERT … ON CONFLICT DO NOTHING of many reminder rows in one statement: on PostgreSQL built by
    psycopg2's execute_values, elsewhere (SQLite) one executemany. The ORM's bulk_create spends most
    of a 100,000-row scan preparing model instances, and on SQLite splits it into 999-value batches."""
    ops, quote = connection.ops, connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [*CLAIM_COLUMNS, "created_at"])
    table = quote(Reminder._meta.db_table)
    now = ops.adapt_datetimefield_value(timezone.now())
    values = [(*row[:7], ops.adapt_datefield_value(row[7]), ops.adapt_datefield_value(row[8]), row[9], now) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            sql = f"INSERT INTO {table} ({columns}) VALUES %s ON CONFLICT DO NOTHING"
            execute_values(cursor.cursor, sql, values, page_size=max(len(values), 1))
        else:
            placeholders = ", ".join(["%s"] * (len(CLAIM_COLUMNS) + 1))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING", values)


def claim_reminders(claims: list[Claim], *, today: datetime.date) -> list[Claim]:
    """Insert the claims; return those this call inserted (not those another scan already holds)."""
    if not claims:
        return []
    token = uuid.uuid4().hex
    by_key = {}
    for claim in claims:
        by_key.setdefault(claim.key, claim)
    _insert_ignoring_conflicts(
        [
            (
                c.due.item_type,
                c.due.item_id,
                c.recipient.pk if c.recipient is not None else None,
                c.email if c.recipient is None else "",
                c.recipient_key,
                c.kind,
                c.offset,
                c.due.due_date,
                today,
                token,
            )
            for c in by_key.values()
        ]
    )
    mine = Reminder.objects.filter(claim=token).values_list("item_type", "item_id", "recipient_key", "kind", "offset", "for_date")
    return [by_key[tuple(row)] for row in mine]


TEMPLATE_FOR_KIND = {
    ReminderKind.BEFORE: "reminder_due",
    ReminderKind.OVERDUE: "reminder_due",
    ReminderKind.ESCALATION: "reminder_escalation",
    ReminderKind.MANUAL: "reminder_manual",
}


MESSAGE_ITEM_LIMIT = 15  # items listed in one message; the rest are counted and on the calendar page


def reminder_messages(claims: list[Claim], *, today: datetime.date, working: bool) -> list[Message]:
    """One message per recipient and template, listing the items claimed for them (soonest first)."""
    grouped: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        grouped[(claim.recipient_key, TEMPLATE_FOR_KIND[claim.kind])].append(claim)
    messages = []
    for (_key, template), group in grouped.items():
        group.sort(key=lambda c: (c.due.due_date, c.due.title, c.due.unit_name))
        count = len(group)
        items = [
            {
                "title": c.due.title,
                "unit": c.due.unit_name,
                "due_date": c.due.due_date,
                "due": f"{c.due.due_date:%d/%m/%Y}",
                "state": state_text(
                    c.kind if c.kind != ReminderKind.MANUAL else _kind_of(c, today), c.days, c.due.due_date, today, working
                ),
                "overdue": c.due.due_date < today,
                "url": c.due.url,
            }
            for c in group[:MESSAGE_ITEM_LIMIT]
        ]
        first = items[0]
        if template == "reminder_escalation":
            title = (
                _("Quá hạn: %(unit)s chưa hoàn thành “%(title)s”") % {"unit": first["unit"], "title": first["title"]}
                if count == 1
                else _("Quá hạn: đơn vị còn %(n)s việc chưa hoàn thành") % {"n": count}
            )
        elif template == "reminder_manual":
            title = _("Đề nghị nộp: %(title)s (hạn %(due)s)") % {"title": first["title"], "due": first["due"]}
        else:
            title = (
                _("Nhắc hạn: %(title)s – %(state)s") % {"title": first["title"], "state": first["state"]}
                if count == 1
                else _("Nhắc hạn: %(n)s việc sắp đến hạn hoặc đã quá hạn") % {"n": count}
            )
        messages.append(
            Message(
                recipient=group[0].recipient,
                to=group[0].email,
                title=title,
                template=template,
                context={
                    "items": items,
                    "count": count,
                    "more": count - len(items),
                    "today": today,
                    "unit_name": first["unit"],
                },
                url=first["url"] if count == 1 else reverse("campaigns:calendar"),
                category=EMAIL_CATEGORY_REMINDERS,
            )
        )
    return messages


def _kind_of(claim: Claim, today: datetime.date) -> str:
    return ReminderKind.BEFORE if claim.due.due_date >= today else ReminderKind.OVERDUE
