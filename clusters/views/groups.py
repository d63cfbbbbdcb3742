"""The groups of a year: the list, the office's form, the cluster page and the head's appointment."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import allowed_or_403, form_action, post_action, scope_or_404, visible_or_404
from core.lists import list_page

from .. import services
from ..enums import GroupKind
from ..filters import GroupFilter
from ..forms import GroupForm, LeaderForm, PactCreateForm
from ..selectors import (
    cards_visible_to,
    group_years,
    groups_for_list,
    groups_of,
    leadership_history,
    members_of,
    pact_signatures,
    sheet_templates,
)
from ..tables import GroupTable
from .common import group_url, sheet_of, visible_group


def _year(request, default: int) -> int:
    try:
        return int(request.GET.get("nam") or default)
    except ValueError:
        raise Http404 from None


@login_required
def group_list(request):
    years = group_years(viewer=request.user)
    year = _year(request, years[0] if years else timezone.localdate().year)
    data = request.GET.copy()
    data["nam"] = year
    group_filter = GroupFilter(data, queryset=groups_for_list(viewer=request.user), years=years)
    return list_page(
        request,
        "clusters/group_list.html",
        table_class=GroupTable,
        filterset=group_filter,
        context={
            "year": year,
            "next_year": year + 1,
            "can_manage": request.user.has_perm("clusters.manage_groups"),
        },
    )


@require_POST
@login_required
def groups_copy(request):
    try:
        from_year = int(request.POST["from_year"])
    except (KeyError, ValueError):
        raise Http404 from None
    return post_action(
        request,
        lambda: services.groups_copy_year(
            by=request.user, authority=request.authority, from_year=from_year, to_year=from_year + 1
        ),
        success=lambda created: _("Đã sao chép %(n)s cụm, khối sang năm %(year)s.") % {"n": len(created), "year": from_year + 1},
        redirect_to=lambda created: f"{reverse('clusters:group_list')}?nam={from_year + 1 if created is not None else from_year}",
    )


@login_required
def group_edit(request, pk=None):
    """The office creates a cluster or bloc for a year, or edits one: name, regulations, members."""
    if pk:
        scope_or_404(request, "clusters.manage_groups")
    allowed_or_403(request, "clusters.manage_groups")
    group = visible_or_404(request, groups_of(request.user), pk=pk) if pk else None
    year = group.year if group else _year(request, timezone.localdate().year)
    initial = (
        {
            "name": group.name,
            "regulations": group.regulations,
            "version": group.version,
            "units": list(group.memberships.values_list("unit_id", flat=True)),
        }
        if group
        else {}
    )
    form = GroupForm(
        request.POST or None,
        initial=initial,
        kind_choices=GroupKind.choices,
        creating=group is None,
        authority_id=group.authority_id if group else request.user.acting_authority_id,
    )

    def save(data):
        if group is None:
            return services.group_create(
                by=request.user,
                authority=request.authority,
                year=year,
                kind=data["kind"],
                name=data["name"],
                units=list(data["units"]),
                regulations=data["regulations"],
            )
        services.group_update(
            by=request.user,
            group=group,
            expected_version=data["version"] or 0,
            name=data["name"],
            regulations=data["regulations"],
            units=list(data["units"]),
        )
        return group

    return form_action(
        request,
        form,
        save,
        success=lambda saved: _("Đã lưu %(name)s.") % {"name": saved.name},
        redirect_to=lambda saved: group_url(saved),
        render=lambda: render(request, "clusters/group_form.html", {"form": form, "group": group, "year": year}),
    )


def _default_pact_text():
    return _(
        "Thực hiện tốt các phong trào thi đua do cấp ủy, chính quyền phát động; hoàn thành xuất sắc nhiệm vụ "
        "chính trị được giao; gửi báo cáo đầy đủ, đúng hạn."
    )


@login_required
def group_detail(request, pk):
    return render_group(request, visible_group(request, pk))


def render_group(request, group, *, members=None, leader_form=None, pact_form=None):
    """The cluster page; after a refused form, with that form as the user filled it in."""
    user = request.user
    members = members if members is not None else members_of(group)
    sheet = sheet_of(group)
    cards = list(cards_visible_to(viewer=user, sheet=sheet).order_by("unit__sort_order", "unit__name")) if sheet else []
    pact = getattr(group, "pact", None)
    signatures = pact_signatures(pact) if pact else []
    can_manage = user.has_perm("clusters.manage_groups")
    can_prepare = user.has_perm("clusters.prepare_pact", group)
    if leader_form is None and can_manage:
        leader_form = LeaderForm(members=[m.unit for m in members], initial={"version": group.version}, prefix="leader")
    if pact_form is None and can_prepare and pact is None:
        pact_form = PactCreateForm(initial={"common_commitments": _default_pact_text()}, prefix="pact")
    return render(
        request,
        "clusters/group_detail.html",
        {
            "group": group,
            "members": members,
            "leader_form": leader_form,
            "pact_form": pact_form,
            "sheet": sheet,
            "cards": cards,
            "pact": pact,
            "signatures": signatures,
            "signed": sum(1 for s in signatures if s.signed_at),
            "election": getattr(group, "election", None),
            "history": leadership_history(group=group),
            "can_manage": can_manage,
            "can_prepare": can_prepare,
            "can_run_election": user.has_perm("clusters.run_election", group),
            "can_see_ranking": sheet is not None and user.has_perm("clusters.view_ranking", sheet),
            "templates": sheet_templates(viewer=user, year=group.year),
        },
    )


# The buttons of the cluster page, one address each. The two forms with typed input (the head's
# appointment and the pact) come back filled in when refused; the one-click buttons answer with a message.


@require_POST
@login_required
def group_leader(request, pk):
    group = visible_group(request, pk)
    allowed_or_403(request, "clusters.manage_groups")
    members = members_of(group)
    form = LeaderForm(request.POST, members=[m.unit for m in members], prefix="leader")

    def refused():
        group.refresh_from_db()
        return render_group(request, group, members=members, leader_form=form)

    return form_action(
        request,
        form,
        lambda data: services.group_set_leader(
            by=request.user,
            group=group,
            unit=next(m.unit for m in members if m.unit_id == data["unit"]),
            position=data["position"],
            method=data["method"],
            note=data["note"],
            expected_version=data["version"],
        ),
        success=_("Đã cập nhật trưởng, phó cụm, khối."),
        redirect_to=group_url(group),
        render=refused,
    )
