"""Excel exports: every list's workbook (headers, values, real cell types, widths), scoping, flat query
counts, and the big-export path (Celery job, progress, owner-only download, one job per double click)."""

import datetime
import io
import zoneinfo
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment
from awards import decisions
from campaigns.enums import DocumentKind, DueMode, RecipientMode, SubmissionStatus
from campaigns.models import RequestRecipient
from campaigns.services import requests as campaign_services
from clusters import services as group_services
from clusters.enums import CardStatus, LeaderMethod, LeaderPosition, SheetStatus
from clusters.models import ScoreCard, ScoringSheet
from dossiers.enums import DossierStatus, Outcome, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier, Nominee
from reports.exports import engine, jobs, worker
from reports.exports.registry import get_export
from reports.models import ExportJob
from tests.factories import UnitFactory, user_with_role
from units.models import Authority

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_url(name, pk=None, query=""):
    url = reverse("exports:start_object", args=[name, pk]) if pk else reverse("exports:start", args=[name])
    return f"{url}?{query}" if query else url


def sheet_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def header(sheet):
    return [cell.value for cell in sheet[2]]


def data(sheet, column=None):
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    return rows if column is None else [row[column] for row in rows]


def widths(sheet, count):
    return [sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, count + 1)]


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(name="Tổng kết năm 2024", year=2024, commendation_kind="thuong_xuyen")


@pytest.fixture
def ldtt(db):
    return AwardType.objects.get(code="ldtt")


def make_dossier(unit, award_round, by, title, **fields):
    return Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind="thuong_xuyen", title=title, created_by=by, **fields
    )


def many_dossiers(n, unit, award_round, by, award, *, nominees=1):
    before = set(Dossier.objects.values_list("id", flat=True))
    Dossier.objects.bulk_create(
        Dossier(unit=unit, round=award_round, commendation_kind="thuong_xuyen", title=f"Hồ sơ số {i}", created_by=by)
        for i in range(n)
    )
    ids = set(Dossier.objects.values_list("id", flat=True)) - before
    Nominee.objects.bulk_create(
        Nominee(dossier_id=pk, award=award, full_name=f"Người {pk}-{j}", date_of_birth=datetime.date(1980, 1, 1))
        for pk in ids
        for j in range(nominees)
    )


@pytest.fixture
def received(unit_a, award_round, clerk_a, ldtt):
    """A dossier of unit A being appraised, with two nominees."""
    dossier = make_dossier(
        unit_a,
        award_round,
        clerk_a,
        "Đề nghị khen thưởng năm 2024",
        status=DossierStatus.RECEIVED,
        receipt_number="TN-0012",
        submitted_at=datetime.datetime(2025, 1, 10, 8, 30, tzinfo=HCM),
        received_at=datetime.datetime(2025, 1, 11, 14, 5, tzinfo=HCM),
        due_date=datetime.date(2025, 2, 3),
    )
    Nominee.objects.create(
        dossier=dossier,
        award=ldtt,
        full_name="Nguyễn Thị Hoa",
        gender="nu",
        date_of_birth=datetime.date(1985, 3, 12),
        ethnic_minority=True,
        position="Công chức Văn hóa – Xã hội",
        worker_category=Nominee.WorkerCategory.DIRECT,
        task_rating=TaskRating.EXCELLENT,
        months_worked=12,
        verdict=Verdict.ELIGIBLE,
        appraisal_verdict=Verdict.ELIGIBLE,
        outcome=Outcome.APPROVED,
        sort_order=1,
    )
    Nominee.objects.create(
        dossier=dossier,
        subject=Subject.COLLECTIVE,
        award=AwardType.objects.filter(subject=Subject.COLLECTIVE).first(),
        full_name="Văn phòng UBND xã",
        work_unit="UBND xã Cự Khê (Văn phòng)",
        sort_order=2,
    )
    return dossier


@pytest.fixture
def other_units_dossier(unit_b, award_round, clerk_b):
    return make_dossier(unit_b, award_round, clerk_b, "Hồ sơ của xã Bích Hòa", status=DossierStatus.SUBMITTED)


# --- Dossiers and nominees ----------------------------------------------------------------------


