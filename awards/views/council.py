"""Pages of a year's council: its members and meetings; making the council, adding and removing members,
creating a meeting. Every change is its own URL through core.actions.

The council of a year is the one of the authority the viewer acts in (request.authority, #13): another
authority's council, its members and meetings are never reached from here."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import form_action, post_action, post_from, visible_or_404
from core.lists import list_table

from .. import services
from ..forms import CouncilMemberForm, MeetingForm
from ..rules import may
from ..selectors import council_meetings, council_members, council_members_visible_to, council_of_year, council_years
from ..tables import CouncilMemberTable, MeetingTable


def _council_url(year: int) -> str:
    return reverse("awards:council_year", args=[year])


def _manager_or_403(request) -> None:
    """The council's composition is the standing office's (a page with no object id: 403 for the others)."""
    if not may(request.user, "awards.manage_council"):
        raise PermissionDenied


@login_required
def council_detail(request, year=None):
    if not may(request.user, "awards.view_meetings"):
        raise PermissionDenied
    year = year or timezone.localdate().year
    return _council_page(request, year, council_of_year(authority_id=request.user.acting_authority_id, year=year))


def _council_or_404(request, year):
    council = council_of_year(authority_id=request.user.acting_authority_id, year=year)
    if council is None:
        raise Http404
    return council


def _member_form(request, data=None) -> CouncilMemberForm:
    """Only people holding a role in the authority the office acts in may sit on its council."""
    return CouncilMemberForm(data, authority_id=request.user.acting_authority_id)


def _council_page(request, year, council, form=None):
    manages = may(request.user, "awards.manage_council")
    context = {
        "council": council,
        "year": year,
        "can_manage": manages,
        "years": council_years(authority_id=request.user.acting_authority_id),
    }
    if council is not None:
        context |= {
            "form": form or (_member_form(request) if manages else None),
            "members": list_table(request, CouncilMemberTable, council_members(council), prefix="tv-", manages=manages),
            "meetings": list_table(request, MeetingTable, council_meetings(council), prefix="ph-"),
        }
    return render(request, "awards/council.html", context)


@require_POST
@login_required
def council_create(request, year):
    """A second click finds the year's council made (unique year) and is told so, never a 500."""
    _manager_or_403(request)
    return post_action(
        request,
        lambda: services.council_create(by=request.user, year=year),
        redirect_to=_council_url(year),
    )


@post_from("awards:council_year", "year")
@login_required
def council_member_add(request, year):
    _manager_or_403(request)
    council = _council_or_404(request, year)
    form = _member_form(request, request.POST)
    return form_action(
        request,
        form,
        lambda data: services.council_member_add(by=request.user, council=council, **data),
        success=_("Đã thêm thành viên Hội đồng."),
        redirect_to=_council_url(year),
        render=lambda: _council_page(request, year, council, form),
    )


@require_POST
@login_required
def council_member_remove(request, member_pk):
    if not may(request.user, "awards.manage_council"):
        raise Http404
    member = visible_or_404(request, council_members_visible_to, pk=member_pk)
    return post_action(
        request,
        lambda: services.council_member_remove(by=request.user, member=member),
        success=_("Đã bỏ %(name)s khỏi Hội đồng.") % {"name": member.user},
        redirect_to=_council_url(member.council.year),
    )


@login_required
def meeting_create(request, year):
    if not may(request.user, "awards.run_meeting"):
        raise PermissionDenied
    council = _council_or_404(request, year)
    form = MeetingForm(request.POST or None)

    def create(data):
        meeting = services.meeting_create(by=request.user, council=council, **data)
        meeting.agenda_count = services.agenda_fill(by=request.user, meeting=meeting)
        return meeting

    return form_action(
        request,
        form,
        create,
        success=lambda meeting: _("Đã tạo phiên họp với %(n)s nội dung biểu quyết.") % {"n": meeting.agenda_count},
        redirect_to=lambda meeting: reverse("awards:meeting", args=[meeting.pk]),
        render=lambda: render(
            request,
            "awards/meeting_form.html",
            {
                "form": form,
                "council": council,
                "candidates": services.agenda_candidates(authority_id=council.authority_id).count(),
            },
        ),
    )
