"""The leader election (suy tôn): opened by the head, one secret vote per member, closed and counted."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.actions import post_action, visible_or_404
from units.models import Unit

from .. import services
from ..selectors import members_of, voting_units
from .common import group_url, visible_group


def _election_of(group):
    election = getattr(group, "election", None)
    if election is None:
        raise Http404
    return election


def _election_url(group) -> str:
    return reverse("clusters:election", args=[group.pk])


@require_POST
@login_required
def group_open_election(request, pk):
    group = visible_group(request, pk)

    def open_election():
        services.election_open(by=request.user, group=group)
        return group

    return post_action(request, open_election, redirect_to=lambda done: _election_url(group) if done else group_url(group))


@require_GET
@login_required
def election(request, pk):
    group = visible_group(request, pk)
    election = _election_of(group)
    user = request.user
    my_units = voting_units(user=user, election=election)
    # While the ballot is open a head sees (and may change) its unit's own vote; once closed the votes
    # no longer know their voters, and the page says so instead.
    mine = services.my_votes(election=election, units=my_units)
    return render(
        request,
        "clusters/election.html",
        {
            "group": group,
            "election": election,
            "members": [m.unit for m in members_of(group)],
            "my_ballots": [{"unit": u, "choice": mine.get(u.pk)} for u in my_units],
            "voted": set(election.receipts.values_list("unit_id", flat=True)),
            "can_run_election": user.has_perm("clusters.run_election", group),
        },
    )


@require_POST
@login_required
def election_vote(request, pk):
    group = visible_group(request, pk)
    election = _election_of(group)
    members = Unit.objects.filter(authority_id=group.authority_id)
    unit = visible_or_404(request, members, pk=request.POST.get("unit") or 0)
    candidate = visible_or_404(request, members, pk=request.POST.get("candidate") or 0)
    return post_action(
        request,
        lambda: services.election_vote(by=request.user, election=election, unit=unit, candidate=candidate),
        success=_("Đã ghi nhận phiếu bầu của %(unit)s.") % {"unit": unit.name},
        redirect_to=_election_url(group),
    )


@require_POST
@login_required
def election_close(request, pk):
    group = visible_group(request, pk)
    election = _election_of(group)
    return post_action(
        request,
        lambda: services.election_close(by=request.user, election=election),
        success=_("Đã kết thúc bỏ phiếu và kiểm phiếu."),
        redirect_to=_election_url(group),
    )
