"""Writes shared by every app: the audit trail and the optimistic lock."""

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from .models import AuditEntry


class ConcurrentEditError(Exception):
    """Somebody saved the record after this user opened it: their change must not be overwritten."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Bản ghi này vừa được người khác cập nhật sau khi bạn mở trang. "
                "Vui lòng tải lại trang để xem nội dung mới rồi sửa lại."
            )
        )


def require_perm(user, perm: str, obj=None) -> None:
    """Every service checks its permission here: a refusal is one Vietnamese message everywhere."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _jsonable(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):  # a rate, a coefficient: "12.5", as typed
        return f"{value.normalize():f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def diff_fields(instance: models.Model, old: dict, fields: Iterable[str]) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    changes = {}
    for name in fields:
        new = getattr(instance, name)
        if old.get(name) != new:
            changes[name] = [_jsonable(old.get(name)), _jsonable(new)]
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _authority_of(obj: models.Model, actor) -> int | None:
    """Whose audit the entry is (#13): the record's authority, an authority itself, else where its actor acts."""
    if getattr(obj, "authority_id", None) is not None:
        return obj.authority_id
    if obj._meta.label_lower == "units.authority":
        return obj.pk
    if actor is not None and actor.is_authenticated:
        return getattr(actor, "acting_authority_id", None)
    return None


def audit_record(*, actor, action: str, obj: models.Model, changes: dict | None = None, note: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        authority_id=_authority_of(obj, actor),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
        note=note,
    )


def save_with_version(instance: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Save `fields` only if nobody saved the row since `expected_version` was read.

    The model has an integer `version` field; a lost race raises ConcurrentEditError and writes nothing.
    """
    model = instance._meta.model  # works through SimpleLazyObject (request.user) too
    if hasattr(instance, "fill_search_keys"):  # core.models.SearchKeyMixin: keep the search columns right
        fields = [*fields, *(f for f in instance.fill_search_keys(fields) if f not in fields)]
    values = {name: getattr(instance, name) for name in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=models.F("version") + 1, **values
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected_version + 1


def form_tokens_purge(*, older_than_days: int) -> int:
    """Forget the one-time form tokens (core.actions) older than `older_than_days`: by then the page that
    carried one is long gone (sessions last hours). Run nightly by beat; returns how many were removed."""
    import datetime

    from django.utils import timezone

    from .models import FormToken

    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    return FormToken.objects.filter(created_at__lt=cutoff).delete()[0]
