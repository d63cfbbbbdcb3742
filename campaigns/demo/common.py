"""Helpers the demo modules share."""

import datetime
import hashlib

from django.utils import timezone

D = datetime.date


def pdf(text: str) -> bytes:
    """A small valid PDF (content-checked like a real upload)."""
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {digest}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
