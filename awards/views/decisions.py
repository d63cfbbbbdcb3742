"""Pages of decisions and proposals: the list, drafting by award, a decision's page (issue, revoke), its
documents (the PDF as issued, the payout list) and the public check of a certificate.

Every page but the public check finds its rounds and decisions in the authority the viewer acts in (#13):
another authority's decision is not found (404)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import already_done, form_action, post_action, scope_required, visible_or_404
from core.files import named, protected_file
from core.lists import list_page, list_table

from .. import decisions, documents_data, upward
from ..forms import DecisionIssueForm, RevokeForm, UpwardSupplementForm
from ..models import Certificate, Decision
from ..money import amount_in_words, bonus_for_award
from ..selectors import (
    decision_lines,
    decision_total,
    decisions_for_list,
    decisions_visible_to,
    issued_decisions,
    print_jobs_of,
    rounds_awaiting_decision,
    rounds_of,
)
from ..tables import DecisionLineTable, DecisionTable, PrintJobTable, RoundAwaitingTable

LINES_PER_PAGE = 100
RECENT_PRINTS = 5


def decision_url(decision_or_pk) -> str:
    return reverse("awards:decision", args=[getattr(decision_or_pk, "pk", decision_or_pk)])


@permission_required("awards.view_decisions", raise_exception=True)
def decision_list(request):
    manages = request.user.has_perm("awards.manage_decisions")
    rounds = (
        list_table(request, RoundAwaitingTable, rounds_awaiting_decision(viewer=request.user), prefix="dot-", manages=manages)
        if manages
        else None
    )
    return list_page(
        request,
        "awards/decision_list.html",
        table_class=DecisionTable,
        rows=decisions_for_list(viewer=request.user),
        context={"rounds": rounds},
    )


@require_POST
@scope_required("awards.manage_decisions")
def decisions_draft(request, round_pk):
    award_round = visible_or_404(request, rounds_of, pk=round_pk)
    return post_action(
        request,
        lambda: decisions.decisions_draft(by=request.user, award_round=award_round),
        success=lambda drafts: _("Đã lập %(n)s dự thảo.") % {"n": len(drafts)},
        redirect_to=reverse("awards:decisions"),
    )


@scope_required("awards.view_decisions")
def decision_detail(request, pk):
    decision = visible_or_404(request, decisions_visible_to(viewer=request.user).select_related("award", "round"), pk=pk)
    if request.method == "POST" and not decision.is_draft and request.user.has_perm("awards.manage_decisions"):
        # a second click on "Xác nhận ban hành" (anyone else is refused by the service, as before)
        return already_done(request, decision_url(pk))
    form = DecisionIssueForm(request.POST or None, initial={"date": timezone.localdate(), "signer": decision.signer})
    return form_action(
        request,
        form,
        lambda data: decisions.decision_issue(by=request.user, decision=decision, **data),
        success=lambda issued: _("Đã ban hành văn bản số %(n)s.") % {"n": issued.number},
        redirect_to=decision_url(pk),
        render=lambda: decision_page(request, decision, form=form),
    )


@require_POST
@scope_required("awards.manage_decisions")
def decision_confirm(request, pk):
    """ "Ban hành" asks first: the number it would take now, the date, who is in it and the money. Nothing is
    taken; the confirmation posts the same fields to the decision's page, which issues."""
    decision = visible_or_404(request, decisions_visible_to(viewer=request.user).select_related("award", "round"), pk=pk)
    if not decision.is_draft:
        return already_done(request, decision_url(pk))
    form = DecisionIssueForm(request.POST)
    preview = None
    if form.is_valid():
        try:
            preview = decisions.issue_preview(decision=decision, date=form.cleaned_data["date"])
        except ValidationError as error:
            form.add_error(None, error)
    return decision_page(request, decision, form=form, confirm=preview)