def test_dossier_export_headers_values_types_and_widths(client, office_staff, received):
    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("ho-so")))
    assert sheet.title == "Hồ sơ"
    assert sheet["A1"].value.startswith("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG – xuất lúc ")
    assert sheet["A1"].font.b is True
    assert header(sheet) == [
        "STT",
        "Trích yếu",
        "Đơn vị đề nghị",
        "Đợt xét",
        "Loại hình khen thưởng",
        "Số đề nghị",
        "Số tiếp nhận",
        "Trạng thái",
        "Gửi lúc",
        "Tiếp nhận lúc",
        "Hẹn trả kết quả",
        "Cập nhật lúc",
    ]
    assert all(cell.font.b for cell in sheet[2])
    row = data(sheet)[0]
    assert row[:11] == (
        1,
        "Đề nghị khen thưởng năm 2024",
        "UBND xã Cự Khê",
        "Tổng kết năm 2024",
        "Thường xuyên (tổng kết năm)",
        2,
        "TN-0012",
        "Đã tiếp nhận, đang thẩm định",
        datetime.datetime(2025, 1, 10, 8, 30),  # the wall clock in Hà Nội, a real Excel date-time
        datetime.datetime(2025, 1, 11, 14, 5),
        datetime.datetime(2025, 2, 3),  # a real Excel date
    )
    assert (sheet["F3"].data_type, sheet["I3"].data_type, sheet["K3"].data_type) == ("n", "d", "d")
    assert (sheet["I3"].number_format, sheet["K3"].number_format) == ("dd/mm/yyyy hh:mm", "dd/mm/yyyy")
    assert sheet["L3"].is_date is True
    assert widths(sheet, 12) == [6, 48, 32, 28, 24, 10, 14, 26, 17, 17, 14, 17]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:L3"


def test_dossier_export_of_a_clerk_holds_only_their_units_rows(client, clerk_a, unit_b, received, other_units_dossier):
    client.force_login(clerk_a)
    assert data(sheet_of(client.post(export_url("ho-so"))), 1) == ["Đề nghị khen thưởng năm 2024"]
    # Asking for another unit is refused by the page's own filter form: the filter is dropped, not widened.
    assert data(sheet_of(client.post(export_url("ho-so", query=f"unit={unit_b.pk}"))), 1) == ["Đề nghị khen thưởng năm 2024"]


def test_dossier_export_follows_the_pages_filter_status_tab_and_sort(client, office_staff, received, other_units_dossier):
    client.force_login(office_staff)
    everything = sheet_of(client.post(export_url("ho-so", query="sort=title")))
    assert data(everything, 1) == ["Hồ sơ của xã Bích Hòa", "Đề nghị khen thưởng năm 2024"]
    assert data(sheet_of(client.post(export_url("ho-so", query="sort=-title"))), 1) == [
        "Đề nghị khen thưởng năm 2024",
        "Hồ sơ của xã Bích Hòa",
    ]
    tab = sheet_of(client.post(export_url("ho-so", query="status=da_gui&page=2")))
    assert data(tab, 1) == ["Hồ sơ của xã Bích Hòa"]
    assert "(Trạng thái: Đã gửi, chờ tiếp nhận)" in tab["A1"].value
    searched = sheet_of(client.post(export_url("ho-so", query=f"q=TN-0012&round={received.round_id}")))
    assert data(searched, 1) == ["Đề nghị khen thưởng năm 2024"]
    assert "(Tìm kiếm: TN-0012; Đợt xét: Tổng kết năm 2024)" in searched["A1"].value


def test_nominee_export_has_one_row_per_nominee_with_typed_cells(client, office_staff, received, other_units_dossier):
    client.force_login(office_staff)
    Nominee.objects.create(dossier=other_units_dossier, award=received.nominees.first().award, full_name="Lê Văn Tùng")
    sheet = sheet_of(client.post(export_url("nguoi-de-nghi", query=f"unit={received.unit_id}")))
    assert header(sheet) == [
        "STT",
        "Họ và tên / Tập thể",
        "Đối tượng",
        "Giới tính",
        "Ngày sinh",
        "Dân tộc thiểu số",
        "Chức vụ",
        "Đơn vị công tác",
        "Nhóm đối tượng",
        "Đề nghị tặng",
        "Xếp loại nhiệm vụ",
        "Số tháng công tác",
        "Kiểm tra tự động",
        "Kết luận thẩm định",
        "Kết quả xét",
        "Đơn vị đề nghị",
        "Hồ sơ",
        "Số tiếp nhận",
        "Trạng thái hồ sơ",
        "Đợt xét",
    ]
    person, collective = data(sheet)
    assert person == (
        1,
        "Nguyễn Thị Hoa",
        "Cá nhân",
        "Nữ",
        datetime.datetime(1985, 3, 12),
        "Có",
        "Công chức Văn hóa – Xã hội",
        "UBND xã Cự Khê",  # no work unit typed: the proposing unit
        "Người lao động trực tiếp",
        "Lao động tiên tiến",
        "Hoàn thành xuất sắc nhiệm vụ",
        12,
        "Đủ điều kiện",
        "Đủ điều kiện",
        "Được khen thưởng",
        "UBND xã Cự Khê",
        "Đề nghị khen thưởng năm 2024",
        "TN-0012",
        "Đã tiếp nhận, đang thẩm định",
        "Tổng kết năm 2024",
    )
    assert collective[1:4] == ("Văn phòng UBND xã", "Tập thể", None)
    assert collective[7] == "UBND xã Cự Khê (Văn phòng)"
    assert sheet["E3"].number_format == "dd/mm/yyyy"
    assert sheet["L3"].data_type == "n"
    assert "Đơn vị: UBND xã Cự Khê" in sheet["A1"].value


