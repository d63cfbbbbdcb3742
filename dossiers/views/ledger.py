"""The award ledger: a person's history, a unit's ledger, the people who may be the same person."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import post_action, scope_or_404, visible_or_404
from core.lists import list_page
from units.selectors import units_visible_to

from .. import selectors, services
from ..filters import LedgerFilter
from ..tables import LedgerTable


@login_required
def person_detail(request, person_pk):
    scope_or_404(request, "dossiers.view_ledger")
    authority_id = request.user.acting_authority_id
    people = selectors.people_of(authority_id=authority_id).select_related("unit", "merged_into")
    person = visible_or_404(request, people, pk=person_pk)
    return render(
        request,
        "dossiers/person_detail.html",
        {
            "person": person,
            "records": selectors.ledger_of_person(person, authority_id=authority_id),
            "nominations": selectors.nominations_of_person(person, authority_id=authority_id),
        },
    )


@login_required
def unit_ledger(request, unit_pk):
    authority_id = request.user.acting_authority_id
    unit = visible_or_404(request, units_visible_to(viewer=request.user).filter(authority_id=authority_id), pk=unit_pk)
    return list_page(
        request,
        "dossiers/unit_ledger.html",
        table_class=LedgerTable,
        filterset=LedgerFilter(request.GET, queryset=selectors.ledger_of_unit(unit, authority_id=authority_id)),
        context={"unit": unit},
    )


@permission_required("dossiers.process_dossier", raise_exception=True)
def duplicates(request):
    groups = selectors.likely_duplicate_people(authority_id=request.user.acting_authority_id)
    return render(request, "dossiers/duplicates.html", {"groups": groups})


@require_POST
@permission_required("dossiers.process_dossier", raise_exception=True)
def person_merge(request):
    """One person of a group of likely duplicates merged into another (their awards follow)."""
    keep = visible_or_404(request, selectors.people_visible_to, pk=request.POST.get("keep"))
    duplicate = visible_or_404(request, selectors.people_visible_to, pk=request.POST.get("duplicate"))
    return post_action(
        request,
        lambda: services.person_merge(by=request.user, keep=keep, duplicate=duplicate),
        success=_("Đã gộp %(dup)s vào %(keep)s.") % {"dup": duplicate, "keep": keep},
        redirect_to=reverse("dossiers:duplicates"),
    )
