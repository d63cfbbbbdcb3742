"""The Công văn that accompanies a submission request, rendered by documents/ (Nghị định 30 layout).

Until the office takes its number from the register the letter is a draft, rendered from the live
request each time it is opened. Taking the number freezes it: the plain dict is stored with the PDF
rendered once from it and that PDF's SHA-256, and the stored PDF is what is served from then on."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from core.services import audit_record, require_perm
from documents.formatting import unabbreviate
from units.enums import UnitKind

from .enums import DocumentKind, RecipientMode
from .models import SubmissionRequest

# How a letter addresses each kind of unit ("Kính gửi: …"), without abbreviations (NĐ 30).
_KIND_ADDRESS = {
    UnitKind.DEPARTMENT: "Các phòng, ban chuyên môn",
    UnitKind.COMMUNE: "Ủy ban nhân dân các xã, phường, thị trấn",
    UnitKind.SCHOOL: "Các trường học",
    UnitKind.PUBLIC_SERVICE: "Các đơn vị sự nghiệp",
    UnitKind.FRONT_UNION: "Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể",
    UnitKind.ASSOCIATION: "Các tổ chức hội",
    UnitKind.ARMED_FORCES: "Công an, Ban Chỉ huy Quân sự",
    UnitKind.PROVINCIAL: "Các đơn vị cấp tỉnh đóng trên địa bàn",
    UnitKind.ENTERPRISE: "Các doanh nghiệp",
}


def _addressees(req: SubmissionRequest) -> list[str]:
    if req.recipient_mode == RecipientMode.KINDS:
        return [_KIND_ADDRESS.get(kind, kind) for kind in req.recipient_kinds]
    if req.recipient_mode == RecipientMode.NAMED:
        names = list(req.recipients.select_related("unit").values_list("unit__name", flat=True))
        return (
            [unabbreviate(name) for name in names]
            if len(names) <= 6
            else ["Các cơ quan, đơn vị có tên trong danh sách theo dõi trên Cổng"]
        )
    return ["Các cơ quan, đơn vị, địa phương"]


def _lower_first(text: str) -> str:
    """ "Báo cáo sơ kết…" → "báo cáo sơ kết…" inside a sentence; a name ("UBND…", "Hội đồng…" stays as written
    when its second letter is upper case)."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() and text[0].isupper() else text


def letter_dict(req: SubmissionRequest) -> dict:
    """The Công văn as a plain dict. Its trích yếu ("V/v đề nghị gửi …") names what is asked for; the text does not
    repeat it but names the kind of document, the office that receives it and the day (NĐ 30: no abbreviation)."""
    a = req.authority
    issuer = unabbreviate(a.short_name)
    kind = "văn bản" if req.document_kind == DocumentKind.OTHER else _lower_first(req.get_document_kind_display())
    due = f"{req.due_date:%d/%m/%Y}"
    paragraphs = [p.strip() for p in (req.description or "").split("\n") if p.strip()]
    paragraphs.append(
        f"{issuer} đề nghị các cơ quan, đơn vị gửi {kind} về {a.standing_office_name} (cơ quan thường trực "
        f"{a.council_name}) qua Cổng thi đua, khen thưởng trước ngày {due} để tổng hợp, báo cáo."
    )
    outline = [line.rstrip() for line in (req.outline or "").splitlines() if line.strip()]
    if outline:
        paragraphs.append(f"Nội dung {kind} theo đề cương sau:")
    return {
        "authority": a.document_header(),
        "signer": a.signer(deputy=True),
        "number": req.document_number,
        "date": req.issued_on.isoformat(),
        "excerpt": f"V/v đề nghị gửi {_lower_first(unabbreviate(req.title))}",
        "to": _addressees(req),
        "paragraphs": paragraphs,
        "outline": outline,
        "closing": f"{issuer} đề nghị thủ trưởng các cơ quan, đơn vị quan tâm, chỉ đạo thực hiện đúng thời gian quy định./.",
        "recipients": ["Như trên;", f"{a.standing_office_name};", f"Lưu: VT, {a.office_code or 'NV'}."],
    }


@transaction.atomic
def letter_number_assign(*, by, req: SubmissionRequest) -> SubmissionRequest:
    """Give the request's letter the next công văn number of the register, unless it already has one,
    and freeze it: render the PDF once from the plain dict, store the dict, the PDF and its SHA-256.
    A second click (or two at once: the row is locked) keeps the first number and file."""
    from documents.render import render_pdf
    from documents.services import next_document_number

    require_perm(by, "campaigns.manage_requests")
    req = SubmissionRequest.objects.select_for_update().get(pk=req.pk)
    if req.document_number:
        return req
    a = req.authority
    issuer = f"{a.document_code}-{a.office_code}" if a.office_code else a.document_code
    sequence, number = next_document_number(
        authority_id=a.pk, year=req.issued_on.year, doc_type="CV", issuer_code=issuer, summary=req.title
    )
    req.document_number = number
    snapshot = letter_dict(req)
    pdf = render_pdf("documents/letter.html", snapshot)
    req.letter_snapshot, req.letter_sha256 = snapshot, hashlib.sha256(pdf).hexdigest()
    req.letter_pdf.save(f"{req.issued_on:%Y}-{sequence:04d}-cv.pdf", ContentFile(pdf), save=False)
    req.save(update_fields=["document_number", "letter_snapshot", "letter_pdf", "letter_sha256"])
    audit_record(
        actor=by,
        action="request_letter",
        obj=req,
        changes={"document_number": [None, number], "sha256": [None, req.letter_sha256]},
    )
    return req
