"""Reads that every app shares."""

from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def audit_history(obj: models.Model, *, limit: int = 50) -> QuerySet[AuditEntry]:
    """The audit entries of one object, newest first, with who made them (the detail pages' history)."""
    meta = obj._meta
    return AuditEntry.objects.filter(
        content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=str(obj.pk)
    ).select_related("actor")[:limit]
