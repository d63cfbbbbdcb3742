"""The secret ballot: a member's own ballot paper, and the written opinion of a member recorded absent
(entered by the secretary or the chair)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import post_action
from dossiers.models import Attachment

from .. import services
from ..models import CouncilMember, Vote
from ..selectors import meeting_questions
from .meetings import meeting_or_404, meeting_url


def _with_files(questions: list[dict]) -> list[dict]:
    """Each nominee voted one by one gets their files (the report of their achievements…), read in one query,
    so a member opens them from the ballot paper; their summary and the appraisal come with the nominee."""
    nominee_ids = [q["item"].nominee_id for q in questions if "item" in q]
    files: dict[int, list] = {}
    for attachment in Attachment.objects.filter(nominee_id__in=nominee_ids).order_by("component", "id"):
        files.setdefault(attachment.nominee_id, []).append(attachment)
    for q in questions:
        if "item" in q:
            q["files"] = files.get(q["item"].nominee_id, [])
    return questions


def _ballot_post(request, questions) -> tuple[dict, dict, dict, int]:
    """The choices posted: per nominee, per list, all by field name, and how many are missing."""
    posted = {q["field"]: request.POST.get(q["field"], "") for q in questions}
    choices = {int(f.removeprefix("item-")): v for f, v in posted.items() if f.startswith("item-") and v}
    list_choices = {int(f.removeprefix("list-")): v for f, v in posted.items() if f.startswith("list-") and v}
    return choices, list_choices, posted, sum(1 for v in posted.values() if not v)


@login_required
def ballot(request, pk):
    """A member's own ballot paper: they see and change only their own votes until the ballot closes."""
    meeting = meeting_or_404(request, pk, "awards.vote")
    questions = _with_files(meeting_questions(meeting))
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
                redirect_to=meeting_url(meeting),
                on_refusal=lambda _exc: None,  # refused: the paper is drawn again below with the choices made
            )
            if response is not None:
                return response
    else:
        mine = services.my_votes(meeting=meeting, user=request.user)
    for question in questions:
        question["mine"] = mine.get(question["field"], "")
    return render(request, "awards/ballot.html", {"meeting": meeting, "questions": questions, "choices": Vote.Choice.choices})


def _member_of(meeting, member_pk) -> CouncilMember:
    return get_object_or_404(CouncilMember.objects.select_related("user"), pk=member_pk, council=meeting.council)


@login_required
def written_opinion_form(request, pk, member_pk):
    meeting = meeting_or_404(request, pk, "awards.run_ballot")
    member = _member_of(meeting, member_pk)
    questions = _with_files(meeting_questions(meeting))
    return render(
        request,
        "awards/written_opinion.html",
        {"meeting": meeting, "member": member, "questions": questions, "choices": Vote.Choice.choices},
    )


@require_POST
@login_required
def written_opinion(request, pk, member_pk):
    meeting = meeting_or_404(request, pk, "awards.run_ballot")
    member = _member_of(meeting, member_pk)
    choices, list_choices, _posted, missing = _ballot_post(request, meeting_questions(meeting))
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
        redirect_to=meeting_url(meeting),
    )
