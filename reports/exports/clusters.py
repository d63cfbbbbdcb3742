"""The export of a cluster's or bloc's ranking."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.enums import SheetStatus
from clusters.models import ScoringSheet
from clusters.selectors import groups_visible_to, ranking_for

from .engine import DECIMAL, INTEGER, TEXT, Column, Export, Rows


def build_ranking(user, params: dict) -> Rows:
    """A cluster's or bloc's ranking, as clusters' ranking page shows it to this user."""

    group = get_object_or_404(groups_visible_to(viewer=user), pk=params["pk"])
    if group.authority_id != user.acting_authority_id or not user.has_perm("clusters.view_group", group):
        raise Http404
    sheet = ScoringSheet.objects.filter(group=group).first()
    if sheet is None or not user.has_perm("clusters.view_ranking", sheet):
        raise Http404
    subject = _("%(g)s năm %(y)s") % {"g": group.name, "y": group.year}
    described = [] if sheet.status == SheetStatus.PUBLISHED else [_("kết quả tạm tính, chưa chốt")]
    return Rows(
        ranking_for(sheet=sheet),
        back_url=reverse("clusters:ranking", args=[group.pk]),
        subject=subject,
        filters=described,
        file_part=f"{group.year}-{group.pk}",
    )


def _columns_ranking():
    # The ranking page's own columns: a card's self-score and state are shown only to those who may
    # open that card (clusters.view_card), so they stay out of a file that every viewer can take.
    return (
        Column(gettext_lazy("Hạng"), "rank", INTEGER, 7),
        Column(gettext_lazy("Đơn vị"), "name", TEXT, 36),
        Column(gettext_lazy("Điểm tiêu chí"), "key__base", DECIMAL, 12),
        Column(gettext_lazy("Điểm thưởng"), "key__bonus", DECIMAL, 12),
        Column(gettext_lazy("Điểm trừ"), "key__penalty", DECIMAL, 12),
        Column(gettext_lazy("Tổng điểm"), "total", DECIMAL, 12),
    )


EXPORTS = (
    Export(
        name="xep-hang-cum-khoi",
        title=gettext_lazy("Kết quả chấm điểm, xếp hạng thi đua"),
        sheet=gettext_lazy("Xếp hạng"),
        filename="xep-hang",
        columns=_columns_ranking(),
        build=build_ranking,
        needs_object=True,
        numbered=False,  # the rank is the number
    ),
)
