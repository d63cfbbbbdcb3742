"""A council meeting's page and each of its actions, one URL and one view per action (open the ballot,
close and count it, reopen it, refill the agenda, take attendance, save the minutes' texts), all through
core.actions. The ballot's own rules decide who may act (awards.rules.may: no superuser shortcut)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import form_action, post_action, visible_or_404
from core.files import named
from core.lists import list_table

from .. import services
from ..decisions import dossiers_awaiting_result
from ..documents_data import minutes_dict
from ..forms import MeetingTextsForm
from ..models import CouncilMember, Meeting, Vote
from ..rules import may
from ..selectors import ballot_progress, meeting_members, meeting_questions, meetings_visible
from ..tables import MeetingMemberTable

MEMBERS_PER_PAGE = 100  # a council is a few dozen people: one page


def meeting_or_404(request, pk, perm: str = "awards.view_meeting") -> Meeting:
    """The meeting of a council of the authority the viewer acts in, if the viewer's place allows `perm` on
    it; otherwise 404, like a meeting that does not exist (the council's rules only: no superuser shortcut)."""
    meeting = visible_or_404(request, meetings_visible, pk=pk)
    if not may(request.user, perm, meeting):
        raise Http404
    return meeting


def meeting_url(meeting: Meeting) -> str:
    return reverse("awards:meeting", args=[meeting.pk])


@login_required
def meeting_detail(request, pk):
    return _meeting_page(request, meeting_or_404(request, pk))


def _meeting_page(request, meeting: Meeting, texts_form=None):
    user = request.user
    prepares = may(user, "awards.run_meeting", meeting)
    runs_ballot = may(user, "awards.run_ballot", meeting)
    closes = may(user, "awards.close_ballot", meeting)
    if texts_form is None and prepares:
        texts_form = MeetingTextsForm(initial={"office_report": meeting.office_report, "conclusion": meeting.conclusion})
    members = list_table(
        request, MeetingMemberTable, meeting_members(meeting), per_page=MEMBERS_PER_PAGE, meeting=meeting, runs_ballot=runs_ballot
    )
    return render(
        request,
        "awards/meeting.html",
        {
            "meeting": meeting,
            "members": members,
            "questions": meeting_questions(meeting),
            "progress": ballot_progress(meeting) if meeting.is_voting else None,
            "can_refill": prepares and meeting.is_draft,
            "can_open": runs_ballot and meeting.is_draft,
            "can_vote": meeting.is_voting and may(user, "awards.vote", meeting),
            "can_close": closes and meeting.is_voting,
            "can_reopen": closes and meeting.is_closed,
            "can_minutes": meeting.is_closed and may(user, "awards.view_minutes", meeting),
            "can_decide": (can_decide := meeting.is_closed and user.has_perm("awards.manage_decisions")),  # on to decisions
            "awaiting_result": list(dossiers_awaiting_result(meeting)) if can_decide else [],
            "texts_form": texts_form,
            "choices": Vote.Choice.choices,
        },
    )


@require_POST
@login_required
def meeting_texts(request, pk):
    """The office's report and the chair's conclusion, written into the minutes."""
    meeting = meeting_or_404(request, pk)
    form = MeetingTextsForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.meeting_update_texts(by=request.user, meeting=meeting, **data),
        success=_("Đã lưu."),
        redirect_to=meeting_url(meeting),
        render=lambda: _meeting_page(request, meeting, texts_form=form),
    )


@require_POST
@login_required
def agenda_fill(request, pk):
    """ "Cập nhật chương trình": nominees sent to the council since the meeting was made join its agenda."""
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: services.agenda_fill(by=request.user, meeting=meeting),
        success=lambda count: _("Đã thêm %(n)s nội dung vào chương trình.") % {"n": count},
        redirect_to=meeting_url(meeting),
    )


@require_POST
@login_required
def attendance_set(request, pk, member_pk, present: bool):
    """ "Ghi có mặt" / "Ghi vắng" for one member (two URLs, the state in the address)."""
    meeting = meeting_or_404(request, pk)
    member = get_object_or_404(CouncilMember.objects.select_related("user"), pk=member_pk, council_id=meeting.council_id)
    return post_action(
        request,
        lambda: services.attendance_set(by=request.user, meeting=meeting, member=member, present=present),
        redirect_to=meeting_url(meeting),
    )


@require_POST
@login_required
def voting_open(request, pk):
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: services.voting_open(by=request.user, meeting=meeting),
        success=_("Đã mở biểu quyết. Thành viên bỏ phiếu trên máy của mình."),
        redirect_to=meeting_url(meeting),
    )


@require_POST
@login_required
def ballot_close(request, pk):
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: services.ballot_close(by=request.user, meeting=meeting),
        success=_("Đã kết thúc biểu quyết và kiểm phiếu."),
        redirect_to=meeting_url(meeting),
    )


@require_POST
@login_required
def ballot_reopen(request, pk):
    meeting = meeting_or_404(request, pk)

    def reopen():
        services.ballot_reopen(by=request.user, meeting=meeting, reason=request.POST.get("reason", ""))
        messages.warning(request, _("Đã mở lại biểu quyết."))  # a warning: every vote cast was cancelled

    return post_action(request, reopen, redirect_to=meeting_url(meeting))


@login_required
def minutes_pdf(request, pk):
    """Biên bản họp, generated from the closed ballot; numbered from the register at first print."""
    from documents.render import render_pdf  # WeasyPrint loads on the first PDF, not at start-up

    meeting = meeting_or_404(request, pk, "awards.view_minutes")
    if not meeting.is_closed:
        messages.error(request, _("Biên bản chỉ có sau khi chủ tọa kết thúc biểu quyết."))
        return redirect("awards:meeting", pk=meeting.pk)
    services.minutes_number_assign(by=request.user, meeting=meeting)
    pdf = render_pdf("documents/minutes.html", minutes_dict(meeting))
    name = f"Biên bản họp Hội đồng {timezone.localtime(meeting.starts_at):%d-%m-%Y}.pdf"
    return named(HttpResponse(pdf, content_type="application/pdf"), name, inline=True)
