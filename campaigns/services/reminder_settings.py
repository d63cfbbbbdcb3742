"""Writes on the reminders' configuration: their schedule, and the wording of the messages this app sends."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.utils.translation import gettext as _

from core.services import ConcurrentEditError, audit_record, save_with_version
from core.services import require_perm as _require
from notifications.models import MessageTemplate

from ..messages import MESSAGE_TEMPLATES
from ..models import ReminderSettings

REMINDER_SETTINGS_FIELDS = [
    "scan_hour",
    "offsets_before",
    "count_working_days",
    "overdue_every_days",
    "escalate_after_days",
    "overdue_stop_after_days",
    "digest_enabled",
    "remind_award_rounds",
    "remind_dossier_limits",
]


@transaction.atomic
def reminder_settings_save(*, by, config: ReminderSettings, expected_version: int, changed: list[str]) -> ReminderSettings:
    """Save the reminders' schedule (its form has already written the new values into `config`);
    `changed` names the fields the user changed, for the audit entry. A save from a page opened
    before someone else's is refused."""
    _require(by, "campaigns.configure_reminders")
    save_with_version(config, expected_version=expected_version, fields=REMINDER_SETTINGS_FIELDS)
    audit_record(
        actor=by,
        action="reminder_settings_update",
        obj=config,
        changes={name: [None, str(getattr(config, name))] for name in changed if name in REMINDER_SETTINGS_FIELDS},
    )
    return config


# --- The wording of messages ---------------------------------------------------------------------


def file_template_text(name: str) -> str:
    """The wording shipped in a template file (what a message says when staff have not rewritten it)."""
    return get_template(name).template.source


def message_template_stamp(template: MessageTemplate | None) -> str:
    """What an edit page showed of a message's stored wording: '' for none (the files' wording), else a
    digest of it. A save or restore starting from another stamp would undo someone else's change."""
    if template is None:
        return ""
    raw = "\0".join([str(template.pk), template.title, template.email_body, template.inapp_body])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _template_changed_meanwhile() -> ConcurrentEditError:
    return ConcurrentEditError(
        _(
            "Mẫu này vừa được người khác sửa hoặc khôi phục sau khi bạn mở trang. "
            "Vui lòng tải lại trang để xem nội dung mới rồi sửa lại."
        )
    )


@transaction.atomic
def message_template_save(*, by, key: str, title: str, email_body: str, inapp_body: str, expected_stamp: str) -> MessageTemplate:
    """Staff rewrite a message's wording. Text identical to the file's is not stored: the file stays
    the source."""
    _require(by, "campaigns.configure_reminders")
    if key not in MESSAGE_TEMPLATES:
        raise ValidationError(_("Không có mẫu thông báo này."))
    if email_body.strip() == file_template_text(f"notifications/email/{key}.txt").strip():
        email_body = ""
    if inapp_body.strip() == file_template_text(f"notifications/inapp/{key}.txt").strip():
        inapp_body = ""
    current = MessageTemplate.objects.select_for_update().filter(key=key).first()
    if message_template_stamp(current) != (expected_stamp or ""):
        raise _template_changed_meanwhile()
    values = {"title": title, "email_body": email_body, "inapp_body": inapp_body, "updated_by": by}
    if current is None:
        try:
            with transaction.atomic():  # two first saves at once: the second is refused, not merged
                template = MessageTemplate.objects.create(key=key, **values)
        except IntegrityError as exc:
            raise _template_changed_meanwhile() from exc
    else:
        template = current
        for name, value in values.items():
            setattr(template, name, value)
        template.save()
    audit_record(actor=by, action="message_template_update", obj=template)
    return template


@transaction.atomic
def message_template_restore(*, by, key: str, expected_stamp: str) -> None:
    """Go back to the files' wording (the stored rewrite is removed)."""
    _require(by, "campaigns.configure_reminders")
    current = MessageTemplate.objects.select_for_update().filter(key=key).first()
    if message_template_stamp(current) != (expected_stamp or ""):
        raise _template_changed_meanwhile()
    if current is not None:
        audit_record(actor=by, action="message_template_update", obj=current, note=_("Khôi phục mẫu gốc"))
        current.delete()
