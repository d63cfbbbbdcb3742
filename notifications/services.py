"""The one messenger: every in-app message and e-mail of the portal goes through here."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from .links import in_authority
from .models import EmailOptOut, MessageTemplate, Notification, OutboxEmail, OutboxStatus
from .sandbox import safe_context

logger = logging.getLogger(__name__)


def _absolute(url: str) -> str:
    return url if not url or url.startswith("http") else f"{settings.SITE_URL}{url}"


def _overrides(keys) -> dict[str, MessageTemplate]:
    return {t.key: t for t in MessageTemplate.objects.filter(key__in=set(keys))}


def render_message(template: str, channel: str, context: dict, override: MessageTemplate | None = None) -> str:
    """The text of a message: the staff's wording when they edited it, else the file template
    templates/notifications/<channel>/<template>.txt (channel: "email" or "inapp")."""
    text = getattr(override, f"{channel}_body", "") if override is not None else ""
    if text.strip():  # staff wording: plain values only (notifications/sandbox.py)
        return Template(text).render(Context(safe_context(context), autoescape=False))
    return render_to_string(f"notifications/{channel}/{template}.txt", context)


def _title(title: str, context: dict, override: MessageTemplate | None) -> str:
    if override is not None and override.title.strip():
        return " ".join(Template(override.title).render(Context(safe_context(context), autoescape=False)).split())[:255]
    return title[:255]


def email_queue(*, to: str, subject: str, template: str, context: dict) -> OutboxEmail | None:
    """Queue an e-mail rendered from templates/notifications/email/<template>.txt; sent after commit."""
    if not to:
        return None
    override = _overrides([template]).get(template)
    body = render_message(template, "email", {**context, "site_url": settings.SITE_URL}, override)
    message = OutboxEmail.objects.create(to=to, subject=subject, body=body)
    transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def notify(
    *,
    recipient,
    title: str,
    template: str,
    context: dict,
    url: str = "",
    email: bool = True,
    category: str = "",
    authority_id: int | None = None,
) -> Notification:
    """Tell a user something: in the portal, and by e-mail when they have an address (and have not
    turned off e-mail for this `category`). `authority_id`: the authority the record belongs to; the
    link then opens there (notifications.links), whichever authority the person acts in when they click."""
    url = in_authority(url, authority_id)
    override = _overrides([template]).get(template)
    title = _title(title, {**context, "recipient": recipient}, override)
    notification = Notification.objects.create(
        recipient=recipient,
        title=title,
        body=render_message(template, "inapp", context, override).strip(),
        url=url,
    )
    if category and EmailOptOut.objects.filter(user=recipient, category=category).exists():
        email = False
    if email and recipient.email:
        email_queue(
            to=recipient.email,
            subject=title,
            template=template,
            context={**context, "url": _absolute(url), "recipient": recipient},
        )
    return notification


@dataclass
class Message:
    """One message for `notify_many`: to a user (portal + e-mail), or only to an e-mail address."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
    recipient: object = None  # a User, or None for an address without an account (`to`)
    to: str = ""
    url: str = ""
    category: str = ""
    authority_id: int | None = None  # the record's authority: the link opens there (notifications.links)

    @property
    def link(self) -> str:
        return in_authority(self.url, self.authority_id)


def notify_many(messages: list[Message]) -> int:
    """Many messages in a fixed number of queries (templates, opt-outs, one bulk insert each for the
    portal messages and the e-mails); the e-mails go to the worker in batches after commit.
    Returns the number of e-mails queued."""
    if not messages:
        return 0
    overrides = _overrides(m.template for m in messages)
    user_ids = {m.recipient.pk for m in messages if m.recipient is not None and m.category}
    opted_out = set(
        EmailOptOut.objects.filter(user_id__in=user_ids, category__in={m.category for m in messages}).values_list(
            "user_id", "category"
        )
    )
    notifications, emails = [], []
    for m in messages:
        override = overrides.get(m.template)
        context = {**m.context, "recipient": m.recipient}
        title = _title(m.title, context, override)
        if m.recipient is not None:
            notifications.append(
                Notification(
                    recipient=m.recipient,
                    title=title,
                    body=render_message(m.template, "inapp", context, override).strip(),
                    url=m.link,
                )
            )
        address = m.recipient.email if m.recipient is not None else m.to
        if not address or (m.recipient is not None and (m.recipient.pk, m.category) in opted_out):
            continue
        body = render_message(m.template, "email", {**context, "url": _absolute(m.link), "site_url": settings.SITE_URL}, override)
        emails.append(OutboxEmail(to=address, subject=title, body=body))
    Notification.objects.bulk_create(notifications)
    created = OutboxEmail.objects.bulk_create(emails)
    ids = [e.pk for e in created if e.pk is not None]
    if ids:
        transaction.on_commit(lambda: _dispatch_many(ids))
    return len(emails)


DISPATCH_BATCH = 100


def _dispatch_many(outbox_ids: list[int]) -> None:
    """Hand e-mails to the worker in batches; with the broker down the rows stay pending for outbox_flush."""
    from .tasks import outbox_send_many

    for start in range(0, len(outbox_ids), DISPATCH_BATCH):
        try:
            outbox_send_many.delay(outbox_ids[start : start + DISPATCH_BATCH])
        except Exception:  # the broker is unreachable: the beat's flush will pick them up
            logger.warning(
                "Không gửi được %s thư vào hàng đợi; sẽ gửi lại ở lần quét sau.", len(outbox_ids) - start, exc_info=True
            )
            return


def _dispatch(outbox_id: int) -> None:
    """Hand the e-mail to the worker. With the broker down the row stays pending for outbox_flush."""
    from .tasks import outbox_send

    try:
        outbox_send.delay(outbox_id)
    except Exception:  # the broker is unreachable: the beat's flush will pick it up
        logger.warning("Không gửi được thư %s vào hàng đợi; sẽ gửi lại ở lần quét sau.", outbox_id, exc_info=True)


UNDELIVERED = (OutboxStatus.RETRYING, OutboxStatus.FAILED)


def outbox_undelivered():
    """For the staff page: e-mails that failed for good or wait for their next attempt after a failure."""
    return OutboxEmail.objects.filter(status__in=UNDELIVERED).order_by("first_failed_at", "id")


def mail_failing_since():
    """When the oldest still-undelivered failure began (None when no e-mail is failing)."""
    return (
        OutboxEmail.objects.filter(status__in=[*UNDELIVERED, OutboxStatus.SENDING], first_failed_at__isnull=False)
        .order_by("first_failed_at")
        .values_list("first_failed_at", flat=True)
        .first()
    )


@transaction.atomic
def outbox_resend(*, by, outbox_id: int) -> bool:
    """Staff send an undelivered e-mail again now, with a fresh back-off window. One resend per click
    however many clicks: the row is locked and only a failed or waiting e-mail is reset. Audited."""
    from core.services import audit_record, require_perm

    require_perm(by, "notifications.manage_outbox")
    message = OutboxEmail.objects.select_for_update().get(pk=outbox_id)
    if message.status not in UNDELIVERED:
        return False
    old_status = message.status
    OutboxEmail.objects.filter(pk=message.pk).update(
        status=OutboxStatus.PENDING, next_attempt_at=None, first_failed_at=None, failures=0
    )
    audit_record(
        actor=by,
        action="outbox_resend",
        obj=message,
        changes={"status": [old_status, OutboxStatus.PENDING], "attempts": [message.attempts, message.attempts]},
    )
    transaction.on_commit(lambda: _dispatch(message.pk))
    return True


def notification_mark_read(*, recipient, notification_id: int | None = None) -> int:
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=timezone.now())
