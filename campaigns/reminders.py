"""Reminders: the daily scan of deadlines, the one-click reminder of the tracking board, the office's
daily digest of what is overdue.

What is scanned: units that still owe a document to an open submission request; units with a draft
dossier in an open award round with a deadline; dossiers whose processing limit runs (the office's
own deadline). Before a deadline a reminder goes out at each configured offset (7, 3, 1 and 0 days
by default); after it every N days, to the unit head as well once the delay passes; long-overdue
items stay in the office's digest only.

Never twice: every reminder is a `Reminder` row under a unique constraint (item, recipient, kind,
offset, due date). A scan inserts its rows with ON CONFLICT DO NOTHING, tagged with its own claim
token, reads back the rows that carry its token and sends only those, in the same transaction. Two
scans at once: the second one's insert waits for the first to commit and then inserts nothing, so
it sends nothing. A scan that fails rolls back its claims with its messages: the next run sends them.

Catch-up: the offset sent is the current stage (the smallest offset not below the days left), so a
day without a scan (broker down, a holiday) is made up by the next one, once.
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from accounts.selectors import role_assignments, role_holders
from dossiers.enums import CLOCK_RUNNING, UNIT_EDITABLE
from dossiers.models import Dossier
from notifications.services import Message, notify_many

from .enums import STILL_OWED, ItemType, ReminderKind
from .models import PlanTask, Reminder, ReminderSettings, RequestRecipient, ScanRun, SubmissionRequest
from .services import EMAIL_CATEGORY_DIGEST, EMAIL_CATEGORY_REMINDERS, _require
from .workcal import WorkCalendar

logger = logging.getLogger(__name__)

DIGEST_LIST_LIMIT = 20


@dataclass(frozen=True)
class Due:
    """Something with a deadline that somebody must be told about."""

    item_type: str
    item_id: int
    title: str
    unit_id: int | None
    unit_name: str
    unit_email: str
    due_date: datetime.date
    url: str


@dataclass(frozen=True)
class Claim:
    due: Due
    kind: str
    offset: int
    days: int
    recipient: User | None
    email: str = ""

    @property
    def recipient_key(self) -> str:
        return f"u:{self.recipient.pk}" if self.recipient is not None else f"e:{self.email.lower()}"

    @property
    def key(self) -> tuple:
        return (self.due.item_type, self.due.item_id, self.recipient_key, self.kind, self.offset, self.due.due_date)


@dataclass
class ScanResult:
    today: datetime.date
    skipped: str = ""
    reminders: int = 0
    messages: int = 0
    emails: int = 0
    by_kind: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return data


# --- Stages --------------------------------------------------------------------------------------


def stage_for(
    *, due: datetime.date, today: datetime.date, cal: WorkCalendar, cfg: ReminderSettings, offsets: list[int]
) -> tuple[str, int, int] | None:
    """(kind, offset, days) of the reminder due today for a deadline, or None.

    Before the deadline: the smallest configured offset not below the days left (so a missed day is
    caught up once, never repeated). After it: every `overdue_every_days`, up to the stop delay.
    """
    if today <= due:
        left = cal.between(today, due)
        reached = [k for k in offsets if left <= k]
        return (ReminderKind.BEFORE, min(reached), left) if reached else None
    over = cal.between(due, today)
    every = max(cfg.overdue_every_days, 1)
    if over < every or over > cfg.overdue_stop_after_days:
        return None
    return ReminderKind.OVERDUE, -(over // every) * every, over


def _day_unit(working: bool) -> str:
    return _("ngày làm việc") if working else _("ngày")


def state_text(kind: str, days: int, due: datetime.date, today: datetime.date, working: bool) -> str:
    unit = _day_unit(working)
    if kind == ReminderKind.BEFORE:
        if days == 0:
            if due == today:
                return _("đến hạn hôm nay")
            return _("hạn %(due)s rơi vào ngày nghỉ, hôm nay là ngày làm việc cuối") % {"due": f"{due:%d/%m/%Y}"}
        return _("còn %(n)s %(unit)s") % {"n": days, "unit": unit}
    return _("quá hạn %(n)s %(unit)s") % {"n": days, "unit": unit}


# --- Candidates ----------------------------------------------------------------------------------


def _people_of_units(unit_ids) -> tuple[dict[int, list[User]], dict[int, list[User]]]:
    """({unit: clerks}, {unit: heads}) in one query."""
    clerks: dict[int, list[User]] = defaultdict(list)
    heads: dict[int, list[User]] = defaultdict(list)
    for assignment in role_assignments(Role.UNIT_CLERK, Role.UNIT_HEAD, unit_ids=unit_ids):
        (clerks if assignment.role == Role.UNIT_CLERK else heads)[assignment.unit_id].append(assignment.user)
    return clerks, heads


def office_staff() -> list[User]:
    return list(role_holders(Role.OFFICE_STAFF))


def _submission_dues(horizon: datetime.date) -> list[Due]:
    rows = (
        RequestRecipient.objects.filter(
            request__closed_at__isnull=True, status__in=list(STILL_OWED), request__due_date__lte=horizon
        )
        .order_by()
        .values_list("pk", "unit_id", "unit__name", "unit__email", "request_id", "request__title", "request__due_date")
    )
    urls: dict[int, str] = {}  # one reverse() per request, not per unit
    dues = []
    for pk, unit_id, unit_name, unit_email, request_id, title, due in rows:
        if request_id not in urls:
            urls[request_id] = reverse("campaigns:request_detail", args=[request_id])
        dues.append(Due(ItemType.SUBMISSION, pk, title, unit_id, unit_name, unit_email, due, urls[request_id]))
    return dues


def _round_dues(today: datetime.date, horizon: datetime.date, cfg: ReminderSettings) -> list[Due]:
    """Units with a draft (or returned) dossier in an open round, before and after its deadline."""
    oldest = today - datetime.timedelta(days=cfg.overdue_stop_after_days * 2 + 60)
    rows = (
        Dossier.objects.filter(
            status__in=list(UNIT_EDITABLE),
            round__is_open=True,
            round__submission_deadline__isnull=False,
            round__submission_deadline__lte=horizon,
            round__submission_deadline__gte=oldest,
        )
        .order_by()
        .values("round_id", "round__name", "round__submission_deadline", "unit_id", "unit__name", "unit__email")
        .annotate(first=Min("pk"))
    )
    url = reverse("dossiers:list")
    # One item per (round, unit): its id is the unit's first draft dossier in the round, so a clerk of two
    # units (or a shared unit address) is reminded for each unit, once per stage.
    return [
        Due(
            ItemType.AWARD_ROUND,
            row["first"],
            _("Hồ sơ đề nghị khen thưởng – %(round)s") % {"round": row["round__name"]},
            row["unit_id"],
            row["unit__name"],
            row["unit__email"],
            row["round__submission_deadline"],
            f"{url}?round={row['round_id']}",
        )
        for row in rows
    ]


def _dossier_dues(today: datetime.date, horizon: datetime.date) -> list[Due]:
    """The office's own deadlines: the promised result date of dossiers whose clock runs."""
    rows = (
        Dossier.objects.filter(status__in=list(CLOCK_RUNNING), due_date__gte=today, due_date__lte=horizon)
        .order_by()
        .values_list("pk", "title", "receipt_number", "unit_id", "unit__name", "due_date")
    )
    return [
        Due(
            ItemType.DOSSIER,
            pk,
            _("Trả kết quả hồ sơ %(ref)s “%(title)s”") % {"ref": receipt or "", "title": title},
            unit_id,
            unit_name,
            "",
            due,
            reverse("dossiers:detail", args=[pk]),
        )
        for pk, title, receipt, unit_id, unit_name, due in rows
    ]


