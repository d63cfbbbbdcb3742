"""What waits for each role: every panel is built from real rows, one small query set per panel.

Every panel reads the authority the user acts in (#13; user.acting_authority_id): a commune's office sees
its commune's dossiers, units and decisions, never the province's or another commune's. What is the
installation's (locked accounts, the e-mail outbox, the background services) stays the administrator's."""

import datetime
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.enums import COUNCIL_ROLES, Role
from accounts.models import User
from accounts.rules import (
    installation_office,
    is_council_chair,
    is_council_member,
    is_office_staff,
    is_system_admin,
    is_unit_clerk,
    is_unit_head,
)
from accounts.selectors import people_of_units, role_assignments, units_without_clerk
from awards.models import Attendance, BallotReceipt, CouncilMember, Decision, Meeting
from awards.selectors import council_members, councils_of
from campaigns.selectors.dashboard import office_waiting, unit_waiting
from core.heartbeat import service_states
from dossiers.enums import CLOCK_RUNNING, DossierStatus, Outcome
from dossiers.holidays import unconfirmed_years
from dossiers.models import Dossier, Nominee
from dossiers.selectors import dossiers_visible_to
from notifications.models import Notification, OutboxEmail, OutboxStatus
from notifications.services import UNDELIVERED, mail_failing_since
from units.enums import UnitKind
from units.models import Authority, Unit

from .statistics import Period, summary

PANEL_LIMIT = 8


def admin_panel(authority: Authority) -> dict:
    missing = [
        str(Authority._meta.get_field(name).verbose_name)
        for name in ("parent_name", "place_name", "chair_name")
        if not getattr(authority, name)
    ]
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
    return {
        "authority_missing": missing,
        "locked": list(locked[:PANEL_LIMIT]),
        "locked_count": locked.count(),
        "users_without_role": list(
            User.objects.filter(is_active=True, role_assignments__isnull=True, is_superuser=False)[:PANEL_LIMIT]
        ),
        "outbox_failed": OutboxEmail.objects.filter(status=OutboxStatus.FAILED).count(),
        "outbox_pending": OutboxEmail.objects.filter(
            status__in=[OutboxStatus.PENDING, OutboxStatus.RETRYING, OutboxStatus.SENDING]
        ).count(),
    }


def _dossier_rows(queryset, limit=PANEL_LIMIT):
    return list(queryset.select_related("unit").order_by("due_date", "submitted_at", "id")[:limit])


def office_panel(authority_id: int) -> dict:
    """What waits for the office of one authority: its dossiers, its units, its draft decisions."""
    today = timezone.localdate()
    dossiers = Dossier.objects.filter(authority_id=authority_id)
    units = Unit.objects.active().filter(authority_id=authority_id)
    to_receive = dossiers.filter(status=DossierStatus.SUBMITTED)
    running = dossiers.filter(status__in=list(CLOCK_RUNNING))
    overdue = running.filter(due_date__lt=today)
    due_soon = running.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=3))
    no_clerk = units_without_clerk().filter(authority_id=authority_id)
    no_contact = units.filter(Q(email="") | Q(head_name="")).order_by("name")
    counts = dict(units.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "to_receive": _dossier_rows(to_receive),
        "to_receive_count": to_receive.count(),
        "overdue": _dossier_rows(overdue),
        "overdue_count": overdue.count(),
        "due_soon": _dossier_rows(due_soon),
        "at_council_count": dossiers.filter(status=DossierStatus.AT_COUNCIL).count(),
        "to_decide_count": Nominee.objects.filter(
            dossier__authority_id=authority_id,
            outcome=Outcome.APPROVED,
            dossier__status=DossierStatus.DECIDED,
            decision_line__isnull=True,
        ).count(),
        "draft_decisions": Decision.objects.filter(authority_id=authority_id, status=Decision.Status.DRAFT).count(),
        "no_clerk": list(no_clerk[:PANEL_LIMIT]),
        "no_clerk_count": no_clerk.count(),
        "no_contact": list(no_contact[:PANEL_LIMIT]),
        "no_contact_count": no_contact.count(),
        "unit_counts": [(label, counts.get(value, 0)) for value, label in UnitKind.choices if counts.get(value)],
        "unit_total": sum(counts.values()),
        # The accounts acting in this authority (a role here), each once.
        "active_users": User.objects.filter(
            is_active=True, pk__in=role_assignments(authority_id=authority_id).values("user_id")
        ).count(),
        **background_health(),
    }


def background_health(now=None) -> dict:
    """The worker or beat silent for WORKER_STALE_MINUTES, and e-mail failing for OUTBOX_ALERT_MINUTES."""
    now = now or timezone.now()
    failing_since = mail_failing_since()
    alert = failing_since is not None and failing_since <= now - datetime.timedelta(minutes=settings.OUTBOX_ALERT_MINUTES)
    return {
        "services_stale": [state for state in service_states(now=now) if state.stale],
        "stale_minutes": settings.WORKER_STALE_MINUTES,
        "mail_failing_since": failing_since if alert else None,
        "mail_undelivered": OutboxEmail.objects.filter(status__in=UNDELIVERED).count() if alert else 0,
    }


def unit_panel(user) -> dict:
    unit_ids = user.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD)
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))
    people = list(people_of_units(unit_ids=unit_ids))
    for unit in units:
        unit.people = [a for a in people if a.unit_id == unit.pk]
        unit.has_clerk = any(a.role == Role.UNIT_CLERK for a in unit.people)
    mine = Dossier.objects.filter(unit_id__in=unit_ids, authority_id=user.acting_authority_id)
    return {
        "units": units,
        "returned": _dossier_rows(mine.filter(status=DossierStatus.RETURNED)),
        "drafts": _dossier_rows(mine.filter(status=DossierStatus.DRAFT)),
        "in_progress": _dossier_rows(
            mine.exclude(status__in=[DossierStatus.DRAFT, DossierStatus.RETURNED, DossierStatus.CLOSED, DossierStatus.WITHDRAWN])
        ),
    }


