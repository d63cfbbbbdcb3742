"""Pages of decisions, certificates, payout lists and the public certificate check."""

from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import form_action, post_action, scope_required, visible_or_404
from dossiers.models import AwardRound

from . import decisions, documents_data
from .forms import DecisionIssueForm, RevokeForm
from .models import Certificate, Decision, PrintJob
from .money import amount_in_words, bonus_for_award


@permission_required("awards.view_decisions", raise_exception=True)
def decision_list(request):
    pending = decisions.pending_by_round()
    rounds = list(AwardRound.objects.filter(pk__in=pending).order_by("-year", "name"))
    for award_round in rounds:
        award_round.pending = pending[award_round.pk]
    rows = (
        Decision.objects.select_related("award", "round")
        .annotate(line_count=Count("lines"), total=Sum("lines__amount"))
        .order_by("-created_at")
    )
    return render(
        request,
        "awards/decision_list.html",
        {
            "rounds": rounds,
            "decisions": rows,
            "can_manage": request.user.has_perm("awards.manage_decisions"),
        },
    )


@require_POST
@scope_required("awards.manage_decisions")
def decisions_draft(request, round_pk):
    award_round = visible_or_404(request, AwardRound, pk=round_pk)
    return post_action(
        request,
        lambda: decisions.decisions_draft(by=request.user, award_round=award_round),
        success=lambda drafts: _("Đã lập %(n)s dự thảo.") % {"n": len(drafts)},
        redirect_to=reverse("awards:decisions"),
    )


@scope_required("awards.view_decisions")
def decision_detail(request, pk):
    decision = visible_or_404(request, Decision.objects.select_related("award", "round"), pk=pk)
    lines = list(decision.lines.select_related("nominee__dossier__unit", "nominee__award"))
    estimate_date = timezone.localdate()
    if decision.status == Decision.Status.DRAFT and decision.kind == Decision.Kind.DECISION:
        figure = bonus_for_award(award=decision.award, decided_on=estimate_date)
        for line in lines:
            line.estimate = figure.amount if figure else 0
    form = DecisionIssueForm(request.POST or None, initial={"date": estimate_date, "signer": decision.signer})
    return form_action(
        request,
        form,
        lambda data: decisions.decision_issue(by=request.user, decision=decision, **data),
        success=lambda issued: _("Đã ban hành văn bản số %(n)s.") % {"n": Decision.objects.get(pk=pk).number},
        redirect_to=reverse("awards:decision", args=[pk]),
        render=lambda: _decision_page(request, decision, lines, form),
    )


def _decision_page(request, decision, lines, form):
    total = sum(line.amount for line in lines)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "lines": lines,
            "form": form,
            "revoke_form": RevokeForm(),
            "can_manage": request.user.has_perm("awards.manage_decisions"),
            "total": total,
            "total_words": amount_in_words(total),
            "jobs": decision.print_jobs.order_by("-created_at")[:5],
        },
    )


def _issued(request, pk) -> Decision:
    return visible_or_404(request, Decision.objects.exclude(status=Decision.Status.DRAFT), pk=pk)


@scope_required("awards.view_decisions")
def decision_pdf(request, pk):
    """The PDF exactly as issued (its SHA-256 is recorded at issue)."""
    decision = _issued(request, pk)
    return FileResponse(
        decision.pdf.open("rb"), content_type="application/pdf", filename=f"{decision.number.replace('/', '-')}.pdf"
    )


@require_POST
@scope_required("awards.manage_decisions")
def decision_revoke(request, pk):
    decision = visible_or_404(request, Decision, pk=pk)
    return post_action(
        request,
        lambda: decisions.decision_revoke(by=request.user, decision=decision, reason=request.POST.get("reason", "")),
        success=_("Đã thu hồi văn bản %(n)s.") % {"n": decision.number},
        redirect_to=reverse("awards:decision", args=[pk]),
    )


@scope_required("awards.view_decisions")
def payout_pdf(request, pk):
    from documents.render import render_pdf

    decision = _issued(request, pk)
    pdf = render_pdf("documents/payout.html", documents_data.payout_dict(decision))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chi-thuong-{decision.number.replace("/", "-")}.pdf"'
    return response


@require_POST
@scope_required("awards.manage_decisions")
def print_start(request, pk):
    decision = _issued(request, pk)
    return post_action(
        request,
        lambda: decisions.print_job_start(by=request.user, decision=decision, blank_form=request.POST.get("blank") == "1"),
        redirect_to=lambda job: reverse("awards:print_job", args=[job.pk]) if job else reverse("awards:decision", args=[pk]),
    )


@scope_required("awards.manage_decisions")
def print_job(request, pk):
    job = visible_or_404(request, PrintJob.objects.select_related("decision"), pk=pk)
    template = "awards/_print_progress.html" if request.headers.get("HX-Request") else "awards/print_job.html"
    return render(request, template, {"job": job})


@require_POST
@scope_required("awards.manage_decisions")
def print_job_retry(request, pk):
    """ "Thử lại" on a failed print: one new job however many clicks (decisions.print_job_retry)."""
    job = visible_or_404(request, PrintJob, pk=pk)
    return post_action(
        request,
        lambda: decisions.print_job_retry(by=request.user, job_id=job.pk),
        redirect_to=lambda new: reverse("awards:print_job", args=[(new or job).pk]),
    )


@scope_required("awards.manage_decisions")
def print_job_download(request, pk):
    job = visible_or_404(request, PrintJob.objects.filter(status=PrintJob.Status.DONE), pk=pk)
    return FileResponse(
        job.file.open("rb"), content_type="application/pdf", filename=f"giay-khen-{job.decision.number.replace('/', '-')}.pdf"
    )


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
        {
            "entry": entry,
            "decision": decision,
            "revoked": decision.status == Decision.Status.REVOKED,
            "authority": decision.snapshot["authority"],
        },
    )
