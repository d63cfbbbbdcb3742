"""The dossier list's exports: the dossiers, and the people and collectives they propose."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossiers.enums import CommendationKind, DossierStatus, Gender, Outcome, Subject, TaskRating, Verdict
from dossiers.filters import DossierFilter
from dossiers.models import Nominee
from dossiers.tables import DossierTable

from .engine import DATE, DATETIME, INTEGER, TEXT, Column, Export, Rows, yes

DOSSIER_PARAMS = ("q", "round", "unit", "award", "overdue", "status", "sort")


def _filtered_dossiers(user, params: dict):
    """The dossier list exactly as its page filters it for this user (dossiers.filters.DossierFilter)."""
    form_data = {key: value for key, value in params.items() if key in ("q", "round", "unit", "award", "overdue")}
    dossier_filter = DossierFilter(form_data | {"status": params.get("status", "")}, viewer=user)
    form, filtered, status = dossier_filter.form, dossier_filter.qs, dossier_filter.tab
    filtered = filtered.filter(authority_id=user.acting_authority_id)  # the authority the user acts in (#13)
    filters = form.cleaned_data
    described = []
    for name in ("q", "round", "unit", "award", "overdue"):
        value = filters.get(name)
        if value is True:
            described.append(str(form.fields[name].label))
        elif value:
            described.append(f"{form.fields[name].label}: {value}")
    if status:
        described.append(_("Trạng thái: %(s)s") % {"s": DossierStatus(status).label})
    back = reverse("dossiers:list") + (f"?{urlencode(params)}" if params else "")
    return filtered, described, back


def build_dossiers(user, params: dict) -> Rows:

    filtered, described, back = _filtered_dossiers(user, params)
    # The page's own table orders the rows (its default, or the column the user sorted by).
    ordered = DossierTable(filtered, order_by=params.get("sort") or None).data.data
    return Rows(ordered, back_url=back, filters=described)


def shown_unit(prefix: str):
    """The nominee's work unit as typed, else the unit that proposed them (as documents_data._holder)."""
    return Coalesce(NullIf(F(f"{prefix}work_unit"), Value("")), F(f"{prefix}dossier__unit__name"), output_field=CharField())


def build_nominees(user, params: dict) -> Rows:

    filtered, described, back = _filtered_dossiers(user, params)
    nominees = (
        Nominee.objects.filter(dossier__in=filtered.order_by().values("pk"))
        .annotate(shown_unit=shown_unit(""))
        .order_by("dossier__unit__sort_order", "dossier__unit__name", "dossier_id", "sort_order", "id")
    )
    return Rows(nominees, back_url=back, filters=described)


def _columns_dossiers():

    return (
        Column(gettext_lazy("Trích yếu"), "title", TEXT, 48),
        Column(gettext_lazy("Đơn vị đề nghị"), "unit__name", TEXT, 32),
        Column(gettext_lazy("Đợt xét"), "round__name", TEXT, 28),
        Column(gettext_lazy("Loại hình khen thưởng"), "commendation_kind", TEXT, 24, CommendationKind),
        Column(gettext_lazy("Số đề nghị"), "nominee_count", INTEGER, 10),
        Column(gettext_lazy("Số tiếp nhận"), "receipt_number", TEXT, 14),
        Column(gettext_lazy("Trạng thái"), "status", TEXT, 26, DossierStatus),
        Column(gettext_lazy("Gửi lúc"), "submitted_at", DATETIME, 17),
        Column(gettext_lazy("Tiếp nhận lúc"), "received_at", DATETIME, 17),
        Column(gettext_lazy("Hẹn trả kết quả"), "due_date", DATE, 14),
        Column(gettext_lazy("Cập nhật lúc"), "updated_at", DATETIME, 17),
    )


def _columns_nominees():

    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 30),
        Column(gettext_lazy("Đối tượng"), "subject", TEXT, 12, Subject),
        Column(gettext_lazy("Giới tính"), "gender", TEXT, 9, Gender),
        Column(gettext_lazy("Ngày sinh"), "date_of_birth", DATE, 12),
        Column(gettext_lazy("Dân tộc thiểu số"), "ethnic_minority", TEXT, 10, display=yes),
        Column(gettext_lazy("Chức vụ"), "position", TEXT, 26),
        Column(gettext_lazy("Đơn vị công tác"), "shown_unit", TEXT, 32),
        Column(gettext_lazy("Nhóm đối tượng"), "worker_category", TEXT, 24, Nominee.WorkerCategory),
        Column(gettext_lazy("Đề nghị tặng"), "award__name", TEXT, 32),
        Column(gettext_lazy("Xếp loại nhiệm vụ"), "task_rating", TEXT, 24, TaskRating),
        Column(gettext_lazy("Số tháng công tác"), "months_worked", INTEGER, 10),
        Column(gettext_lazy("Kiểm tra tự động"), "verdict", TEXT, 16, Verdict),
        Column(gettext_lazy("Kết luận thẩm định"), "appraisal_verdict", TEXT, 16, Verdict),
        Column(gettext_lazy("Kết quả xét"), "outcome", TEXT, 20, Outcome),
        Column(gettext_lazy("Đơn vị đề nghị"), "dossier__unit__name", TEXT, 30),
        Column(gettext_lazy("Hồ sơ"), "dossier__title", TEXT, 36),
        Column(gettext_lazy("Số tiếp nhận"), "dossier__receipt_number", TEXT, 14),
        Column(gettext_lazy("Trạng thái hồ sơ"), "dossier__status", TEXT, 24, DossierStatus),
        Column(gettext_lazy("Đợt xét"), "dossier__round__name", TEXT, 26),
    )


EXPORTS = (
    Export(
        name="ho-so",
        title=gettext_lazy("Danh sách hồ sơ đề nghị khen thưởng"),
        sheet=gettext_lazy("Hồ sơ"),
        filename="ho-so-khen-thuong",
        columns=_columns_dossiers(),
        build=build_dossiers,
        params=DOSSIER_PARAMS,
    ),
    Export(
        name="nguoi-de-nghi",
        title=gettext_lazy("Danh sách cá nhân, tập thể được đề nghị khen thưởng"),
        sheet=gettext_lazy("Người được đề nghị"),
        filename="nguoi-duoc-de-nghi",
        columns=_columns_nominees(),
        build=build_nominees,
        params=DOSSIER_PARAMS,
    ),
)
