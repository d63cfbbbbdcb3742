"""Columns and ordering of the awards lists (core.lists); their rows render in one plain template loop.

What a viewer may do with a row is a hidden column (`flag`) read in the template as
`row.cells.can_…`, computed by the table from the row and what the view told it once (never one rule
query per row)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import CouncilMember, Decision, DecisionLine, Meeting, PrintJob

END = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}


def flag() -> tables.Column:
    """A permission of a row: never shown as a column, read as row.cells.<name>."""
    return tables.Column(empty_values=(), visible=False, orderable=False)


class CouncilMemberTable(tables.Table):
    """The council's members (the council page, #members)."""

    full_name = tables.Column(verbose_name=_("Họ và tên"), accessor="user__full_name")
    position = tables.Column(verbose_name=_("Vị trí"))
    title = tables.Column(verbose_name=_("Chức vụ"))
    votes = tables.Column(verbose_name=_("Biểu quyết"))
    actions = tables.Column(verbose_name="", empty_values=(), attrs={"td": {"class": "text-end"}})
    can_remove = flag()

    class Meta:
        model = CouncilMember
        fields = ("full_name", "position", "title", "votes", "actions")
        orderable = False
        empty_text = _("Chưa có thành viên.")

    def __init__(self, *args, manages: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.manages = manages

    def render_can_remove(self, record) -> bool:
        return self.manages


class MeetingTable(tables.Table):
    """The meetings of a year's council (the council page, #meetings)."""

    title = tables.Column(verbose_name=_("Nội dung họp"))
    starts_at = tables.Column(verbose_name=_("Thời gian"))
    status = tables.Column(verbose_name=_("Trạng thái"))

    class Meta:
        model = Meeting
        fields = ("title", "starts_at", "status")
        empty_text = _("Chưa có phiên họp.")


class MeetingMemberTable(tables.Table):
    """The members on a meeting's page (#attendance): present or absent, voted or not (never how)."""

    full_name = tables.Column(verbose_name=_("Thành viên"), accessor="user__full_name")
    position = tables.Column(verbose_name=_("Vị trí"))
    attendance = tables.Column(verbose_name=_("Điểm danh"), empty_values=())
    can_mark_attendance = flag()
    can_take_written_opinion = flag()

    class Meta:
        model = CouncilMember
        fields = ("full_name", "position", "attendance")
        orderable = False

    def __init__(self, *args, meeting: Meeting, runs_ballot: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting, self.runs_ballot = meeting, runs_ballot

    def render_can_mark_attendance(self, record) -> bool:
        return self.runs_ballot and not self.meeting.is_closed

    def render_can_take_written_opinion(self, record) -> bool:
        """A written opinion only for a voting member recorded absent who has not voted in person."""
        return self.runs_ballot and self.meeting.is_voting and record.votes and record.absent and not record.voted_in_person


class RoundAwaitingTable(tables.Table):
    """Rounds whose approved nominees no decision holds yet (the decisions page)."""

    name = tables.Column(verbose_name=_("Đợt xét"))
    pending = tables.Column(verbose_name=_("Số người, tập thể được Hội đồng thông qua"), attrs=END)
    can_draft = flag()

    class Meta:
        orderable = False
        empty_text = _("Không có kết quả nào chờ quyết định.")

    def __init__(self, *args, manages: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.manages = manages

    def render_can_draft(self, record) -> bool:
        return self.manages


class DecisionTable(tables.Table):
    """Decisions and proposals (the decisions page, #decisions)."""

    number = tables.Column(verbose_name=_("Số"), order_by=("date", "sequence"))
    title = tables.Column(verbose_name=_("Trích yếu"))
    kind = tables.Column(verbose_name=_("Loại"))
    line_count = tables.Column(verbose_name=_("Số người"), attrs=END)
    total = tables.Column(verbose_name=_("Tổng tiền (đ)"), attrs=END)
    status = tables.Column(verbose_name=_("Trạng thái"))

    class Meta:
        model = Decision
        fields = ("number", "title", "kind", "line_count", "total", "status")
        empty_text = _("Chưa có quyết định nào.")


class DecisionLineTable(tables.Table):
    """A decision's lines, its annex (the decision page, #lines): the money as issued, or estimated on a draft."""

    counter = tables.Column(verbose_name="#", empty_values=())
    full_name = tables.Column(verbose_name=_("Họ và tên / tập thể"), accessor="nominee__full_name")
    unit = tables.Column(verbose_name=_("Đơn vị"), accessor="nominee__dossier__unit__name")
    amount = tables.Column(verbose_name=_("Tiền thưởng"), attrs=END)

    class Meta:
        model = DecisionLine
        fields = ("counter", "full_name", "unit", "amount")
        orderable = False  # the annex's own order: individuals, collectives, households; unit; nominee

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        if decision.is_draft:
            self.columns["amount"].column.verbose_name = _("Tiền thưởng (tạm tính)")


class PrintJobTable(tables.Table):
    """A decision's batch prints, newest first."""

    created_at = tables.Column(verbose_name=_("Yêu cầu lúc"))
    status = tables.Column(verbose_name=_("Trạng thái"))

    class Meta:
        model = PrintJob
        fields = ("created_at", "status")
        orderable = False
