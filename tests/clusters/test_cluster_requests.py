"""Submission requests sent to clusters and blocs, with each cluster's head as the receiver."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.enums import DocumentKind, DueMode, Receiver, RecipientMode
from campaigns.selectors import requests as selectors
from campaigns.services import requests as campaign_services
from campaigns.services import submissions as submission_services
from notifications.models import Notification
from tests.factories import UnitFactory, user_with_role

from .conftest import pdf

pytestmark = pytest.mark.django_db
D = datetime.date


def _request(office_staff, group, *, mode=RecipientMode.CLUSTERS, receiver=Receiver.CLUSTER_HEAD):
    return campaign_services.request_create(
        by=office_staff,
        title="Báo cáo sơ kết 6 tháng đầu năm 2026 của đơn vị",
        document_kind=DocumentKind.INTERIM_REPORT,
        recipient_mode=mode,
        receiver=receiver,
        groups=[group],
        due_mode=DueMode.DATE,
        due_date=D(2026, 6, 23),
        issued_on=D(2026, 6, 1),
        announce=False,
    )


def test_members_send_through_their_cluster(office_staff, group, unit_a, unit_b, unit_c):
    req = _request(office_staff, group)
    rows = {r.unit_id: r.group_id for r in req.recipients.all()}
    assert rows == {unit_a.pk: group.pk, unit_b.pk: group.pk, unit_c.pk: group.pk}
    assert list(req.groups.all()) == [group]


def test_cluster_head_receives_reviews_and_is_told(office_staff, group, clerk_a, clerk_c, unit_c):
    req = _request(office_staff, group)
    recipient = req.recipients.get(unit=unit_c)
    submission_services.submission_upload(by=clerk_c, recipient=recipient, upload=pdf("bao-cao.pdf"))
    assert Notification.objects.filter(recipient=clerk_a, title__startswith=f"{unit_c.name} đã nộp").count() == 1
    recipient.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the office is not the receiver of this request
        submission_services.submission_accept(by=office_staff, recipient=recipient, expected_version=recipient.version)
    with pytest.raises(PermissionDenied):  # nor is another member
        submission_services.submission_accept(by=clerk_c, recipient=recipient, expected_version=recipient.version)
    submission_services.submission_accept(by=clerk_a, recipient=recipient, expected_version=recipient.version)
    recipient.refresh_from_db()
    assert recipient.status == "da_chap_nhan"


def test_cluster_head_sees_the_members_rows_others_only_their_own(client, office_staff, group, clerk_a, clerk_c, unit_c):
    req = _request(office_staff, group)
    assert len(selectors.board_rows(req, unit_ids=selectors.board_unit_ids(req, viewer=clerk_a))) == 3
    assert [r.unit_id for r in selectors.board_rows(req, unit_ids=selectors.board_unit_ids(req, viewer=clerk_c))] == [unit_c.pk]
    outsider = user_with_role("unit_clerk", UnitFactory(name="UBND xã Ngoài Cụm"))
    client.force_login(outsider)
    assert client.get(reverse("campaigns:request_detail", args=[req.pk])).status_code == 404
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:request_detail", args=[req.pk])).content.decode().count('id="dv-') == 3


def test_cluster_heads_as_recipients_report_to_the_office(office_staff, group, unit_a):
    req = _request(office_staff, group, mode=RecipientMode.CLUSTER_HEADS, receiver=Receiver.OFFICE)
    assert [r.unit_id for r in req.recipients.all()] == [unit_a.pk]


def test_a_cluster_head_receives_only_from_cluster_members(office_staff, group):
    with pytest.raises(ValidationError) as excinfo:
        _request(office_staff, group, mode=RecipientMode.ALL)
    assert excinfo.value.message_dict == {
        "receiver": ["Trưởng cụm, khối chỉ nhận văn bản của thành viên các cụm, khối được chọn."]
    }


def test_cluster_head_gets_the_review_buttons_the_office_does_not(client, office_staff, group, clerk_a, clerk_c, unit_c):
    req = _request(office_staff, group)
    recipient = req.recipients.get(unit=unit_c)
    submission_services.submission_upload(by=clerk_c, recipient=recipient, upload=pdf("bao-cao.pdf"))
    review_url = reverse("campaigns:submission_accept", args=[req.pk, recipient.pk])
    client.force_login(clerk_a)
    assert review_url in client.get(reverse("campaigns:request_detail", args=[req.pk])).content.decode()
    client.force_login(office_staff)
    page = client.get(reverse("campaigns:request_detail", args=[req.pk])).content.decode()
    assert review_url not in page
    assert "Chờ trưởng cụm, khối xem xét" in page
