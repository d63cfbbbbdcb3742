"""The leader proposal of a cluster's or bloc's election (suy tôn), shown on the election page of
clusters by HTMX and posted here: clusters links to this page, it never imports dossiers."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Election
from clusters.selectors import groups_visible_to
from core.actions import allowed_or_403, post_action, visible_or_404

from ..selectors import proposal_rounds
from ..services import leader_proposal_create


def _election(request, pk) -> Election:
    """The group's election, for the head of the group only: 404 for a group the user may not see
    (or without an election), 403 for a member that is not the head."""
    group = visible_or_404(request, groups_visible_to(viewer=request.user).select_related("head"), "clusters.view_group", pk=pk)
    election = visible_or_404(request, Election.objects.select_related("winner", "proposal"), group=group)
    allowed_or_403(request, "clusters.run_election", group)
    election.group = group
    return election


@login_required
def leader_proposal(request, pk):
    """GET (HTMX): the proposal's state or the form to draft it; POST: draft it, then open the draft."""
    election = _election(request, pk)
    group = election.group
    if request.method == "POST":
        award_round = proposal_rounds(group=group).filter(pk=request.POST.get("round") or 0).first()

        def draft():
            if award_round is None:
                raise ValidationError(_("Vui lòng chọn một đợt xét khen thưởng đang nhận hồ sơ."))
            return leader_proposal_create(by=request.user, election=election, award_round=award_round)

        return post_action(
            request,
            draft,
            success=_("Đã lập hồ sơ đề nghị (bản nháp)."),
            redirect_to=lambda dossier: (
                reverse("dossiers:detail", args=[dossier.pk]) if dossier else reverse("clusters:election", args=[group.pk])
            ),
        )
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
