import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Dossier

STATUS_BADGES = {
    "nhap": "secondary",
    "da_gui": "info",
    "da_tiep_nhan": "primary",
    "yeu_cau_bo_sung": "warning",
    "lay_y_kien": "primary",
    "da_tham_dinh": "success",
    "trinh_hoi_dong": "dark",
    "da_quyet_dinh": "success",
    "da_dong": "light",
    "da_rut": "light",
}


class DossierTable(tables.Table):
    title = tables.LinkColumn("dossiers:detail", args=[tables.A("pk")], verbose_name=_("Trích yếu"))
    unit = tables.Column(verbose_name=_("Đơn vị"), accessor="unit__name", order_by=("unit__name",))
    round = tables.Column(verbose_name=_("Đợt xét"), accessor="round__name", order_by=("round__name",))
    nominee_count = tables.Column(verbose_name=_("Số đề nghị"), attrs={"td": {"class": "text-end"}})
    receipt_number = tables.Column(verbose_name=_("Số tiếp nhận"), default="—")
    status = tables.Column(verbose_name=_("Trạng thái"))
    due_date = tables.DateColumn(verbose_name=_("Hẹn trả"), format="d/m/Y", default="—")
    updated_at = tables.DateTimeColumn(verbose_name=_("Cập nhật"), format="d/m/Y H:i")

    class Meta:
        model = Dossier
        fields = ("title", "unit", "round", "nominee_count", "receipt_number", "status", "due_date", "updated_at")
        order_by = ("-updated_at",)
        empty_text = _("Không có hồ sơ nào phù hợp.")

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGES.get(record.status, "secondary"), value)
