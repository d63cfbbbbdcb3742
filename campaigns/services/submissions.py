"""Writes on what units send for a request: the upload, and the receiver's acceptance or return."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import answering_authorities, answering_for_units, holders_by_unit
from core.services import audit_record
from core.services import require_perm as _require
from core.uploads import store_upload
from notifications.services import Message, notify_many

from ..enums import Receiver, SubmissionStatus
from ..messages import EMAIL_CATEGORY_REQUESTS
from ..models import RequestRecipient, Submission

# Refusals of an upload (the file's content, a closed request, a document already accepted) are about the
# file: keyed so, a form shows them beside its file field.
FILE = "file"


@transaction.atomic
def submission_upload(*, by, recipient: RequestRecipient, upload, note: str = "") -> Submission:
    """A unit sends its document: checked by content, stored, the recipient marked as submitted.
    Late is allowed (the board shows it late); after acceptance the document is final. A refusal is a
    ValidationError on FILE."""
    _require(by, "campaigns.submit_document", recipient)
    recipient = RequestRecipient.objects.select_for_update().select_related("request").get(pk=recipient.pk)
    if recipient.request.closed_at is not None:
        raise ValidationError({FILE: _("Yêu cầu này đã kết thúc theo dõi, không nhận thêm văn bản.")})
    if recipient.status == SubmissionStatus.ACCEPTED:
        raise ValidationError({FILE: _("Văn bản của đơn vị đã được chấp nhận; không cần nộp lại.")})
    now = timezone.now()
    try:
        submission = store_upload(Submission(recipient=recipient, note=note.strip(), uploaded_at=now), upload, by=by)
    except ValidationError as exc:
        raise ValidationError({FILE: exc.messages}) from None
    old_status = recipient.status
    recipient.status, recipient.submitted_at, recipient.submitted_by = SubmissionStatus.SUBMITTED, now, by
    recipient.version += 1
    recipient.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    audit_record(
        actor=by,
        action="submission_upload",
        obj=recipient.request,
        changes={recipient.unit.name: [old_status, recipient.status], "file": [None, submission.original_name]},
    )
    request = recipient.request
    if request.receiver == Receiver.CLUSTER_HEAD and recipient.group_id and recipient.group.head_id:
        title = _("%(unit)s đã nộp: %(title)s") % {"unit": recipient.unit.name, "title": request.title}
        url = reverse("campaigns:request_detail", args=[request.pk])
        notify_many(
            [
                Message(
                    recipient=clerk,
                    title=title,
                    template="cluster_notice",
                    context={"text": title},
                    url=url,
                    authority_id=request.authority_id,
                    category=EMAIL_CATEGORY_REQUESTS,
                )
                for clerk in holders_by_unit(Role.UNIT_CLERK, unit_ids=[recipient.group.head_id]).get(recipient.group.head_id, [])
            ]
        )
    return submission


def _review(*, by, recipient: RequestRecipient, expected_version: int) -> RequestRecipient:
    # Lock only this row: the optional group is an outer join, which PostgreSQL will not lock.
    locked = (
        RequestRecipient.objects.select_for_update(of=("self",)).select_related("request", "unit", "group").get(pk=recipient.pk)
    )
    _require(by, "campaigns.review_submission", locked)
    if locked.version != expected_version:
        raise ValidationError(_("Đơn vị vừa nộp lại hoặc người khác vừa xem xét; vui lòng tải lại trang."))
    if locked.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Chỉ xem xét văn bản đơn vị đã nộp và đang chờ xem xét."))
    return locked


@transaction.atomic
def submission_accept(*, by, recipient: RequestRecipient, expected_version: int) -> RequestRecipient:
    recipient = _review(by=by, recipient=recipient, expected_version=expected_version)
    recipient.status, recipient.reviewed_at, recipient.reviewed_by, recipient.return_reason = (
        SubmissionStatus.ACCEPTED,
        timezone.now(),
        by,
        "",
    )
    recipient.version += 1
    recipient.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "version"])
    audit_record(
        actor=by, action="submission_accept", obj=recipient.request, changes={recipient.unit.name: ["da_nop", "da_chap_nhan"]}
    )
    _tell_unit(recipient, template="submission_accepted", title=_("Đã chấp nhận: %(title)s") % {"title": recipient.request.title})
    return recipient


@transaction.atomic
def submission_return(*, by, recipient: RequestRecipient, reason: str, expected_version: int) -> RequestRecipient:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    recipient = _review(by=by, recipient=recipient, expected_version=expected_version)
    recipient.status, recipient.reviewed_at, recipient.reviewed_by, recipient.return_reason = (
        SubmissionStatus.RETURNED,
        timezone.now(),
        by,
        reason,
    )
    recipient.version += 1
    recipient.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "version"])
    audit_record(
        actor=by,
        action="submission_return",
        obj=recipient.request,
        changes={recipient.unit.name: ["da_nop", "tra_lai"]},
        note=reason,
    )
    _tell_unit(
        recipient, template="submission_returned", title=_("Trả lại để sửa: %(title)s") % {"title": recipient.request.title}
    )
    return recipient


def _tell_unit(recipient: RequestRecipient, *, template: str, title: str) -> None:
    url = reverse("campaigns:request_detail", args=[recipient.request_id])
    notify_many(
        [
            Message(
                recipient=clerk,
                title=title,
                template=template,
                context={"request": recipient.request, "unit": recipient.unit, "reason": recipient.return_reason},
                url=url,
                authority_id=answering_authorities([recipient.unit_id]).get(recipient.unit_id),
                category=EMAIL_CATEGORY_REQUESTS,
            )
            for clerk in answering_for_units([recipient.unit_id]).get(recipient.unit_id, [])
        ]
    )
