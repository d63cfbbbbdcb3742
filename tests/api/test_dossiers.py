"""POST /api/v1/dossiers/: an electronic dossier from the public-service portal, through the
portal's own services, all or nothing, never twice."""

import datetime
import hashlib

import pytest

from api.models import ApiSubmission
from core.models import AuditEntry
from dossiers.enums import DossierStatus
from dossiers.models import Attachment, Dossier, DossierRevision, Nominee
from dossiers.services import dossier_transition

from .conftest import PDF, api_for, b64, payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/dossiers/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _nothing_saved(media_root):
    files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    return (
        Dossier.objects.count(),
        Nominee.objects.count(),
        Attachment.objects.count(),
        ApiSubmission.objects.count(),
        files,
    ) == (
        0,
        0,
        0,
        0,
        [],
    )


def test_submission_creates_a_submitted_dossier_through_the_services(
    portal_api, portal, portal_user, award_round, unit_a, office_staff
):
    response = portal_api.post(URL, payload(award_round), format="json")

    assert response.status_code == 201
    dossier = Dossier.objects.get()
    assert (dossier.unit, dossier.round, dossier.status, dossier.created_by, dossier.title) == (
        unit_a,
        award_round,
        DossierStatus.SUBMITTED,
        portal_user,
        "Đề nghị khen thưởng tổng kết năm 2024",
    )
    nominee = dossier.nominees.get()
    assert (nominee.full_name, nominee.award.code, nominee.date_of_birth, nominee.months_worked, nominee.task_rating) == (
        "Nguyễn Thị Hoa",
        "ldtt",
        datetime.date(1985, 3, 12),
        12,
        "tot",
    )
    assert nominee.person is not None  # linked to the ledger like a nominee typed on the page
    assert nominee.verdict != ""  # the eligibility engine ran
    files = sorted(dossier.attachments.values_list("component", "original_name", "size", "sha256", "uploaded_by"))
    digest = hashlib.sha256(PDF).hexdigest()
    assert files == [
        ("bien_ban", "bien-ban.pdf", len(PDF), digest, portal_user.pk),
        ("to_trinh", "to-trinh.pdf", len(PDF), digest, portal_user.pk),
    ]
    assert DossierRevision.objects.filter(dossier=dossier).count() == 1
    entries = AuditEntry.objects.filter(content_type__model="dossier", object_id=str(dossier.pk))
    actions = list(entries.order_by("id").values_list("action", "actor"))
    assert actions == [
        ("dossier_create", portal_user.pk),
        ("nominee_import", portal_user.pk),
        ("attachment_add", portal_user.pk),
        ("attachment_add", portal_user.pk),
        ("dossier_da_gui", portal_user.pk),
        ("api_dossier_receive", portal_user.pk),
    ]
    assert AuditEntry.objects.get(action="api_dossier_receive").note == "Nhận qua API từ “Cổng dịch vụ công tỉnh”."
    submission = ApiSubmission.objects.get()
    assert (submission.client, submission.external_reference, submission.dossier) == (portal[0], "H10-250115-0001", dossier)

    body = response.json()
    assert (body["receipt_number"], body["external_reference"], body["status"]) == (
        None,
        "H10-250115-0001",
        {"code": "da_gui", "label": "Đã gửi, chờ tiếp nhận"},
    )
    assert response["Location"] == "/api/v1/dossiers/reference/H10-250115-0001/"
    assert response["Idempotent-Replayed"] == "false"

    # The office receives it: the receipt number and due date appear for the sender.
    dossier_transition(dossier, to=DossierStatus.RECEIVED, by=office_staff)
    dossier.refresh_from_db()
    followed = portal_api.get(response["Location"]).json()
    assert (followed["receipt_number"], followed["status"]["code"], followed["due_date"]) == (
        dossier.receipt_number,
        "da_tiep_nhan",
        dossier.due_date.isoformat(),
    )
    by_receipt = portal_api.get(f"/api/v1/dossiers/status/{dossier.receipt_number}/").json()
    assert by_receipt == followed


def test_file_of_one_nominee_goes_to_that_nominee(portal_api, award_round):
    data = payload(award_round)
    data["nominees"].append({**data["nominees"][0], "full_name": "Trần Văn Bình", "date_of_birth": "1990-07-01"})
    data["attachments"].append(
        {"component": "bao_cao_thanh_tich", "file_name": "anh.png", "content_base64": b64(PNG), "nominee_index": 1}
    )
    assert portal_api.post(URL, data, format="json").status_code == 201
    attachment = Attachment.objects.get(component="bao_cao_thanh_tich")
    assert (attachment.nominee.full_name, attachment.content_type) == ("Trần Văn Bình", "image/png")


