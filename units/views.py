from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from core.actions import NOT_ALLOWED, form_action, scope_required, visible_or_404
from core.imports import Stash, confirm, upload_page, xlsx_response

from . import services
from .enums import AuthorityLevel
from .filters import UnitFilter
from .forms import AuthorityCreateForm, AuthorityForm, UnitContactForm, UnitForm
from .imports import parse_units, unit_template, units_import
from .models import Authority
from .selectors import (
    authority_tree,
    unit_kind_counts,
    unit_people,
    unit_rows,
    units_for_autocomplete,
    units_for_list,
    units_visible_to,
)
from .sheets import ONBOARDING_STASH


def _visible_unit(request, pk):
    """A unit the user may not see is a 404, exactly like one that does not exist."""
    return visible_or_404(request, units_visible_to(viewer=request.user).select_related("parent"), "units.view_unit", pk=pk)


@login_required
def unit_list(request):
    """Not a core.lists table: the units are a tree (parent → children, indented by depth) unless a search
    or a kind narrows them, so the rows are neither sorted by column nor cut into pages. The FilterSet
    narrows them; units.selectors gives the rows."""
    viewer = request.user
    unit_filter = UnitFilter(request.GET, queryset=units_for_list(viewer=viewer), kind_counts=unit_kind_counts(viewer=viewer))
    return render(
        request,
        "units/unit_list.html",
        {
            "filter": unit_filter,
            "rows": unit_rows(unit_filter.qs, as_tree=not unit_filter.narrowed),
            "can_manage": viewer.has_perm("units.manage_units"),
        },
    )


@login_required
def unit_detail(request, pk):
    unit = _visible_unit(request, pk)
    people = unit_people(unit=unit)
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "people": people,
            "children": unit.children.order_by("sort_order", "name"),
            "can_manage": request.user.has_perm("units.manage_units"),
            "can_edit_contact": request.user.has_perm("units.change_unit_contact", unit),
        },
    )


@permission_required("units.manage_units", raise_exception=True)
def unit_create(request):
    authority = request.authority
    form = UnitForm(request.POST or None, authority=authority)
    return form_action(
        request,
        form,
        lambda data: services.unit_create(
            by=request.user, authority=authority, **{k: v for k, v in data.items() if k != "version"}
        ),
        success=lambda unit: _("Đã thêm đơn vị %(name)s.") % {"name": unit.name},
        redirect_to=lambda unit: reverse("units:unit_detail", args=[unit.pk]),
        render=lambda: render(request, "units/unit_form.html", {"form": form, "title": _("Thêm đơn vị")}),
    )


@login_required
def unit_edit(request, pk):
    unit = _visible_unit(request, pk)
    if request.user.has_perm("units.manage_units"):  # the unit is of the authority the user acts in
        form_class = UnitForm
    elif request.user.has_perm("units.change_unit_contact", unit):
        form_class = UnitContactForm
    else:
        raise PermissionDenied(NOT_ALLOWED)
    extra = {"authority": unit.authority} if form_class is UnitForm else {}
    form = form_class(request.POST or None, instance=unit, **extra)
    return form_action(
        request,
        form,
        lambda data: services.unit_update(by=request.user, unit=unit, expected_version=data.pop("version"), **data),
        success=_("Đã lưu thông tin đơn vị."),
        redirect_to=reverse("units:unit_detail", args=[unit.pk]),
        render=lambda: render(request, "units/unit_form.html", {"form": form, "title": _("Sửa thông tin đơn vị"), "unit": unit}),
    )


@permission_required("units.change_authority", raise_exception=True)
def authority_edit(request):
    authority = Authority.objects.get(pk=request.authority.pk)
    form = AuthorityForm(request.POST or None, instance=authority)
    return form_action(
        request,
        form,
        lambda data: services.authority_update(
            by=request.user, authority=authority, expected_version=data.pop("version"), **data
        ),
        success=_("Đã lưu cấu hình cơ quan ban hành."),
        redirect_to=reverse("units:authority_edit"),
        render=lambda: render(request, "units/authority_form.html", {"form": form, "edited": authority}),
    )


# --- The tree of authorities: the system administrator's --------------------------------------------------


@permission_required("units.manage_authorities", raise_exception=True)
def authority_list(request):
    """The province and the communes under it, indented, each with its office and a link to edit it."""
    return render(
        request,
        "units/authority_list.html",
        {"rows": authority_tree(), "acting_id": request.authority.pk},
    )


@permission_required("units.manage_authorities", raise_exception=True)
def authority_create(request):
    initial = {"parent": request.GET.get("cap-tren") or Authority.root().pk, "level": AuthorityLevel.COMMUNE}
    form = AuthorityCreateForm(request.POST or None, initial=initial)
    return form_action(
        request,
        form,
        lambda data: services.authority_create(by=request.user, **data),
        success=lambda authority: _("Đã thêm cơ quan %(name)s.") % {"name": authority},
        redirect_to=reverse("units:authority_list"),
        render=lambda: render(request, "units/authority_create.html", {"form": form}),
    )


@scope_required("units.manage_authorities")
def authority_change(request, pk):
    authority = visible_or_404(request, Authority.objects.all(), pk=pk)
    form = AuthorityForm(request.POST or None, instance=authority)
    return form_action(
        request,
        form,
        lambda data: services.authority_update(
            by=request.user, authority=authority, expected_version=data.pop("version"), **data
        ),
        success=lambda saved: _("Đã lưu cấu hình cơ quan %(name)s.") % {"name": saved},
        redirect_to=reverse("units:authority_list"),
        render=lambda: render(request, "units/authority_form.html", {"form": form, "edited": authority, "from_list": True}),
    )


@require_GET
@login_required
def unit_autocomplete(request):
    """The unit pickers' suggestions (units.widgets.UnitAutocomplete, read by static/js/portal.js):
    ?q= what was typed, ?kind= one kind of unit, ?inactive=1 also units that stopped working. Only units the
    viewer may see; a form still validates the chosen id against its own queryset."""
    rows = units_for_autocomplete(
        viewer=request.user,
        query=request.GET.get("q", "")[:100],
        kind=request.GET.get("kind", ""),
        include_inactive=request.GET.get("inactive") == "1",
    )
    return JsonResponse(
        {"results": [{"value": r["pk"], "text": r["name"], "code": r["code"], "parent": r["parent__name"] or ""} for r in rows]}
    )


# --- Onboarding: units from Excel (#13) ----------------------------------------------------------------


@permission_required("units.manage_units", raise_exception=True)
def unit_import_template(request):
    return xlsx_response(unit_template(by=request.user), "Mẫu danh sách đơn vị.xlsx")


@permission_required("units.manage_units", raise_exception=True)
def unit_import(request):
    return upload_page(
        request,
        "units/unit_import.html",
        Stash(request, key=ONBOARDING_STASH, kind="units"),
        parse=lambda file: parse_units(file, by=request.user),
        context={},
    )


@require_POST
@permission_required("units.manage_units", raise_exception=True)
def unit_import_confirm(request):
    return confirm(
        request,
        Stash(request, key=ONBOARDING_STASH, kind="units"),
        parse=lambda file: parse_units(file, by=request.user),
        save=lambda preview: units_import(by=request.user, preview=preview),
        page=reverse("units:unit_import"),
        done=reverse("units:unit_list"),
        template="units/unit_import.html",
        context={},
        success=lambda counts: _("Đã thêm %(created)s đơn vị, cập nhật %(updated)s đơn vị.") % counts,
    )
