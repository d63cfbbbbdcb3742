"""Decisions: drafted from a round's approved nominees, issued once (numbered, money computed, the
content frozen, the PDF stored with its hash), revocable with a reason. Certificates and payout
lists are rendered from the frozen content."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jobs import claimable_q, stale_queued_q, stale_running_q
from core.services import audit_record
from core.services import require_perm as _require
from dossiers.enums import DossierStatus, Outcome
from dossiers.models import AwardRecord, Nominee
from units.models import Authority

from . import documents_data
from .models import Certificate, Decision, DecisionLine, PrintJob
from .money import bonus_for_award

logger = logging.getLogger(__name__)


def approved_without_decision(award_round):
    """Nominees the council approved, whose dossier has its result, not yet in any decision."""
    return (
        Nominee.objects.filter(dossier__round=award_round, outcome=Outcome.APPROVED, dossier__status=DossierStatus.DECIDED)
        .filter(decision_line__isnull=True)
        .select_related("award", "dossier__unit")
        .order_by("award__sort_order", "dossier__unit__sort_order", "sort_order")
    )


def pending_by_round() -> dict[int, int]:
    """{round id: approved nominees without a decision}, in one query."""
    from django.db.models import Count

    rows = (
        Nominee.objects.filter(outcome=Outcome.APPROVED, dossier__status=DossierStatus.DECIDED, decision_line__isnull=True)
        .values("dossier__round")
        .annotate(n=Count("id"))
        .values_list("dossier__round", "n")
    )
    return dict(rows)


@transaction.atomic
def decisions_draft(*, by, award_round) -> list[Decision]:
    """One draft per award: a decision where this authority decides it, a proposal (tờ trình) upward otherwise."""
    _require(by, "awards.manage_decisions")
    level = Authority.load().level
    by_award: dict = {}
    for nominee in approved_without_decision(award_round):
        by_award.setdefault(nominee.award, []).append(nominee)
    drafts = []
    for award, nominees in by_award.items():
        kind = Decision.Kind.DECISION if award.decided_by(level) else Decision.Kind.PROPOSAL
        decision = Decision(kind=kind, round=award_round, award=award, created_by=by)
        decision.title = documents_data.decision_title(decision)
        decision.save()
        DecisionLine.objects.bulk_create(DecisionLine(decision=decision, nominee=n) for n in nominees)
        audit_record(actor=by, action="decision_draft", obj=decision, changes={"lines": [None, len(nominees)]})
        drafts.append(decision)
    return drafts


def verify_url(token: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + reverse("certificate_verify", args=[token])


@transaction.atomic
def decision_issue(*, by, decision: Decision, date, signer: str, proposal_ref: str = "") -> Decision:
    """Number, compute the money on the decision date, freeze the content, render and store the PDF."""
    from documents.render import render_pdf
    from documents.services import next_document_number

    _require(by, "awards.manage_decisions")
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.DRAFT:
        raise ValidationError(_("Văn bản này đã được ban hành."))
    lines = list(decision.lines.select_related("nominee__award", "nominee__dossier__unit", "nominee__dossier__round"))
    if not lines:
        raise ValidationError(_("Dự thảo không có ai."))
    issuing = decision.kind == Decision.Kind.DECISION
    for line in lines:
        figure = bonus_for_award(award=line.nominee.award, decided_on=date) if issuing else None
        line.coefficient = figure.coefficient if figure else None
        line.base_salary = figure.base_salary if figure else None
        line.exact_amount = figure.exact if figure else None
        line.amount = figure.amount if figure else 0
    DecisionLine.objects.bulk_update(lines, ["coefficient", "base_salary", "exact_amount", "amount"])
    authority = Authority.load()
    sequence, number = next_document_number(
        year=date.year, doc_type="QĐ" if issuing else "TTr", issuer_code=authority.document_code, summary=decision.title
    )
    decision.proposal_ref, decision.signer, decision.date = proposal_ref.strip(), signer, date
    snapshot = documents_data.decision_dict(decision, lines, number=number, date=date, signer=signer)
    if issuing:
        next_register = (Certificate.objects.filter(year=date.year).aggregate(m=Max("register_number"))["m"] or 0) + 1
        entries = []
        for offset, line in enumerate(lines):
            certificate = Certificate.objects.create(line=line, register_number=next_register + offset, year=date.year)
            entries.append(documents_data.certificate_entry(line, certificate, decision.round.year))
        snapshot["certificates"] = entries
    pdf = render_pdf("documents/decision.html" if issuing else "documents/proposal.html", snapshot)
    decision.number, decision.sequence, decision.snapshot = number, sequence, snapshot
    decision.status, decision.issued_at = Decision.Status.ISSUED, timezone.now()
    decision.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    decision.pdf.save(f"{date.year}-{sequence:04d}-{decision.kind}.pdf", ContentFile(pdf), save=False)
    decision.save()
    if issuing:
        AwardRecord.objects.filter(nominee__in=[line.nominee for line in lines]).update(
            decision_number=number, decision_date=date
        )
    audit_record(
        actor=by,
        action="decision_issue",
        obj=decision,
        changes={"number": [None, number], "date": [None, date.isoformat()], "sha256": [None, decision.pdf_sha256]},
    )
    return decision


@transaction.atomic
def decision_revoke(*, by, decision: Decision, reason: str) -> Decision:
    """Thu hồi, hủy bỏ: the document stays as issued; its certificates show as revoked and its awards
    leave the ledger (each removal is listed in the audit)."""
    _require(by, "awards.manage_decisions")
    if decision.status != Decision.Status.ISSUED:
        raise ValidationError(_("Chỉ thu hồi được văn bản đã ban hành."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi, hủy bỏ.")})
    removed = []
    if decision.kind == Decision.Kind.DECISION:
        records = AwardRecord.objects.filter(nominee__decision_line__decision=decision).select_related("award", "person")
        removed = [str(record) for record in records]
        records.delete()
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.REVOKED, revoked_at=timezone.now(), revoked_reason=reason.strip()
    )
    decision.refresh_from_db()
    audit_record(
        actor=by, action="decision_revoke", obj=decision, changes={"ledger_removed": [removed, None]}, note=reason.strip()
    )
    return decision


@transaction.atomic
def print_job_start(*, by, decision: Decision, blank_form: bool, retry_of: PrintJob | None = None) -> PrintJob:
    _require(by, "awards.manage_decisions")
    if decision.kind != Decision.Kind.DECISION or decision.status == Decision.Status.DRAFT:
        raise ValidationError(_("Chỉ in giấy khen của quyết định đã ban hành."))
    if retry_of is None:  # a second click while the same print is under way gets that job, not another
        Decision.objects.select_for_update().filter(pk=decision.pk).first()
        active = PrintJob.objects.filter(
            decision=decision, blank_form=blank_form, status__in=[PrintJob.Status.QUEUED, PrintJob.Status.RUNNING]
        ).first()
        if active is not None:
            return active
    job = PrintJob.objects.create(
        decision=decision,
        blank_form=blank_form,
        total=len(decision.snapshot.get("certificates", [])),
        created_by=by,
        retry_of=retry_of,
    )
    from .tasks import certificates_print

    transaction.on_commit(lambda: _dispatch(job.pk, certificates_print))
    return job


@transaction.atomic
def print_job_retry(*, by, job_id: int) -> PrintJob:
    """A new print of a failed job's decision. Exactly one per failed job: the row is locked, and a second
    click (or a race) gets the job the first one made. Audited."""
    _require(by, "awards.manage_decisions")
    job = PrintJob.objects.select_for_update().select_related("decision").get(pk=job_id)
    existing = PrintJob.objects.filter(retry_of=job).first()
    if existing is not None:
        return existing
    if job.status != PrintJob.Status.FAILED:
        return job
    new = print_job_start(by=by, decision=job.decision, blank_form=job.blank_form, retry_of=job)
    audit_record(actor=by, action="print_job_retry", obj=job.decision, changes={"print_job": [job.pk, new.pk]})
    return new


PRINT_STALE_RUNNING = gettext_lazy(
    "Việc tạo tệp in đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”."
)
PRINT_STALE_QUEUED = gettext_lazy(
    "Yêu cầu chờ quá lâu mà chưa được xử lý (hàng đợi xử lý nền có thể đã dừng). Hãy bấm “Thử lại”."
)
PRINT_NOT_QUEUED = gettext_lazy("Không kết nối được hàng đợi xử lý nền nên chưa tạo được tệp in. Hãy bấm “Thử lại” sau ít phút.")


def print_jobs_fail_stale() -> int:
    """Fail the print jobs whose worker stopped reporting (core/jobs.py); the beat's sweep runs it every minute."""
    now = timezone.now()
    failed = PrintJob.objects.filter(stale_running_q(running=PrintJob.Status.RUNNING, now=now)).update(
        status=PrintJob.Status.FAILED, error=str(PRINT_STALE_RUNNING)
    )
    failed += PrintJob.objects.filter(stale_queued_q(queued=PrintJob.Status.QUEUED, now=now)).update(
        status=PrintJob.Status.FAILED, error=str(PRINT_STALE_QUEUED)
    )
    return failed


