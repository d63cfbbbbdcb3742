"""Reminders reach whoever answers, with links that open where they answer (#13): a province's request
addressed to the unit a commune stands as is owed by that commune's office, in the commune's authority."""

from django.core import mail

from campaigns.enums import RecipientMode
from campaigns.models import RequestRecipient
from campaigns.services.reminders import reminder_scan, reminder_send_manual
from units.enums import UnitKind

from ..factories import UnitFactory
from .conftest import D, make_request


def _asked(province, commune_x, office_staff):
    representative = UnitFactory(authority=province, name="UBND xã Phong Thổ", code="ubnd-phong-tho", kind=UnitKind.COMMUNE)
    commune_x.authority.proposing_unit = representative
    commune_x.authority.save()
    return make_request(
        office_staff,
        due=D(2024, 11, 15),
        title="Kế hoạch thi đua của xã",
        recipient_mode=RecipientMode.NAMED,
        units=[representative],
    )


def test_the_communes_office_is_reminded_of_the_provinces_request_in_its_own_authority(
    province, commune_x, office_staff, settings_working, django_capture_on_commit_callbacks
):
    _asked(province, commune_x, office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        reminder_scan(today=D(2024, 11, 26))
    reminders = [m for m in mail.outbox if m.to == [commune_x.office.email] and "Kế hoạch thi đua của xã" in m.body]
    assert reminders, [m.subject for m in mail.outbox]
    assert f"?co_quan={commune_x.authority.pk}" in reminders[0].body


def test_a_manual_reminder_opens_in_the_communes_authority(
    province, commune_x, office_staff, settings_working, django_capture_on_commit_callbacks
):
    request = _asked(province, commune_x, office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminder_send_manual(by=office_staff, request=request, today=D(2024, 11, 26))
    assert sent["reminded"] == 1
    (message,) = [m for m in mail.outbox if m.to == [commune_x.office.email]]
    assert f"?co_quan={commune_x.authority.pk}" in message.body
    assert RequestRecipient.objects.get(request=request).unit.represents == commune_x.authority


def test_each_item_of_a_digest_opens_in_the_digests_authority(commune_x, settings_working, django_capture_on_commit_callbacks):
    request = make_request(commune_x.office, due=D(2024, 11, 15), title="Báo cáo của xã Phong Thổ")
    with django_capture_on_commit_callbacks(execute=True):
        reminder_scan(today=D(2024, 11, 26))
    (digest,) = [m for m in mail.outbox if m.subject.startswith("Tổng hợp việc quá hạn")]
    assert f"/yeu-cau-nop/{request.pk}/?co_quan={commune_x.authority.pk}" in digest.body
