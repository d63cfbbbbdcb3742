"""The files of a dossier (the whole dossier's or one nominee's), checked by content when stored."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record
from core.uploads import store_upload

from ..models import Attachment, Dossier, Nominee
from .dossiers import require_editable, touch
from .verdicts import eligibility_refresh


@transaction.atomic
def attachment_add(*, by, dossier: Dossier, component: str, upload, nominee: Nominee | None = None) -> Attachment:
    """Store an uploaded file after checking its content; a refused file changes nothing."""
    require_editable(by, dossier)
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    attachment = store_upload(Attachment(dossier=dossier, nominee=nominee, component=component), upload, by=by)
    audit_record(
        actor=by,
        action="attachment_add",
        obj=dossier,
        changes={"attachment": [None, f"{attachment.get_component_display()}: {attachment.original_name}"]},
    )
    touch(dossier)
    eligibility_refresh(dossier=dossier)
    return attachment


@transaction.atomic
def attachment_delete(*, by, attachment: Attachment) -> None:
    dossier = attachment.dossier
    require_editable(by, dossier)
    label = f"{attachment.get_component_display()}: {attachment.original_name}"
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    audit_record(actor=by, action="attachment_delete", obj=dossier, changes={"attachment": [label, None]})
    touch(dossier)
    eligibility_refresh(dossier=dossier)