def _unit_claims(dues, *, today, cal, cfg, offsets) -> list[Claim]:
    """Claims for dues owed by units: the clerks (or the unit's address when it has no account yet),
    and the heads once an item is overdue past the escalation delay."""
    staged = []
    for due in dues:
        stage = stage_for(due=due.due_date, today=today, cal=cal, cfg=cfg, offsets=offsets)
        if stage is not None:
            staged.append((due, stage))
    clerks, heads = _people_of_units({due.unit_id for due, _stage in staged})
    claims = []
    for due, (kind, offset, days) in staged:
        unit_clerks = clerks.get(due.unit_id, [])
        claims.extend(Claim(due, kind, offset, days, clerk) for clerk in unit_clerks)
        if not unit_clerks and due.unit_email:
            claims.append(Claim(due, kind, offset, days, None, due.unit_email))
        if kind == ReminderKind.OVERDUE and days >= cfg.escalate_after_days:
            claims.extend(Claim(due, ReminderKind.ESCALATION, offset, days, head) for head in heads.get(due.unit_id, []))
    return claims


def _office_claims(dues, *, today, cal, cfg, offsets) -> list[Claim]:
    staff = office_staff() if dues else []
    claims = []
    for due in dues:
        stage = stage_for(due=due.due_date, today=today, cal=cal, cfg=cfg, offsets=offsets)
        if stage is not None and stage[0] == ReminderKind.BEFORE:
            claims.extend(Claim(due, stage[0], stage[1], stage[2], person) for person in staff)
    return claims


