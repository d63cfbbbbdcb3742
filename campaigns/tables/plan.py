"""The tables of the annual plan: the years, a year's tasks."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .columns import FlagColumn, RowForm


class PlanTable(tables.Table):
    """The plans, one a year; rows in campaigns/plan_list.html."""

    title = tables.Column(verbose_name=_("Kế hoạch"))
    year = tables.Column(verbose_name=_("Năm"))
    done_count = tables.Column(verbose_name=_("Tiến độ"), attrs={"th": {"class": "text-end"}})

    class Meta:
        orderable = False  # newest year first
        empty_text = _("Chưa có kế hoạch nào.")


class PlanTaskTable(tables.Table):
    """A year's tasks as the plan lists them (by quarter, then number); rows in campaigns/plan_detail.html.
    `mark` is the state of each row's tick form; after a refused tick, that row's as the user sent it."""

    number = tables.Column(verbose_name=_("TT"), attrs={"th": {"class": "text-center"}})
    content = tables.Column(verbose_name=_("Nội dung"))
    responsible = tables.Column(verbose_name=_("Cơ quan thực hiện"))
    due_date = tables.Column(verbose_name=_("Thời hạn"))
    result = tables.Column(verbose_name=_("Kết quả"), empty_values=())
    mark = FlagColumn()

    class Meta:
        orderable = False
        empty_text = _("Không có nhiệm vụ.")

    def __init__(self, *args, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused

    def render_mark(self, record) -> RowForm:
        refused = self.refused
        if refused is not None and record.pk == refused.pk:
            form = refused.form
            return RowForm(form["version"].value(), form["note"].value() or "", refused.errors, bool(form["done"].value()))
        return RowForm(record.version, asks=not record.is_done)