def test_nominee_export_of_a_clerk_holds_only_their_units_people(client, clerk_b, received, other_units_dossier):
    Nominee.objects.create(dossier=other_units_dossier, award=received.nominees.first().award, full_name="Lê Văn Tùng")
    client.force_login(clerk_b)
    assert data(sheet_of(client.post(export_url("nguoi-de-nghi"))), 1) == ["Lê Văn Tùng"]


def test_text_that_looks_like_a_formula_stays_text(client, office_staff, received):
    Nominee.objects.filter(full_name="Nguyễn Thị Hoa").update(full_name='=HYPERLINK("http://x.example","Bấm")')
    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("nguoi-de-nghi")))
    assert (sheet["B3"].value, sheet["B3"].data_type) == ('=HYPERLINK("http://x.example","Bấm")', "s")


@pytest.mark.parametrize("name", ["ho-so", "nguoi-de-nghi"])
def test_dossier_exports_cost_the_same_queries_for_5_or_50_dossiers(
    client, office_staff, unit_a, award_round, ldtt, name, django_assert_max_num_queries
):
    client.force_login(office_staff)
    Authority.root()
    many_dossiers(5, unit_a, award_round, office_staff, ldtt, nominees=2)
    url = export_url(name, query=f"round={award_round.pk}&award={ldtt.pk}")
    with django_assert_max_num_queries(8) as small:
        assert len(data(sheet_of(client.post(url)))) in (5, 10)
    many_dossiers(45, unit_a, award_round, office_staff, ldtt, nominees=2)
    with django_assert_max_num_queries(8) as large:
        assert len(data(sheet_of(client.post(url)))) in (50, 100)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_export_refuses_get_and_unknown_names(client, office_staff):
    client.force_login(office_staff)
    assert client.get(export_url("ho-so")).status_code == 405
    assert client.post(export_url("khong-co")).status_code == 404
    assert client.post(export_url("ho-so", pk=1)).status_code == 404  # this list names no object
    assert client.post(export_url("chi-thuong")).status_code == 404  # and this one needs one


def test_export_needs_a_login(client):
    response = client.post(export_url("ho-so"))
    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


# --- Decisions, annex, payout ---------------------------------------------------------------------


@pytest.fixture
def issued(unit_a, clerk_a, office_staff, award_round, ldtt):
    """A decision issued through the real flow: one LĐTT (700.000 đ on 15/01/2025) and one collective."""
    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI", short_name="UBND huyện Thanh Oai", place_name="Thanh Oai", level="huyen"
    )
    dossier = make_dossier(unit_a, award_round, clerk_a, "Đề nghị khen thưởng năm 2024", status=DossierStatus.DECIDED)
    for order, name in enumerate(["Nguyễn Thị Hoa", "Lê Văn Tùng"], start=1):
        Nominee.objects.create(
            dossier=dossier, award=ldtt, full_name=name, position="Chuyên viên", outcome=Outcome.APPROVED, sort_order=order
        )
    draft = decisions.decisions_draft(by=office_staff, award_round=award_round)[0]
    return decisions.decision_issue(by=office_staff, decision=draft, date=datetime.date(2025, 1, 15), signer="tm")


def test_decision_list_export(client, council_member, issued):
    client.force_login(council_member)
    sheet = sheet_of(client.post(export_url("quyet-dinh")))
    assert header(sheet) == [
        "STT",
        "Số",
        "Ngày ban hành",
        "Loại văn bản",
        "Trích yếu",
        "Danh hiệu, hình thức",
        "Đợt xét",
        "Trạng thái",
        "Số người, tập thể",
        "Tổng tiền thưởng (đồng)",
    ]
    assert data(sheet) == [
        (
            1,
            "01/QĐ-UBND",
            datetime.datetime(2025, 1, 15),
            "Quyết định khen thưởng",
            "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024",
            "Lao động tiên tiến",
            "Tổng kết năm 2024",
            "Đã ban hành",
            2,
            1_400_000,
        )
    ]
    assert (sheet["J3"].data_type, sheet["J3"].number_format) == ("n", "#,##0")
    assert sheet["C3"].number_format == "dd/mm/yyyy"


