"""Reads that every app shares."""

from django.db import models
from django.db.models import Q, QuerySet

from .models import AuditEntry


def audit_history(obj: models.Model, *, limit: int = 50) -> QuerySet[AuditEntry]:
    """The audit entries of one object, newest first, with who made them (the detail pages' history)."""
    meta = obj._meta
    return AuditEntry.objects.filter(
        content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=str(obj.pk)
    ).select_related("actor")[:limit]


def audit_entries(*, viewer) -> QuerySet[AuditEntry]:
    """The audit list, newest first, with who made it and the kind of object — for those who may read the
    audit (nothing for others): the administrator every entry; an office its authority's (#13), and the top
    authority's office also the entries from before there were several."""
    if not viewer.has_perm("accounts.view_audit"):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if viewer.has_perm("accounts.manage_all_users"):
        return entries
    mine = Q(authority_id=viewer.acting_authority_id)
    return entries.filter(mine | Q(authority_id__isnull=True) if viewer.acts_in_root else mine)


def audit_actions() -> list[str]:
    """Every action the audit has recorded, once each (the audit list's filter)."""
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())