# --- Claim and send ------------------------------------------------------------------------------


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


def _claim(claims: list[Claim], *, today: datetime.date) -> list[Claim]:
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


def _messages(claims: list[Claim], *, today: datetime.date, working: bool) -> list[Message]:
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


@transaction.atomic
def _claim_and_send(claims: list[Claim], *, today: datetime.date, working: bool, result: ScanResult) -> None:
    mine = _claim(claims, today=today)
    messages = _messages(mine, today=today, working=working)
    result.emails += notify_many(messages)
    result.reminders += len(mine)
    result.messages += len(messages)
    for claim in mine:
        result.by_kind[str(claim.kind)] = result.by_kind.get(str(claim.kind), 0) + 1


# --- The scan ------------------------------------------------------------------------------------


def reminder_scan(*, today: datetime.date | None = None) -> ScanResult:
    """Send every reminder due on `today` (Asia/Ho_Chi_Minh) that was not sent yet. Safe to run twice,
    or twice at the same time. Tests pass `today` to travel in time."""
    cfg = ReminderSettings.load()
    today = today or timezone.localdate()
    result = ScanResult(today=today)
    cal = WorkCalendar(today, working_days=cfg.count_working_days)
    if not cal.is_working_day(today):
        result.skipped = _("Ngày nghỉ: không gửi nhắc việc, ngày làm việc tiếp theo sẽ gửi bù.")
        return result
    offsets = cfg.offsets
    horizon = cal.last_date_within(max(offsets))
    claims = _unit_claims(_submission_dues(horizon), today=today, cal=cal, cfg=cfg, offsets=offsets)
    if cfg.remind_award_rounds:
        claims += _unit_claims(_round_dues(today, horizon, cfg), today=today, cal=cal, cfg=cfg, offsets=offsets)
    if cfg.remind_dossier_limits:
        claims += _office_claims(_dossier_dues(today, horizon), today=today, cal=cal, cfg=cfg, offsets=offsets)
    _claim_and_send(claims, today=today, working=cfg.count_working_days, result=result)
    if cfg.digest_enabled:
        _digest(today=today, cal=cal, result=result)
    logger.info("Quét nhắc việc ngày %s: %s", today.isoformat(), result.as_dict())
    return result


def reminder_scan_if_due(*, now: datetime.datetime | None = None) -> ScanResult | None:
    """The beat's tick: the day's scan once the configured hour has come, unless it already ran.
    A tick lost while the broker was down is made up by the next one."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    cfg = ReminderSettings.load()
    if local.hour < cfg.scan_hour:
        return None
    if ScanRun.objects.filter(date=local.date(), finished_at__isnull=False).exists():
        return None
    run, _created = ScanRun.objects.get_or_create(date=local.date(), defaults={"started_at": now})
    result = reminder_scan(today=local.date())
    ScanRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), result=result.as_dict())
    return result


# --- The office's digest -------------------------------------------------------------------------


def overdue_summary(*, today: datetime.date, cal: WorkCalendar | None = None) -> dict:
    """What is overdue today, for the digest and the office's dashboard: a fixed number of queries."""
    cal = cal or WorkCalendar(today, working_days=ReminderSettings.load().count_working_days)
    requests = list(
        SubmissionRequest.objects.filter(closed_at__isnull=True, due_date__lt=today, recipients__status__in=list(STILL_OWED))
        .annotate(owed=Count("recipients"))
        .order_by("due_date", "pk")
    )
    dossiers_qs = Dossier.objects.filter(status__in=list(CLOCK_RUNNING), due_date__lt=today)
    tasks_qs = PlanTask.objects.filter(done_on__isnull=True, due_date__lt=today)
    dossiers = list(dossiers_qs.select_related("unit").order_by("due_date", "pk")[:DIGEST_LIST_LIMIT])
    tasks = list(tasks_qs.select_related("plan").order_by("due_date", "number")[:DIGEST_LIST_LIMIT])
    for item in [*requests, *dossiers, *tasks]:
        item.days_over = cal.between(item.due_date, today)
    return {
        "requests": requests,
        "units_owing": sum(r.owed for r in requests),
        "dossiers": dossiers,
        "dossier_count": dossiers_qs.count() if len(dossiers) == DIGEST_LIST_LIMIT else len(dossiers),
        "tasks": tasks,
        "task_count": tasks_qs.count() if len(tasks) == DIGEST_LIST_LIMIT else len(tasks),
    }


