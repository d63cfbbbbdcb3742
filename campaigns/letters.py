"""The Công văn that accompanies a submission request, rendered by documents/ (Nghị định 30 layout).

Until the office takes its number from the register the letter is a draft, rendered from the live
request each time it is opened. Taking the number freezes it: the plain dict is stored with the PDF
rendered once from it and that PDF's SHA-256, and the stored PDF is what is served from then on."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from core.services import audit_record, require_perm
from units.enums import UnitKind

from .enums import RecipientMode
from .models import SubmissionRequest

# How a letter addresses each kind of unit ("Kính gửi: …").
_KIND_ADDRESS = {
    UnitKind.DEPARTMENT: "Các phòng, ban chuyên môn",
    UnitKind.COMMUNE: "UBND các xã, phường, thị trấn",
    UnitKind.SCHOOL: "Các trường học",
    UnitKind.PUBLIC_SERVICE: "Các đơn vị sự nghiệp",
    UnitKind.FRONT_UNION: "Ủy ban MTTQ và các đoàn thể",
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
        return names if len(names) <= 6 else ["Các cơ quan, đơn vị có tên trong danh sách theo dõi trên Cổng"]
    return ["Các cơ quan, đơn vị, địa phương"]


def letter_dict(req: SubmissionRequest) -> dict:
    a = req.authority
    kind = req.get_document_kind_display()
    due = f"{req.due_date:%d/%m/%Y}"
    paragraphs = [p.strip() for p in (req.description or "").split("\n") if p.strip()]
    paragraphs.append(
        f"{a.short_name} đề nghị các cơ quan, đơn vị gửi {kind[0].lower()}{kind[1:]} “{req.title}” về "
        f"{a.standing_office_name} (cơ quan Thường trực {a.council_name}) qua Cổng thi đua, khen thưởng "
        f"trước ngày {due} để tổng hợp, báo cáo."
    )
    outline = [line.rstrip() for line in (req.outline or "").splitlines() if line.strip()]
    if outline:
        paragraphs.append("Nội dung báo cáo theo đề cương sau:")
    return {
        "authority": a.document_header(),
        "signer": a.signer(deputy=True),
        "number": req.document_number,
        "date": req.issued_on.isoformat(),
        "excerpt": f"V/v đề nghị gửi {kind[0].lower()}{kind[1:]}",
        "to": _addressees(req),
        "paragraphs": paragraphs,
        "outline": outline,
        "closing": (
            f"{a.short_name} đề nghị thủ trưởng các cơ quan, đơn vị quan tâm, chỉ đạo thực hiện đúng thời gian quy định./."
        ),
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
