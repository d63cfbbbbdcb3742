"""The receipt register: a number per received dossier, in sequence within the year."""

from django.db import connection

from ..models import Dossier

RECEIPT_LOCK = 0x7464_6B74  # the advisory-lock key of the receipt register ("tdkt")


def next_receipt_number(year: int) -> str:
    """The year's next receipt number. Two dossiers received at the same moment take numbers one after the
    other: on PostgreSQL a transaction-scoped advisory lock per year serialises the max + 1 (released at
    commit); SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RECEIPT_LOCK, year])
    prefix = f"{year}-"
    last = (
        Dossier.objects.filter(receipt_number__startswith=prefix)
        .order_by("-receipt_number")
        .values_list("receipt_number", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"
