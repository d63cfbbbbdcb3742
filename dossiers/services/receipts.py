"""The receipt register: a number per received dossier, in sequence within the year, kept by each
authority for what it receives (#13): a province's register and a commune's both start at 1 each year
(the constraint dossier_receipt_unique_in_authority holds a number once per authority)."""

from django.db import connection

from ..models import Dossier

RECEIPT_LOCK = 0x7464_6B74  # the advisory-lock namespace of the receipt registers ("tdkt")

_INT4 = 2**32


def receipt_lock_key(authority_id: int, year: int) -> int:
    """The second int4 key of one register's lock (the first is RECEIPT_LOCK): the authority and the year
    in one number, authority × 10,000 + year, folded into PostgreSQL's signed int4. Distinct for every
    authority below 214,748; two registers that ever shared a key would only wait for each other, never
    share numbers (the max + 1 below reads one authority's register)."""
    key = (authority_id * 10_000 + year % 10_000) % _INT4
    return key - _INT4 if key >= 2**31 else key


def next_receipt_number(year: int, *, authority_id: int) -> str:
    """The next number of `authority_id`'s register for `year`. Two dossiers received by the same authority at
    the same moment take numbers one after the other: on PostgreSQL a transaction-scoped advisory lock per
    (authority, year) serialises the max + 1 (released at commit), so two authorities never wait for each
    other; SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RECEIPT_LOCK, receipt_lock_key(authority_id, year)])
    prefix = f"{year}-"
    last = (
        Dossier.objects.filter(authority_id=authority_id, receipt_number__startswith=prefix)
        .order_by("-receipt_number")
        .values_list("receipt_number", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"
