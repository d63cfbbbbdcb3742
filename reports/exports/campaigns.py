"""The export of a submission request's tracking board."""

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.enums import BoardState, SubmissionStatus
from campaigns.models import SubmissionRequest
from campaigns.selectors import requests as campaign_selectors

from .engine import DATE, DATETIME, INTEGER, TEXT, Column, Export, Rows, yes


def build_submissions_board(user, params: dict) -> Rows:
    """The tracking board of a submission request: the rows this user sees on campaigns' request page."""

    try:
        req = campaign_selectors.request_for_detail(viewer=user, pk=params["pk"])
    except SubmissionRequest.DoesNotExist as exc:
        raise Http404 from exc
    if req.authority_id != user.acting_authority_id:  # another authority's request (#13)
        raise Http404
    rows = campaign_selectors.board_rows(req, unit_ids=campaign_selectors.board_unit_ids(req, viewer=user))
    state = params.get("loc", "")
    described = []
    if state in BoardState.values:
        rows = [row for row in rows if row.board_state == state]
        described.append(str(BoardState(state).label))
    back = reverse("campaigns:request_detail", args=[req.pk]) + (f"?{urlencode({'loc': state})}" if state else "")
    subject = _("%(t)s, hạn nộp %(d)s") % {"t": req.title, "d": f"{req.due_date:%d/%m/%Y}"}
    return Rows(rows, back_url=back, subject=subject, filters=described, file_part=f"{req.pk}")


def _late(row):

    return yes(row.board_state == BoardState.LATE)


def _columns_board():

    return (
        Column(gettext_lazy("Đơn vị"), "unit__name", TEXT, 34),
        Column(gettext_lazy("Qua cụm, khối"), "group__name", TEXT, 24),
        Column(gettext_lazy("Theo dõi"), "board_label", TEXT, 16),
        Column(gettext_lazy("Tình trạng"), "status", TEXT, 22, SubmissionStatus),
        Column(gettext_lazy("Nộp lúc"), "submitted_at", DATETIME, 17),
        Column(gettext_lazy("Người nộp"), "submitted_by__full_name", TEXT, 22),
        Column(gettext_lazy("Trễ hạn"), _late, TEXT, 9),
        Column(gettext_lazy("Số tệp"), "file_count", INTEGER, 8),
        Column(gettext_lazy("Tệp mới nhất"), "latest_file_name", TEXT, 30),
        Column(gettext_lazy("Xem xét lúc"), "reviewed_at", DATETIME, 17),
        Column(gettext_lazy("Người xem xét"), "reviewed_by__full_name", TEXT, 22),
        Column(gettext_lazy("Lý do trả lại"), "return_reason", TEXT, 36),
        Column(gettext_lazy("Nhắc gần nhất"), "last_reminded", DATE, 13),
    )


EXPORTS = (
    Export(
        name="theo-doi-nop",
        title=gettext_lazy("Bảng theo dõi nộp văn bản"),
        sheet=gettext_lazy("Theo dõi nộp"),
        filename="theo-doi-nop",
        columns=_columns_board(),
        build=build_submissions_board,
        params=("loc",),
        needs_object=True,
    ),
)
