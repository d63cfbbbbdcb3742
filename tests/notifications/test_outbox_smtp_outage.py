"""The outbox against a real SMTP server (aiosmtpd on a free local port) that is down for hours: the
clock is moved minute by minute with time-machine and the real flush (the beat task's body) runs each
minute. Every e-mail is delivered exactly once after the server returns; none is given up early."""

import datetime
import socket
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from notifications import services
from notifications.models import OutboxEmail, OutboxStatus
from notifications.tasks import outbox_flush
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 15, 8, 0, tzinfo=datetime.UTC)


class Inbox:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"

    def subjects(self) -> list[str]:
        return sorted(str(make_header(decode_header(m["Subject"]))) for _to, m in self.messages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port; `start()`/`stop()` bring it up and down. Down at first."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    class Server:
        inbox = Inbox()
        controller = None

        def start(self):
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)
            self.controller.start()

        def stop(self):
            if self.controller is not None:
                self.controller.stop()
                self.controller = None

    server = Server()
    yield server
    server.stop()


def queue(n: int) -> list[OutboxEmail]:
    return [
        services.email_queue(to=f"donvi{i}@example.vn", subject=f"Thông báo số {i}", template="password_reset",
                             context={"user": None, "url": "http://x/"})
        for i in range(1, n + 1)
    ]  # fmt: skip


def run_minutes(clock, minutes: int) -> int:
    """One real flush per simulated minute; returns how many e-mails they sent."""
    sent = 0
    for _ in range(minutes):
        clock.shift(datetime.timedelta(minutes=1))
        sent += outbox_flush()
    return sent


def test_smtp_down_for_six_hours_every_email_delivered_once_after(smtp, settings):
    with time_machine.travel(START, tick=False) as clock:
        messages = queue(4)
        assert outbox_flush() == 0  # the first attempt of each: refused
        sent_while_down = run_minutes(clock, 6 * 60)
        assert sent_while_down == 0
        rows = list(OutboxEmail.objects.order_by("id"))
        # Attempts at 0, 1, 3, 8, 18, 38, 78 min, then hourly: 138, 198, 258, 318 → 11 real attempts in 6 h.
        assert [(m.status, m.attempts, m.failures) for m in rows] == [(OutboxStatus.RETRYING, 11, 11)] * 4
        assert [m.next_attempt_at for m in rows] == [START + datetime.timedelta(minutes=378)] * 4
        assert "Connection refused" in rows[0].last_error

        smtp.start()
        assert run_minutes(clock, 17) == 0  # the server is up, but no e-mail is due before minute 378
        assert run_minutes(clock, 1) == 4
        assert run_minutes(clock, 120) == 0  # nothing is sent twice

    assert smtp.inbox.subjects() == [f"Thông báo số {i}" for i in range(1, 5)]
    assert sorted(to for to, _m in smtp.inbox.messages) == [[f"donvi{i}@example.vn"] for i in range(1, 5)]
    rows = list(OutboxEmail.objects.order_by("id"))
    assert [(m.status, m.attempts, m.failures, m.first_failed_at) for m in rows] == [(OutboxStatus.SENT, 12, 0, None)] * 4
    assert [m.pk for m in messages] == [m.pk for m in rows]


def test_email_is_marked_failed_only_after_48_hours_then_staff_resend_once(
    smtp, client, office_staff, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False) as clock:
        [message] = queue(1)
        outbox_flush()
        run_minutes(clock, 47 * 60)
        message.refresh_from_db()
        assert message.status == OutboxStatus.RETRYING  # still retried after 47 hours
        run_minutes(clock, 79)  # the attempt at 48 h 18 min is the first after the 48 h window
        message.refresh_from_db()
        assert (message.status, message.next_attempt_at) == (OutboxStatus.FAILED, None)
        attempts = message.attempts
        assert attempts == 7 + 47  # 7 attempts in the first 78 minutes, then hourly from 138 to 2898 minutes
        assert run_minutes(clock, 120) == 0
        message.refresh_from_db()
        assert message.attempts == attempts  # a failed e-mail is not tried again by itself

        client.force_login(office_staff)
        page = client.get(reverse("notifications:outbox")).content.decode()
        assert "donvi1@example.vn" in page and "Gửi lỗi" in page and "Connection refused" in page

        smtp.start()
        url = reverse("notifications:outbox_resend", args=[message.pk])
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url)
            second = client.post(url)  # a double click
        assert (first.status_code, second.status_code) == (302, 302)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, attempts + 1)
    assert smtp.inbox.subjects() == ["Thông báo số 1"]
    assert list(AuditEntry.objects.filter(action="outbox_resend").values_list("object_id", "actor")) == [
        (str(message.pk), office_staff.pk)
    ]


def test_outbox_page_is_for_staff_only(client, unit_a):
    client.force_login(user_with_role(Role.UNIT_CLERK, unit_a))
    assert client.get(reverse("notifications:outbox")).status_code == 403
