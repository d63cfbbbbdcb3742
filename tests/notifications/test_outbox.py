import datetime
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications import outbox, services
from notifications.models import Notification, OutboxEmail, OutboxStatus
from notifications.tasks import outbox_flush
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queue():
    return services.email_queue(
        to="vanthu@example.vn",
        subject="Đặt lại mật khẩu",
        template="password_reset",
        context={"user": UserFactory(full_name="Phạm Thị Lan"), "url": "http://x/duong-dan/"},
    )


def test_outbox_email_is_sent_once_even_if_asked_twice():
    message = _queue()
    assert outbox.outbox_send_one(outbox_id=message.pk) is True
    assert outbox.outbox_send_one(outbox_id=message.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Đặt lại mật khẩu"
    assert "Kính gửi Phạm Thị Lan," in mail.outbox[0].body
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 1)


class _BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("Máy chủ thư không trả lời")


def test_failed_send_is_recorded_and_retried_by_flush_when_due(settings):
    with time_machine.travel(datetime.datetime(2027, 3, 15, 8, 0, tzinfo=datetime.UTC), tick=False) as clock:
        message = _queue()
        settings.EMAIL_BACKEND = "tests.notifications.test_outbox._BrokenBackend"
        with pytest.raises(SMTPException):
            outbox.outbox_send_one(outbox_id=message.pk)
        message.refresh_from_db()
        assert (message.status, message.attempts, message.last_error) == (OutboxStatus.RETRYING, 1, "Máy chủ thư không trả lời")
        assert message.next_attempt_at == timezone.now() + datetime.timedelta(minutes=1)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert outbox_flush() == 0  # not due yet: nothing tried, nothing counted
        message.refresh_from_db()
        assert message.attempts == 1
        clock.shift(datetime.timedelta(minutes=1))
        assert outbox_flush() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (OutboxStatus.SENT, 2, None)
    assert message.first_failed_at is None


def test_email_is_dispatched_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_notify_without_email_address_only_notifies_in_portal():
    user = UserFactory(email="")
    services.notify(
        recipient=user,
        title="Bạn được giao vai trò mới: Thủ trưởng đơn vị",
        template="role_granted",
        context={"by": user, "assignment": "Thủ trưởng đơn vị"},
        url="/",
    )
    assert Notification.objects.filter(recipient=user).count() == 1
    assert OutboxEmail.objects.count() == 0


def test_notification_read_redirects_only_inside_site(client):
    user = UserFactory()
    outside = Notification.objects.create(recipient=user, title="T", url="https://evil.example.com/")
    client.force_login(user)
    response = client.post(f"/thong-bao/{outside.pk}/doc/")
    assert response.url == "/thong-bao/"
    outside.refresh_from_db()
    assert outside.read_at is not None
