"""Pages of the council: composition, meetings, the secret ballot."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from clusters.models import Authority
from core.actions import form_action, post_action, scope_required, visible_or_404

from . import services
from .forms import CouncilMemberForm, MeetingForm, MeetingTextsForm
from .models import Attendance, BallotReceipt, Council, CouncilMember, Meeting, Vote


@permission_required("awards.view_meetings", raise_exception=True)
def council_detail(request, year=None):
    year = year or timezone.localdate().year
    council = Council.objects.filter(year=year).first()
    can_manage = request.user.has_perm("awards.manage_council")
    if council is None and can_manage and request.method == "POST" and "create" in request.POST:
        return post_action(  # a second click finds the year's council made (unique year): "đã thực hiện"
            request,
            lambda: Council.objects.create(year=year, name=Authority.load().council_name),
            redirect_to=reverse("awards:council_year", args=[year]),
        )
    form = CouncilMemberForm(request.POST or None) if council and can_manage else None
    if form is not None:
        return form_action(
            request,
            form,
            lambda data: services.council_member_add(by=request.user, council=council, **data),
            success=_("Đã thêm thành viên Hội đồng."),
            redirect_to=reverse("awards:council_year", args=[year]),
            render=lambda: _council_page(request, council, year, form, can_manage),
        )
    return _council_page(request, council, year, form, can_manage)


def _council_page(request, council, year, form, can_manage):
    return render(
        request,
        "awards/council.html",
        {
            "council": council,
            "year": year,
            "form": form,
            "can_manage": can_manage,
            "members": council.members.select_related("user") if council else [],
            "meetings": council.meetings.all() if council else [],
            "years": Council.objects.values_list("year", flat=True),
        },
    )


@require_POST
@scope_required("awards.manage_council")
def council_member_remove(request, member_pk):
    member = visible_or_404(request, CouncilMember, pk=member_pk)
    return post_action(
        request,
        lambda: services.council_member_remove(by=request.user, member=member),
        success=_("Đã bỏ %(name)s khỏi Hội đồng.") % {"name": member.user},
        redirect_to=reverse("awards:council_year", args=[member.council.year]),
    )


@permission_required("awards.run_meeting", raise_exception=True)
def meeting_create(request, year):
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


def _meeting(request, pk) -> Meeting:
    return visible_or_404(request, Meeting.objects.select_related("council"), "awards.view_meeting", pk=pk)


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    members = list(meeting.council.members.select_related("user"))
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    receipts = {r.member_id: r for r in BallotReceipt.objects.filter(meeting=meeting)}
    for m in members:
        m.attendance = attendance.get(m.pk)
        m.receipt = receipts.get(m.pk)
    items = list(meeting.items.select_related("nominee__dossier__unit", "award"))
    can_run = user.has_perm("awards.run_meeting", meeting)
    texts_form = (
        MeetingTextsForm(request.POST or None, initial={"office_report": meeting.office_report, "conclusion": meeting.conclusion})
        if can_run
        else None
    )
    if texts_form is not None and request.method == "POST" and texts_form.is_valid():
        return post_action(
            request,
            lambda: services.meeting_update_texts(by=user, meeting=meeting, **texts_form.cleaned_data),
            success=_("Đã lưu."),
            redirect_to=reverse("awards:meeting", args=[meeting.pk]),
        )
    return render(
        request,
        "awards/meeting.html",
        {
            "meeting": meeting,
            "members": members,
            "items": items,
            "show_results": meeting.status == Meeting.Status.CLOSED,
            "can_run": can_run,
            "can_vote": user.has_perm("awards.vote", meeting),
            "can_close": user.has_perm("awards.close_ballot", meeting),
            "voted": sum(1 for m in members if m.receipt),
            "voters": sum(1 for m in members if m.votes),
            "texts_form": texts_form,
            "choices": Vote.Choice.choices,
        },
    )


@login_required
def ballot(request, pk):
    """A member's own ballot paper: they see and change only their own votes until the ballot closes."""
    meeting = _meeting(request, pk)
    if not request.user.has_perm("awards.vote", meeting):
        raise PermissionDenied
    items = list(meeting.items.select_related("nominee__dossier__unit", "award"))
    if request.method == "POST":
        choices = {item.pk: request.POST.get(f"item-{item.pk}") for item in items}
        missing = [item for item in items if not choices[item.pk]]
        if missing:
            messages.error(
                request,
                _("Còn %(n)s nội dung chưa chọn. Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.") % {"n": len(missing)},
            )
        else:
            response = post_action(
                request,
                lambda: services.ballot_cast(by=request.user, meeting=meeting, choices=choices),
                success=_("Đã ghi nhận phiếu của bạn. Bạn có thể sửa cho đến khi chủ tọa kết thúc biểu quyết."),
                redirect_to=reverse("awards:meeting", args=[meeting.pk]),
                on_refusal=lambda _exc: None,  # refused: the paper is drawn again below with the choices made
            )
            if response is not None:
                return response
        mine = {item.pk: choices[item.pk] for item in items if choices[item.pk]}
    else:
        mine = services.my_votes(meeting=meeting, user=request.user)
    for item in items:
        item.mine = mine.get(item.pk, "")
    return render(request, "awards/ballot.html", {"meeting": meeting, "items": items, "choices": Vote.Choice.choices})


