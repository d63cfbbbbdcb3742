"""A unit's score card: its own scores and evidence, the head's review or return; one address per button.

The score inputs are not a Django form (one row per criterion of the sheet): a refused post draws the card
again with what was typed (core.actions.post_action's ``on_refusal``)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.actions import allowed_or_403, form_action, post_action
from core.files import protected_file
from core.services import ConcurrentEditError

from .. import services
from ..forms import EvidenceForm
from ..models import Evidence
from ..scoring import format_points
from ..selectors import CARD_REVIEWERS, card_reviewer, card_state, cards_of, criteria_rows
from ..services._common import check_points
from .common import posted_version


def _card(request, pk):
    card = get_object_or_404(cards_of(request.user).select_related("sheet__group__head", "unit"), pk=pk)
    if not request.user.has_perm("clusters.view_card", card):
        raise Http404
    return card


def _card_url(card) -> str:
    return reverse("clusters:card_detail", args=[card.pk])


def _evidence_form(card, lines, data=None, files=None):
    return EvidenceForm(data, files, lines=[line for line in lines if line is not None])


@require_GET
@login_required
def card_detail(request, pk):
    return _render_card(request, _card(request, pk))


def _render_card(request, card, *, keep=None, stale=False, return_reason="", evidence_form=None):
    user = request.user
    criteria = list(card.sheet.criteria.all())
    lines = {ln.criterion_id: ln for ln in card.lines.select_related("criterion").prefetch_related("evidence")}
    rows = []
    for criterion, depth, is_parent in criteria_rows(criteria):
        line = lines.get(criterion.pk)
        posted = keep.get(f"p-{criterion.pk}") if keep else None
        rows.append(
            {
                "criterion": criterion,
                "depth": depth,
                "is_parent": is_parent,
                "line": line,
                "posted": posted,
                "problem": _posted_problem(criterion, posted),
                # What each score box shows: as typed after a refusal, else the stored figure.
                "self_value": _box_value(posted, line.self_points if line else None),
                "review_value": _box_value(posted, line.points if line else None),
                "posted_note": keep.get(f"n-{criterion.pk}") if keep else None,
                "posted_reason": keep.get(f"r-{criterion.pk}") if keep else None,
            }
        )
    can_self = user.has_perm("clusters.self_score", card)
    reviewer = card_reviewer(card)
    if evidence_form is None and can_self:
        evidence_form = _evidence_form(card, [row["line"] for row in rows])
    return render(
        request,
        "clusters/card_detail.html",
        {
            "card": card,
            "group": card.sheet.group,
            "rows": rows,
            "can_self": can_self,
            "can_review": user.has_perm("clusters.review_card", card),
            "reviewer": reviewer,
            "reviewer_name": CARD_REVIEWERS[reviewer],
            "review_column": REVIEW_COLUMNS[reviewer],
            "status_label": card_state(card),
            "show_review": not card.is_draft or card.reviewed_at is not None,
            # What was typed, when a refused post shows the page again. After a conflict the version
            # stays the one the user had: the page must be reloaded (and the other change seen) first.
            "version": keep.get("version", card.version) if stale else card.version,
            "return_reason": return_reason,
            "evidence_form": evidence_form,
        },
    )


# The appraiser's column (and the label of its boxes: "Trưởng cụm chấm mục 4").
REVIEW_COLUMNS = {
    "head": gettext_lazy("Trưởng cụm chấm"),
    "deputy": gettext_lazy("Phó trưởng cụm chấm"),
    "office": gettext_lazy("Cơ quan thường trực chấm"),
}


def _box_value(posted, stored) -> str:
    return posted if posted is not None else ("" if stored is None else format_points(stored))


def _posted_problem(criterion, posted) -> str | None:
    """What is wrong with a typed figure, shown under its box when a refused save draws the card again: the
    figure stays as typed and the box is marked (the service refused the whole save; nothing was trimmed)."""
    if posted is None or not posted.strip():
        return None
    try:
        value = check_points(posted, _("Điểm mục %(code)s") % {"code": criterion.code})
    except ValidationError as exc:
        return exc.messages[0]
    if value > criterion.max_points:
        return _("Vượt điểm tối đa: mục %(code)s tối đa %(max)s điểm.") % {
            "code": criterion.code,
            "max": format_points(criterion.max_points),
        }
    return None


def _entries(request, card, reason_prefix):
    entries = {}
    for line in card.lines.all():
        key = f"p-{line.criterion_id}"
        if key in request.POST:
            entries[line.criterion_id] = (
                request.POST[key].strip().replace(",", "."),
                request.POST.get(f"{reason_prefix}-{line.criterion_id}", ""),
            )
    return entries


def _card_action(request, pk, perm, run, *, success, return_reason=""):
    """One button of the card: inside scope but not this person's step is the Vietnamese 403 page; a
    refusal draws the card again with what was typed."""
    card = _card(request, pk)
    allowed_or_403(request, perm, card)
    return post_action(
        request,
        lambda: run(card),
        success=success,
        redirect_to=_card_url(card),
        on_refusal=lambda exc: _render_card(
            request,
            _card(request, pk),
            keep=request.POST,
            stale=isinstance(exc, ConcurrentEditError),
            return_reason=return_reason,
        ),
    )


@require_POST
@login_required
def card_save(request, pk):
    return _card_action(
        request,
        pk,
        "clusters.self_score",
        lambda card: services.card_self_score(
            by=request.user, card=card, expected_version=posted_version(request), entries=_entries(request, card, "n")
        ),
        success=_("Đã lưu điểm tự chấm."),
    )


@require_POST
@login_required
def card_submit(request, pk):
    def submit(card):
        services.card_self_score(
            by=request.user, card=card, expected_version=posted_version(request), entries=_entries(request, card, "n")
        )
        return services.card_submit(by=request.user, card=card, expected_version=card.version)

    def sent(card):
        return _("Đã gửi phiếu tự chấm điểm đến %(who)s.") % {"who": CARD_REVIEWERS[card_reviewer(card)]}

    return _card_action(request, pk, "clusters.self_score", submit, success=sent)


@require_POST
@login_required
def card_review(request, pk):
    return _card_action(
        request,
        pk,
        "clusters.review_card",
        lambda card: services.card_review(
            by=request.user, card=card, expected_version=posted_version(request), entries=_entries(request, card, "r")
        ),
        success=_("Đã lưu kết quả thẩm định."),
    )


@require_POST
@login_required
def card_return(request, pk):
    reason = request.POST.get("reason", "")
    return _card_action(
        request,
        pk,
        "clusters.review_card",
        lambda card: services.card_return(by=request.user, card=card, expected_version=posted_version(request), reason=reason),
        success=_("Đã trả lại phiếu cho đơn vị."),
        return_reason=reason,
    )


@require_POST
@login_required
def evidence_upload(request, pk):
    """One file for one line; the form's one-time token makes a double click store it once."""
    card = _card(request, pk)
    allowed_or_403(request, "clusters.self_score", card)
    lines = list(card.lines.select_related("criterion"))
    form = _evidence_form(card, lines, request.POST, request.FILES)
    return form_action(
        request,
        form,
        lambda data: services.evidence_add(by=request.user, line=form.line_of(data["line"]), upload=data["file"]),
        success=_("Đã tải lên minh chứng."),
        redirect_to=_card_url(card),
        render=lambda: _render_card(request, card, evidence_form=form),
    )


@login_required
def evidence_download(request, pk):
    """Evidence is served only to those who may see the card."""
    evidence = get_object_or_404(
        Evidence.objects.filter(line__card__in=cards_of(request.user)).select_related("line__card__sheet__group"), pk=pk
    )
    if not request.user.has_perm("clusters.view_card", evidence.line.card):
        raise Http404
    return protected_file(evidence.file, evidence.original_name, evidence.content_type)
