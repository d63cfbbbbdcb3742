"""Reads of the number registers that take nothing: what a document would be numbered if issued now."""

from .formatting import document_number
from .models import NumberRegister


def peek_document_number(*, authority_id: int, year: int, doc_type: str, issuer_code: str) -> str:
    """The label the next `next_document_number` call would give ("16/QĐ-UBND"), without taking it: another
    document issued in between takes it first, so say so wherever this is shown."""
    last = (
        NumberRegister.objects.filter(authority_id=authority_id, year=year, doc_type=doc_type, issuer_code=issuer_code)
        .values_list("last_number", flat=True)
        .first()
    )
    return document_number((last or 0) + 1, doc_type, issuer_code)


def blank_document_number(*, doc_type: str, issuer_code: str) -> str:
    """ "Số:      /QĐ-UBND": the number left blank on a draft (non-breaking spaces keep the gap in print)."""
    return "\u00a0" * 6 + document_number(0, doc_type, issuer_code)[2:]
