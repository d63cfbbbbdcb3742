"""E-mail through the outbox, sent by a real Celery worker over Redis, on PostgreSQL.

Only with TDKT_INTEGRATION=1 (./scripts/test.sh sets it for its second run).
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.http import urlsafe_base64_decode

from accounts.enums import Role
from accounts.models import User
from accounts.services import user_create
from notifications.models import OutboxEmail, OutboxStatus
from notifications.tasks import outbox_flush

from .conftest import database_url, project_env, read_mails, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(os.environ.get("TDKT_INTEGRATION") != "1", reason="set TDKT_INTEGRATION=1 (./scripts/test.sh)"),
]

INVITE_SUBJECT = "Tài khoản của bạn trên Cổng thi đua, khen thưởng"
SET_PASSWORD_URL = re.compile(r"https?://\S+?/tai-khoan/dat-lai-mat-khau/(?P<uidb64>[^/\s]+)/(?P<token>[^/\s]+)/")
CLOSED_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def outbox_status(outbox_id: int) -> str:
    return OutboxEmail.objects.values_list("status", flat=True).get(pk=outbox_id)


def assert_one_invitation_mailed(mail_dir, user: User) -> None:
    """Exactly one file in the worker's mail folder holds the invitation, with a working link for `user`."""
    mails = read_mails(mail_dir)
    # Django folds the encoded subject onto a continuation line; unfolding leaves a leading space.
    invitations = [(path, m) for path, messages in mails.items() for m in messages if str(m["subject"]).strip() == INVITE_SUBJECT]
    assert len(invitations) == 1, mails
    [(path, message)] = invitations
    assert len(mails[path]) == 1
    assert str(message["to"]) == user.email
    body = message.get_content()
    assert user.full_name in body
    assert user.username in body
    link = SET_PASSWORD_URL.search(body)
    assert link is not None, body
    assert urlsafe_base64_decode(link["uidb64"]).decode() == str(user.pk)
    user.refresh_from_db()
    assert default_token_generator.check_token(user, link["token"]) is True


@pytest.mark.django_db(transaction=True)
def test_invitation_email_sent_by_worker(celery_worker_process, mail_dir, office_staff, unit_a):
    user, password = user_create(
        by=office_staff,
        username="nguyenvanan",
        full_name="Nguyễn Văn Ân",
        email="an.nguyen@example.vn",
        role=Role.UNIT_CLERK,
        unit=unit_a,
        invite_by_email=True,
    )

    assert password is None
    outbox = OutboxEmail.objects.get(to="an.nguyen@example.vn")
    assert outbox.subject == INVITE_SUBJECT
    wait_until(lambda: outbox_status(outbox.pk) == OutboxStatus.SENT, what="the worker to send the invitation")
    outbox.refresh_from_db()
    assert (outbox.status, outbox.attempts, outbox.last_error) == (OutboxStatus.SENT, 1, "")
    assert_one_invitation_mailed(mail_dir, user)


@pytest.mark.django_db(transaction=True)
def test_email_queued_while_broker_down_is_sent_after_flush(celery_worker_process, mail_dir, office_staff, unit_a):
    # Another process creates the account while the broker is unreachable.
    code = (
        "from accounts.models import User\n"
        "from accounts.services import user_create\n"
        "from units.models import Unit\n"
        f"user_create(by=User.objects.get(pk={office_staff.pk}), username='tranthibich', full_name='Trần Thị Bích',"
        f" email='bich.tran@example.vn', role='unit_clerk', unit=Unit.objects.get(pk={unit_a.pk}), invite_by_email=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=project_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=CLOSED_BROKER),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The dispatch after commit was tried, failed on the broker, and was only logged.
    assert "Không gửi được thư" in result.stderr, result.stderr

    # The change is saved and the e-mail waits in the outbox.
    user = User.objects.get(username="tranthibich")
    assert (user.full_name, user.email) == ("Trần Thị Bích", "bich.tran@example.vn")
    outbox = OutboxEmail.objects.get(to="bich.tran@example.vn")
    assert (outbox.status, outbox.attempts) == (OutboxStatus.PENDING, 0)
    assert list(mail_dir.iterdir()) == []

    # The flush (beat's job) through the real broker sends it.
    flush = outbox_flush.delay()
    wait_until(lambda: outbox_status(outbox.pk) == OutboxStatus.SENT, what="outbox_flush to send the e-mail")
    done = f"Task notifications.tasks.outbox_flush[{flush.id}] succeeded"
    wait_until(lambda: done in celery_worker_process.log(), timeout=10, what="the worker to log the flush")
    returned = re.search(re.escape(done) + r" in \S+s: (\d+)", celery_worker_process.log())
    assert returned is not None
    assert returned[1] == "1"  # it sent exactly this one e-mail
    outbox.refresh_from_db()
    assert (outbox.status, outbox.attempts) == (OutboxStatus.SENT, 1)
    assert_one_invitation_mailed(mail_dir, user)
