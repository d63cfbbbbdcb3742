"""Every read a campaigns page needs, scoped to the viewer, with a number of queries that does not grow
with the rows."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core.text import search_q
from dossiers.enums import CLOCK_RUNNING
from dossiers.models import AwardRound, Dossier

from .enums import STILL_OWED, BoardState, ExemplaryStatus, ItemType, SubmissionStatus
from .models import (
    AnnualPlan,
    Campaign,
    CampaignRegistration,
    ExemplaryModel,
    Milestone,
    PlanTask,
    Reminder,
    RequestRecipient,
    Submission,
    SubmissionRequest,
)

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _lower_first(title: str) -> str:
    """ "Báo cáo sơ kết…" → "báo cáo sơ kết…" after a verb; "UBND…" and other abbreviations stay."""
    return title[:1].lower() + title[1:] if len(title) > 1 and title[1].islower() else title


def sees_everything(viewer) -> bool:
    return viewer.has_perm("campaigns.view_all_requests")


def unit_ids_of(viewer) -> set[int]:
    return viewer.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD)


# --- Campaigns -----------------------------------------------------------------------------------


def campaigns_for_list(*, kind: str = "", q: str = "") -> QuerySet[Campaign]:
    registrations = (
        CampaignRegistration.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("id"))
        .values("n")
    )
    queryset = Campaign.objects.select_related("owner").annotate(
        unit_count=Coalesce(Subquery(registrations, output_field=IntegerField()), 0)
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    condition = search_q(q, folded=("search_text", "owner__search_name"))
    if condition is not None:  # name, launching document or owner, as typed: accents, case and NFD aside
        queryset = queryset.filter(condition)
    return queryset.order_by("-start_date", "name")


def campaign_for_detail(*, pk) -> Campaign:
    return Campaign.objects.select_related("owner", "registered_by", "created_by").get(pk=pk)


def registrations_of(campaign) -> QuerySet[CampaignRegistration]:
    return campaign.registrations.select_related("unit", "registered_by").order_by("unit__sort_order", "unit__name")


# --- The plan ------------------------------------------------------------------------------------


def plans_for_list() -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.annotate(
        task_count=Count("tasks"), done_count=Count("tasks", filter=Q(tasks__done_on__isnull=False))
    ).order_by("-year")


def plan_tasks_by_quarter(plan) -> list[tuple[int, str, list[PlanTask]]]:
    from .enums import Quarter

    tasks = list(plan.tasks.select_related("done_by").order_by("quarter", "number"))
    return [(value, label, [t for t in tasks if t.quarter == value]) for value, label in Quarter.choices]


# --- Submission requests -------------------------------------------------------------------------


def requests_visible_to(*, viewer) -> QuerySet[SubmissionRequest]:
    if sees_everything(viewer):
        return SubmissionRequest.objects.all()
    units = unit_ids_of(viewer)
    # A cluster head also sees the requests its members send through it.
    return SubmissionRequest.objects.filter(Q(recipients__unit_id__in=units) | Q(recipients__group__head_id__in=units)).distinct()


def board_unit_ids(request: SubmissionRequest, *, viewer) -> set[int] | None:
    """Which rows of a request's board the viewer sees: all for staff; else their own units and, for a
    cluster head, the members that send through their cluster."""
    if sees_everything(viewer):
        return None
    units = unit_ids_of(viewer)
    members = request.recipients.filter(group__head_id__in=units).values_list("unit_id", flat=True)
    return units | set(members)


def requests_for_list(*, viewer, state: str = "") -> QuerySet[SubmissionRequest]:
    """Rows of the request list with their counts, as subqueries (flat whatever the number of units)."""

    def count(**filters):
        return Coalesce(
            Subquery(
                RequestRecipient.objects.filter(request=OuterRef("pk"), **filters)
                .order_by()
                .values("request")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    queryset = requests_visible_to(viewer=viewer).select_related("campaign")
    queryset = queryset.annotate(
        recipient_count=count(),
        owed_count=count(status__in=list(STILL_OWED)),
        returned_count=count(status=SubmissionStatus.RETURNED),
        waiting_count=count(status=SubmissionStatus.SUBMITTED),
    )
    if not sees_everything(viewer):
        mine = RequestRecipient.objects.filter(request=OuterRef("pk"), unit_id__in=unit_ids_of(viewer)).order_by("unit__name")
        queryset = queryset.annotate(
            my_status=Subquery(mine.values("status")[:1]), my_count=count(unit_id__in=unit_ids_of(viewer))
        )
    if state == "open":
        queryset = queryset.filter(closed_at__isnull=True)
    elif state == "closed":
        queryset = queryset.filter(closed_at__isnull=False)
    return queryset.order_by("closed_at", "-due_date", "-pk")


def request_for_detail(*, viewer, pk) -> SubmissionRequest:
    return requests_visible_to(viewer=viewer).select_related("campaign", "created_by", "follows").get(pk=pk)


def board_state(recipient: RequestRecipient, due_date: datetime.date) -> str:
    if recipient.status == SubmissionStatus.RETURNED:
        return BoardState.RETURNED
    if recipient.status == SubmissionStatus.MISSING or recipient.submitted_at is None:
        return BoardState.MISSING
    return BoardState.ON_TIME if timezone.localdate(recipient.submitted_at) <= due_date else BoardState.LATE


def board_rows(request: SubmissionRequest, *, unit_ids=None) -> list[RequestRecipient]:
    """Every recipient of a request with its state on the board, latest file and last reminder:
    three queries whatever the number of units."""
    latest = Submission.objects.filter(recipient=OuterRef("pk")).order_by("-uploaded_at", "-id")
    reminded = (
        Reminder.objects.filter(item_type=ItemType.SUBMISSION, item_id=OuterRef("pk"))
        .order_by()
        .values("item_id")
        .annotate(last=Max("sent_on"))
        .values("last")
    )
    rows = request.recipients.select_related("unit", "group", "submitted_by", "reviewed_by").annotate(
        latest_file_id=Subquery(latest.values("id")[:1]),
        latest_file_name=Subquery(latest.values("original_name")[:1]),
        file_count=Coalesce(
            Subquery(
                Submission.objects.filter(recipient=OuterRef("pk"))
                .order_by()
                .values("recipient")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        last_reminded=Subquery(reminded, output_field=DateField()),
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    rows = list(rows.order_by("unit__sort_order", "unit__name"))
    for row in rows:
        row.board_state = board_state(row, request.due_date)
        row.board_label = BoardState(row.board_state).label
    return rows


def board_counts(rows) -> dict[str, int]:
    counts = {value: 0 for value in BoardState.values}
    for row in rows:
        counts[row.board_state] += 1
    return counts


def submissions_of(recipient) -> QuerySet[Submission]:
    return recipient.submissions.select_related("uploaded_by").order_by("-uploaded_at", "-id")


# --- Exemplary models ----------------------------------------------------------------------------


def exemplary_visible_to(*, viewer) -> QuerySet[ExemplaryModel]:
    if viewer.has_perm("campaigns.review_exemplary"):
        queryset = ExemplaryModel.objects.all()
    else:
        queryset = ExemplaryModel.objects.filter(Q(unit_id__in=unit_ids_of(viewer)) | Q(status=ExemplaryStatus.PUBLISHED))
    return queryset.select_related("unit", "submitted_by")


def exemplary_published() -> QuerySet[ExemplaryModel]:
    return ExemplaryModel.objects.filter(status=ExemplaryStatus.PUBLISHED).select_related("unit").order_by("-reviewed_at", "-id")


# --- The calendar --------------------------------------------------------------------------------


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
    """Upcoming (and still-owed past) deadlines for this person's roles, by date: a fixed number of queries."""
    entries: list[Entry] = []
    is_office = viewer.has_role(Role.OFFICE_STAFF)
    units = unit_ids_of(viewer)
    if units:
        owed = (
            RequestRecipient.objects.filter(unit_id__in=units, request__closed_at__isnull=True)
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
            SubmissionRequest.objects.filter(closed_at__isnull=True, due_date__lte=end)
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
        for d in Dossier.objects.filter(status__in=list(CLOCK_RUNNING), due_date__lte=end).select_related("unit"):
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
            PlanTask.objects.filter(due_date__lte=end)
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
        for r in AwardRound.objects.filter(is_open=True, submission_deadline__gte=start, submission_deadline__lte=end):
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
        milestones = Milestone.objects.filter(due_date__gte=start, due_date__lte=end).select_related("campaign")
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


# --- Dashboard panels ----------------------------------------------------------------------------


def unit_waiting(*, viewer, today: datetime.date, limit: int = 8) -> dict:
    """The clerk's open requests (still owed, soonest first) and the deadlines of the next 14 days."""
    units = unit_ids_of(viewer)
    owed = (
        RequestRecipient.objects.filter(unit_id__in=units, request__closed_at__isnull=True, status__in=list(STILL_OWED))
        .select_related("request", "unit")
        .order_by("request__due_date", "unit__name")
    )
    rows = list(owed[:limit])
    for row in rows:
        row.overdue = row.request.due_date < today
    entries = calendar_entries(viewer=viewer, start=today, end=today + datetime.timedelta(days=14))
    upcoming = [e for e in entries if not e.done and e.date >= today][:limit]
    return {"owed": rows, "owed_count": owed.count() if len(rows) == limit else len(rows), "upcoming": upcoming}


def office_waiting(*, today: datetime.date, limit: int = 8) -> dict:
    """Requests past their due date that units still owe, and documents waiting for the office's review."""
    overdue = list(
        SubmissionRequest.objects.filter(closed_at__isnull=True, due_date__lt=today, recipients__status__in=list(STILL_OWED))
        .annotate(owed=Count("recipients"))
        .order_by("due_date", "pk")[:limit]
    )
    waiting = RequestRecipient.objects.filter(status=SubmissionStatus.SUBMITTED, request__closed_at__isnull=True).count()
    exemplary = ExemplaryModel.objects.filter(status=ExemplaryStatus.SUBMITTED).count()
    return {"overdue_requests": overdue, "to_review": waiting, "exemplary_to_review": exemplary}


# --- Reports through a cluster or bloc (shown on the cluster's page) -----------------------------


@dataclass
class GroupRound:
    """One report through a cluster or bloc: the members' step (the head receives) and the head's
    consolidated report to the office that follows it; either may be missing for a lone request."""

    members: SubmissionRequest | None
    rows: list
    upward: SubmissionRequest | None
    head_row: RequestRecipient | None

    @property
    def counts(self) -> dict[str, int]:
        return board_counts(self.rows)

    @property
    def accepted(self) -> int:
        return sum(1 for r in self.rows if r.status == SubmissionStatus.ACCEPTED)


def group_reports(*, group, viewer, today: datetime.date | None = None) -> list[GroupRound]:
    """The requests that go through one cluster or bloc, paired into report chains, with the rows the
    viewer may see: the office every row; the head every member's row; a member its own rows and the
    head's consolidated report. Three queries whatever the number of members and requests."""
    from .enums import RecipientMode

    today = today or timezone.localdate()
    sees_all = sees_everything(viewer)
    mine = unit_ids_of(viewer)
    is_head = group.head_id is not None and group.head_id in mine
    latest = Submission.objects.filter(recipient=OuterRef("pk")).order_by("-uploaded_at", "-id")
    rows = list(
        RequestRecipient.objects.filter(group=group)
        .select_related("request", "unit")
        .annotate(latest_file_id=Subquery(latest.values("id")[:1]))
        .order_by("request__due_date", "request_id", "unit__sort_order", "unit__name")
    )
    requests: dict[int, SubmissionRequest] = {}
    by_request: dict[int, list[RequestRecipient]] = {}
    for row in rows:
        row.group = group
        request = requests.setdefault(row.request_id, row.request)
        row.request = request
        row.board_state = board_state(row, request.due_date)
        row.board_label = BoardState(row.board_state).label
        row.overdue = request.closed_at is None and row.status in STILL_OWED and request.due_date < today
        row.is_mine = row.unit_id in mine
        by_request.setdefault(row.request_id, []).append(row)
    visible = set(requests_visible_to(viewer=viewer).filter(pk__in=list(requests)).values_list("pk", flat=True))
    for request in requests.values():
        request.viewer_may_open = request.pk in visible
    upward = {r.follows_id: r for r in requests.values() if r.recipient_mode == RecipientMode.CLUSTER_HEADS and r.follows_id}
    rounds: list[GroupRound] = []
    for request in requests.values():
        if request.recipient_mode == RecipientMode.CLUSTER_HEADS:
            if request.follows_id in requests:
                continue  # shown under the members' step it follows
            rounds.append(GroupRound(None, [], request, _head_row(by_request[request.pk], group)))
            continue
        shown = [r for r in by_request[request.pk] if sees_all or is_head or r.is_mine]
        step = upward.get(request.pk)
        rounds.append(GroupRound(request, shown, step, _head_row(by_request[step.pk], group) if step else None))
    return rounds


def _head_row(rows, group):
    """The head's row of a request to the heads: the one sent for this group."""
    return next((r for r in rows if r.unit_id == group.head_id), rows[0] if rows else None)
