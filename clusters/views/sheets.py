"""Scoring sheets and their criteria, opening and closing the scoring, and the ranking."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.actions import allowed_or_403, form_action, post_action, visible_or_404

from .. import services
from ..forms import CriterionAddForm, CriterionEditForm
from ..scoring import TIE_RULE, format_points
from ..selectors import criteria_rows, ranking_for, sheet_templates, sheets_visible_to, unsent_cards
from .common import group_url, posted_version, sheet_of, sheet_to_run, visible_group


def _visible_sheet(request, pk):
    """A group's sheet for those who see the group; the office's template (no group) for the office only."""
    sheet = visible_or_404(request, sheets_visible_to(viewer=request.user).select_related("group"), pk=pk)
    if sheet.is_template:
        if not request.user.has_perm("clusters.manage_groups"):
            raise Http404
    else:
        visible_group(request, sheet.group_id)
    return sheet


def _sheet_url(sheet) -> str:
    return reverse("clusters:sheet_detail", args=[sheet.pk])


@require_GET
@login_required
def sheet_detail(request, pk):
    """A sheet's criteria; the office's template when the group is empty (office only)."""
    return _render_sheet(request, _visible_sheet(request, pk))


def _render_sheet(request, sheet, *, add_form=None, edit=None):
    """The sheet page; a refused row or new criterion is shown again as typed, with its errors."""
    can_edit = request.user.has_perm("clusters.change_sheet", sheet)
    criteria = list(sheet.criteria.all())
    rows = []
    for criterion, depth, is_parent in criteria_rows(criteria):
        form = None
        if can_edit:
            if edit is not None and edit[0] == criterion.pk:
                form = edit[1]
            else:
                form = CriterionEditForm(
                    prefix=f"c{criterion.pk}",
                    initial={"max_points": format_points(criterion.max_points), "version": criterion.version},
                )
        rows.append({"criterion": criterion, "depth": depth, "is_parent": is_parent, "form": form})
    if add_form is None and can_edit:
        add_form = CriterionAddForm(parents=[c for c in criteria if c.parent_id is None], prefix="new")
    return render(
        request,
        "clusters/sheet_detail.html",
        {"sheet": sheet, "rows": rows, "can_edit": can_edit, "add_form": add_form},
    )


def _editable_sheet(request, pk):
    sheet = _visible_sheet(request, pk)
    allowed_or_403(request, "clusters.change_sheet", sheet)
    return sheet


@require_POST
@login_required
def criterion_add(request, pk):
    sheet = _editable_sheet(request, pk)
    form = CriterionAddForm(request.POST, parents=sheet.criteria.filter(parent__isnull=True), prefix="new")
    return form_action(
        request,
        form,
        lambda data: services.criterion_add(
            by=request.user,
            sheet=sheet,
            parent=sheet.criteria.filter(pk=data["parent"]).first() if data["parent"] else None,
            code=data["code"],
            title=data["title"],
            kind=data["kind"],
            max_points=data["max_points"],
            evidence=data["evidence"],
        ),
        success=lambda added: _("Đã thêm tiêu chí %(code)s.") % {"code": added.code},
        redirect_to=_sheet_url(sheet),
        render=lambda: _render_sheet(request, sheet, add_form=form),
    )


@require_POST
@login_required
def criterion_edit(request, pk, criterion_pk):
    sheet = _editable_sheet(request, pk)
    criterion = visible_or_404(request, sheet.criteria.all(), pk=criterion_pk)
    form = CriterionEditForm(request.POST, prefix=f"c{criterion.pk}")
    return form_action(
        request,
        form,
        lambda data: services.criterion_update(
            by=request.user, criterion=criterion, expected_version=data["version"], max_points=data["max_points"]
        ),
        success=_("Đã lưu tiêu chí %(code)s.") % {"code": criterion.code},
        redirect_to=_sheet_url(sheet),
        render=lambda: _render_sheet(request, sheet, edit=(criterion.pk, form)),
    )


@require_POST
@login_required
def criterion_delete(request, pk, criterion_pk):
    sheet = _editable_sheet(request, pk)
    criterion = visible_or_404(request, sheet.criteria.all(), pk=criterion_pk)
    return post_action(
        request,
        lambda: services.criterion_delete(by=request.user, criterion=criterion, expected_version=posted_version(request)),
        success=_("Đã xóa tiêu chí %(code)s.") % {"code": criterion.code},
        redirect_to=_sheet_url(sheet),
    )


# --- The scoring buttons of the cluster page ------------------------------------------------------


@require_POST
@login_required
def group_copy_template(request, pk):
    group = visible_group(request, pk)
    template = visible_or_404(
        request, sheet_templates(viewer=request.user, year=group.year), pk=request.POST.get("template") or 0
    )
    return post_action(
        request,
        lambda: services.sheet_copy(by=request.user, template=template, group=group),
        success=_("Đã sao chép bảng tiêu chí mẫu; có thể điều chỉnh trước khi mở chấm điểm."),
        redirect_to=group_url(group),
    )


@require_POST
@login_required
def group_open_scoring(request, pk):
    group = visible_group(request, pk)
    return post_action(
        request,
        lambda: services.scoring_open(by=request.user, sheet=sheet_to_run(group)),
        success=_("Đã khóa bảng tiêu chí và mở chấm điểm."),
        redirect_to=group_url(group),
    )


@require_POST
@login_required
def group_finalise(request, pk):
    group = visible_group(request, pk)

    def finalise():
        services.sheet_finalise(by=request.user, sheet=sheet_to_run(group))
        return group

    return post_action(
        request,
        finalise,
        success=_("Đã chốt điểm và công bố bảng xếp hạng."),
        redirect_to=lambda done: reverse("clusters:ranking", args=[group.pk]) if done else group_url(group),
    )


@login_required
def ranking(request, pk):
    """Not a core.lists table: the ranking is computed in Python (ties share a rank by clusters.scoring's
    rule), one row per member, never paginated or re-sorted."""
    group = visible_group(request, pk)
    sheet = sheet_of(group)
    if sheet is None or not request.user.has_perm("clusters.view_ranking", sheet):
        raise Http404
    return render(
        request,
        "clusters/ranking.html",
        {
            "group": group,
            "sheet": sheet,
            "ranked": ranking_for(sheet=sheet),
            "unsent": unsent_cards(sheet=sheet),
            "tie_rule": TIE_RULE,
        },
    )