def test_retried_post_never_makes_a_second_dossier(portal_api, award_round):
    first = portal_api.post(URL, payload(award_round), format="json")
    second = portal_api.post(URL, payload(award_round), format="json")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert (Dossier.objects.count(), Attachment.objects.count(), ApiSubmission.objects.count()) == (1, 2, 1)


def test_same_reference_with_other_content_is_refused(portal_api, award_round):
    portal_api.post(URL, payload(award_round), format="json")
    response = portal_api.post(URL, payload(award_round, title="Một hồ sơ khác"), format="json")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Mã hồ sơ “H10-250115-0001” đã được dùng cho một hồ sơ có nội dung khác."},
    )
    assert Dossier.objects.count() == 1


def test_references_belong_to_each_client(portal_api, make_client, portal_user, award_round):
    _client, token = make_client(portal_user, ["submit_dossiers", "read_status"], name="Phần mềm một cửa")
    assert portal_api.post(URL, payload(award_round), format="json").status_code == 201
    assert api_for(token).post(URL, payload(award_round), format="json").status_code == 201
    assert Dossier.objects.count() == 2
    assert portal_api.get("/api/v1/dossiers/reference/H10-250115-0001/").json()["external_reference"] == "H10-250115-0001"


def test_field_errors_are_vietnamese_and_nothing_is_saved(portal_api, award_round, media_root):
    data = payload(
        award_round,
        unit="khong-co",
        title="",
        nominees=[
            {
                "subject": "ca_nhan",
                "award": "ldtt",
                "full_name": "Nguyễn Thị Hoa",
                "months_worked": 13,
                "date_of_birth": "12/03/1985",
            },
            {"subject": "tap_the", "award": "ldtt", "full_name": "Tổ Văn phòng"},
        ],
        attachments=[{"component": "to_trinh", "file_name": "to-trinh.pdf", "content_base64": "không phải base64"}],
    )
    response = portal_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "unit": ["Không có đơn vị đang hoạt động mã “khong-co”."],
        "title": ["Trường này không được để trống."],
        "nominees": {
            "0": {
                "date_of_birth": ["Ngày không đúng định dạng: dùng YYYY-MM-DD."],
                "months_worked": ["Giá trị tối đa là 12."],
            },
            "1": {"award": ["Không có danh hiệu, hình thức mã “ldtt” dành cho đối tượng “Tập thể”."]},
        },
        "attachments": {"0": {"content_base64": ["Nội dung tệp không phải base64 hợp lệ."]}},
    }
    assert _nothing_saved(media_root)


def test_the_nominee_form_of_the_portal_decides(portal_api, award_round, media_root):
    """Required on the page (task rating, months for an individual) is required here; a collective
    carries no birth date."""
    data = payload(
        award_round,
        nominees=[
            {"subject": "ca_nhan", "award": "ldtt", "full_name": "Nguyễn Thị Hoa"},
            {"subject": "tap_the", "award": "ttldtt", "full_name": "Tổ Văn phòng", "date_of_birth": "1985-01-01"},
        ],
    )
    response = portal_api.post(URL, data, format="json")
    assert response.json() == {
        "nominees": {
            "0": {"months_worked": ["Trường này là bắt buộc."], "task_rating": ["Trường này là bắt buộc."]},
            "1": {"date_of_birth": ["Trường này không dùng cho đối tượng “Tập thể”."]},
        }
    }
    assert _nothing_saved(media_root)


def test_files_are_checked_by_content(portal_api, award_round, media_root):
    data = payload(award_round)
    data["attachments"][0] = {"component": "to_trinh", "file_name": "to-trinh.pdf", "content_base64": b64(PNG)}
    response = portal_api.post(URL, data, format="json")
    assert response.json() == {
        "attachments": {
            "0": {
                "content_base64": [
                    "Tệp “to-trinh.pdf” không phải tệp PDF, DOCX, XLSX, JPG, PNG hợp lệ "
                    "(nội dung tệp không khớp với phần mở rộng)."
                ]
            }
        }
    }
    assert _nothing_saved(media_root)


