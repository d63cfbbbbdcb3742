"""What the reminder scan finds due and whom it tells: deadlines (`Due`), the stage a deadline has
reached today (`stage_for`), and the people each stage reaches (`Claim`). Reads only; the scan in
services/reminders.py claims and sends."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from accounts.selectors import answering_for_units, holders_by_unit, role_assignments, role_holders
from dossiers.enums import CLOCK_RUNNING, UNIT_EDITABLE
from dossiers.models import Dossier
from notifications.links import in_authority

from ..enums import STILL_OWED, ItemType, ReminderKind
from ..models import ReminderSettings, RequestRecipient
from ..workcal import WorkCalendar


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
    # The authority whose office is told of it (#13): an office's own deadlines reach its own staff only.
    authority_id: int | None = None


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


def day_unit(working: bool) -> str:
    return _("ngày làm việc") if working else _("ngày")


def state_text(kind: str, days: int, due: datetime.date, today: datetime.date, working: bool) -> str:
    unit = day_unit(working)
    if kind == ReminderKind.BEFORE:
        if days == 0:
            if due == today:
                return _("đến hạn hôm nay")
            return _("hạn %(due)s rơi vào ngày nghỉ, hôm nay là ngày làm việc cuối") % {"due": f"{due:%d/%m/%Y}"}
        return _("còn %(n)s %(unit)s") % {"n": days, "unit": unit}
    return _("quá hạn %(n)s %(unit)s") % {"n": days, "unit": unit}


# --- Candidates ----------------------------------------------------------------------------------


def clerks_and_heads(unit_ids) -> tuple[dict[int, list[User]], dict[int, list[User]]]:
    """({unit: who answers for it}, {unit: heads}): its clerks, and for a unit a commune stands as in the
    province (#13) that commune's office, which answers there (accounts.selectors.answering_for_units)."""
    unit_ids = list(unit_ids)
    clerks: dict[int, list[User]] = defaultdict(list, answering_for_units(unit_ids))
    heads: dict[int, list[User]] = defaultdict(list, holders_by_unit(Role.UNIT_HEAD, unit_ids=unit_ids))
    return clerks, heads


def office_staff(authority_id: int) -> list[User]:
    """The staff of one authority's office (#13): never another authority's."""
    return list(role_holders(Role.OFFICE_STAFF, authority_id=authority_id))


def offices_by_authority(authority_ids) -> dict[int, list[User]]:
    """{authority: its office's staff} for these authorities, in one query."""
    staff: dict[int, list[User]] = defaultdict(list)
    assignments = role_assignments(Role.OFFICE_STAFF).filter(authority_id__in=list(authority_ids)).order_by("user_id")
    for assignment in assignments:
        if assignment.user not in staff[assignment.authority_id]:
            staff[assignment.authority_id].append(assignment.user)
    return staff


def office_authority_ids() -> list[int]:
    """The authorities that have office staff (each gets its own digest)."""
    return sorted(set(role_assignments(Role.OFFICE_STAFF).values_list("authority_id", flat=True)))


def submission_dues(horizon: datetime.date) -> list[Due]:
    rows = (
        RequestRecipient.objects.filter(
            request__closed_at__isnull=True, status__in=list(STILL_OWED), request__due_date__lte=horizon
        )
        .order_by()
        .values_list(
            "pk",
            "unit_id",
            "unit__name",
            "unit__email",
            "request_id",
            "request__title",
            "request__due_date",
            "request__authority_id",
            "unit__represents",
        )
    )
    urls: dict[tuple[int, int], str] = {}  # one reverse() per request and authority, not per unit
    dues = []
    for pk, unit_id, unit_name, unit_email, request_id, title, due, authority_id, represented in rows:
        # The link opens where the unit answers (#13): its authority, or the commune its unit stands for.
        key = (request_id, represented or authority_id)
        if key not in urls:
            urls[key] = in_authority(reverse("campaigns:request_detail", args=[request_id]), key[1])
        dues.append(Due(ItemType.SUBMISSION, pk, title, unit_id, unit_name, unit_email, due, urls[key]))
    return dues


def round_dues(today: datetime.date, horizon: datetime.date, cfg: ReminderSettings) -> list[Due]:
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
        .values(
            "round_id", "round__name", "round__submission_deadline", "round__authority_id", "unit_id", "unit__name", "unit__email"
        )
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
            in_authority(f"{url}?round={row['round_id']}", row["round__authority_id"]),
        )
        for row in rows
    ]


def dossier_dues(today: datetime.date, horizon: datetime.date) -> list[Due]:
    """The office's own deadlines: the promised result date of dossiers whose clock runs."""
    rows = (
        Dossier.objects.filter(status__in=list(CLOCK_RUNNING), due_date__gte=today, due_date__lte=horizon)
        .order_by()
        .values_list("pk", "title", "receipt_number", "unit_id", "unit__name", "due_date", "authority_id")
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
            in_authority(reverse("dossiers:detail", args=[pk]), authority_id),
            authority_id,
        )
        for pk, title, receipt, unit_id, unit_name, due, authority_id in rows
    ]


def unit_claims(dues, *, today, cal, cfg, offsets) -> list[Claim]:
    """Claims for dues owed by units: the clerks (or the unit's address when it has no account yet),
    and the heads once an item is overdue past the escalation delay."""
    staged = []
    for due in dues:
        stage = stage_for(due=due.due_date, today=today, cal=cal, cfg=cfg, offsets=offsets)
        if stage is not None:
            staged.append((due, stage))
    clerks, heads = clerks_and_heads({due.unit_id for due, _stage in staged})
    claims = []
    for due, (kind, offset, days) in staged:
        unit_clerks = clerks.get(due.unit_id, [])
        claims.extend(Claim(due, kind, offset, days, clerk) for clerk in unit_clerks)
        if not unit_clerks and due.unit_email:
            claims.append(Claim(due, kind, offset, days, None, due.unit_email))
        if kind == ReminderKind.OVERDUE and days >= cfg.escalate_after_days:
            claims.extend(Claim(due, ReminderKind.ESCALATION, offset, days, head) for head in heads.get(due.unit_id, []))
    return claims


def office_claims(dues, *, today, cal, cfg, offsets) -> list[Claim]:
    """Claims for the office's own deadlines: each due reaches the staff of its own authority's office."""
    staged = []
    for due in dues:
        stage = stage_for(due=due.due_date, today=today, cal=cal, cfg=cfg, offsets=offsets)
        if stage is not None and stage[0] == ReminderKind.BEFORE:
            staged.append((due, stage))
    staff = offices_by_authority({due.authority_id for due, _stage in staged}) if staged else {}
    claims = []
    for due, (kind, offset, days) in staged:
        claims.extend(Claim(due, kind, offset, days, person) for person in staff.get(due.authority_id, []))
    return claims
