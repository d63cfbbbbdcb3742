"""Reads that take nothing: what a document would be numbered if issued now; the "Căn cứ" lines it cites."""

from django.db import models

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


class _Values(dict):
    def __missing__(self, key):
        raise KeyError(key)


def legal_bases(*, authority, on, kind: str, regime_lines: list[str], values: dict | None = None) -> list[str]:
    """The "Căn cứ …;" lines of a document of `kind` ("quyet_dinh", "to_trinh") dated `on` by `authority`: the
    LegalBasis rows in force (of every authority, or of this one or one above it) around the regime's own lines,
    by order. Placeholders ({proposal_ref}, {office_head}, {council}) take `values`; a line whose placeholder has
    no value is left out, and a line the regime already cites is not repeated."""
    from .models import LegalBasis

    chain, node = [], authority
    while node is not None:
        chain.append(node.pk)
        node = node.parent
    rows = (
        LegalBasis.objects.in_force(on)
        .filter(models.Q(authority__isnull=True) | models.Q(authority_id__in=chain), kind__in=[LegalBasis.Kind.ALL, kind])
        .order_by("order", "valid_from", "pk")
    )
    regime = [line.strip() for line in regime_lines if line.strip()]
    before, after = [], []
    filled = _Values({key: value for key, value in (values or {}).items() if value})
    for row in rows:
        try:
            text = " ".join(row.text.split()).format_map(filled)
        except (KeyError, IndexError, ValueError):
            continue
        if text and text not in regime:
            (before if row.order < LegalBasis.REGIME_ORDER else after).append(text)
    return [*before, *regime, *after]
