"""The receipt date can be entered (#14): a paper dossier received yesterday is recorded today."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dossiers import services
from dossiers.enums import DossierStatus as S
from dossiers.workdays import add_working_days
from tests.clock import at

# Sent on Monday 2 November 2026; the office records it on Thursday the 5th.
SENT, RECORDED = at(2026, 11, 2, 15, 30), at(2026, 11, 5, 10)


@pytest.fixture
def sent(complete_draft, clerk_a):
    with time_machine.travel(SENT, tick=False):
        services.dossier_transition(complete_draft, to=S.SUBMITTED, by=clerk_a)
    return complete_draft


def _days(dossier):
    from dossiers.services.workflow import _processing_days

    return _processing_days(dossier)


@time_machine.travel(RECORDED, tick=False)
def test_the_promised_date_counts_from_the_day_entered(sent, office_staff):
    services.dossier_transition(sent, to=S.RECEIVED, by=office_staff, received_on=datetime.date(2026, 11, 3))
    sent.refresh_from_db()
    assert timezone.localdate(sent.received_at) == datetime.date(2026, 11, 3)
    assert sent.due_date == add_working_days(datetime.date(2026, 11, 3), _days(sent))
    assert sent.receipt_number.startswith("2026-")


@time_machine.travel(RECORDED, tick=False)
def test_the_day_it_was_sent_is_the_earliest(sent, office_staff):
    services.dossier_transition(sent, to=S.RECEIVED, by=office_staff, received_on=datetime.date(2026, 11, 2))
    sent.refresh_from_db()
    assert sent.received_at >= sent.submitted_at  # 10:00 on the 2nd would be before it was sent at 15:30
    assert sent.due_date == add_working_days(datetime.date(2026, 11, 2), _days(sent))


@time_machine.travel(RECORDED, tick=False)
@pytest.mark.parametrize(
    ("day", "words"),
    [
        (datetime.date(2026, 11, 1), "Ngày tiếp nhận không được trước ngày gửi hồ sơ (02/11/2026)."),
        (datetime.date(2026, 11, 6), "Ngày tiếp nhận không được sau ngày hôm nay."),
    ],
)
def test_a_day_before_sending_or_in_the_future_is_refused(sent, office_staff, day, words):
    with pytest.raises(ValidationError) as refused:
        services.dossier_transition(sent, to=S.RECEIVED, by=office_staff, received_on=day)
    assert refused.value.messages == [words]
    sent.refresh_from_db()
    assert sent.status == S.SUBMITTED and not sent.receipt_number


@time_machine.travel(RECORDED, tick=False)
def test_without_a_day_it_is_received_today(sent, office_staff):
    services.dossier_transition(sent, to=S.RECEIVED, by=office_staff)
    sent.refresh_from_db()
    assert timezone.localdate(sent.received_at) == datetime.date(2026, 11, 5)
    assert sent.due_date == add_working_days(datetime.date(2026, 11, 5), _days(sent))


@time_machine.travel(RECORDED, tick=False)
def test_the_page_offers_the_day_and_keeps_a_refused_one(client, sent, office_staff):
    client.force_login(office_staff)
    page = client.get(reverse("dossiers:detail", args=[sent.pk])).content.decode()
    assert 'name="received_on"' in page and 'value="2026-11-05"' in page and 'min="2026-11-02"' in page
    post = {"to": S.RECEIVED, "version": sent.version, "note": "", "received_on": "2026-11-06"}
    response = client.post(reverse("dossiers:transition", args=[sent.pk]), post)
    body = response.content.decode()
    assert response.status_code == 200 and "Ngày tiếp nhận không được sau ngày hôm nay." in body
    assert 'value="2026-11-06"' in body
    post["received_on"] = "2026-11-04"
    response = client.post(reverse("dossiers:transition", args=[sent.pk]), post)
    assert response.status_code == 302
    sent.refresh_from_db()
    assert timezone.localdate(sent.received_at) == datetime.date(2026, 11, 4)