@require_POST
@login_required
def written_opinion(request, pk, member_pk):
    meeting = _meeting(request, pk)
    member = get_object_or_404(CouncilMember, pk=member_pk, council=meeting.council)
    items = list(meeting.items.all())
    choices = {item.pk: request.POST.get(f"item-{item.pk}", "") for item in items}
    if not all(choices.values()):
        messages.error(request, _("Hãy ghi đủ ý kiến cho mọi nội dung."))
        return redirect("awards:written_opinion_form", pk=meeting.pk, member_pk=member.pk)
    return post_action(
        request,
        lambda: services.ballot_cast(by=request.user, meeting=meeting, choices=choices, on_behalf_of=member),
        success=_("Đã ghi nhận ý kiến bằng văn bản của %(name)s.") % {"name": member.user},
        redirect_to=reverse("awards:meeting", args=[meeting.pk]),
    )


@scope_required("awards.run_meeting")
def written_opinion_form(request, pk, member_pk):
    meeting = _meeting(request, pk)
    member = get_object_or_404(CouncilMember.objects.select_related("user"), pk=member_pk, council=meeting.council)
    items = list(meeting.items.select_related("nominee__dossier__unit", "award"))
    return render(
        request,
        "awards/written_opinion.html",
        {"meeting": meeting, "member": member, "items": items, "choices": Vote.Choice.choices},
    )


@require_POST
@login_required
def meeting_action(request, pk):
    meeting = _meeting(request, pk)
    return post_action(
        request, lambda: _meeting_action(request, meeting), redirect_to=reverse("awards:meeting", args=[meeting.pk])
    )


def _meeting_action(request, meeting):
    """One URL for five actions (the `action` field): split when the council's pages are next reworked."""
    action = request.POST.get("action")
    with transaction.atomic():
        if action == "open":
            services.voting_open(by=request.user, meeting=meeting)
            messages.success(request, _("Đã mở biểu quyết. Thành viên bỏ phiếu trên máy của mình."))
        elif action == "close":
            services.ballot_close(by=request.user, meeting=meeting)
            messages.success(request, _("Đã kết thúc biểu quyết và kiểm phiếu."))
        elif action == "reopen":
            services.ballot_reopen(by=request.user, meeting=meeting, reason=request.POST.get("reason", ""))
            messages.warning(request, _("Đã mở lại biểu quyết."))
        elif action == "refill":
            count = services.agenda_fill(by=request.user, meeting=meeting)
            messages.success(request, _("Đã thêm %(n)s nội dung vào chương trình.") % {"n": count})
        elif action == "attendance":
            member = get_object_or_404(CouncilMember, pk=request.POST.get("member"), council=meeting.council)
            services.attendance_set(by=request.user, meeting=meeting, member=member, present=request.POST.get("present") == "1")
        else:
            raise Http404


@login_required
def minutes_pdf(request, pk):
    """Biên bản họp, generated from the closed ballot; numbered from the register at first print."""
    from django.http import HttpResponse

    from documents.render import render_pdf

    from .documents_data import minutes_dict

    meeting = _meeting(request, pk)
    if meeting.status != Meeting.Status.CLOSED:
        messages.error(request, _("Biên bản chỉ có sau khi chủ tọa kết thúc biểu quyết."))
        return redirect("awards:meeting", pk=meeting.pk)
    services.minutes_number_assign(by=request.user, meeting=meeting)
    pdf = render_pdf("documents/minutes.html", minutes_dict(meeting))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-hop-{meeting.pk}.pdf"'
    return response