def test_decision_exports_are_refused_to_a_unit(client, clerk_a, issued):
    """The list export is refused (403); a decision outside the unit's scope is not found (404)."""
    client.force_login(clerk_a)
    assert client.post(export_url("quyet-dinh")).status_code == 403
    assert client.post(export_url("danh-sach-kem-theo", issued.pk)).status_code == 404
    assert client.post(export_url("chi-thuong", issued.pk)).status_code == 404
    assert client.get(reverse("exports:payout", args=[issued.pk])).status_code == 404


def test_annex_of_an_issued_decision_is_the_frozen_list(client, office_staff, issued):
    Nominee.objects.filter(full_name="Lê Văn Tùng").update(full_name="Tên sửa sau khi ban hành")
    client.force_login(office_staff)
    response = client.post(export_url("danh-sach-kem-theo", issued.pk))
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-kem-theo-01-QD-UBND.xlsx"'
    sheet = sheet_of(response)
    assert sheet["A1"].value.startswith("DANH SÁCH KÈM THEO – Quyết định khen thưởng số 01/QĐ-UBND – xuất lúc")
    assert header(sheet) == [
        "STT",
        "Họ và tên / Tập thể",
        "Đối tượng",
        "Chức vụ",
        "Đơn vị",
        "Danh hiệu, hình thức",
        "Tiền thưởng (đồng)",
    ]
    assert data(sheet) == [
        (1, "Nguyễn Thị Hoa", "Cá nhân", "Chuyên viên", "UBND xã Cự Khê", "Lao động tiên tiến", 700_000),
        (2, "Lê Văn Tùng", "Cá nhân", "Chuyên viên", "UBND xã Cự Khê", "Lao động tiên tiến", 700_000),
        (None, "Tổng cộng", None, None, None, None, 1_400_000),
    ]
    assert [sheet.cell(row, 7).number_format for row in (3, 4, 5)] == ["#,##0"] * 3
    assert sheet.auto_filter.ref == "A2:G4"  # the total row stays out of the filter


def test_annex_of_a_draft_is_live_with_estimated_money(client, office_staff, unit_a, clerk_a, award_round, ldtt):
    dossier = make_dossier(unit_a, award_round, clerk_a, "Hồ sơ", status=DossierStatus.DECIDED)
    Nominee.objects.create(
        dossier=dossier, award=ldtt, full_name="Phạm Văn Đức", work_unit="Trường Tiểu học", outcome=Outcome.APPROVED
    )
    draft = decisions.decisions_draft(by=office_staff, award_round=award_round)[0]
    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("danh-sach-kem-theo", draft.pk)))
    assert "Dự thảo: Về việc công nhận danh hiệu" in sheet["A1"].value
    assert "(tiền thưởng tạm tính)" in sheet["A1"].value
    (row,) = data(sheet)
    assert row[:6] == (1, "Phạm Văn Đức", "Cá nhân", None, "Trường Tiểu học", "Lao động tiên tiến")
    assert isinstance(row[6], int) and row[6] > 0


