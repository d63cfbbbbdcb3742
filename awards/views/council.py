"""Pages of a year's council: its members and meetings; making the council, adding and removing members,
creating a meeting. Every change is its own URL through core.actions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import form_action, post_action, post_from, visible_or_404
from core.lists import list_table

from .. import services
from ..forms import CouncilMemberForm, MeetingForm
from ..models import Council, CouncilMember
from ..rules import may
from ..selectors import council_meetings, council_members
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
    return _council_page(request, year, Council.objects.filter(year=year).first())


def _council_page(request, year, council, form=None):
    manages = may(request.user, "awards.manage_council")
    context = {
        "council": council,
        "year": year,
        "can_manage": manages,
        "years": Council.objects.values_list("year", flat=True),
    }
    if council is not None:
        context |= {
            "form": form or (CouncilMemberForm() if manages else None),
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
    council = get_object_or_404(Council, year=year)
    form = CouncilMemberForm(request.POST)
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
    member = visible_or_404(request, CouncilMember, pk=member_pk)
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
    council = get_object_or_404(Council, year=year)
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
            {"form": form, "council": council, "candidates": services.agenda_candidates().count()},
        ),
    )
