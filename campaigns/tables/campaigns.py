"""The campaign list's table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class CampaignTable(tables.Table):
    """The campaign list; its rows render in campaigns/campaign_list.html."""

    name = tables.Column(verbose_name=_("Phong trào"))
    kind = tables.Column(verbose_name=_("Loại"))
    owner = tables.Column(verbose_name=_("Đơn vị chủ trì"), order_by=("owner__name",))
    start_date = tables.Column(verbose_name=_("Thời gian"), order_by=("start_date", "end_date"))
    registration = tables.Column(verbose_name=_("Đăng ký"), empty_values=(), order_by=("registration_date",))
    unit_count = tables.Column(verbose_name=_("Đơn vị tham gia"), attrs={"th": {"class": "text-end"}})

    class Meta:
        empty_text = _("Chưa có phong trào nào.")