def test_payout_excel_goes_through_the_exporter(client, office_staff, issued):
    client.force_login(office_staff)
    response = client.get(reverse("exports:payout", args=[issued.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="chi-thuong-01-QD-UBND.xlsx"'
    sheet = sheet_of(response)
    assert sheet.title == "Danh sách chi thưởng"
    assert sheet["A1"].value.startswith("DANH SÁCH CHI TIỀN THƯỞNG – Quyết định số 01/QĐ-UBND – xuất lúc")
    assert header(sheet) == ["STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu, hình thức", "Số tiền (đồng)", "Ký nhận"]
    assert data(sheet) == [
        (1, "Nguyễn Thị Hoa", "UBND xã Cự Khê", "Lao động tiên tiến", 700_000, None),
        (2, "Lê Văn Tùng", "UBND xã Cự Khê", "Lao động tiên tiến", 700_000, None),
        (None, "Tổng cộng", None, None, 1_400_000, None),
        (None, "Bằng chữ: Một triệu bốn trăm nghìn đồng", None, None, None, None),
    ]
    assert [sheet.cell(row, 5).number_format for row in (3, 4, 5)] == ["#,##0"] * 3
    assert widths(sheet, 6) == [6, 32, 36, 32, 16, 14]
    # The same file from the export button.
    assert data(sheet_of(client.post(export_url("chi-thuong", issued.pk)))) == data(sheet)


def test_payout_of_a_draft_does_not_exist(client, office_staff, unit_a, clerk_a, award_round, ldtt):
    dossier = make_dossier(unit_a, award_round, clerk_a, "Hồ sơ", status=DossierStatus.DECIDED)
    Nominee.objects.create(dossier=dossier, award=ldtt, full_name="Phạm Văn Đức", outcome="duoc_khen")
    draft = decisions.decisions_draft(by=office_staff, award_round=award_round)[0]
    client.force_login(office_staff)
    assert client.post(export_url("chi-thuong", draft.pk)).status_code == 404
    assert client.post(export_url("danh-sach-kem-theo", 999_999)).status_code == 404


# --- Submissions board ----------------------------------------------------------------------------


@pytest.fixture
def board(office_staff, unit_a, unit_b):
    """A request to units A and B and a third unit, due 15/01/2025: A sent late and was accepted."""
    unit_c = UnitFactory(name="UBND xã Thanh Mai", code="xa-thanh-mai")
    req = campaign_services.request_create(
        by=office_staff,
        title="Báo cáo tổng kết công tác thi đua năm 2024",
        document_kind=DocumentKind.FINAL_REPORT,
        recipient_mode=RecipientMode.NAMED,
        units=[unit_a, unit_b, unit_c],
        due_mode=DueMode.DATE,
        due_date=datetime.date(2025, 1, 15),
        issued_on=datetime.date(2024, 12, 15),
        announce=False,
    )
    RequestRecipient.objects.filter(request=req, unit=unit_a).update(
        status=SubmissionStatus.ACCEPTED,
        submitted_at=datetime.datetime(2025, 1, 16, 9, 0, tzinfo=HCM),
        reviewed_at=datetime.datetime(2025, 1, 17, 10, 0, tzinfo=HCM),
        reviewed_by=office_staff,
    )
    RequestRecipient.objects.filter(request=req, unit=unit_b).update(
        status=SubmissionStatus.RETURNED, return_reason="Thiếu số liệu khen thưởng"
    )
    return req


def test_submissions_board_export_for_the_office(client, office_staff, board):
    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("theo-doi-nop", board.pk)))
    assert sheet["A1"].value.startswith(
        "BẢNG THEO DÕI NỘP VĂN BẢN – Báo cáo tổng kết công tác thi đua năm 2024, hạn nộp 15/01/2025 – xuất lúc"
    )
    assert header(sheet) == [
        "STT",
        "Đơn vị",
        "Qua cụm, khối",
        "Theo dõi",
        "Tình trạng",
        "Nộp lúc",
        "Người nộp",
        "Trễ hạn",
        "Số tệp",
        "Tệp mới nhất",
        "Xem xét lúc",
        "Người xem xét",
        "Lý do trả lại",
        "Nhắc gần nhất",
    ]
    rows = {row[1]: row for row in data(sheet)}
    assert sorted(rows) == ["UBND xã Bích Hòa", "UBND xã Cự Khê", "UBND xã Thanh Mai"]
    assert rows["UBND xã Cự Khê"][3:12] == (
        "Nộp trễ hạn",
        "Đã chấp nhận",
        datetime.datetime(2025, 1, 16, 9, 0),
        None,
        "Có",
        0,
        None,
        datetime.datetime(2025, 1, 17, 10, 0),
        "Lê Thị Hương",
    )
    assert rows["UBND xã Bích Hòa"][3:5] == ("Bị trả lại", "Bị trả lại")
    assert rows["UBND xã Bích Hòa"][12] == "Thiếu số liệu khen thưởng"
    assert rows["UBND xã Thanh Mai"][3:5] == ("Chưa nộp", "Chưa nộp")
    late = sheet_of(client.post(export_url("theo-doi-nop", board.pk, query="loc=tre_han")))
    assert data(late, 1) == ["UBND xã Cự Khê"]


def test_submissions_board_export_of_a_unit_holds_its_own_row_only(client, clerk_a, board):
    client.force_login(clerk_a)
    assert data(sheet_of(client.post(export_url("theo-doi-nop", board.pk))), 1) == ["UBND xã Cự Khê"]


def test_submissions_board_of_a_request_not_sent_to_the_unit_is_404(client, board):
    outsider = user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Kim An", code="xa-kim-an"))
    client.force_login(outsider)
    assert client.post(export_url("theo-doi-nop", board.pk)).status_code == 404


# --- Cluster ranking ------------------------------------------------------------------------------


@pytest.fixture
def ranked_group(office_staff, unit_a, unit_b):
    """Cụm thi đua số 1 (2026), headed by A, scored: A reviewed 95,5; B still self-scoring 88."""
    group = group_services.group_create(by=office_staff, year=2026, kind="cum", name="Cụm thi đua số 1", units=[unit_a, unit_b])
    group_services.group_set_leader(
        by=office_staff, group=group, unit=unit_a, position=LeaderPosition.HEAD, method=LeaderMethod.APPOINTED
    )
    sheet = ScoringSheet.objects.create(group=group, year=2026, title="Bảng tiêu chí 2026", status=SheetStatus.SCORING)
    ScoreCard.objects.create(
        sheet=sheet,
        unit=unit_a,
        status=CardStatus.REVIEWED,
        self_total=Decimal("98.00"),
        base=Decimal("90.50"),
        bonus=Decimal("10.00"),
        penalty=Decimal("5.00"),
        total=Decimal("95.50"),
    )
    ScoreCard.objects.create(
        sheet=sheet, unit=unit_b, status=CardStatus.DRAFT, self_total=Decimal("88"), base=Decimal("88"), total=Decimal("88")
    )
    group.refresh_from_db()
    return group


def test_ranking_export_for_the_office(client, office_staff, ranked_group):
    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("xep-hang-cum-khoi", ranked_group.pk)))
    assert sheet["A1"].value.startswith(
        "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA – Cụm thi đua số 1 năm 2026 (kết quả tạm tính, chưa chốt) – xuất lúc"
    )
    assert header(sheet) == [
        "Hạng",
        "Đơn vị",
        "Điểm tiêu chí",
        "Điểm thưởng",
        "Điểm trừ",
        "Tổng điểm",
    ]
    assert data(sheet) == [
        (1, "UBND xã Cự Khê", 90.5, 10, 5, 95.5),
    ]  # Bích Hòa never sent its card: not ranked (#14)
    assert (sheet["C3"].data_type, sheet["C3"].number_format) == ("n", "#,##0.00")


