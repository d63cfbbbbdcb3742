"""The tables of exemplary models: waiting for the office's choice, a unit's own, the published ones."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .columns import FlagColumn, RowForm


class ExemplaryReviewTable(tables.Table):
    """What units introduced, waiting for the office's choice; rows in campaigns/exemplary_list.html.
    `review` is each row's form; after a refused review, that row's as the reviewer filled it."""

    title = tables.Column(verbose_name=_("Gương, mô hình"))
    unit = tables.Column(verbose_name=_("Đơn vị"))
    period = tables.Column(verbose_name=_("Kỳ"), empty_values=())
    choice = tables.Column(verbose_name=_("Xem xét"), empty_values=())
    review = FlagColumn()

    class Meta:
        orderable = False
        empty_text = _("Không có gương điển hình nào chờ chọn.")

    def __init__(self, *args, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused

    def render_review(self, record) -> RowForm:
        refused = self.refused
        if refused is not None and record.pk == refused.pk:
            return RowForm(refused.form["version"].value(), refused.form["note"].value() or "", refused.errors)
        return RowForm(record.version)


class OwnExemplaryTable(tables.Table):
    """What the viewer's units introduced and is not published yet."""

    title = tables.Column(verbose_name=_("Gương, mô hình"))
    period = tables.Column(verbose_name=_("Kỳ"), empty_values=())
    status = tables.Column(verbose_name=_("Tình trạng"))

    class Meta:
        orderable = False


class PublishedExemplaryTable(tables.Table):
    """The models chosen for publicity, newest first: shown as cards, with the shared page links."""

    title = tables.Column(verbose_name=_("Gương, mô hình"))
    subject_name = tables.Column(verbose_name=_("Cá nhân, tập thể"))
    unit = tables.Column(verbose_name=_("Đơn vị"))
    summary = tables.Column(verbose_name=_("Tóm tắt thành tích, cách làm"))

    class Meta:
        orderable = False
        empty_text = _("Chưa có gương điển hình nào được chọn tuyên truyền.")
