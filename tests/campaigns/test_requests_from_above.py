"""The province's request addressed to a commune's unit in the province ("UBND xã Phong Thổ") is answered by
that commune's office from its own authority (#13): it is told, sees its own row only, sends the document; the
province reviews it on its board; another commune's office can do none of it."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.enums import RecipientMode, SubmissionStatus
from campaigns.models import RequestRecipient
from campaigns.selectors.requests import requests_from_above
from notifications.models import Notification
from units.enums import UnitKind

from ..factories import UnitFactory
from .conftest import D, make_request

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(D(2026, 3, 2), tick=False):
        yield


@pytest.fixture
def asked(province, commune_x, office_staff):
    """The province asks its communes (as its units) for their plans; Phong Thổ stands as "UBND xã Phong Thổ"."""
    representative = UnitFactory(authority=province, name="UBND xã Phong Thổ", code="ubnd-phong-tho", kind=UnitKind.COMMUNE)
    commune_x.authority.proposing_unit = representative
    commune_x.authority.save()
    request = make_request(
        office_staff,
        due=D(2026, 3, 31),
        title="Kế hoạch tổ chức phong trào thi đua năm 2026 của xã, phường",
        recipient_mode=RecipientMode.NAMED,
        units=[representative],
        announce=True,
    )
    return request, RequestRecipient.objects.get(request=request)


def _pdf(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_communes_office_is_told_and_answers_from_its_own_authority(client, asked, commune_x, office_staff):
    request, row = asked
    told = Notification.objects.get(recipient=commune_x.office)
    assert "Kế hoạch tổ chức phong trào thi đua năm 2026" in told.title
    client.force_login(commune_x.office)
    # The link it was sent opens in its own authority (#13: ?co_quan=) and leads to its own row, not to the
    # province's board.
    assert f"co_quan={commune_x.authority.pk}" in told.url
    followed = client.get(told.url, follow=True)
    assert followed.redirect_chain[-1][0].endswith(f"#tren-{row.pk}")
    page = client.get(reverse("campaigns:requests_from_above")).content.decode()
    assert "UBND tỉnh Lai Châu" in page and "31/03/2026" in page
    response = client.post(
        reverse("campaigns:from_above_upload", args=[row.pk]),
        {f"r{row.pk}-file": _pdf(), f"r{row.pk}-note": "Kế hoạch số 05/KH-UBND"},
        follow=True,
    )
    assert "Đã nộp ke-hoach.pdf cho UBND tỉnh Lai Châu." in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.submitted_by) == (SubmissionStatus.SUBMITTED, commune_x.office)
    # The province sees it on its own board.
    client.force_login(office_staff)
    assert "ke-hoach.pdf" in client.get(reverse("campaigns:request_detail", args=[request.pk])).content.decode()


def test_the_request_list_says_what_the_parent_is_waiting_for(client, asked, commune_x):
    client.force_login(commune_x.office)
    assert 'id="from-above"' in client.get(reverse("campaigns:request_list")).content.decode()


def test_another_commune_and_the_communes_clerk_cannot_answer_it(client, asked, commune_x, commune_y):
    _request, row = asked
    for person in (commune_y.office, commune_x.clerk):
        assert not requests_from_above(viewer=person).exists()
        client.force_login(person)
        refused = client.post(reverse("campaigns:from_above_upload", args=[row.pk]), {f"r{row.pk}-file": _pdf()})
        assert refused.status_code == 404
        assert client.get(reverse("campaigns:request_detail", args=[row.request_id])).status_code == 404
    row.refresh_from_db()
    assert row.status == SubmissionStatus.MISSING


def test_a_refused_file_keeps_the_note_and_a_second_click_sends_once(client, asked, commune_x):
    _request, row = asked
    client.force_login(commune_x.office)
    url = reverse("campaigns:from_above_upload", args=[row.pk])
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    refused = client.post(url, {f"r{row.pk}-file": bad, f"r{row.pk}-note": "Bản ký số"})
    assert refused.status_code == 200 and "Bản ký số" in refused.content.decode()
    page = client.get(reverse("campaigns:requests_from_above")).content.decode()
    once = page.split(f'name="r{row.pk}-once" value="')[1].split('"')[0]
    for _ in range(2):
        client.post(url, {f"r{row.pk}-file": _pdf(), f"r{row.pk}-once": once})
    assert row.submissions.count() == 1
