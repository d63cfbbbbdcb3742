"""Reads for the calendar of deadlines (the page and the private iCalendar feed)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Role
from clusters.selectors import acting_unit_ids
from dossiers.enums import CLOCK_RUNNING
from dossiers.models import AwardRound, Dossier

from ..enums import STILL_OWED
from ..models import CalendarFeed, Milestone, PlanTask, RequestRecipient, SubmissionRequest

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _lower_first(title: str) -> str:
    """ "Báo cáo sơ kết…" → "báo cáo sơ kết…" after a verb; "UBND…" and other abbreviations stay."""
    return title[:1].lower() + title[1:] if len(title) > 1 and title[1].islower() else title


@dataclass
class Entry:
    """One deadline on a person's calendar (and in their iCalendar feed)."""

    date: datetime.date
    title: str
    kind: str
    url: str
    detail: str = ""
    done: bool = False
    uid: str = ""

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    def overdue(self, today: datetime.date) -> bool:
        return not self.done and self.date < today


def calendar_entries(*, viewer, start: datetime.date, end: datetime.date) -> list[Entry]:
    """Upcoming (and still-owed past) deadlines for this person's roles in the authority they act in (#13),
    by date: a fixed number of queries."""
    entries: list[Entry] = []
    authority_id = viewer.acting_authority_id
    is_office = viewer.has_role(Role.OFFICE_STAFF)
    units = acting_unit_ids(viewer)
    if units:
        owed = (
            RequestRecipient.objects.filter(
                unit_id__in=units, request__authority_id=authority_id, request__closed_at__isnull=True
            )
            .filter(Q(request__due_date__gte=start) | Q(status__in=list(STILL_OWED)))
            .filter(request__due_date__lte=end)
            .select_related("request", "unit")
        )
        for r in owed:
            done = r.status not in STILL_OWED
            entries.append(
                Entry(
                    r.request.due_date,
                    _("Nộp %(title)s") % {"title": _lower_first(r.request.title)},
                    _("Yêu cầu nộp"),
                    reverse("campaigns:request_detail", args=[r.request_id]),
                    f"{r.unit.name} · {r.get_status_display()}",
                    done,
                    f"yeu-cau-{r.pk}",
                )
            )
    if is_office:
        requests = (
            SubmissionRequest.objects.filter(authority_id=authority_id, closed_at__isnull=True, due_date__lte=end)
            .annotate(total=Count("recipients"), owed=Count("recipients", filter=Q(recipients__status__in=list(STILL_OWED))))
            .filter(Q(due_date__gte=start) | Q(owed__gt=0))  # past ones only while units still owe them
            .order_by("due_date")
        )
        for r in requests:
            entries.append(
                Entry(
                    r.due_date,
                    _("Hạn nộp: %(title)s") % {"title": r.title},
                    _("Yêu cầu nộp"),
                    reverse("campaigns:request_detail", args=[r.pk]),
                    _("%(owed)s/%(total)s đơn vị chưa nộp") % {"owed": r.owed, "total": r.total},
                    r.owed == 0,
                    f"han-nop-{r.pk}",
                )
            )
        for d in Dossier.objects.filter(
            authority_id=authority_id, status__in=list(CLOCK_RUNNING), due_date__lte=end
        ).select_related("unit"):
            entries.append(
                Entry(
                    d.due_date,
                    _("Hẹn trả kết quả hồ sơ %(ref)s") % {"ref": d.receipt_number or d.title},
                    _("Hạn giải quyết hồ sơ"),
                    reverse("dossiers:detail", args=[d.pk]),
                    f"{d.title} · {d.unit.name}",
                    False,
                    f"ho-so-{d.pk}",
                )
            )
        for t in (
            PlanTask.objects.filter(plan__authority_id=authority_id, due_date__lte=end)
            .filter(Q(due_date__gte=start) | Q(done_on__isnull=True))
            .select_related("plan")
        ):
            entries.append(
                Entry(
                    t.due_date,
                    _("Kế hoạch %(year)s – nhiệm vụ %(n)s: %(content)s")
                    % {"year": t.plan.year, "n": t.number, "content": " ".join(t.content.split())[:120]},
                    _("Kế hoạch công tác TĐKT"),
                    reverse("campaigns:plan_detail", args=[t.plan.year]) + f"#nhiem-vu-{t.number}",
                    ", ".join(t.responsible_list),
                    t.is_done,
                    f"nhiem-vu-{t.pk}",
                )
            )
    if is_office or units or viewer.has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR):
        for r in AwardRound.objects.filter(
            authority_id=authority_id, is_open=True, submission_deadline__gte=start, submission_deadline__lte=end
        ):
            entries.append(
                Entry(
                    r.submission_deadline,
                    _("Hạn nộp hồ sơ khen thưởng: %(round)s") % {"round": r.name},
                    _("Đợt xét khen thưởng"),
                    reverse("dossiers:list") + f"?round={r.pk}",
                    "",
                    False,
                    f"dot-xet-{r.pk}",
                )
            )
        milestones = Milestone.objects.filter(
            campaign__authority_id=authority_id, due_date__gte=start, due_date__lte=end
        ).select_related("campaign")
        if not is_office and units:
            milestones = milestones.filter(
                Q(campaign__registrations__unit_id__in=units) | Q(campaign__owner_id__in=units)
            ).distinct()
        for m in milestones:
            entries.append(
                Entry(
                    m.due_date,
                    f"{m.get_kind_display()}: {m.title}",
                    _("Phong trào thi đua"),
                    reverse("campaigns:campaign_detail", args=[m.campaign_id]),
                    m.campaign.name,
                    m.done_on is not None,
                    f"moc-{m.pk}",
                )
            )
    entries.sort(key=lambda e: (e.date, e.kind, e.title))
    return entries


def calendar_feed_of(user) -> CalendarFeed | None:
    """The user's private feed, if they made one."""
    return CalendarFeed.objects.filter(user=user).first()
