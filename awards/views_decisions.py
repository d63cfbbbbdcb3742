"""Pages of decisions, certificates, payout lists and the public certificate check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.forms import apply_validation_error, errors_to_messages
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
@permission_required("awards.manage_decisions", raise_exception=True)
def decisions_draft(request, round_pk):
    award_round = get_object_or_404(AwardRound, pk=round_pk)
    drafts = decisions.decisions_draft(by=request.user, award_round=award_round)
    messages.success(request, _("Đã lập %(n)s dự thảo.") % {"n": len(drafts)})
    return redirect("awards:decisions")


@permission_required("awards.view_decisions", raise_exception=True)
def decision_detail(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("award", "round"), pk=pk)
    lines = list(decision.lines.select_related("nominee__dossier__unit", "nominee__award"))
    estimate_date = timezone.localdate()
    if decision.status == Decision.Status.DRAFT and decision.kind == Decision.Kind.DECISION:
        figure = bonus_for_award(award=decision.award, decided_on=estimate_date)
        for line in lines:
            line.estimate = figure.amount if figure else 0
    form = DecisionIssueForm(request.POST or None, initial={"date": estimate_date, "signer": decision.signer})
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decision_issue(by=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã ban hành văn bản số %(n)s.") % {"n": Decision.objects.get(pk=pk).number})
            return redirect("awards:decision", pk=pk)
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


def _issued(pk) -> Decision:
    decision = get_object_or_404(Decision, pk=pk)
    if decision.status == Decision.Status.DRAFT:
        raise Http404
    return decision


@permission_required("awards.view_decisions", raise_exception=True)
def decision_pdf(request, pk):
    """The PDF exactly as issued (its SHA-256 is recorded at issue)."""
    decision = _issued(pk)
    return FileResponse(
        decision.pdf.open("rb"), content_type="application/pdf", filename=f"{decision.number.replace('/', '-')}.pdf"
    )


@require_POST
@permission_required("awards.manage_decisions", raise_exception=True)
def decision_revoke(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    try:
        decisions.decision_revoke(by=request.user, decision=decision, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.warning(request, _("Đã thu hồi văn bản %(n)s.") % {"n": decision.number})
    return redirect("awards:decision", pk=pk)


@permission_required("awards.view_decisions", raise_exception=True)
def payout_pdf(request, pk):
    from documents.render import render_pdf

    decision = _issued(pk)
    pdf = render_pdf("documents/payout.html", documents_data.payout_dict(decision))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chi-thuong-{decision.number.replace("/", "-")}.pdf"'
    return response


@require_POST
@permission_required("awards.manage_decisions", raise_exception=True)
def print_start(request, pk):
    decision = _issued(pk)
    try:
        job = decisions.print_job_start(by=request.user, decision=decision, blank_form=request.POST.get("blank") == "1")
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("awards:decision", pk=pk)
    return redirect("awards:print_job", pk=job.pk)


@permission_required("awards.manage_decisions", raise_exception=True)
def print_job(request, pk):
    job = get_object_or_404(PrintJob.objects.select_related("decision"), pk=pk)
    template = "awards/_print_progress.html" if request.headers.get("HX-Request") else "awards/print_job.html"
    return render(request, template, {"job": job})


@require_POST
@permission_required("awards.manage_decisions", raise_exception=True)
def print_job_retry(request, pk):
    """ "Thử lại" on a failed print: one new job however many clicks (decisions.print_job_retry)."""
    get_object_or_404(PrintJob, pk=pk)
    job = decisions.print_job_retry(by=request.user, job_id=pk)
    return redirect("awards:print_job", pk=job.pk)


@permission_required("awards.manage_decisions", raise_exception=True)
def print_job_download(request, pk):
    job = get_object_or_404(PrintJob, pk=pk, status=PrintJob.Status.DONE)
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
