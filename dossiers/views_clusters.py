"""The leader proposal of a cluster's or bloc's election (suy tôn), shown on the election page of
clusters by HTMX and posted here: clusters links to this page, it never imports dossiers.

Included by dossiers/urls.py inside the "dossiers" namespace (prefix "ho-so/")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from clusters.models import Election
from clusters.selectors import groups_visible_to
from core.forms import errors_to_messages

from .cluster_proposals import leader_proposal_create, proposal_rounds


def _election(request, pk) -> Election:
    """The group's election, for the head of the group only: 404 for a group the user may not see
    (or without an election), 403 for a member that is not the head."""
    group = get_object_or_404(groups_visible_to(viewer=request.user).select_related("head"), pk=pk)
    if not request.user.has_perm("clusters.view_group", group):
        raise Http404
    election = Election.objects.filter(group=group).select_related("winner", "proposal").first()
    if election is None:
        raise Http404
    if not request.user.has_perm("clusters.run_election", group):
        raise PermissionDenied
    election.group = group
    return election


@login_required
def leader_proposal(request, pk):
    """GET (HTMX): the proposal's state or the form to draft it; POST: draft it, then open the draft."""
    election = _election(request, pk)
    group = election.group
    if request.method == "POST":
        award_round = proposal_rounds(group=group).filter(pk=request.POST.get("round") or 0).first()
        try:
            if award_round is None:
                raise ValidationError(_("Vui lòng chọn một đợt xét khen thưởng đang nhận hồ sơ."))
            dossier = leader_proposal_create(by=request.user, election=election, award_round=award_round)
        except ValidationError as exc:
            errors_to_messages(request, exc)
            return redirect("clusters:election", pk=group.pk)
        messages.success(request, _("Đã lập hồ sơ đề nghị (bản nháp)."))
        return redirect("dossiers:detail", pk=dossier.pk)
    if not request.headers.get("HX-Request"):
        return redirect("clusters:election", pk=group.pk)
    return render(
        request,
        "dossiers/_leader_proposal.html",
        {
            "group": group,
            "election": election,
            "rounds": proposal_rounds(group=group),
            "may_draft": group.head_id is not None and request.user.has_perm("dossiers.create_dossier", group.head),
        },
    )


urlpatterns = [
    path("cum-khoi/<int:pk>/de-nghi-suy-ton/", leader_proposal, name="leader_proposal"),
]