def _voting_meetings(authority_id: int, user) -> list[Meeting]:
    """The authority's meetings voting now, each marked for the user (in the same query): `my_seat` (a voting
    seat on its council: the large "Bỏ phiếu" button), `i_voted` (a receipt: they may still change their
    votes) and `i_am_absent` (recorded absent: the secretary enters their written opinion instead)."""
    mine = {"meeting": OuterRef("pk"), "member__user": user}
    return list(
        Meeting.objects.filter(council__authority_id=authority_id, status=Meeting.Status.VOTING)
        .annotate(
            my_seat=Exists(CouncilMember.objects.filter(council=OuterRef("council"), user=user, votes=True)),
            i_voted=Exists(BallotReceipt.objects.filter(**mine)),
            i_am_absent=Exists(Attendance.objects.filter(**mine, present=False)),
        )
        .order_by("starts_at")[:PANEL_LIMIT]
    )


@dataclass(frozen=True)
class Seat:
    """A council role held where no council of the year is composed yet: shown like a CouncilMember."""

    user: User
    position_label: str
    office_title: str


def council_seats(authority_id: int, today: datetime.date) -> list:
    """The members of the authority's council of this year (or the last one composed), each with the
    label the council page shows (CouncilMember.position_label); before any council is composed, the
    holders of a council role with that role's name."""
    council = councils_of(authority_id=authority_id).filter(year__lte=today.year).order_by("-year").first()
    if council is not None:
        return list(council_members(council))
    held = role_assignments(*COUNCIL_ROLES, authority_id=authority_id).order_by("-role", "user__full_name")
    return [Seat(a.user, a.get_role_display(), a.user.position) for a in held]


def council_panel(authority_id: int, user) -> dict:
    """One authority's council: its members, the dossiers before it, its meetings voting now."""
    return {
        "members": council_seats(authority_id, timezone.localdate()),
        "at_council": _dossier_rows(Dossier.objects.filter(authority_id=authority_id, status=DossierStatus.AT_COUNCIL)),
        "voting": _voting_meetings(authority_id, user),
    }


def figures_panel(user, today: datetime.date) -> dict:
    """The year so far for the office and the council chair: dossiers in the pipeline and who was honoured,
    as two charts whose bars open the lists behind them."""
    authority_id = user.acting_authority_id
    stats = summary(Period(datetime.date(today.year, 1, 1), today), authority_id=authority_id)
    pipeline = dict(
        dossiers_visible_to(viewer=user)
        .filter(authority_id=authority_id)
        .exclude(status__in=[DossierStatus.DRAFT, DossierStatus.CLOSED, DossierStatus.WITHDRAWN])
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    statuses = [(value, label) for value, label in DossierStatus.choices if pipeline.get(value)]
    query = f"tu_ngay=01/01/{today.year}&den_ngay={today:%d/%m/%Y}"
    honoured = reverse("reports:honoured") + "?" + query
    return {
        "year": today.year,
        "stats": stats,
        "query": query,
        "pipeline_total": sum(pipeline.values()),
        "charts": [
            {
                "id": "chart-pipeline",
                "type": "bar",
                "horizontal": True,
                "legend": False,
                "labels": [str(label) for _value, label in statuses],
                "datasets": [{"label": "", "data": [pipeline[value] for value, _label in statuses]}],
                "links": [reverse("dossiers:list") + f"?status={value}" for value, _label in statuses],
            },
            {
                "id": "chart-honoured",
                "type": "bar",
                "legend": False,
                "labels": [row["short"] for row in stats["by_award"]],
                "datasets": [{"label": "", "data": [row["count"] for row in stats["by_award"]]}],
                "links": [f"{honoured}&award={row['key']}" for row in stats["by_award"]],
            },
        ],
    }


# The days ahead whose days off must be the government's, not only the generated ones (#14).
HOLIDAY_HORIZON = datetime.timedelta(days=90)


def holiday_warning(user, today: datetime.date) -> dict | None:
    """The years of the next 90 days whose days off are not confirmed (one query), or None."""
    years = unconfirmed_years(today, today + HOLIDAY_HORIZON)
    if not years:
        return None
    return {"years": years, "until": today + HOLIDAY_HORIZON, "can_confirm": installation_office(user)}


def dashboard_for(user) -> dict:
    context = {
        "is_admin": is_system_admin(user),
        "is_office": is_office_staff(user),
        "is_unit": is_unit_clerk(user) or is_unit_head(user),
        "is_council": is_council_member(user),
        "latest_notifications": list(Notification.objects.filter(recipient=user, read_at__isnull=True)[:5]),
    }
    authority_id = user.acting_authority_id
    if context["is_admin"]:
        context["admin"] = admin_panel(Authority.objects.get(pk=authority_id))
    if context["is_admin"] or context["is_office"]:
        context["holiday_warning"] = holiday_warning(user, timezone.localdate())
    if context["is_office"]:
        context["office"] = office_panel(authority_id)
        context["office_requests"] = office_waiting(authority_id=authority_id, today=timezone.localdate(), limit=PANEL_LIMIT)
    if context["is_unit"]:
        context["unit"] = unit_panel(user)
        context["unit_requests"] = unit_waiting(viewer=user, today=timezone.localdate())
    if context["is_council"]:
        context["council"] = council_panel(authority_id, user)
    if context["is_office"] or is_council_chair(user):
        context["figures"] = figures_panel(user, timezone.localdate())
    return context
