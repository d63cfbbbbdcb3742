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

What is due and whom it reaches: reminder_dues.py; claiming and the messages' wording: reminder_claims.py.
"""

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import answering_authorities
from core.services import require_perm as _require
from notifications.links import in_authority
from notifications.services import Message, notify_many

from ..enums import STILL_OWED, ItemType, ReminderKind
from ..messages import EMAIL_CATEGORY_DIGEST
from ..models import ReminderSettings, ScanRun, SubmissionRequest
from ..selectors.reminders import overdue_summary
from ..workcal import WorkCalendar
from .reminder_claims import claim_reminders, reminder_messages
from .reminder_dues import (
    Claim,
    Due,
    clerks_and_heads,
    day_unit,
    dossier_dues,
    office_authority_ids,
    office_claims,
    office_staff,
    round_dues,
    submission_dues,
    unit_claims,
)

logger = logging.getLogger(__name__)


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


@transaction.atomic
def _claim_and_send(claims: list[Claim], *, today: datetime.date, working: bool, result: ScanResult) -> None:
    mine = claim_reminders(claims, today=today)
    messages = reminder_messages(mine, today=today, working=working)
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
    claims = unit_claims(submission_dues(horizon), today=today, cal=cal, cfg=cfg, offsets=offsets)
    if cfg.remind_award_rounds:
        claims += unit_claims(round_dues(today, horizon, cfg), today=today, cal=cal, cfg=cfg, offsets=offsets)
    if cfg.remind_dossier_limits:
        claims += office_claims(dossier_dues(today, horizon), today=today, cal=cal, cfg=cfg, offsets=offsets)
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


def _digest(*, today: datetime.date, cal: WorkCalendar, result: ScanResult) -> None:
    """Each authority's office gets its own digest, of its own overdue items only (#13)."""
    for authority_id in office_authority_ids():
        _digest_of(authority_id, today=today, cal=cal, result=result)


def _digest_of(authority_id: int, *, today: datetime.date, cal: WorkCalendar, result: ScanResult) -> None:
    summary = overdue_summary(today=today, cal=cal, authority_id=authority_id)
    total = len(summary["requests"]) + summary["dossier_count"] + summary["task_count"]
    if not total:
        return
    staff = office_staff(authority_id)
    # The digest's item is the authority: a person on two offices gets each office's digest once a day.
    due = Due(ItemType.DIGEST, authority_id, "", None, "", "", today, reverse("campaigns:calendar"), authority_id)
    with transaction.atomic():
        mine = claim_reminders([Claim(due, ReminderKind.DIGEST, 0, 0, person) for person in staff], today=today)
        title = _("Tổng hợp việc quá hạn ngày %(d)s: %(n)s việc") % {"d": f"{today:%d/%m/%Y}", "n": total}
        messages = [
            Message(
                recipient=claim.recipient,
                title=title,
                template="reminder_digest",
                context={
                    **summary,
                    "today": today,
                    "total": total,
                    "day_unit": day_unit(cal.working_days),
                    "authority_id": authority_id,  # each item's link opens in this authority (#13)
                },
                url=reverse("campaigns:calendar"),
                authority_id=authority_id,
                category=EMAIL_CATEGORY_DIGEST,
            )
            for claim in mine
        ]
        result.emails += notify_many(messages)
        result.reminders += len(mine)
        result.messages += len(messages)
        if mine:
            kind = str(ReminderKind.DIGEST)
            result.by_kind[kind] = result.by_kind.get(kind, 0) + len(mine)


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
    clerks, _heads = clerks_and_heads({r.unit_id for r in owed})
    page = reverse("campaigns:request_detail", args=[request.pk])
    answered_in = answering_authorities({r.unit_id for r in owed})  # a commune answers in its own authority (#13)
    cal = WorkCalendar(today, working_days=cfg.count_working_days) if owed else None
    claims, unreachable = [], 0
    for recipient in owed:
        # Manual reminders are keyed by the day they are sent: once a day per unit and item.
        url = in_authority(page, answered_in.get(recipient.unit_id))
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
        mine = claim_reminders(claims, today=today)
        messages = reminder_messages([c.as_shown() for c in mine], today=today, working=cfg.count_working_days)
        notify_many(messages)
    reached = {c.due.item_id for c in mine}
    return {"reminded": len(reached), "already": len(owed) - unreachable - len(reached), "unreachable": unreachable}


@dataclass(frozen=True)
class _ManualClaim(Claim):
    """A manual claim is keyed by the day it is sent but shows the real deadline in the message."""

    shown: Due | None = None

    def as_shown(self) -> Claim:
        return Claim(self.shown, self.kind, self.offset, self.days, self.recipient, self.email)
