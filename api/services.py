"""Every write of the API app: keyword-only, atomic, permission-checked, audited.

Clients: made, renamed, re-scoped, given a new token or revoked by an administrator; a token is
returned once and only its SHA-256 is kept. Dossiers: received from a client through the very
services the portal's forms call, in one transaction, under the client's own reference.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from dossiers import services as dossier_services
from dossiers.enums import DossierStatus

from .models import ApiClient, ApiSubmission, Scope

TOKEN_PREFIX = "tdkt_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def _clean_scopes(scopes) -> list[str]:
    chosen = list(dict.fromkeys(scopes or []))
    unknown = [s for s in chosen if s not in Scope.values]
    if unknown:
        raise ValidationError({"scopes": _("Phạm vi không hợp lệ: %(items)s.") % {"items": ", ".join(map(str, unknown))}})
    if not chosen:
        raise ValidationError({"scopes": _("Hãy chọn ít nhất một phạm vi được phép.")})
    return [s for s in Scope.values if s in chosen]


def _check_service_user(user) -> None:
    if user is None or not user.is_active:
        raise ValidationError({"user": _("Hãy chọn một tài khoản dịch vụ đang hoạt động.")})


# --- Clients -------------------------------------------------------------------------------------


@transaction.atomic
def api_client_create(*, by, name: str, user, scopes) -> tuple[ApiClient, str]:
    """Make a client; returns it and its token, which is never shown again."""
    _require(by, "api.manage_clients")
    _check_service_user(user)
    token = _new_token()
    client = ApiClient(
        name=normalize_text(name),
        user=user,
        scopes=_clean_scopes(scopes),
        token_hash=token_hash(token),
        token_prefix=token[:12],
        created_by=by,
    )
    client.full_clean()
    client.save()
    audit_record(
        actor=by,
        action="api_client_create",
        obj=client,
        changes={"name": [None, client.name], "user": [None, str(user)], "scopes": [None, client.scopes]},
    )
    return client, token


@transaction.atomic
def api_client_update(*, by, client: ApiClient, name: str, scopes) -> ApiClient:
    _require(by, "api.manage_clients")
    fields = ["name", "scopes"]
    old = snapshot(ApiClient.objects.get(pk=client.pk), fields)
    client.name, client.scopes = normalize_text(name), _clean_scopes(scopes)
    client.full_clean(exclude=["user", "created_by"])
    client.save(update_fields=fields)
    changes = diff_fields(client, old, fields)
    if changes:
        audit_record(actor=by, action="api_client_update", obj=client, changes=changes)
    return client


@transaction.atomic
def api_client_revoke(*, by, client: ApiClient, reason: str) -> ApiClient:
    """Stop a client for good: its token is refused from the next request (401)."""
    _require(by, "api.manage_clients")
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    updated = ApiClient.objects.filter(pk=client.pk, is_active=True).update(
        is_active=False, revoked_at=timezone.now(), revoked_reason=reason
    )
    if updated != 1:
        raise ValidationError(_("Hệ thống “%(name)s” đã bị thu hồi trước đó.") % {"name": client.name})
    client.refresh_from_db()
    audit_record(actor=by, action="api_client_revoke", obj=client, changes={"is_active": [True, False]}, note=reason)
    return client


@transaction.atomic
def api_client_token_renew(*, by, client: ApiClient) -> str:
    """A new token for a client (the old one stops working at once); returned once."""
    _require(by, "api.manage_clients")
    if not client.is_active:
        raise ValidationError(_("Hệ thống “%(name)s” đã bị thu hồi: hãy tạo hệ thống mới.") % {"name": client.name})
    token = _new_token()
    old_prefix = client.token_prefix
    client.token_hash, client.token_prefix = token_hash(token), token[:12]
    client.save(update_fields=["token_hash", "token_prefix"])
    audit_record(
        actor=by, action="api_client_token_renew", obj=client, changes={"token_prefix": [old_prefix, client.token_prefix]}
    )
    return token


# --- Dossiers from the public-service portal -----------------------------------------------------


class ReferenceConflict(Exception):
    """The client's reference was used before for a different dossier content."""


@dataclass(frozen=True)
class IncomingAttachment:
    component: str
    upload: object  # an UploadedFile, already checked by core.uploads.check_upload
    nominee_index: int | None = None


def _existing(client: ApiClient, external_reference: str, request_hash: str) -> ApiSubmission | None:
    found = ApiSubmission.objects.select_related("dossier").filter(client=client, external_reference=external_reference).first()
    if found is not None and found.request_hash != request_hash:
        raise ReferenceConflict(
            _("Mã hồ sơ “%(ref)s” đã được dùng cho một hồ sơ có nội dung khác.") % {"ref": external_reference}
        )
    return found


def dossier_receive(
    *,
    client: ApiClient,
    by,
    external_reference: str,
    request_hash: str,
    unit,
    award_round,
    title: str,
    nominees: list[dict],
    attachments: list[IncomingAttachment],
) -> tuple[ApiSubmission, bool]:
    """Create, fill and submit a dossier received from `client`, all or nothing.

    Returns (submission, created). The same reference with the same content returns the first
    submission (created=False) and writes nothing; with other content it raises ReferenceConflict.
    Files stored before a failure are removed again.
    """
    stored: list = []
    try:
        return _dossier_receive(
            client=client,
            by=by,
            external_reference=external_reference,
            request_hash=request_hash,
            unit=unit,
            award_round=award_round,
            title=title,
            nominees=nominees,
            attachments=attachments,
            stored=stored,
        )
    except BaseException:
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise


@transaction.atomic
def _dossier_receive(
    *, client, by, external_reference, request_hash, unit, award_round, title, nominees, attachments, stored
) -> tuple[ApiSubmission, bool]:
    found = _existing(client, external_reference, request_hash)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            submission = ApiSubmission.objects.create(
                client=client, external_reference=external_reference, request_hash=request_hash
            )
    except IntegrityError:
        # The same reference arrived twice at once: the unique index made this request wait for the
        # other one, which has committed its dossier; answer with it.
        found = _existing(client, external_reference, request_hash)
        if found is None:
            raise
        return found, False

    dossier = dossier_services.dossier_create(by=by, unit=unit, award_round=award_round, title=title)
    created = dossier_services.nominees_bulk_create(by=by, dossier=dossier, rows=nominees) if nominees else []
    for incoming in attachments:
        nominee = created[incoming.nominee_index] if incoming.nominee_index is not None else None
        stored.append(
            dossier_services.attachment_add(
                by=by, dossier=dossier, component=incoming.component, upload=incoming.upload, nominee=nominee
            )
        )
    dossier_services.dossier_transition(dossier, to=DossierStatus.SUBMITTED, by=by)
    submission.dossier = dossier
    submission.save(update_fields=["dossier"])
    audit_record(
        actor=by,
        action="api_dossier_receive",
        obj=dossier,
        changes={"external_reference": [None, external_reference]},
        note=_("Nhận qua API từ “%(client)s”.") % {"client": client.name},
    )
    return submission, True


def submission_find(*, client: ApiClient, external_reference: str, request_hash: str) -> ApiSubmission | None:
    """The submission already received under this reference (ReferenceConflict if its content differs)."""
    return _existing(client, external_reference, request_hash)
