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

from core.actions import form_action, post_action, visible_or_404
from units.models import Authority

from . import services
from .forms import CouncilMemberForm, MeetingForm, MeetingTextsForm
from .models import Attendance, BallotReceipt, Council, CouncilMember, Meeting, Vote
from .rules import may


@login_required
def council_detail(request, year=None):
    if not may(request.user, "awards.view_meetings"):
        raise PermissionDenied
    year = year or timezone.localdate().year
    council = Council.objects.filter(year=year).first()
    can_manage = may(request.user, "awards.manage_council")
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
@login_required
def council_member_remove(request, member_pk):
    if not may(request.user, "awards.manage_council"):
        raise Http404
    member = visible_or_404(request, CouncilMember, pk=member_pk)
    return post_action(
        request,
        lambda: services.council_member_remove(by=request.user, member=member),
        success=_("Đã bỏ %(name)s khỏi Hội đồng.") % {"name": member.user},
        redirect_to=reverse("awards:council_year", args=[member.council.year]),
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


def _meeting(request, pk, perm: str = "awards.view_meeting") -> Meeting:
    """The meeting, if the viewer's place allows `perm` on it; otherwise 404, like a meeting that
    does not exist (the council's rules only: no superuser shortcut)."""
    meeting = visible_or_404(request, Meeting.objects.select_related("council"), pk=pk)
    if not may(request.user, perm, meeting):
        raise Http404
    return meeting


def _questions(meeting: Meeting) -> list[dict]:
    """The ballot's questions in agenda order: a whole list (one choice for all its nominees) or one
    nominee. Each carries its field name on the ballot paper."""
    items = list(meeting.items.select_related("nominee__dossier__unit", "award", "agenda_list"))
    questions: list[dict] = []
    by_list: dict[int, dict] = {}
    for item in items:
        if item.agenda_list_id is None:
            questions.append({"field": f"item-{item.pk}", "award": item.award, "item": item, "result": item})
            continue
        question = by_list.get(item.agenda_list_id)
        if question is None:
            question = {
                "field": f"list-{item.agenda_list_id}",
                "award": item.award,
                "list": item.agenda_list,
                "nominees": [],
                "result": item.agenda_list,
            }
            by_list[item.agenda_list_id] = question
            questions.append(question)
        question["nominees"].append(item.nominee)
    return questions


def _ballot_post(request, questions) -> tuple[dict, dict, dict, int]:
    """The choices posted: per nominee, per list, all by field name, and how many are missing."""
    posted = {q["field"]: request.POST.get(q["field"], "") for q in questions}
    choices = {int(f.removeprefix("item-")): v for f, v in posted.items() if f.startswith("item-") and v}
    list_choices = {int(f.removeprefix("list-")): v for f, v in posted.items() if f.startswith("list-") and v}
    return choices, list_choices, posted, sum(1 for v in posted.values() if not v)


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
        # A written opinion only for a voting member recorded absent who has not voted in person.
        m.takes_written_opinion = (
            meeting.status == Meeting.Status.VOTING
            and m.votes
            and m.attendance is not None
            and not m.attendance.present
            and (m.receipt is None or m.receipt.written)
        )
    prepares = may(user, "awards.run_meeting", meeting)
    can_run = prepares and meeting.status == Meeting.Status.DRAFT
    texts_form = (
        MeetingTextsForm(request.POST or None, initial={"office_report": meeting.office_report, "conclusion": meeting.conclusion})
        if prepares
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
            "questions": _questions(meeting),
            "show_results": meeting.status == Meeting.Status.CLOSED,
            "can_run": can_run,
            "can_run_ballot": may(user, "awards.run_ballot", meeting),
            "can_vote": may(user, "awards.vote", meeting),
            "can_close": may(user, "awards.close_ballot", meeting),
            "can_minutes": may(user, "awards.view_minutes", meeting),
            "voted": sum(1 for m in members if m.receipt),
            "voters": sum(1 for m in members if m.votes),
            "texts_form": texts_form,
            "choices": Vote.Choice.choices,
        },
    )


@login_required
def ballot(request, pk):
    """A member's own ballot paper: they see and change only their own votes until the ballot closes."""
    meeting = _meeting(request, pk, "awards.vote")
    questions = _questions(meeting)
    if request.method == "POST":
        choices, list_choices, mine, missing = _ballot_post(request, questions)
        if missing:
            messages.error(
                request,
                _("Còn %(n)s nội dung chưa chọn. Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.") % {"n": missing},
            )
        else:
            response = post_action(
                request,
                lambda: services.ballot_cast(by=request.user, meeting=meeting, choices=choices, list_choices=list_choices),
                success=_("Đã ghi nhận phiếu của bạn. Bạn có thể sửa cho đến khi chủ tọa kết thúc biểu quyết."),
                redirect_to=reverse("awards:meeting", args=[meeting.pk]),
                on_refusal=lambda _exc: None,  # refused: the paper is drawn again below with the choices made
            )
            if response is not None:
                return response
    else:
        mine = services.my_votes(meeting=meeting, user=request.user)
    for question in questions:
        question["mine"] = mine.get(question["field"], "")
    return render(request, "awards/ballot.html", {"meeting": meeting, "questions": questions, "choices": Vote.Choice.choices})


@require_POST
@login_required
def written_opinion(request, pk, member_pk):
    meeting = _meeting(request, pk, "awards.run_ballot")
    member = get_object_or_404(CouncilMember.objects.select_related("user"), pk=member_pk, council=meeting.council)
    choices, list_choices, _posted, missing = _ballot_post(request, _questions(meeting))
    if missing:
        messages.error(request, _("Hãy ghi đủ ý kiến cho mọi nội dung."))
        return redirect("awards:written_opinion_form", pk=meeting.pk, member_pk=member.pk)
    # The service audits a refused attempt itself, outside the refused transaction: post_action adds none.
    return post_action(
        request,
        lambda: services.written_opinion_record(
            by=request.user, meeting=meeting, member=member, choices=choices, list_choices=list_choices
        ),
        success=_("Đã ghi nhận ý kiến bằng văn bản của %(name)s.") % {"name": member.user},
        redirect_to=reverse("awards:meeting", args=[meeting.pk]),
    )


@login_required
def written_opinion_form(request, pk, member_pk):
    meeting = _meeting(request, pk, "awards.run_ballot")
    member = get_object_or_404(CouncilMember.objects.select_related("user"), pk=member_pk, council=meeting.council)
    return render(
        request,
        "awards/written_opinion.html",
        {"meeting": meeting, "member": member, "questions": _questions(meeting), "choices": Vote.Choice.choices},
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

    meeting = _meeting(request, pk, "awards.view_minutes")
    if meeting.status != Meeting.Status.CLOSED:
        messages.error(request, _("Biên bản chỉ có sau khi chủ tọa kết thúc biểu quyết."))
        return redirect("awards:meeting", pk=meeting.pk)
    services.minutes_number_assign(by=request.user, meeting=meeting)
    pdf = render_pdf("documents/minutes.html", minutes_dict(meeting))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-hop-{meeting.pk}.pdf"'
    return response
