"""The tables of submission requests: the list, a request's tracking board, the reports of a cluster or bloc."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role

from ..enums import STILL_OWED, BoardState, SubmissionStatus
from ..forms import UploadForm
from ..selectors.requests import sees_everything
from .columns import ActionsColumn, FlagColumn, RowForm

END = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}
# The colour of each state on the board: its badge, its count.
BOARD_COLOURS = {
    BoardState.ON_TIME: "success",
    BoardState.LATE: "warning",
    BoardState.RETURNED: "info",
    BoardState.MISSING: "danger",
}


def board_count_boxes(counts: dict[str, int]) -> list[tuple[str, str, int, str]]:
    """(state, label, count, colour) of each board state, in the board's order."""
    return [(value, label, counts.get(value, 0), BOARD_COLOURS[value]) for value, label in BoardState.choices]


class RequestTable(tables.Table):
    """The request list (rows from selectors.requests.requests_for_list; in campaigns/request_list.html).
    Staff see every request's counts; a unit sees the state of its own row."""

    title = tables.Column(verbose_name=_("Văn bản cần nộp"))
    document_kind = tables.Column(verbose_name=_("Loại"))
    due_date = tables.Column(verbose_name=_("Hạn nộp"))
    submitted = tables.Column(verbose_name=_("Đã nộp"), empty_values=(), orderable=False, attrs=END)
    owed_count = tables.Column(verbose_name=_("Chưa nộp"), attrs=END)
    waiting_count = tables.Column(verbose_name=_("Chờ xem xét"), attrs=END)
    my_status = tables.Column(verbose_name=_("Đơn vị của tôi"), default="")
    is_overdue = FlagColumn()

    class Meta:
        empty_text = _("Không có yêu cầu nộp nào.")

    def before_render(self, request):
        self.sees_all = sees_everything(request.user)
        self.today = timezone.localdate()
        for name in ("my_status",) if self.sees_all else ("submitted", "owed_count", "waiting_count"):
            self.columns.hide(name)

    def render_submitted(self, record) -> int:
        return record.recipient_count - record.owed_count

    def render_my_status(self, record) -> str:
        return SubmissionStatus(record.my_status).label if record.my_status else ""

    def render_is_overdue(self, record) -> bool:
        """Past due and still open while someone (staff: any unit; a unit: its own row) still owes it."""
        owes = record.owed_count > 0 if self.sees_all else getattr(record, "my_status", None) in STILL_OWED
        return record.is_open and record.due_date < self.today and owes


class BoardTable(tables.Table):
    """The tracking board of one request (rows from selectors.requests.board_rows; in
    campaigns/request_detail.html): a table for staff, a card per row for units. `review` and `upload`
    are each row's forms (None where the viewer may not use them); after a refused post, that row's form
    as the user filled it."""

    # By name (the board's own order, sort order then name, is the selector's: the table does not ask again).
    unit = tables.Column(verbose_name=_("Đơn vị"), order_by=("unit__name",))
    board_state = tables.Column(verbose_name=_("Tình trạng"))
    submitted_at = tables.Column(verbose_name=_("Nộp lúc"))
    latest_file = tables.Column(verbose_name=_("Văn bản"), empty_values=(), orderable=False)
    last_reminded = tables.Column(verbose_name=_("Nhắc gần nhất"))
    actions = tables.Column(verbose_name=_("Xử lý"), empty_values=(), orderable=False)
    review = FlagColumn()
    upload = FlagColumn()
    can_remind = FlagColumn()

    class Meta:
        empty_text = _("Không có đơn vị nào ở tình trạng này.")

    def __init__(self, *args, refused_review=None, refused_upload=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_review, self.refused_upload = refused_review, refused_upload
        self._upload_forms = {}

    def before_render(self, request):
        self.viewer = request.user
        self.can_manage = self.viewer.has_perm("campaigns.manage_requests")
        self.clerk_units = self.viewer.unit_ids(Role.UNIT_CLERK)

    def hide_idle_actions(self) -> None:
        """Once paginated: the "Xử lý" column shows for the office's staff, or where a row of the page may
        be reviewed (the page's rows are read here once, and drawn from the same read)."""
        if not (self.can_manage or any(row.cells.review for row in self.page.object_list)):
            self.columns.hide("actions")

    def render_board_state(self, record, value):
        return format_html('<span class="badge board-state text-bg-{}">{}</span>', BOARD_COLOURS[value], record.board_label)

    def render_review(self, record) -> RowForm | None:
        refused = self.refused_review
        if refused is not None and record.pk == refused.pk:
            return RowForm(refused.form["version"].value(), refused.form["reason"].value() or "", refused.errors)
        if record.request.is_open and record.is_waiting and self.viewer.has_perm("campaigns.review_submission", record):
            return RowForm(record.version)
        return None

    def render_upload(self, record) -> UploadForm | None:
        """The upload form of a row the viewer's unit must send: each its own (its own one-time token)."""
        refused = self.refused_upload
        if refused is not None and record.pk == refused.pk:
            return refused.form
        if record.unit_id in self.clerk_units and record.request.is_open and not record.is_accepted:
            return self._upload_forms.setdefault(record.pk, UploadForm())
        return None

    def render_can_remind(self, record) -> bool:
        """The row's "Nhắc đơn vị này": a unit still owing the document and not reminded by the button today (once a
        day per unit, services.reminders.reminder_send_manual; `reminded_today` is board_rows' reading of
        timezone.localdate)."""
        owed = record.board_state in (BoardState.MISSING, BoardState.RETURNED)
        return self.can_manage and record.request.is_open and owed and not record.reminded_today


class GroupReportTable(tables.Table):
    """The rows of one report through a cluster or bloc (selectors.requests.group_reports), on the
    cluster's page: what the viewer may do with each row is a hidden column."""

    unit = tables.Column(verbose_name=_("Đơn vị"))
    status = tables.Column(verbose_name=_("Tình trạng"))
    actions = ActionsColumn(verbose_name=_("Thao tác"))
    can_review = FlagColumn()
    can_upload = FlagColumn()
    can_download = FlagColumn()

    class Meta:
        orderable = False
        empty_text = _("Đơn vị của bạn không thuộc diện gửi báo cáo này.")

    def before_render(self, request):
        self.viewer = request.user

    def render_can_review(self, record) -> bool:
        return record.request.is_open and record.is_waiting and self.viewer.has_perm("campaigns.review_submission", record)

    def render_can_upload(self, record) -> bool:
        request = record.request
        return (
            request.is_open
            and record.still_owed
            and request.viewer_may_open
            and self.viewer.has_perm("campaigns.submit_document", record)
        )

    def render_can_download(self, record) -> bool:
        return record.request.viewer_may_open and self.viewer.has_perm("campaigns.view_recipient", record)