def _digest(*, today: datetime.date, cal: WorkCalendar, result: ScanResult) -> None:
    summary = overdue_summary(today=today, cal=cal)
    total = len(summary["requests"]) + summary["dossier_count"] + summary["task_count"]
    if not total:
        return
    staff = office_staff()
    due = Due(ItemType.DIGEST, 0, "", None, "", "", today, reverse("campaigns:calendar"))
    with transaction.atomic():
        mine = _claim([Claim(due, ReminderKind.DIGEST, 0, 0, person) for person in staff], today=today)
        title = _("Tổng hợp việc quá hạn ngày %(d)s: %(n)s việc") % {"d": f"{today:%d/%m/%Y}", "n": total}
        messages = [
            Message(
                recipient=claim.recipient,
                title=title,
                template="reminder_digest",
                context={**summary, "today": today, "total": total, "day_unit": _day_unit(cal.working_days)},
                url=reverse("campaigns:calendar"),
                category=EMAIL_CATEGORY_DIGEST,
            )
            for claim in mine
        ]
        result.emails += notify_many(messages)
        result.reminders += len(mine)
        result.messages += len(messages)
        if mine:
            result.by_kind[str(ReminderKind.DIGEST)] = len(mine)


# --- One click on the tracking board -------------------------------------------------------------


def reminder_send_manual(*, by, request: SubmissionRequest, recipient_ids=None, today: datetime.date | None = None) -> dict:
    """Remind the units that still owe the document (all of them, or those named), now. Each unit's
    clerks get at most one such reminder per item a day, however often the button is pressed.
    Returns {"reminded": units reached, "already": units reminded earlier today, "unreachable": units
    with neither an account nor an e-mail address}."""
    _require(by, "campaigns.manage_requests")
    if request.closed_at is not None:
        return {"reminded": 0, "already": 0, "unreachable": 0}
    today = today or timezone.localdate()
    cfg = ReminderSettings.load()
    owed = request.recipients.filter(status__in=list(STILL_OWED)).select_related("unit")
    if recipient_ids is not None:
        owed = owed.filter(pk__in=list(recipient_ids))
    owed = list(owed)
    clerks, _heads = _people_of_units({r.unit_id for r in owed})
    url = reverse("campaigns:request_detail", args=[request.pk])
    cal = WorkCalendar(today, working_days=cfg.count_working_days) if owed else None
    claims, unreachable = [], 0
    for recipient in owed:
        # Manual reminders are keyed by the day they are sent: once a day per unit and item.
        due = Due(
            ItemType.SUBMISSION,
            recipient.pk,
            request.title,
            recipient.unit_id,
            recipient.unit.name,
            recipient.unit.email,
            today,
            url,
        )
        days = cal.between(today, request.due_date) if request.due_date >= today else cal.between(request.due_date, today)
        shown = Due(due.item_type, due.item_id, due.title, due.unit_id, due.unit_name, due.unit_email, request.due_date, url)
        people = clerks.get(recipient.unit_id, [])
        if people:
            claims.extend(_ManualClaim(due, ReminderKind.MANUAL, 0, days, person, "", shown) for person in people)
        elif recipient.unit.email:
            claims.append(_ManualClaim(due, ReminderKind.MANUAL, 0, days, None, recipient.unit.email, shown))
        else:
            unreachable += 1
    with transaction.atomic():
        mine = _claim(claims, today=today)
        messages = _messages([c.as_shown() for c in mine], today=today, working=cfg.count_working_days)
        notify_many(messages)
    reached = {c.due.item_id for c in mine}
    return {"reminded": len(reached), "already": len(owed) - unreachable - len(reached), "unreachable": unreachable}


@dataclass(frozen=True)
class _ManualClaim(Claim):
    """A manual claim is keyed by the day it is sent but shows the real deadline in the message."""

    shown: Due | None = None

    def as_shown(self) -> Claim:
        return Claim(self.shown, self.kind, self.offset, self.days, self.recipient, self.email)