@scope_required("awards.view_decisions")
def decision_draft_pdf(request, pk):
    """A draft's document before it is issued: stamped "DỰ THẢO", no number, no day, nothing taken."""
    decision = visible_or_404(request, decisions_visible_to(viewer=request.user).select_related("award", "round"), pk=pk)
    if not decision.is_draft:
        return redirect("awards:decision_pdf", pk=decision.pk)
    pdf = decisions.draft_pdf(decision=decision)
    return named(HttpResponse(pdf, content_type="application/pdf"), f"Dự thảo {document_kind(decision)}.pdf", inline=True)


def decision_page(request, decision, *, form=None, supplement_form=None, confirm=None):
    """The decision's page; a form that failed (the issue form, the upward supplement) is shown with what was typed;
    `confirm` (decisions.issue_preview) asks to confirm the issue."""
    if form is None:
        form = DecisionIssueForm(initial={"date": timezone.localdate(), "signer": decision.signer})
    upward_panel = None
    if decision.kind == Decision.Kind.PROPOSAL and decision.is_issued and decision.authority.parent_id:
        upward_panel = {
            "upward": upward.proposal_progress(decision),
            "send_problem": "" if decision.sent_as_id else upward.send_problem(decision),
            "supplement_form": supplement_form or UpwardSupplementForm(),
        }
    estimate = None  # a draft decision's bonus per line at today's rates (all its lines share the award)
    if decision.is_draft and decision.decides_here:
        figure = bonus_for_award(award=decision.award, decided_on=timezone.localdate())
        estimate = figure.amount if figure else 0
    total = decision_total(decision)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "lines": list_table(request, DecisionLineTable, decision_lines(decision), per_page=LINES_PER_PAGE, decision=decision),
            "estimate": estimate,
            "form": form,
            "revoke_form": RevokeForm(),
            "can_manage": request.user.has_perm("awards.manage_decisions"),
            "total": total,
            "total_words": amount_in_words(total),
            "jobs": list_table(request, PrintJobTable, print_jobs_of(decision), per_page=RECENT_PRINTS, prefix="in-"),
            "upward_panel": upward_panel,
            "confirm": confirm,
        },
    )


def document_kind(decision: Decision) -> str:
    """What the document is called in its download's name: "quyết định" or "tờ trình"."""
    return _("tờ trình") if decision.kind == Decision.Kind.PROPOSAL else _("quyết định")


def issued_or_404(request, pk) -> Decision:
    return visible_or_404(request, issued_decisions, pk=pk)


@scope_required("awards.view_decisions")
def decision_pdf(request, pk):
    """The PDF exactly as issued (its SHA-256 is recorded at issue)."""
    decision = issued_or_404(request, pk)
    name = f"{document_kind(decision).capitalize()} {decision.number}.pdf"  # "Quyết định 15-QĐ-UBND.pdf"
    return protected_file(decision.pdf, name, "application/pdf", inline=True)


@require_POST
@scope_required("awards.manage_decisions")
def decision_revoke(request, pk):
    decision = visible_or_404(request, decisions_visible_to, pk=pk)
    return post_action(
        request,
        lambda: decisions.decision_revoke(by=request.user, decision=decision, reason=request.POST.get("reason", "")),
        success=_("Đã thu hồi văn bản %(n)s.") % {"n": decision.number},
        redirect_to=decision_url(pk),
    )


@scope_required("awards.view_decisions")
def payout_pdf(request, pk):
    from documents.render import render_pdf  # WeasyPrint loads on the first PDF, not at start-up

    decision = issued_or_404(request, pk)
    pdf = render_pdf("documents/payout.html", documents_data.payout_dict(decision))
    name = f"Danh sách chi thưởng {decision.number}.pdf"
    return named(HttpResponse(pdf, content_type="application/pdf"), name, inline=True)


def verify(request, token):
    """Public: anyone holding a certificate checks it. Shows only what the certificate itself shows."""
    certificate = get_object_or_404(Certificate.objects.select_related("line__decision"), token=token)
    decision = certificate.line.decision
    entry = next((e for e in decision.snapshot.get("certificates", []) if e["token"] == token), None)
    if entry is None:
        raise Http404
    return render(
        request,
        "awards/verify.html",
        {"entry": entry, "decision": decision, "revoked": decision.is_revoked, "authority": decision.snapshot["authority"]},
    )
