"""A request's tracking board: who sent what and when; units upload their document, the receiver accepts
or returns it (each its own address), files are downloaded."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import answering_for_units
from core.actions import form_action, post_from, scope_required, visible_or_404
from core.files import protected_file
from core.lists import list_table

from ..enums import BoardState
from ..filters import BoardFilter
from ..forms import ReviewForm, UploadForm
from ..selectors.requests import (
    board_counts,
    board_rows,
    board_unit_ids,
    request_chain,
    requests_for_detail,
    requests_from_above,
    sees_everything,
    submissions_of_request,
    with_files,
)
from ..services import submissions as services
from ..tables.columns import Refused
from ..tables.requests import BoardTable, board_count_boxes
from .common import refused_beside

BOARD_PER_PAGE = 1000  # every unit of the request on one board


@scope_required("campaigns.view_requests")
def request_detail(request, pk):
    try:
        req = visible_or_404(request, requests_for_detail, pk=pk)
    except Http404:
        # The parent's request addressed to this authority (#13): its own row, on the page where it answers.
        row = requests_from_above(viewer=request.user).filter(request_id=pk).first()
        if row is None:
            raise
        return redirect(f"{reverse('campaigns:requests_from_above')}#tren-{row.pk}")
    return _board_page(request, req)


def _board_page(request, req, *, refused_review: Refused | None = None, refused_upload: Refused | None = None):
    """The request's board; after a refused upload or review, that row's form as the user filled it."""
    user = request.user
    sees_all = sees_everything(user)
    rows = board_rows(req, unit_ids=board_unit_ids(req, viewer=user))
    rows = rows if sees_all else with_files(rows)
    counts = board_counts(rows)  # reads the rows once: the board shows that read unless narrowed by ?loc=
    owed = [r for r in rows if r.board_state in (BoardState.MISSING, BoardState.RETURNED)]
    can_manage = user.has_perm("campaigns.manage_requests")
    remindable = _remindable(owed) if can_manage and req.is_open else 0
    board = BoardFilter(request.GET, queryset=rows)
    table = list_table(
        request,
        BoardTable,
        board.qs,
        per_page=BOARD_PER_PAGE,
        refused_review=refused_review,
        refused_upload=refused_upload,
    )
    table.hide_idle_actions()
    chain_before, chain_after = request_chain(req, viewer=user)
    return render(
        request,
        "campaigns/request_detail.html",
        {
            "req": req,
            "table": table,
            "filter": board,
            "chain_before": chain_before,
            "chain_after": chain_after,
            "counts": board_count_boxes(counts),
            "total": sum(counts.values()),
            "states": BoardState.choices,
            "owed_count": len(owed),
            "remindable_count": remindable,
            "sees_all": sees_all,
            "can_manage": can_manage,
            "today": timezone.localdate(),
            "section": "requests",
        },
    )


def _remindable(owed) -> int:
    """How many of the units still owing the button can remind now: not reminded by it today (once a day
    per unit, services.reminders.reminder_send_manual) and with someone or an address to tell. Two queries."""
    waiting = [r for r in owed if not r.reminded_today]
    answering = answering_for_units({r.unit_id for r in waiting}) if waiting else {}
    return sum(1 for r in waiting if answering.get(r.unit_id) or r.unit.email)


def _recipient(request, req, recipient_pk, perm=None):
    return visible_or_404(request, req.recipients.select_related("request", "unit", "group"), perm, pk=recipient_pk)


@post_from("campaigns:request_detail", "pk")
@login_required
def submission_upload(request, pk, recipient_pk):
    req = visible_or_404(request, requests_for_detail, pk=pk)
    recipient = _recipient(request, req, recipient_pk, "campaigns.submit_document")
    form = UploadForm(request.POST, request.FILES)

    def refused():
        beside = refused_beside(request, form, shown=("file", "note"))
        if form.errors and "file" not in form.errors:
            form.add_error("file", _("Chọn lại tệp trước khi nộp (trình duyệt không giữ tệp đã chọn)."))
        return _board_page(request, req, refused_upload=Refused(recipient.pk, form, beside))

    return form_action(
        request,
        form,
        lambda data: services.submission_upload(by=request.user, recipient=recipient, upload=data["file"], note=data["note"]),
        success=lambda submission: _("Đã nộp %(name)s.") % {"name": submission.original_name},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
        render=refused,
    )


def _review(request, pk, recipient_pk, call, success):
    """Accept or return a row (the office, or the cluster head for its members: checked in the service);
    refused, the board again with the row's form as the user filled it (the reason typed kept)."""
    req = visible_or_404(request, requests_for_detail, pk=pk)
    recipient = _recipient(request, req, recipient_pk)
    form = ReviewForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: call(recipient, data),
        success=lambda _reviewed: success % {"unit": recipient.unit.name},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]) + f"#dv-{recipient.pk}",
        render=lambda: _board_page(
            request, req, refused_review=Refused(recipient.pk, form, refused_beside(request, form, shown=("reason",)))
        ),
    )


@post_from("campaigns:request_detail", "pk")
@login_required
def submission_accept(request, pk, recipient_pk):
    return _review(
        request,
        pk,
        recipient_pk,
        lambda recipient, data: services.submission_accept(
            by=request.user, recipient=recipient, expected_version=data["version"]
        ),
        _("Đã chấp nhận văn bản của %(unit)s."),
    )


@post_from("campaigns:request_detail", "pk")
@login_required
def submission_return(request, pk, recipient_pk):
    return _review(
        request,
        pk,
        recipient_pk,
        lambda recipient, data: services.submission_return(
            by=request.user, recipient=recipient, reason=data["reason"], expected_version=data["version"]
        ),
        _("Đã trả lại văn bản cho %(unit)s."),
    )


@login_required
def submission_download(request, pk, submission_pk):
    req = visible_or_404(request, requests_for_detail, pk=pk)
    submission = visible_or_404(request, submissions_of_request(req), pk=submission_pk)
    if not request.user.has_perm("campaigns.view_recipient", submission.recipient):
        raise Http404
    return protected_file(submission.file, submission.original_name, submission.content_type)
