"""The export of the list behind a figure of the statistics page: those honoured."""

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.services import require_perm
from dossiers.enums import CommendationKind, Gender
from dossiers.models import Nominee

from ..forms import PeriodForm
from ..selectors import DRILL_AUTHORITY, HONOURED_ORDER, statistics_authority
from ..statistics import honoured_rows
from .engine import DATE, INTEGER, TEXT, Column, Export, Rows, yes


def build_honoured(user, params: dict) -> Rows:
    """The list behind a figure of the statistics page (reports.views.statistics.honoured_list), same rows."""

    require_perm(user, "reports.view_statistics")
    form = PeriodForm.from_query(params)
    if not form.is_valid():
        raise Http404
    acting, child = statistics_authority(viewer=user, params=params)  # a commune of the province, or its own
    rows, labels = honoured_rows(form.period, params, authority_id=(child or acting).pk)
    if child is not None:
        labels = [str(child), *labels]
    period = form.period
    described = [*labels, _("Từ %(a)s đến %(b)s") % {"a": f"{period.date_from:%d/%m/%Y}", "b": f"{period.cutoff:%d/%m/%Y}"}]
    rows = rows.annotate(
        holder=Coalesce("person__full_name", NullIf("collective_name", Value("")), "collective_unit__name"),
        unit_name=Coalesce("nominee__dossier__unit__name", "collective_unit__name", "person__unit__name"),
    ).order_by(*HONOURED_ORDER)
    back = reverse("reports:honoured") + f"?{urlencode(params)}"
    return Rows(rows, back_url=back, filters=described)


def _columns_honoured():

    return (
        Column(gettext_lazy("Tập thể, cá nhân"), "holder", TEXT, 30),
        Column(gettext_lazy("Giới tính"), "gender_of", TEXT, 9, Gender),
        Column(gettext_lazy("Dân tộc thiểu số"), "nominee__ethnic_minority", TEXT, 10, display=yes),
        Column(gettext_lazy("Nhóm đối tượng"), "worker", TEXT, 24, Nominee.WorkerCategory),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award__name", TEXT, 34),
        Column(gettext_lazy("Năm thành tích"), "year", INTEGER, 10),
        Column(gettext_lazy("Đơn vị"), "unit_name", TEXT, 32),
        Column(gettext_lazy("Loại hình khen thưởng"), "commendation", TEXT, 24, CommendationKind),
        Column(gettext_lazy("Số quyết định"), "decision_number", TEXT, 16),
        Column(gettext_lazy("Ngày quyết định"), "decision_date", DATE, 13),
    )


EXPORTS = (
    Export(
        name="duoc-khen",
        title=gettext_lazy("Danh sách tập thể, cá nhân được khen thưởng"),
        sheet=gettext_lazy("Được khen thưởng"),
        filename="duoc-khen-thuong",
        columns=_columns_honoured(),
        build=build_honoured,
        params=("tu_ngay", "den_ngay", "award", "unit", "unit_kind", "kind", "nhom", "year", DRILL_AUTHORITY),
    ),
)
