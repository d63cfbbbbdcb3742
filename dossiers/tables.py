"""The columns and ordering of the dossier app's list pages (django-tables2). Their rows are drawn by one
plain template loop each (core.lists), not cell by cell; a value a row needs beyond its record (the
status badge, what the viewer may do with it) is a column rendered from the record, read in the loop as
`row.cells.<column>` (a permission flag: a hidden `can_…` column with `render_can_…(record)`)."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .enums import DossierStatus
from .models import AwardRecord, AwardRound, Dossier

STATUS_BADGES = {
    DossierStatus.DRAFT: "secondary",
    DossierStatus.SUBMITTED: "info",
    DossierStatus.RECEIVED: "primary",
    DossierStatus.RETURNED: "warning",
    DossierStatus.CONSULTING: "primary",
    DossierStatus.APPRAISED: "success",
    DossierStatus.AT_COUNCIL: "dark",
    DossierStatus.DECIDED: "success",
    DossierStatus.CLOSED: "light",
    DossierStatus.WITHDRAWN: "light",
}


def ceremony_warning(dossier) -> str:
    """Why a sent dossier came too close to its round's award ceremony ('' when it did not): the rule of the
    nominees' automatic check (dossiers.eligibility._timing), said once for the dossier's header and list row.
    Reads only the dossier and its round (the list selects the round with the dossier)."""
    award_round = dossier.round
    if not (dossier.submitted_at and award_round.ceremony_date and award_round.min_days_before_ceremony):
        return ""
    sent = timezone.localtime(dossier.submitted_at).date()
    left = (award_round.ceremony_date - sent).days
    if left >= award_round.min_days_before_ceremony:
        return ""
    return _("Gửi ngày %(sent)s, chỉ còn %(left)s ngày trước lễ trao thưởng %(day)s (yêu cầu tối thiểu %(min)s ngày).") % {
        "sent": f"{sent:%d/%m/%Y}",
        "left": max(left, 0),
        "day": f"{award_round.ceremony_date:%d/%m/%Y}",
        "min": award_round.min_days_before_ceremony,
    }


class DossierTable(tables.Table):
    """The dossier list (templates/dossiers/list.html); its order is the Excel export's too."""

    title = tables.Column(verbose_name=_("Trích yếu"))
    unit = tables.Column(verbose_name=_("Đơn vị"), accessor="unit__name", order_by=("unit__name",))
    round = tables.Column(verbose_name=_("Đợt xét"), accessor="round__name", order_by=("round__name",))
    nominee_count = tables.Column(verbose_name=_("Số đề nghị"), attrs={"th": {"class": "text-end"}})
    receipt_number = tables.Column(verbose_name=_("Số tiếp nhận"))
    status = tables.Column(verbose_name=_("Trạng thái"))
    due_date = tables.Column(verbose_name=_("Hẹn trả"))
    updated_at = tables.Column(verbose_name=_("Cập nhật"))
    ceremony_warning = tables.Column(empty_values=(), visible=False, orderable=False)

    class Meta:
        model = Dossier
        fields = ("title", "unit", "round", "nominee_count", "receipt_number", "status", "due_date", "updated_at")
        order_by = ("-updated_at",)
        empty_text = _("Không có hồ sơ nào phù hợp.")

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGES.get(record.status, "secondary"), value)

    def render_ceremony_warning(self, record):
        return ceremony_warning(record)


class RoundTable(tables.Table):
    """The award rounds (templates/dossiers/round_list.html), newest year first, open ones first."""

    name = tables.Column(verbose_name=_("Tên đợt"))
    year = tables.Column(verbose_name=_("Năm"))
    commendation_kind = tables.Column(verbose_name=_("Loại hình"))
    submission_deadline = tables.Column(verbose_name=_("Hạn nộp"))
    ceremony_date = tables.Column(verbose_name=_("Trao thưởng"))
    dossier_count = tables.Column(verbose_name=_("Số hồ sơ"), attrs={"th": {"class": "text-end"}})
    is_open = tables.Column(verbose_name=_("Trạng thái"))
    can_edit = tables.Column(empty_values=(), visible=False)

    class Meta:
        model = AwardRound
        fields = ("name", "year", "commendation_kind", "submission_deadline", "ceremony_date", "dossier_count", "is_open")
        empty_text = _("Chưa có đợt xét nào.")

    def render_can_edit(self, record) -> bool:
        return self.request.user.has_perm("dossiers.process_dossier", record)


class LedgerTable(tables.Table):
    """A unit's award ledger (templates/dossiers/unit_ledger.html), newest year first."""

    year = tables.Column(verbose_name=_("Năm"))
    award = tables.Column(verbose_name=_("Danh hiệu, hình thức"), order_by=("award__sort_order", "award__name"))
    holder = tables.Column(
        verbose_name=_("Cá nhân / tập thể"), accessor="person__full_name", order_by=("person__full_name", "collective_name")
    )
    source = tables.Column(verbose_name=_("Nguồn"), orderable=False)

    class Meta:
        model = AwardRecord
        fields = ("year", "award", "holder", "source")
        empty_text = _("Chưa có khen thưởng nào được ghi sổ.")
