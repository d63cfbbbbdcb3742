"""Columns and ordering of the reports lists (core.lists); their rows render in one plain template loop."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import ExportJob, ReviewReport


class HonouredTable(tables.Table):
    """Those honoured behind one figure (#honoured): in the order of the figure's Excel file
    (selectors.HONOURED_ORDER), so the page and the file read alike."""

    counter = tables.Column(verbose_name=_("STT"), empty_values=())
    holder = tables.Column(verbose_name=_("Tập thể, cá nhân"), empty_values=())
    award = tables.Column(verbose_name=_("Danh hiệu, hình thức"), accessor="award__name")
    unit = tables.Column(verbose_name=_("Đơn vị"), empty_values=())
    group = tables.Column(verbose_name=_("Nhóm đối tượng"), empty_values=())
    decision_number = tables.Column(verbose_name=_("Số quyết định"))
    decision_date = tables.Column(verbose_name=_("Ngày"))

    class Meta:
        orderable = False
        empty_text = _("Không có ai trong danh sách này.")


class ReviewReportTable(tables.Table):
    """The review reports (#review-reports), newest year first."""

    report = tables.Column(verbose_name=_("Báo cáo"), empty_values=())
    period = tables.Column(verbose_name=_("Số liệu"), empty_values=())
    updated_at = tables.Column(verbose_name=_("Cập nhật"))
    files = tables.Column(verbose_name="", empty_values=())

    class Meta:
        model = ReviewReport
        fields = ("report", "period", "updated_at", "files")
        orderable = False
        empty_text = _("Chưa có báo cáo nào.")


class ExportJobTable(tables.Table):
    """A user's own export jobs, newest first (the export page's "recent" panel)."""

    title = tables.Column(verbose_name=_("Danh sách"))
    created_at = tables.Column(verbose_name=_("Yêu cầu lúc"))
    status = tables.Column(verbose_name=_("Trạng thái"))

    class Meta:
        model = ExportJob
        fields = ("title", "created_at", "status")
        orderable = False