def test_incomplete_dossier_is_refused_and_its_stored_files_removed(portal_api, award_round, media_root):
    """The minutes are missing: the submit transition refuses, so the dossier, its nominees and the
    file already written to disk all go."""
    data = payload(award_round)
    data["attachments"] = data["attachments"][:1]
    response = portal_api.post(URL, data, format="json")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": ["Hồ sơ còn thiếu: Biên bản họp bình xét."]})
    assert _nothing_saved(media_root)
    assert AuditEntry.objects.filter(content_type__model="dossier").count() == 0


def test_attachment_of_a_nominee_that_is_not_there(portal_api, award_round):
    data = payload(award_round)
    data["attachments"][1]["nominee_index"] = 1
    response = portal_api.post(URL, data, format="json")
    assert response.json() == {
        "attachments": {"1": {"nominee_index": ["Không có người, tập thể ở vị trí 1 (danh sách có 1, đếm từ 0)."]}}
    }


def test_client_of_unit_a_cannot_submit_for_unit_b(portal_api, award_round, unit_b, media_root):
    response = portal_api.post(URL, payload(award_round, unit=unit_b.code), format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền thực hiện thao tác này."})
    assert _nothing_saved(media_root)


def test_closed_round_is_refused(portal_api, award_round):
    award_round.is_open = False
    award_round.save()
    response = portal_api.post(URL, payload(award_round), format="json")
    assert response.json() == {"award_round": ["Đợt xét này đã ngừng nhận hồ sơ."]}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        ("{không phải json", "application/json", 400, "Nội dung gửi lên không phải JSON hợp lệ."),
        ('{"title": NaN}', "application/json", 400, "Nội dung gửi lên không phải JSON hợp lệ."),
        ("[" * 100000, "application/json", 400, "Nội dung gửi lên không phải JSON hợp lệ."),
        ("title=abc", "application/x-www-form-urlencoded", 415, "Chỉ nhận nội dung dạng application/json."),
    ],
)
def test_what_is_not_json_is_refused_in_vietnamese(portal_api, body, content_type, status, detail):
    response = portal_api.generic("POST", URL, body.encode(), content_type=content_type)
    assert (response.status_code, response.json()) == (status, {"detail": detail})


def test_a_list_instead_of_an_object(portal_api):
    response = portal_api.post(URL, [1, 2], format="json")
    assert response.json() == {"non_field_errors": ["Dữ liệu không hợp lệ: cần một đối tượng JSON, không phải “list”."]}


def test_too_large_request_is_413(portal_api, award_round, settings):
    settings.API_MAX_REQUEST_BYTES = 1024 * 1024
    data = payload(award_round)
    data["attachments"][0]["content_base64"] = b64(PDF + b"0" * (1024 * 1024))
    response = portal_api.post(URL, data, format="json")
    assert (response.status_code, response.json()) == (413, {"detail": "Nội dung gửi lên vượt giới hạn 1 MB."})
    assert Dossier.objects.count() == 0


def test_the_open_rounds_and_award_codes_are_listed_for_the_sender(portal_api, award_round):
    closed = award_round.__class__.objects.create(name="Đợt cũ", year=2020, commendation_kind="thuong_xuyen", is_open=False)
    rounds = portal_api.get("/api/v1/rounds/").json()
    assert [r["id"] for r in rounds] == [award_round.pk]
    assert closed.pk not in [r["id"] for r in rounds]
    assert rounds[0]["commendation_kind"] == {"code": "thuong_xuyen", "label": "Thường xuyên (tổng kết năm)"}
    awards = {a["code"]: a for a in portal_api.get("/api/v1/award-types/").json()}
    assert awards["ldtt"]["subject"] == {"code": "ca_nhan", "label": "Cá nhân"}


def test_null_and_surrogate_characters_are_refused_before_any_query(portal_api, award_round):
    body = (
        '{"external_reference": "H10-1", "unit": "xa-a\\u0000", "award_round": ROUND, "title": "T\\ud800", "nominees": []}'
    ).replace("ROUND", str(award_round.pk))
    response = portal_api.generic("POST", URL, body.encode(), content_type="application/json")
    assert response.json() == {
        "unit": ["Không được dùng ký tự null (\\x00)."],
        "title": ["Không được dùng ký tự thay thế (surrogate) U+D800."],
        "nominees": {"non_field_errors": ["Danh sách này không được rỗng."]},
    }
