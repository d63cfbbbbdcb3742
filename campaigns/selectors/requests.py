"""Reads about submission requests: who sees which request and which rows of its tracking board, the
board's states and counts, and the reports that go through one cluster or bloc."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from clusters.selectors import acting_unit_ids, heads_group

from ..enums import STILL_OWED, BoardState, ItemType, RecipientMode, ReminderKind, SubmissionStatus
from ..models import Reminder, RequestRecipient, Submission, SubmissionRequest


def sees_everything(viewer) -> bool:
    return viewer.has_perm("campaigns.view_all_requests")


def _count(**filters):
    """How many recipients of the outer request match `filters`, as a subquery (0 when none)."""
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


# --- Requests ------------------------------------------------------------------------------------


def requests_from_above(*, viewer) -> QuerySet[RequestRecipient]:
    """What the parent authority asks of the viewer's authority (#13): its open requests' rows addressed to the
    unit this authority stands as there (User.represented_unit_id), with their state and files. Only that row:
    the parent's board stays the parent's."""
    unit_id = viewer.represented_unit_id
    if unit_id is None:
        return RequestRecipient.objects.none()
    rows = RequestRecipient.objects.filter(unit_id=unit_id, request__closed_at__isnull=True)
    return with_files(with_board_state(rows.select_related("request__authority", "unit"))).order_by("request__due_date", "pk")


def requests_visible_to(*, viewer) -> QuerySet[SubmissionRequest]:
    """The office every request of the authority it acts in (#13); a unit those addressed to it."""
    own = SubmissionRequest.objects.filter(authority_id=viewer.acting_authority_id)
    if sees_everything(viewer):
        return own
    units = acting_unit_ids(viewer)
    # A cluster head also sees the requests its members send through it.
    return own.filter(Q(recipients__unit_id__in=units) | Q(recipients__group__head_id__in=units)).distinct()


def requests_for_list(*, viewer) -> QuerySet[SubmissionRequest]:
    """Rows of the request list with their counts, as subqueries (flat whatever the number of units); for
    a unit, the state of its own row (`my_status`, the first of its units by name) and how many of its
    units must send (`my_count`)."""
    queryset = (
        requests_visible_to(viewer=viewer)
        .select_related("campaign")
        .annotate(
            recipient_count=_count(),
            owed_count=_count(status__in=list(STILL_OWED)),
            returned_count=_count(status=SubmissionStatus.RETURNED),
            waiting_count=_count(status=SubmissionStatus.SUBMITTED),
        )
    )
    if not sees_everything(viewer):
        units = acting_unit_ids(viewer)
        mine = RequestRecipient.objects.filter(request=OuterRef("pk"), unit_id__in=units).order_by("unit__name")
        queryset = queryset.annotate(my_status=Subquery(mine.values("status")[:1]), my_count=_count(unit_id__in=units))
    return queryset.order_by("closed_at", "-due_date", "-pk")


def requests_for_detail(*, viewer) -> QuerySet[SubmissionRequest]:
    return requests_visible_to(viewer=viewer).select_related("campaign", "created_by", "follows", "authority")


def request_for_detail(*, viewer, pk) -> SubmissionRequest:
    return requests_for_detail(viewer=viewer).get(pk=pk)


def request_chain(request: SubmissionRequest, *, viewer) -> tuple[SubmissionRequest | None, list[SubmissionRequest]]:
    """The steps of a report chain before and after `request` that the viewer may open."""
    after = list(request.next_steps.order_by("due_date", "pk"))
    linked = [r.pk for r in [request.follows, *after] if r is not None]
    visible = set(requests_visible_to(viewer=viewer).filter(pk__in=linked).values_list("pk", flat=True))
    return (request.follows if request.follows_id in visible else None), [r for r in after if r.pk in visible]


# --- The tracking board --------------------------------------------------------------------------


def board_unit_ids(request: SubmissionRequest, *, viewer) -> set[int] | None:
    """Which rows of a request's board the viewer sees: all for staff; else their own units and, for a
    cluster head, the members that send through their cluster."""
    if sees_everything(viewer):
        return None
    units = acting_unit_ids(viewer)
    members = request.recipients.filter(group__head_id__in=units).values_list("unit_id", flat=True)
    return units | set(members)


def with_board_state(rows: QuerySet[RequestRecipient]) -> QuerySet[RequestRecipient]:
    """Each row's state on the board as `board_state` (BoardState), worked out by the database so a page
    filters and counts by it: returned; missing; else on time or late by the local day it was sent."""
    return rows.annotate(
        board_state=Case(
            When(status=SubmissionStatus.RETURNED, then=Value(BoardState.RETURNED.value)),
            When(Q(status=SubmissionStatus.MISSING) | Q(submitted_at__isnull=True), then=Value(BoardState.MISSING.value)),
            When(submitted_at__date__lte=F("request__due_date"), then=Value(BoardState.ON_TIME.value)),
            default=Value(BoardState.LATE.value),
            output_field=CharField(),
        )
    )


def board_rows(request: SubmissionRequest, *, unit_ids=None, today: datetime.date | None = None) -> QuerySet[RequestRecipient]:
    """Every recipient of a request (of `unit_ids` when given) with its state on the board, latest file,
    last reminder and whether the button already reminded it `today` (once a day per unit,
    services.reminders.reminder_send_manual): one query whatever the number of units."""
    today = today or timezone.localdate()
    reminded_today = Reminder.objects.filter(
        item_type=ItemType.SUBMISSION, item_id=OuterRef("pk"), kind=ReminderKind.MANUAL, for_date=today
    )
    latest = Submission.objects.filter(recipient=OuterRef("pk")).order_by("-uploaded_at", "-id")
    reminded = (
        Reminder.objects.filter(item_type=ItemType.SUBMISSION, item_id=OuterRef("pk"))
        .order_by()
        .values("item_id")
        .annotate(last=Max("sent_on"))
        .values("last")
    )
    files = Submission.objects.filter(recipient=OuterRef("pk")).order_by().values("recipient").annotate(n=Count("id")).values("n")
    rows = with_board_state(request.recipients.select_related("request", "unit", "group", "submitted_by", "reviewed_by"))
    rows = rows.annotate(
        latest_file_id=Subquery(latest.values("id")[:1]),
        latest_file_name=Subquery(latest.values("original_name")[:1]),
        file_count=Coalesce(Subquery(files, output_field=IntegerField()), 0),
        last_reminded=Subquery(reminded, output_field=DateField()),
        reminded_today=Exists(reminded_today),
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return rows.order_by("unit__sort_order", "unit__name")


def with_files(rows: QuerySet[RequestRecipient]) -> QuerySet[RequestRecipient]:
    """The rows with every file each one sent (`submissions`, newest first): one more query."""
    return rows.prefetch_related(
        Prefetch("submissions", queryset=Submission.objects.select_related("uploaded_by").order_by("-uploaded_at", "-id"))
    )


def board_counts(rows) -> dict[str, int]:
    """How many rows stand in each board state (reading the rows, or what was read of them)."""
    counts = {value: 0 for value in BoardState.values}
    for row in rows:
        counts[row.board_state] += 1
    return counts


def submissions_of_request(request: SubmissionRequest) -> QuerySet[Submission]:
    return Submission.objects.filter(recipient__request=request).select_related("recipient")


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
    def accepted(self) -> int:
        return sum(1 for r in self.rows if r.is_accepted)


def group_reports(*, group, viewer, today: datetime.date | None = None) -> list[GroupRound]:
    """The requests that go through one cluster or bloc, paired into report chains, with the rows the
    viewer may see: the office every row; the head every member's row; a member its own rows and the
    head's consolidated report. Three queries whatever the number of members and requests."""
    today = today or timezone.localdate()
    sees_all = sees_everything(viewer)
    mine = acting_unit_ids(viewer)
    is_head = heads_group(viewer, group)
    latest = Submission.objects.filter(recipient=OuterRef("pk")).order_by("-uploaded_at", "-id")
    rows = list(
        with_board_state(RequestRecipient.objects.filter(group=group))
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


def requests_of_campaign(campaign, *, viewer) -> QuerySet[SubmissionRequest]:
    """The requests asked for a campaign that the viewer may see, latest deadline first."""
    return requests_visible_to(viewer=viewer).filter(campaign=campaign).order_by("-due_date")