def test_ranking_export_follows_the_pages_permission(client, clerk_a, clerk_b, ranked_group):
    client.force_login(clerk_a)  # the head's clerk sees the provisional ranking
    assert data(sheet_of(client.post(export_url("xep-hang-cum-khoi", ranked_group.pk))), 1) == ["UBND xã Cự Khê"]
    client.force_login(clerk_b)  # a member only once it is published
    assert client.post(export_url("xep-hang-cum-khoi", ranked_group.pk)).status_code == 404
    ScoringSheet.objects.filter(group=ranked_group).update(status=SheetStatus.PUBLISHED)
    published = sheet_of(client.post(export_url("xep-hang-cum-khoi", ranked_group.pk)))
    assert published.max_row == 3
    # Another unit's self-score (98) is not in the file a member takes: only the page's columns.
    assert header(published) == ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ", "Tổng điểm"]
    assert 98 not in [value for row in data(published) for value in row]
    outsider = user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Kim An", code="xa-kim-an"))
    client.force_login(outsider)
    assert client.post(export_url("xep-hang-cum-khoi", ranked_group.pk)).status_code == 404


# --- Big exports: a Celery job with a progress bar -------------------------------------------------


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_SYNC_MAX_ROWS = 3


def test_big_export_runs_as_a_job_with_progress_and_an_owner_only_file(
    client, office_staff, council_member, unit_a, award_round, ldtt, small_threshold, django_capture_on_commit_callbacks
):
    many_dossiers(7, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(export_url("ho-so", query=f"round={award_round.pk}"))
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.status, job.done, job.total, job.percent) == ("xong", 7, 7, 100)
    assert job.created_by == office_staff
    assert job.params == {"round": str(award_round.pk)}
    assert job.title == "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG (Đợt xét: Tổng kết năm 2024)"
    assert job.back_url == reverse("dossiers:list") + f"?round={award_round.pk}"
    assert job.filename.startswith("ho-so-khen-thuong-") and job.filename.endswith(".xlsx")
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "Tải tệp Excel" in page and "7/7 dòng" in page and 'aria-valuenow="100"' in page
    assert "hx-get" not in page  # finished: the page stops polling
    download = client.get(reverse("exports:job_download", args=[job.pk]))
    assert download["X-Content-Type-Options"] == "nosniff"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert len(data(sheet)) == 7
    assert data(sheet, 0) == list(range(1, 8))
    client.force_login(council_member)
    assert client.get(reverse("exports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404


def test_job_progress_is_recorded_chunk_by_chunk(office_staff, unit_a, award_round, ldtt):
    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    export = get_export("ho-so")
    seen = []
    with io.BytesIO() as out:
        written = engine.write_xlsx(export, export.build(office_staff, {}), out, progress=seen.append, chunk_size=2)
    assert (written, seen) == (5, [2, 4, 5])


def test_job_page_polls_while_running(client, office_staff, unit_a, award_round, ldtt, small_threshold):
    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    client.post(export_url("ho-so"))  # the on-commit dispatch does not run: the job waits in the queue
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, done=2)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("exports:job", args=[job.pk])}"' in page
    assert 'aria-valuenow="40"' in page and "2/5 dòng" in page and "Đang tạo tệp" in page
    partial = client.get(reverse("exports:job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="export-progress"') and "<html" not in partial


def test_second_click_returns_the_running_job(client, office_staff, unit_a, award_round, ldtt, small_threshold):
    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    first = client.post(export_url("ho-so", query="q=H%E1%BB%93&page=1"))
    second = client.post(export_url("ho-so", query="page=2&q=H%E1%BB%93"))  # same filter, other page
    assert first["Location"] == second["Location"]
    assert ExportJob.objects.count() == 1
    other_filter = client.post(export_url("ho-so", query="q=s%E1%BB%91"))
    assert other_filter["Location"] != first["Location"]
    ExportJob.objects.update(status=ExportJob.Status.DONE)
    again = client.post(export_url("ho-so", query="q=H%E1%BB%93"))
    assert again["Location"] != first["Location"]  # a finished job is not reused: the list may have changed
    assert ExportJob.objects.count() == 3


def test_a_job_left_running_by_a_dead_worker_is_replaced(client, office_staff, unit_a, award_round, ldtt, small_threshold):
    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    client.post(export_url("ho-so"))
    stale = ExportJob.objects.get()
    silent_since = timezone.now() - datetime.timedelta(minutes=6)  # JOB_STALE_MINUTES is 5
    ExportJob.objects.filter(pk=stale.pk).update(status=ExportJob.Status.RUNNING, heartbeat_at=silent_since)
    response = client.post(export_url("ho-so"))
    stale.refresh_from_db()
    assert stale.status == ExportJob.Status.FAILED
    assert stale.error == "Việc tạo tệp đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”."
    fresh = ExportJob.objects.get(status=ExportJob.Status.QUEUED)
    assert response["Location"] == reverse("exports:job", args=[fresh.pk])


def test_a_job_whose_worker_still_reports_is_returned(client, office_staff, unit_a, award_round, ldtt, small_threshold):
    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    first = client.post(export_url("ho-so"))
    ExportJob.objects.update(
        status=ExportJob.Status.RUNNING,
        created_at=timezone.now() - datetime.timedelta(hours=3),
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=4),
    )
    second = client.post(export_url("ho-so"))
    assert second["Location"] == first["Location"]
    assert list(ExportJob.objects.values_list("status", flat=True)) == [ExportJob.Status.RUNNING]


def test_job_fails_in_vietnamese_when_the_owner_lost_the_right(client, council_member, issued, small_threshold):
    client.force_login(council_member)
    export = get_export("quyet-dinh")
    job = jobs.export_job_start(by=council_member, export=export, params={}, rows=export.build(council_member, {}), total=1)
    RoleAssignment.objects.filter(user=council_member).delete()
    worker.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == "Không xuất được: bạn không còn quyền xem danh sách này, hoặc danh sách không còn nữa."
    assert job.error in client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404


def test_finished_job_is_not_run_twice(office_staff, unit_a, award_round, ldtt):
    many_dossiers(2, unit_a, award_round, office_staff, ldtt)
    export = get_export("ho-so")
    job = jobs.export_job_start(by=office_staff, export=export, params={}, rows=export.build(office_staff, {}), total=2)
    worker.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    name = job.file.name
    worker.export_job_run(job_id=job.pk)  # a redelivered message
    job.refresh_from_db()
    assert (job.status, job.file.name) == (ExportJob.Status.DONE, name)


def test_purge_deletes_old_jobs_and_their_files(office_staff, media_root):
    old = ExportJob.objects.create(created_by=office_staff, export="ho-so", title="Cũ", params_key="a", status="xong")
    old.file.save("cu.xlsx", ContentFile(b"x"))
    recent = ExportJob.objects.create(created_by=office_staff, export="ho-so", title="Mới", params_key="b", status="xong")
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    path = media_root / old.file.name
    assert path.exists()
    out = io.StringIO()
    call_command("export_purge", "--days", "7", stdout=out)
    assert out.getvalue().strip() == "Đã xóa 1 tệp xuất Excel cũ hơn 7 ngày."
    assert list(ExportJob.objects.all()) == [recent]
    assert path.exists() is False


# --- The button on the list pages -----------------------------------------------------------------


def test_export_buttons_carry_the_pages_filter(client, office_staff, received, issued):
    client.force_login(office_staff)
    body = client.get(reverse("dossiers:list") + "?q=TN&status=da_tiep_nhan").content.decode()
    assert f'action="{reverse("exports:start", args=["ho-so"])}?q=TN&amp;status=da_tiep_nhan"' in body
    assert f'action="{reverse("exports:start", args=["nguoi-de-nghi"])}?q=TN&amp;status=da_tiep_nhan"' in body
    body = client.get(reverse("awards:decisions")).content.decode()
    assert f'action="{reverse("exports:start", args=["quyet-dinh"])}"' in body
    body = client.get(reverse("awards:decision", args=[issued.pk])).content.decode()
    assert f'action="{reverse("exports:start_object", args=["danh-sach-kem-theo", issued.pk])}"' in body


@pytest.mark.parametrize(
    ("line", "action"),
    [
        # The one line for the submissions board (templates/campaigns/request_detail.html) …
        ('with export="theo-doi-nop" export_pk=req.pk', "/xuat-excel/theo-doi-nop/7/?loc=tre_han"),
        # … and for the ranking page (templates/clusters/ranking.html).
        ('with export="xep-hang-cum-khoi" export_pk=group.pk', "/xuat-excel/xep-hang-cum-khoi/3/?loc=tre_han"),
    ],
)
def test_export_button_include_for_the_board_and_the_ranking(office_staff, line, action):
    request = RequestFactory().get("/yeu-cau-nop/7/?loc=tre_han")
    request.user = office_staff
    template = engines["django"].from_string('{% include "reports/_export_button.html" ' + line + " %}")
    html = template.render({"req": {"pk": 7}, "group": {"pk": 3}}, request)
    assert f'action="{action}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_export_job_whose_worker_died_is_failed_by_the_sweep_and_retried_once(
    client, office_staff, unit_a, award_round, ldtt, small_threshold, django_capture_on_commit_callbacks
):
    from reports.tasks import export_jobs_sweep

    many_dossiers(5, unit_a, award_round, office_staff, ldtt)
    client.force_login(office_staff)
    client.post(export_url("ho-so"))  # not dispatched: the test's transaction never commits
    running, queued_long_ago = ExportJob.objects.get(), None
    start = timezone.now()
    ExportJob.objects.filter(pk=running.pk).update(status=ExportJob.Status.RUNNING, heartbeat_at=start)
    queued_long_ago = ExportJob.objects.create(
        created_by=office_staff, export="ho-so", title="Khác", params={"q": "x"}, params_key="other"
    )
    ExportJob.objects.filter(pk=queued_long_ago.pk).update(created_at=start - datetime.timedelta(minutes=25))
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        assert export_jobs_sweep() == 0
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert export_jobs_sweep() == 2  # silent 6 min (> 5) while running; queued 31 min (> 30)
    running.refresh_from_db()
    queued_long_ago.refresh_from_db()
    assert (running.status, queued_long_ago.status) == (ExportJob.Status.FAILED, ExportJob.Status.FAILED)
    assert queued_long_ago.error == (
        "Yêu cầu chờ quá lâu mà chưa được xử lý (hàng đợi xử lý nền có thể đã dừng). Hãy bấm “Thử lại”."
    )
    page = client.get(reverse("exports:job", args=[running.pk])).content.decode()
    assert reverse("exports:job_retry", args=[running.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("exports:job_retry", args=[running.pk]))
        second = client.post(reverse("exports:job_retry", args=[running.pk]))  # a double click
    new = ExportJob.objects.get(retry_of=running)
    assert first["Location"] == second["Location"] == reverse("exports:job", args=[new.pk])
    new.refresh_from_db()
    assert (new.status, new.done, new.params, new.params_key) == (ExportJob.Status.DONE, 5, running.params, running.params_key)
    assert len(data(openpyxl.load_workbook(new.file).active)) == 5
    worker.export_job_run(job_id=running.pk)  # the dead worker's message, redelivered: left alone
    running.refresh_from_db()
    assert (running.status, bool(running.file)) == (ExportJob.Status.FAILED, False)


def test_export_job_retry_is_only_for_its_owner(client, office_staff, unit_a):
    job = ExportJob.objects.create(created_by=office_staff, export="ho-so", title="X", params_key="k", status="loi")
    client.force_login(user_with_role(Role.UNIT_CLERK, unit_a))
    assert client.post(reverse("exports:job_retry", args=[job.pk])).status_code == 404
    assert ExportJob.objects.count() == 1
