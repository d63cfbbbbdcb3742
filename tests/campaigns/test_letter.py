"""The Công văn of a submission request: a live draft until the office takes its number from the
register, then frozen (the plain dict, the PDF rendered once from it and its SHA-256 stored) and served
as stored to whoever may see the request."""

import hashlib
import subprocess

import pytest
from django.urls import reverse

from accounts.enums import Role
from campaigns.enums import DocumentKind, RecipientMode
from campaigns.models import SubmissionRequest
from core.models import AuditEntry
from tests.core.downloads import download_name
from tests.factories import user_with_role
from units.models import Authority

from .conftest import D, make_request

pytestmark = pytest.mark.django_db

TITLE = "Báo cáo sơ kết 6 tháng đầu năm 2026"


@pytest.fixture
def authority(db):
    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        short_name="UBND huyện Thanh Oai",
        place_name="Thanh Oai",
        document_code="UBND",
        office_code="NV",
        standing_office_name="Phòng Nội vụ",
        deputy_name="Nguyễn Văn Phó",
    )
    return Authority.root()


@pytest.fixture
def req(authority, office_staff, unit_a):
    return make_request(
        office_staff,
        due=D(2026, 6, 30),
        issued=D(2026, 6, 1),
        title=TITLE,
        document_kind=DocumentKind.INTERIM_REPORT,
        description="Đề nghị báo cáo đúng đề cương.",
        recipient_mode=RecipientMode.NAMED,
        units=[unit_a],
    )


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(out.decode().split())


def _served(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_numbered_letter_is_served_as_stored_after_the_request_changes(client, office_staff, req):
    client.force_login(office_staff)
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    req.refresh_from_db()
    with req.letter_pdf.open("rb") as handle:
        stored = handle.read()
    assert req.document_number == "01/UBND-NV"
    assert req.letter_sha256 == hashlib.sha256(stored).hexdigest()
    # Later edits of the request and of the authority do not touch the numbered letter.
    SubmissionRequest.objects.filter(pk=req.pk).update(
        title="Tên đã sửa sau khi cấp số", description="Yêu cầu đã sửa sau khi cấp số."
    )
    Authority.objects.update(deputy_name="Người ký khác")
    response = client.get(reverse("campaigns:request_letter", args=[req.pk]))
    served = _served(response)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert served == stored
    assert hashlib.sha256(served).hexdigest() == req.letter_sha256
    snapshot = SubmissionRequest.objects.get(pk=req.pk).letter_snapshot
    assert (snapshot["number"], snapshot["date"], snapshot["signer"]["name"]) == ("01/UBND-NV", "2026-06-01", "Nguyễn Văn Phó")
    assert snapshot["paragraphs"][0] == "Đề nghị báo cáo đúng đề cương."
    # The trích yếu names what is asked for; the text does not repeat it and spells the authority out (NĐ 30).
    assert snapshot["excerpt"] == "V/v đề nghị gửi báo cáo sơ kết 6 tháng đầu năm 2026"
    assert snapshot["paragraphs"][1] == (
        "Ủy ban nhân dân huyện Thanh Oai đề nghị các cơ quan, đơn vị gửi báo cáo sơ kết về Phòng Nội vụ (cơ quan thường trực "
        "Hội đồng Thi đua – Khen thưởng) qua Cổng thi đua, khen thưởng trước ngày 30/06/2026 để tổng hợp, báo cáo."
    )
    text = _text(served)
    assert "Số: 01/UBND-NV" in text
    assert text.count("sơ kết 6 tháng đầu năm 2026") == 1
    assert "UBND" not in text.replace("01/UBND-NV", "")
    assert "Tên đã sửa sau khi cấp số" not in text


def test_numbering_is_audited_with_the_files_hash_and_a_second_click_keeps_it(client, office_staff, req):
    client.force_login(office_staff)
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    first = SubmissionRequest.objects.get(pk=req.pk)
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    again = SubmissionRequest.objects.get(pk=req.pk)
    assert (again.document_number, again.letter_pdf.name, again.letter_sha256) == (
        first.document_number,
        first.letter_pdf.name,
        first.letter_sha256,
    )
    entries = list(AuditEntry.objects.filter(action="request_letter").values_list("changes", flat=True))
    assert entries == [{"document_number": [None, "01/UBND-NV"], "sha256": [None, first.letter_sha256]}]


def test_draft_renders_live_for_the_office_only(client, office_staff, clerk_a, req):
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:request_letter", args=[req.pk])).status_code == 403
    client.force_login(office_staff)
    SubmissionRequest.objects.filter(pk=req.pk).update(title="Tên mới trước khi cấp số")
    draft = client.get(reverse("campaigns:request_letter", args=[req.pk]))
    req.refresh_from_db()
    assert (draft.status_code, req.document_number, bool(req.letter_pdf)) == (200, "", False)
    assert download_name(draft, inline=True) == "Dự thảo công văn.pdf"
    text = _text(draft.content)
    assert "V/v đề nghị gửi tên mới trước khi cấp số" in text
    assert "01/UBND-NV" not in text  # looking at the draft takes no number


def test_recipient_unit_gets_the_numbered_letter_and_others_get_404(client, office_staff, clerk_a, clerk_b, council_member, req):
    from tests.factories import UnitFactory

    client.force_login(office_staff)
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    url = reverse("campaigns:request_letter", args=[req.pk])
    client.force_login(clerk_a)  # the letter is addressed to unit A
    response = client.get(url)
    assert (response.status_code, download_name(response, inline=True)) == (200, "Công văn 01-UBND-NV.pdf")
    assert "Công văn số 01/UBND-NV (PDF)" in client.get(reverse("campaigns:request_detail", args=[req.pk])).content.decode()
    for outsider in (clerk_b, council_member, user_with_role(Role.UNIT_HEAD, UnitFactory(name="UBND xã Tam Hưng"))):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_letter_numbered_by_hand_at_creation_still_renders_live(client, office_staff, authority, unit_a):
    req = make_request(office_staff, due=D(2026, 6, 30), issued=D(2026, 6, 1), title=TITLE, document_number="147/UBND-NV")
    client.force_login(office_staff)
    body = client.get(reverse("campaigns:request_detail", args=[req.pk])).content.decode()
    assert "Cấp số công văn" not in body
    response = client.get(reverse("campaigns:request_letter", args=[req.pk]))
    assert (response.status_code, download_name(response, inline=True)) == (200, "Công văn 147-UBND-NV.pdf")
    assert "Số: 147/UBND-NV" in _text(response.content)


def test_admin_cannot_rewrite_a_numbered_letter(client, office_staff, system_admin, req):
    from django.contrib import admin

    model_admin = admin.site._registry[SubmissionRequest]
    assert "document_number" not in model_admin.get_readonly_fields(None, req)
    client.force_login(office_staff)
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    req.refresh_from_db()
    assert model_admin.get_readonly_fields(None, req) == ("letter_snapshot", "letter_pdf", "letter_sha256", "document_number")
