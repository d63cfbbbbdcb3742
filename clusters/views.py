from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from core.forms import apply_validation_error
from core.services import ConcurrentEditError
from core.text import normalize_text, search_q

from . import services
from .enums import UnitKind
from .forms import AuthorityForm, UnitContactForm, UnitForm
from .models import Authority
from .selectors import unit_tree, units_for_list, units_visible_to


def _visible_unit(request, pk):
    """A unit the user may not see is a 404, exactly like one that does not exist."""
    unit = get_object_or_404(units_visible_to(viewer=request.user).select_related("parent"), pk=pk)
    if not request.user.has_perm("clusters.view_unit", unit):
        raise Http404
    return unit


@login_required
def unit_list(request):
    units = units_for_list(viewer=request.user)
    kind = request.GET.get("kind", "")
    q = normalize_text(request.GET.get("q", ""))
    show_inactive = request.GET.get("inactive") == "1"
    filtered = units
    if kind:
        filtered = filtered.filter(kind=kind)
    if q:
        filtered = filtered.filter(search_q(q, folded=("search_name",), exact=("code",)))
    if not show_inactive:
        filtered = filtered.filter(is_active=True)
    tree = unit_tree(filtered) if not (kind or q) else [(u, 0) for u in filtered]
    counts = dict(units.filter(is_active=True).values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    kinds = [(value, label, counts.get(value, 0)) for value, label in UnitKind.choices]
    return render(
        request,
        "clusters/unit_list.html",
        {
            "tree": tree,
            "kinds": kinds,
            "kind": kind,
            "q": q,
            "show_inactive": show_inactive,
            "can_manage": request.user.has_perm("clusters.manage_units"),
        },
    )


@login_required
def unit_detail(request, pk):
    unit = _visible_unit(request, pk)
    people = unit.role_assignments.filter(user__is_active=True).select_related("user").order_by("role", "user__full_name")
    return render(
        request,
        "clusters/unit_detail.html",
        {
            "unit": unit,
            "people": people,
            "children": unit.children.order_by("sort_order", "name"),
            "can_manage": request.user.has_perm("clusters.manage_units"),
            "can_edit_contact": request.user.has_perm("clusters.change_unit_contact", unit),
        },
    )


@permission_required("clusters.manage_units", raise_exception=True)
def unit_create(request):
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            unit = services.unit_create(by=request.user, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": unit.name})
            return redirect("clusters:unit_detail", pk=unit.pk)
    return render(request, "clusters/unit_form.html", {"form": form, "title": _("Thêm đơn vị")})


@login_required
def unit_edit(request, pk):
    unit = _visible_unit(request, pk)
    if request.user.has_perm("clusters.manage_units"):
        form_class = UnitForm
    elif request.user.has_perm("clusters.change_unit_contact", unit):
        form_class = UnitContactForm
    else:
        raise PermissionDenied
    form = form_class(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.unit_update(by=request.user, unit=unit, expected_version=form.cleaned_data["version"], **data)
        except (ConcurrentEditError, ValidationError) as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("clusters:unit_detail", pk=unit.pk)
    return render(request, "clusters/unit_form.html", {"form": form, "title": _("Sửa thông tin đơn vị"), "unit": unit})


@permission_required("clusters.change_authority", raise_exception=True)
def authority_edit(request):
    authority = Authority.load()
    form = AuthorityForm(request.POST or None, instance=authority)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.authority_update(by=request.user, authority=authority, expected_version=form.cleaned_data["version"], **data)
        except (ConcurrentEditError, ValidationError) as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu cấu hình cơ quan ban hành."))
            return redirect("clusters:authority_edit")
    return render(request, "clusters/authority_form.html", {"form": form})
