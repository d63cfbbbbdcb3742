import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import EmulationGroup

END = {"th": {"class": "text-end"}}


class GroupTable(tables.Table):
    """Columns and ordering of the group list; its rows render in clusters/group_list.html."""

    name = tables.Column(verbose_name=_("Cụm, khối"))
    kind = tables.Column(verbose_name=_("Loại"))
    head = tables.Column(verbose_name=_("Trưởng cụm, khối"), order_by=("head__name",))
    deputy = tables.Column(verbose_name=_("Phó trưởng"), order_by=("deputy__name",))
    member_count = tables.Column(verbose_name=_("Số thành viên"), attrs=END)
    pact = tables.Column(verbose_name=_("Giao ước"), order_by=("signed_count",))
    sheet = tables.Column(verbose_name=_("Bảng tiêu chí"), orderable=False)

    class Meta:
        model = EmulationGroup
        fields = ("name", "kind", "head", "deputy", "member_count", "pact", "sheet")
        empty_text = _("Chưa có cụm, khối thi đua nào trong năm này.")
