"""What staff-written message wording may see: plain values only.

File templates are code and get the full context. Wording that office staff type in the portal is
rendered with this restricted copy: model objects become plain dicts of their own concrete fields
(one level of related objects), without methods, reverse relations, or anything sensitive — so no
placeholder can reach a password hash, a private calendar token, or another person's contacts.
"""

import datetime
from decimal import Decimal

from django.db import models

SENSITIVE = (
    "password",
    "token",
    "secret",
    "key",
    "hash",
    "salt",
    "email",
    "phone",
    "last_login",
    "superuser",
    "is_staff",
    "birth",
)
_PLAIN = (str, int, float, Decimal, bool, datetime.date, datetime.datetime, datetime.time, type(None))


class _Record(dict):
    """A model instance as a dict of safe values; prints as the instance did."""

    def __init__(self, values: dict, text: str):
        super().__init__(values)
        self._text = text

    def __str__(self):
        return self._text


def _sensitive(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in SENSITIVE)


def _record(instance: models.Model, depth: int) -> _Record:
    values = {}
    for field in instance._meta.concrete_fields:
        if _sensitive(field.name):
            continue
        if field.is_relation:
            if depth > 0:
                related = getattr(instance, field.name, None)
                values[field.name] = _record(related, depth - 1) if related is not None else None
            continue
        value = getattr(instance, field.attname)
        values[field.name] = value
        if field.choices:
            values[f"{field.name}_display"] = getattr(instance, f"get_{field.name}_display")()
    return _Record(values, str(instance))


def safe_context(value, depth: int = 1):
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, models.Model):
        return _record(value, depth)
    if isinstance(value, dict):
        return {k: safe_context(v, depth) for k, v in value.items() if not _sensitive(str(k))}
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [safe_context(v, depth) for v in value]
    if hasattr(value, "__dict__") and not callable(value):  # a dataclass or simple object (a reminder item)
        return {k: safe_context(v, depth) for k, v in vars(value).items() if not k.startswith("_") and not _sensitive(k)}
    return str(value)
