"""Writes of the documents service: the number register (sổ đăng ký văn bản) and the blank-form layouts."""

from django.db import transaction

from .enums import DocType
from .formatting import document_number
from .models import CertificateLayout, DocumentNumber, NumberRegister, issuer_code_validator


@transaction.atomic
def next_document_number(
    *, year: int, doc_type: str, issuer_code: str, summary: str = "", authority_id: int | None = None
) -> tuple[int, str]:
    """Take the next number of the register for (authority, year, doc_type, issuer_code): (15, "15/QĐ-UBND").

    Each authority keeps its own registers; without one, the installation's root authority's.

    Numbers run 1, 2, 3 … and restart each year. Safe under concurrency: the counter row is locked
    (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers) until the caller's transaction ends,
    so call it inside the transaction that saves the document — a rollback gives the number back."""
    if doc_type not in DocType.values:
        raise ValueError(f"Loại văn bản không hợp lệ: {doc_type!r} (chọn một trong {', '.join(DocType.values)})")
    issuer_code_validator(issuer_code)
    if authority_id is None:
        from units.models import Authority

        authority_id = Authority.root().pk
    register, _ = NumberRegister.objects.select_for_update().get_or_create(
        authority_id=authority_id, year=year, doc_type=doc_type, issuer_code=issuer_code
    )
    register.last_number += 1
    register.save(update_fields=["last_number"])
    label = document_number(register.last_number, doc_type, issuer_code)
    DocumentNumber.objects.create(register=register, number=register.last_number, label=label, summary=summary[:500])
    return register.last_number, label


def certificate_layout_dict(*, layout_id: int | None = None) -> dict:
    """The blank-form layout as the plain dict certificate_blank.html takes (the default one unless named)."""
    layouts = CertificateLayout.objects.prefetch_related("fields")
    layout = layouts.get(pk=layout_id) if layout_id is not None else layouts.order_by("-is_default", "pk").first()
    if layout is None:
        raise CertificateLayout.DoesNotExist("Chưa có mẫu in phôi giấy khen nào.")
    return layout.as_dict()
