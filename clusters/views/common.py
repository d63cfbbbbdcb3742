"""What the pages of clusters share: the group the viewer may see (404 otherwise), its sheet, the version a
page was drawn with."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from core.actions import visible_or_404

from ..models import ScoringSheet
from ..selectors import groups_visible_to


def visible_group(request, pk):
    """The group, when the viewer may see it; otherwise 404 as if it did not exist."""
    return visible_or_404(
        request, groups_visible_to(viewer=request.user).select_related("head", "deputy"), "clusters.view_group", pk=pk
    )


def sheet_of(group):
    return ScoringSheet.objects.filter(group=group).first()


def sheet_to_run(group):
    sheet = sheet_of(group)
    if sheet is None:
        raise ValidationError(_("Cụm, khối chưa có bảng tiêu chí chấm điểm."))
    return sheet


def posted_version(request) -> int:
    """The version of the record the page showed (a hidden field of a one-click form)."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise ValidationError(_("Yêu cầu không hợp lệ; vui lòng tải lại trang.")) from None


def group_url(group) -> str:
    return reverse("clusters:group_detail", args=[group.pk])