def _dispatch(job_id, task):
    try:
        task.delay(job_id)
    except Exception:  # broker down: the job fails now, with a retry button, instead of waiting forever
        logger.exception("print job %s not queued", job_id)
        PrintJob.objects.filter(pk=job_id, status=PrintJob.Status.QUEUED).update(
            status=PrintJob.Status.FAILED, error=str(PRINT_NOT_QUEUED)
        )


def print_job_run(*, job_id: int) -> None:
    """The body of the Celery task: render all certificates in chunks, updating progress. A job already
    done, failed by the sweep, or made by another worker that still reports (a redelivered message) is left alone."""
    from documents.render import render_many
    from documents.services import certificate_layout_dict

    now = timezone.now()
    claimed = (
        PrintJob.objects.filter(pk=job_id)
        .filter(claimable_q(queued=PrintJob.Status.QUEUED, running=PrintJob.Status.RUNNING, now=now))
        .update(status=PrintJob.Status.RUNNING, done=0, heartbeat_at=now)
    )
    if not claimed:
        return
    job = PrintJob.objects.select_related("decision").get(pk=job_id)
    contexts = documents_data.certificate_dicts(job.decision, verify_url=verify_url)
    template = "documents/certificate.html"
    if job.blank_form:
        layout = certificate_layout_dict()
        contexts = [{**context, "layout": layout} for context in contexts]
        template = "documents/certificate_blank.html"

    def progress(done, total):
        PrintJob.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())

    try:
        pdf = render_many(template, contexts, chunk_size=100, progress=progress)
    except Exception as exc:
        PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.FAILED, error=str(exc)[:2000])
        raise
    job.refresh_from_db()
    job.file.save(f"giay-khen-{job.decision.pk}-{job.pk}.pdf", ContentFile(pdf), save=False)
    # Done only if still ours: a job the sweep failed meanwhile (and whose retry may already run) stays failed.
    finished = PrintJob.objects.filter(pk=job.pk, status=PrintJob.Status.RUNNING).update(
        status=PrintJob.Status.DONE, file=job.file.name, done=len(contexts)
    )
    if not finished:
        job.file.delete(save=False)
