"""The exports of decisions: the list of decisions and proposals, a decision's annex and its payout list."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.documents_data import payout_dict
from awards.models import Decision, DecisionLine
from awards.money import bonus_for_award
from awards.selectors import decisions_for_list, decisions_visible_to
from awards.tables import DecisionTable
from core.services import require_perm
from dossiers.enums import Subject

from .dossiers import shown_unit
from .engine import DATE, INTEGER, MONEY, TEXT, Column, Export, Rows


def build_decisions(user, params: dict) -> Rows:
    """The decisions page's rows (awards.selectors.decisions_for_list) in the order its table shows them."""
    require_perm(user, "awards.view_decisions")
    ordered = DecisionTable(decisions_for_list(viewer=user), order_by=params.get("sort") or None).data.data
    sort = {"sort": params["sort"]} if params.get("sort") else {}
    return Rows(ordered, back_url=reverse("awards:decisions") + (f"?{urlencode(sort)}" if sort else ""))


def _decision(user, pk, *, issued: bool):
    require_perm(user, "awards.view_decisions")
    decision = get_object_or_404(decisions_visible_to(viewer=user).select_related("award", "round"), pk=pk)
    if issued and decision.is_draft:
        raise Http404
    return decision


def _decision_label(decision) -> str:
    if decision.number:
        return _("%(kind)s số %(n)s") % {"kind": decision.get_kind_display(), "n": decision.number}
    return _("Dự thảo: %(t)s") % {"t": decision.title}


def build_decision_annex(user, params: dict) -> Rows:
    """The decision's annex, one row per line: as issued (the frozen snapshot), or live while a draft
    (with the bonus estimated at today's rates, as the page shows it)."""

    decision = _decision(user, params["pk"], issued=False)
    back = reverse("awards:decision", args=[decision.pk])
    part = decision.number or f"du-thao-{decision.pk}"
    if not decision.is_draft:
        snap = decision.snapshot
        rows = [
            {**row, "subject": str(label)}
            for key, label in (
                ("individuals", Subject.INDIVIDUAL.label),
                ("collectives", _("Tập thể")),
                ("households", Subject.HOUSEHOLD.label),
            )
            for row in snap.get(key, [])
        ]
        footer = [["", _("Tổng cộng"), "", "", "", "", snap.get("total_amount", 0)]] if rows else []
        return Rows(rows, back_url=back, subject=_decision_label(decision), footer=footer, file_part=part)
    estimate = None
    if decision.decides_here:
        figure = bonus_for_award(award=decision.award, decided_on=timezone.localdate())
        estimate = figure.amount if figure else None
    subject_labels = {value: str(label) for value, label in Subject.choices}
    lines = (
        DecisionLine.objects.filter(decision=decision)
        .order_by(*DecisionLine._meta.ordering)
        .values(
            "nominee__subject",
            full_name=F("nominee__full_name"),
            position=F("nominee__position"),
            unit=shown_unit("nominee__"),
            award=F("nominee__award__name"),
        )
    )
    rows = [{**row, "subject": subject_labels.get(row["nominee__subject"]), "amount": estimate} for row in lines]
    return Rows(rows, back_url=back, subject=_decision_label(decision) + " " + _("(tiền thưởng tạm tính)"), file_part=part)


def build_payout(user, params: dict) -> Rows:
    """The payout list from the issued snapshot (what was signed), with the total in figures and words."""

    decision = _decision(user, params["pk"], issued=True)
    data = payout_dict(decision)
    return Rows(
        data["rows"],
        back_url=reverse("awards:decision", args=[decision.pk]),
        subject=_("Quyết định số %(n)s") % {"n": data["decision_number"]},
        footer=[
            ["", _("Tổng cộng"), "", "", data["total_amount"], ""],
            ["", _("Bằng chữ: %(w)s") % {"w": data["total_in_words"]}],
        ],
        file_part=data["decision_number"],
    )


def _columns_decisions():

    return (
        Column(gettext_lazy("Số"), "number", TEXT, 16),
        Column(gettext_lazy("Ngày ban hành"), "date", DATE, 13),
        Column(gettext_lazy("Loại văn bản"), "kind", TEXT, 24, Decision.Kind),
        Column(gettext_lazy("Trích yếu"), "title", TEXT, 56),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award__name", TEXT, 32),
        Column(gettext_lazy("Đợt xét"), "round__name", TEXT, 26),
        Column(gettext_lazy("Trạng thái"), "status", TEXT, 18, Decision.Status),
        Column(gettext_lazy("Số người, tập thể"), "line_count", INTEGER, 11),
        Column(gettext_lazy("Tổng tiền thưởng (đồng)"), "total", MONEY, 16, display=lambda total: total or None),
    )


def _columns_annex():
    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 32),
        Column(gettext_lazy("Đối tượng"), "subject", TEXT, 14),
        Column(gettext_lazy("Chức vụ"), "position", TEXT, 28),
        Column(gettext_lazy("Đơn vị"), "unit", TEXT, 34),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award", TEXT, 32),
        Column(gettext_lazy("Tiền thưởng (đồng)"), "amount", MONEY, 16),
    )


def _columns_payout():
    # The headers of the payout list the office signs (documents/payout.html).
    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 32),
        Column(gettext_lazy("Đơn vị"), "unit", TEXT, 36),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award", TEXT, 32),
        Column(gettext_lazy("Số tiền (đồng)"), "amount", MONEY, 16),
        Column(gettext_lazy("Ký nhận"), lambda row: None, TEXT, 14),
    )


EXPORTS = (
    Export(
        name="quyet-dinh",
        title=gettext_lazy("Danh sách quyết định khen thưởng, tờ trình"),
        sheet=gettext_lazy("Quyết định"),
        filename="quyet-dinh",
        columns=_columns_decisions(),
        build=build_decisions,
        params=("sort",),  # the order the page shows (awards.tables.DecisionTable)
    ),
    Export(
        name="danh-sach-kem-theo",
        title=gettext_lazy("Danh sách kèm theo"),
        sheet=gettext_lazy("Danh sách kèm theo"),
        filename="danh-sach-kem-theo",
        columns=_columns_annex(),
        build=build_decision_annex,
        needs_object=True,
    ),
    Export(
        name="chi-thuong",
        title=gettext_lazy("Danh sách chi tiền thưởng"),
        sheet=gettext_lazy("Danh sách chi thưởng"),
        filename="chi-thuong",
        columns=_columns_payout(),
        build=build_payout,
        needs_object=True,
    ),
)
