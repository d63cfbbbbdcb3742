"""Decisions: drafted from a round's approved nominees, issued once (numbered, money computed, the
content frozen, the PDF stored with its hash), revocable with a reason. Certificates and payout
lists are rendered from the frozen content.

Every write here is on the authority the user acts in (#13): a round or a decision of another authority is
refused (accounts.rules.require_here), whatever the user's roles elsewhere."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import require_here
from core.services import audit_record
from core.services import require_perm as _require
from dossiers.enums import DossierStatus
from dossiers.models import AwardRecord, Dossier

from . import documents_data, tasks
from .models import Certificate, Decision, DecisionLine, Meeting, PrintJob
from .money import bonus_for_award
from .selectors import approved_without_decision
from .upward import tell_revoked


@transaction.atomic
def decisions_draft(*, by, award_round) -> list[Decision]:
    """One draft per award: a decision where this authority's level decides it on the day the draft is made
    (the catalogue's AwardDecider rows in force today), a proposal (tờ trình) upward otherwise."""
    _require(by, "awards.manage_decisions")
    require_here(by, award_round.authority_id)
    level = award_round.authority.level
    today = timezone.localdate()
    by_award: dict = {}
    for nominee in approved_without_decision(award_round).prefetch_related("award__deciders"):
        by_award.setdefault(nominee.award, []).append(nominee)
    drafts = []
    for award, nominees in by_award.items():
        kind = Decision.Kind.DECISION if award.decided_by(level, today) else Decision.Kind.PROPOSAL
        # who signs by default is the authority's data (Authority.usual_signer), chosen again when issuing
        decision = Decision(kind=kind, round=award_round, award=award, created_by=by, signer=award_round.authority.usual_signer)
        decision.title = documents_data.decision_title(decision)
        decision.save()
        DecisionLine.objects.bulk_create(DecisionLine(decision=decision, nominee=n) for n in nominees)
        audit_record(actor=by, action="decision_draft", obj=decision, changes={"lines": [None, len(nominees)]})
        drafts.append(decision)
    return drafts


def dossiers_awaiting_result(meeting: Meeting):
    """The dossiers a closed meeting voted on that are still "Trình Hội đồng": their results are in, but the
    office has not recorded them ("Ghi nhận kết quả"), so nothing of theirs can be drafted yet."""
    return (
        Dossier.objects.filter(pk__in=meeting.items.values("nominee__dossier_id"), status=DossierStatus.AT_COUNCIL)
        .select_related("unit")
        .order_by("unit__sort_order", "pk")
    )


def _doc_type(decision: Decision) -> str:
    return "QĐ" if decision.decides_here else "TTr"


def _lines_of(decision: Decision) -> list[DecisionLine]:
    return list(decision.lines.select_related("nominee__award", "nominee__dossier__unit", "nominee__dossier__round"))


def _price(decision: Decision, lines: list[DecisionLine], date) -> None:
    """Each line's bonus on the decision date (a Tờ trình carries no money); set on the objects, not saved."""
    issuing = decision.decides_here
    for line in lines:
        figure = bonus_for_award(award=line.nominee.award, decided_on=date) if issuing else None
        line.coefficient = figure.coefficient if figure else None
        line.base_salary = figure.base_salary if figure else None
        line.exact_amount = figure.exact if figure else None
        line.amount = figure.amount if figure else 0


def ballot_closed_on(decision: Decision) -> datetime.date | None:
    """The day the last council ballot that voted on this decision's nominees was closed (None: none did)."""
    closed = Meeting.objects.filter(
        status=Meeting.Status.CLOSED, items__nominee__decision_line__decision=decision, closed_at__isnull=False
    ).aggregate(m=Max("closed_at"))["m"]
    return timezone.localdate(closed) if closed else None


def check_issue_date(decision: Decision, date) -> None:
    """A decision is dated on or after the council's ballot closed, and never in the future."""
    today = timezone.localdate()
    if date > today:
        raise ValidationError(
            {"date": _("Ngày ban hành không được sau hôm nay (%(today)s).") % {"today": today.strftime("%d/%m/%Y")}}
        )
    closed = ballot_closed_on(decision)
    if closed is not None and date < closed:
        raise ValidationError(
            {
                "date": _("Ngày ban hành không được trước ngày Hội đồng kết thúc biểu quyết (%(day)s).")
                % {"day": closed.strftime("%d/%m/%Y")}
            }
        )


def issue_warnings(decision: Decision, date) -> list[str]:
    """What the office should look at again before issuing, without forbidding it."""
    year = decision.round.year
    if date.year != year:
        return [
            _("Ngày ban hành %(day)s không thuộc năm %(year)s của đợt xét; hãy kiểm tra lại ngày.")
            % {"day": date.strftime("%d/%m/%Y"), "year": year}
        ]
    return []


def issue_preview(*, decision: Decision, date) -> dict:
    """What "Ban hành" will do on `date`, taking nothing: the number it would take now (another document issued
    first takes it), the count of people and collectives, the money on that date, and any warnings."""
    from documents.selectors import peek_document_number

    check_issue_date(decision, date)
    lines = _lines_of(decision)
    _price(decision, lines, date)
    individuals = sum(1 for line in lines if line.nominee.subject == "ca_nhan")
    return {
        "number": peek_document_number(
            authority_id=decision.authority_id,
            year=date.year,
            doc_type=_doc_type(decision),
            issuer_code=decision.authority.document_code,
        ),
        "date": date,
        "individuals": individuals,
        "collectives": len(lines) - individuals,
        "total": sum(line.amount for line in lines),
        "warnings": issue_warnings(decision, date),
    }


def draft_pdf(*, decision: Decision, signer: str = "", proposal_ref: str = "") -> bytes:
    """The draft's document as it would be issued, stamped "DỰ THẢO", with the number and the day left blank
    and the money at today's rates. Nothing is numbered or saved."""
    from documents.render import render_pdf
    from documents.selectors import blank_document_number

    today = timezone.localdate()
    lines = _lines_of(decision)
    _price(decision, lines, today)
    decision.proposal_ref = proposal_ref.strip() or decision.proposal_ref
    number = blank_document_number(doc_type=_doc_type(decision), issuer_code=decision.authority.document_code)
    data = documents_data.decision_dict(decision, lines, number=number, date=today, signer=signer or decision.signer)
    data.update({"date": "", "draft_year": today.year, "document_template": _template(decision)})
    return render_pdf("documents/draft.html", data)


def _template(decision: Decision) -> str:
    return "documents/decision.html" if decision.decides_here else "documents/proposal.html"


@transaction.atomic
def decision_issue(*, by, decision: Decision, date, signer: str, proposal_ref: str = "") -> Decision:
    """Number, compute the money on the decision date, freeze the content, render and store the PDF. The date
    is not before the council's ballot closed nor in the future (check_issue_date)."""
    from documents.render import render_pdf
    from documents.services import next_document_number

    _require(by, "awards.manage_decisions")
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require_here(by, decision.authority_id)
    if not decision.is_draft:
        raise ValidationError(_("Văn bản này đã được ban hành."))
    lines = _lines_of(decision)
    if not lines:
        raise ValidationError(_("Dự thảo không có ai."))
    check_issue_date(decision, date)
    issuing = decision.decides_here
    _price(decision, lines, date)
    DecisionLine.objects.bulk_update(lines, ["coefficient", "base_salary", "exact_amount", "amount"])
    authority = decision.authority
    sequence, number = next_document_number(
        authority_id=authority.pk,
        year=date.year,
        doc_type=_doc_type(decision),
        issuer_code=authority.document_code,
        summary=decision.title,
    )
    decision.proposal_ref, decision.signer, decision.date = proposal_ref.strip(), signer, date
    snapshot = documents_data.decision_dict(decision, lines, number=number, date=date, signer=signer)
    if issuing:
        register = Certificate.objects.filter(authority=authority, year=date.year)
        next_register = (register.aggregate(m=Max("register_number"))["m"] or 0) + 1
        entries = []
        for offset, line in enumerate(lines):
            certificate = Certificate.objects.create(
                authority=authority, line=line, register_number=next_register + offset, year=date.year
            )
            entries.append(documents_data.certificate_entry(line, certificate, decision.round.year))
        snapshot["certificates"] = entries
    pdf = render_pdf(_template(decision), snapshot)
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
    require_here(by, decision.authority_id)
    if not decision.is_issued:
        raise ValidationError(_("Chỉ thu hồi được văn bản đã ban hành."))
    if decision.sent_as_id is not None:
        raise ValidationError(
            _("Tờ trình đã gửi lên cấp trên qua Cổng nên không thu hồi được ở cấp mình; đề nghị liên hệ cơ quan cấp trên.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi, hủy bỏ.")})
    removed = []
    if decision.decides_here:
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
    tell_revoked(decision)  # the communes whose Tờ trình it decided (#13)
    return decision


@transaction.atomic
def print_job_start(*, by, decision: Decision, blank_form: bool, retry_of: PrintJob | None = None) -> PrintJob:
    _require(by, "awards.manage_decisions")
    require_here(by, decision.authority_id)
    if not decision.decides_here or decision.is_draft:
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
    transaction.on_commit(lambda: tasks.print_job_enqueue(job.pk))
    return job


@transaction.atomic
def print_job_retry(*, by, job_id: int) -> PrintJob:
    """A new print of a failed job's decision. Exactly one per failed job: the row is locked, and a second
    click (or a race) gets the job the first one made. Audited."""
    _require(by, "awards.manage_decisions")
    job = PrintJob.objects.select_for_update().select_related("decision").get(pk=job_id)
    require_here(by, job.decision.authority_id)
    existing = PrintJob.objects.filter(retry_of=job).first()
    if existing is not None:
        return existing
    if not job.is_failed:
        return job
    new = print_job_start(by=by, decision=job.decision, blank_form=job.blank_form, retry_of=job)
    audit_record(actor=by, action="print_job_retry", obj=job.decision, changes={"print_job": [job.pk, new.pk]})
    return new
