"""Excel import of nominees and of past years' awards: real .xlsx files built with openpyxl."""

import datetime
import io
import unicodedata
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from dossiers import excel
from dossiers.enums import Discipline, Gender, Subject, TaskRating
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee, Person
from dossiers.services import ledger_import
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(name="Tổng kết năm 2024", year=2024, commendation_kind="thuong_xuyen")


@pytest.fixture
def dossier(unit_a, clerk_a, award_round):
    return Dossier.objects.create(
        unit=unit_a,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đề nghị công nhận danh hiệu thi đua năm 2024",
        created_by=clerk_a,
    )


def _xlsx(rows, *, template: bytes | None = None, headers=None, sheet=None) -> bytes:
    """Fill the downloaded template from row 2 (or a blank workbook with `headers` in row 1)."""
    if template is not None:
        workbook = openpyxl.load_workbook(io.BytesIO(template))
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        first = 2
    else:
        workbook = openpyxl.Workbook()
        worksheet = workbook.active
        for column, header in enumerate(headers, start=1):
            worksheet.cell(row=1, column=column, value=header)
        first = 2
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            worksheet.cell(row=first + offset, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _nominees_file(rows) -> bytes:
    return _xlsx(rows, template=excel.nominee_template(), sheet=excel.NOMINEE_SHEET)


def _ledger_file(rows) -> bytes:
    return _xlsx(rows, template=excel.ledger_template(), sheet=excel.LEDGER_SHEET)


# STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ | Đơn vị công tác | Nhóm đối tượng | Dân tộc thiểu số |
# Số tháng | Xếp loại | Kỷ luật | Sáng kiến | Đề nghị tặng | Tóm tắt thành tích
VALID_ROWS = [
    (
        1,
        unicodedata.normalize("NFD", "  Nguyễn Văn  An "),  # typed on a keyboard that sends NFD, with stray spaces
        "Nam",
        "05/09/1985",
        "Chủ tịch UBND xã",
        "UBND xã Cự Khê",
        "Lãnh đạo, quản lý",
        "Không",
        12,
        "Hoàn thành xuất sắc nhiệm vụ",
        "",
        "",
        "ldtt",
        "Hoàn thành xuất sắc nhiệm vụ được giao.\nDẫn đầu phong trào thi đua.",
    ),
    (
        2,
        "Trần Thị Bình",
        "Nữ",
        datetime.datetime(1990, 3, 12),  # a real Excel date
        "Công chức Văn phòng - Thống kê",
        "UBND xã Cự Khê",
        "",
        "Có",
        "10",
        "Hoàn thành tốt nhiệm vụ",
        "Không bị kỷ luật",
        "Sáng kiến số hóa hồ sơ một cửa, QĐ 12/QĐ-UBND ngày 10/11/2024",
        "Chiến sĩ thi đua cơ sở",
        "",
    ),
    (3, "Lê Văn Cường", "", "", "", "", "", "", "", "", "", "", "LĐTT", ""),
]


def test_nominee_template_has_header_guide_and_parses_back_with_zero_rows(dossier):
    content = excel.nominee_template()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Danh sách đề nghị", "Hướng dẫn"]
    sheet = workbook["Danh sách đề nghị"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:2] == ["STT", "Họ và tên (*)"]
    assert "Đề nghị tặng (mã hoặc tên) (*)" in headers
    assert sheet["B1"].font.bold is True
    assert sheet.freeze_panes == "A2"
    guide = "\n".join(str(c.value) for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "Mẫu này chỉ dùng cho cá nhân" in guide
    assert "Lao động tiên tiến" in guide and "ldtt" in guide
    assert "Tập thể lao động tiên tiến" not in guide  # collectives are typed by hand
    assert "Hoàn thành tốt nhiệm vụ" in guide and "Cảnh cáo" in guide and "Lãnh đạo, quản lý" in guide
    assert len(sheet.data_validations.dataValidation) == 6

    preview = excel.parse_nominees(io.BytesIO(content), dossier=dossier)
    assert preview.rows == []
    assert (preview.valid_count, preview.errors_count, preview.can_save) == (0, 0, False)


def test_parse_valid_file_gives_values_ready_for_the_service(dossier):
    preview = excel.parse_nominees(io.BytesIO(_nominees_file(VALID_ROWS)), dossier=dossier)
    assert preview.errors == []
    assert (preview.valid_count, preview.errors_count) == (3, 0)
    assert [row.number for row in preview.rows] == [2, 3, 4]
    first, second, third = (row.values for row in preview.rows)
    assert first["full_name"] == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", first["full_name"])
    assert first["date_of_birth"] == D(1985, 9, 5)
    assert first["award"] == AwardType.objects.get(code="ldtt")
    assert (first["gender"], first["worker_category"], first["months_worked"]) == (
        Gender.MALE,
        Nominee.WorkerCategory.LEADER,
        12,
    )
    assert (first["task_rating"], first["discipline"], first["ethnic_minority"]) == (TaskRating.EXCELLENT, Discipline.NONE, False)
    assert first["achievement"] == "Hoàn thành xuất sắc nhiệm vụ được giao.\nDẫn đầu phong trào thi đua."
    assert second["date_of_birth"] == D(1990, 3, 12)
    assert second["award"] == AwardType.objects.get(code="cstdcs")
    assert (second["ethnic_minority"], second["months_worked"]) == (True, 10)
    assert second["worker_category"] == Nominee.WorkerCategory.OTHER
    assert third["award"].code == "ldtt"  # found by its short name
    assert (third["gender"], third["date_of_birth"], third["task_rating"]) == ("", None, "")
    assert preview.rows[1].cells[2] == "12/03/1990"


def test_parse_bad_rows_reports_each_error_in_vietnamese(dossier):
    rows = [
        (1, "Phạm Văn Dũng", "Nam", "12/03/1980", "", "", "", "", 12, "", "", "", "ldtt", ""),  # row 2: fine
        (2, "", "Nam", "01/01/1980", "", "", "", "", 12, "", "", "", "ldtt", ""),  # row 3
        (3, "Hoàng Thị Em", "Nữ", "31/02/1980", "", "", "", "", 12, "", "", "", "ldtt", ""),  # row 4
        (4, "Đỗ Văn Phúc", "", "", "", "", "", "", "", "", "", "", "ABC", ""),  # row 5
        (5, "Vũ Thị Giang", "", "", "", "", "", "", "", "", "", "", "ttldtt", ""),  # row 6
        (6, "Bùi Văn Hải", "Nam", "", "", "", "", "", 15, "Giỏi", "Nặng", "", "cstdcs", ""),  # row 7
        (7, "Phạm Văn Dũng", "", "12/03/1980", "", "", "", "", "", "", "", "", "Lao động tiên tiến", ""),  # row 8
        (8, "Ngô Thị Kim", "Nữ nhân", "", "", "", "Nông dân", "Hình như", "", "", "", "", "", ""),  # row 9
        (9, None, None, None, None, None, None, None, None, None, None, None, None, None),  # row 10: skipped
        (10, "Lý Văn Long", "", "", "", "", "", "", "6,5", "", "", "", "ldtt", ""),  # row 11
    ]
    preview = excel.parse_nominees(io.BytesIO(_nominees_file(rows)), dossier=dossier)
    errors = {row.number: row.errors for row in preview.rows}
    assert errors == {
        2: [],
        3: ["Dòng 3: thiếu họ và tên."],
        4: ["Dòng 4: ngày sinh “31/02/1980” không hợp lệ (dd/mm/yyyy)."],
        5: ["Dòng 5: không có danh hiệu, hình thức “ABC”."],
        6: ["Dòng 6: “Tập thể lao động tiên tiến” dành cho tập thể, không dùng cho cá nhân."],
        7: [
            "Dòng 7: số tháng công tác “15” phải là số nguyên từ 0 đến 12.",
            "Dòng 7: xếp loại nhiệm vụ “Giỏi” không hợp lệ (xem trang Hướng dẫn).",
            "Dòng 7: kỷ luật “Nặng” không hợp lệ (xem trang Hướng dẫn).",
        ],
        8: ["Dòng 8: trùng với dòng 2 (cùng họ tên, ngày sinh và danh hiệu, hình thức đề nghị)."],
        9: [
            "Dòng 9: giới tính “Nữ nhân” không hợp lệ (Nam hoặc Nữ).",
            "Dòng 9: nhóm đối tượng “Nông dân” không hợp lệ (xem trang Hướng dẫn).",
            "Dòng 9: dân tộc thiểu số “Hình như” không hợp lệ (Có hoặc Không).",
            "Dòng 9: thiếu danh hiệu, hình thức đề nghị tặng.",
        ],
        11: ["Dòng 11: số tháng công tác “6,5” phải là số nguyên từ 0 đến 12."],
    }
    assert (preview.valid_count, preview.errors_count, preview.can_save) == (1, 8, False)
    assert Nominee.objects.count() == 0


def test_parse_flags_a_person_already_in_the_dossier(dossier):
    Nominee.objects.create(
        dossier=dossier, award=AwardType.objects.get(code="ldtt"), full_name="Nguyễn Văn An", date_of_birth=D(1985, 9, 5)
    )
    preview = excel.parse_nominees(io.BytesIO(_nominees_file(VALID_ROWS)), dossier=dossier)
    assert preview.rows[0].errors == ["Dòng 2: Nguyễn Văn An đã có trong hồ sơ với đề nghị “Lao động tiên tiến”."]
    assert preview.errors_count == 1


def test_parse_accepts_own_headers_under_a_title_row(dossier):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN LAO ĐỘNG TIÊN TIẾN NĂM 2024"
    sheet.append([])
    sheet.append(["TT", "Họ tên", "Ngày, tháng, năm sinh", "Danh hiệu đề nghị"])
    sheet.append([1, "Trịnh Văn Minh", "7/8/1979", "LĐTT"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = excel.parse_nominees(buffer, dossier=dossier)
    assert [(row.number, row.values["full_name"], row.values["date_of_birth"]) for row in preview.rows] == [
        (4, "Trịnh Văn Minh", D(1979, 8, 7))
    ]
    assert preview.errors == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "không phải tệp Excel .xlsx hợp lệ"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "định dạng Excel cũ (.xls)"),
        (b"PK\x03\x04 this is no zip", "không phải tệp Excel .xlsx hợp lệ"),
        (b"", "Tệp tải lên rỗng."),
        (None, "không phải tệp Excel .xlsx hợp lệ"),  # a Word document renamed .xlsx
    ],
)
def test_parse_refuses_what_is_not_an_xlsx(dossier, content, message):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        content = buffer.getvalue()
    with pytest.raises(ValidationError) as caught:
        excel.parse_nominees(io.BytesIO(content), dossier=dossier)
    assert len(caught.value.messages) == 1
    assert message in caught.value.messages[0]


def test_parse_refuses_a_workbook_without_the_header_row(dossier):
    content = _xlsx([("Nguyễn Văn An", "ldtt")], headers=["Tên", "Ghi chú"])
    with pytest.raises(ValidationError) as caught:
        excel.parse_nominees(io.BytesIO(content), dossier=dossier)
    assert caught.value.messages == [
        "Tệp không đúng mẫu: không tìm thấy dòng tiêu đề có các cột “Họ và tên”, “Đề nghị tặng”. "
        "Hãy tải tệp mẫu và nhập dữ liệu theo mẫu."
    ]


def test_parse_refuses_more_than_two_thousand_rows(dossier):
    rows = [(n, f"Người thử {n}", "", "", "", "", "", "", "", "", "", "", "ldtt", "") for n in range(1, 2002)]
    content = _xlsx(rows, headers=[c.header for c in excel.NOMINEE_COLUMNS])
    with pytest.raises(ValidationError) as caught:
        excel.parse_nominees(io.BytesIO(content), dossier=dossier)
    assert caught.value.messages == [
        "Tệp có hơn 2.000 dòng dữ liệu. Hãy chia danh sách thành nhiều tệp, mỗi tệp tối đa 2.000 dòng."
    ]


# --- Pages ---------------------------------------------------------------------------------------


def _upload(content: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=excel.XLSX_CONTENT_TYPE)


def test_import_page_previews_then_confirm_adds_the_nominees(client, clerk_a, dossier):
    client.force_login(clerk_a)
    url = reverse("dossiers:nominee_import", args=[dossier.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("dossiers:nominee_template") in response.content.decode()

    response = client.post(url, {"file": _upload(_nominees_file(VALID_ROWS))})
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 dòng hợp lệ" in body and "0 dòng lỗi" in body
    assert "Lưu 3 người vào hồ sơ" in body
    assert "Nguyễn Văn An" in body
    assert Nominee.objects.count() == 0  # the preview saves nothing
    token = response.context["token"]
    assert token

    response = client.post(reverse("dossiers:nominee_import_confirm", args=[dossier.pk]), {"token": token, "confirm": "1"})
    assert response.status_code == 302
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Đã thêm 3 người vào hồ sơ."]
    nominees = list(dossier.nominees.order_by("sort_order").select_related("award"))
    assert [(n.full_name, n.award.code, n.date_of_birth, n.subject) for n in nominees] == [
        ("Nguyễn Văn An", "ldtt", D(1985, 9, 5), Subject.INDIVIDUAL),
        ("Trần Thị Bình", "cstdcs", D(1990, 3, 12), Subject.INDIVIDUAL),
        ("Lê Văn Cường", "ldtt", None, Subject.INDIVIDUAL),
    ]
    assert all(n.person_id for n in nominees)
    entry = AuditEntry.objects.get(action="nominee_import")
    assert (entry.actor, entry.object_id, entry.changes) == (clerk_a, str(dossier.pk), {"nominees": [None, 3]})

    # The token is spent: a second click saves nothing more.
    response = client.post(reverse("dossiers:nominee_import_confirm", args=[dossier.pk]), {"token": token, "confirm": "1"})
    assert response.status_code == 302
    assert dossier.nominees.count() == 3


def test_import_page_with_bad_rows_shows_errors_and_offers_no_save(client, clerk_a, dossier):
    client.force_login(clerk_a)
    url = reverse("dossiers:nominee_import", args=[dossier.pk])
    rows = [*VALID_ROWS, (4, "", "", "", "", "", "", "", "", "", "", "", "ABC", "")]
    response = client.post(url, {"file": _upload(_nominees_file(rows))})
    body = response.content.decode()
    assert "3 dòng hợp lệ" in body and "1 dòng lỗi" in body
    assert "Dòng 5: thiếu họ và tên." in body
    assert "Dòng 5: không có danh hiệu, hình thức “ABC”." in body
    assert "table-danger" in body
    assert "vào hồ sơ</button>" not in body
    assert response.context["token"] == ""
    # Nor can a forged confirmation save it.
    response = client.post(reverse("dossiers:nominee_import_confirm", args=[dossier.pk]), {"token": "gia-mao", "confirm": "1"})
    assert response.status_code == 302
    assert Nominee.objects.count() == 0


def test_import_page_refuses_a_pdf_renamed_xlsx(client, clerk_a, dossier):
    client.force_login(clerk_a)
    url = reverse("dossiers:nominee_import", args=[dossier.pk])
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    response = client.post(url, {"file": _upload(pdf, "danh-sach.xlsx")})
    assert response.status_code == 200
    assert "không phải tệp Excel .xlsx hợp lệ" in response.content.decode()
    assert response.context["preview"] is None
    assert Nominee.objects.count() == 0


def test_template_download_parses_back_with_zero_rows(client, clerk_a, dossier):
    client.force_login(clerk_a)
    response = client.get(reverse("dossiers:nominee_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    assert "attachment;" in response["Content-Disposition"]
    preview = excel.parse_nominees(io.BytesIO(response.content), dossier=dossier)
    assert preview.rows == []


def test_clerk_of_another_unit_gets_404(client, clerk_b, dossier):
    client.force_login(clerk_b)
    url = reverse("dossiers:nominee_import", args=[dossier.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"file": _upload(_nominees_file(VALID_ROWS))}).status_code == 404
    assert Nominee.objects.count() == 0


def test_office_staff_sees_the_dossier_but_may_not_import_into_it(client, office_staff, dossier):
    client.force_login(office_staff)
    assert client.get(reverse("dossiers:nominee_import", args=[dossier.pk])).status_code == 403


# --- The ledger of past years --------------------------------------------------------------------

# Năm | Họ và tên | Ngày sinh | Đơn vị | Danh hiệu, hình thức | Số quyết định | Ngày quyết định
LEDGER_ROWS = [
    (2022, "Nguyễn Văn An", "05/09/1985", "xa-a", "cstdcs", "25/QĐ-UBND", "12/01/2023"),
    (
        2023,
        "Nguyễn Văn An",
        "05/09/1985",
        "UBND xã Cự Khê",
        "Chiến sĩ thi đua cơ sở",
        "18/QĐ-UBND",
        datetime.datetime(2024, 1, 17),
    ),
    (2023, "Trần Thị Bình", "12/03/1990", "xa-b", "LĐTT", "", ""),
]


def test_ledger_template_lists_units_and_parses_back_empty(unit_a):
    content = excel.ledger_template()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Sổ khen thưởng", "Hướng dẫn"]
    assert [c.value for c in workbook["Sổ khen thưởng"][1]] == [c.header for c in excel.LEDGER_COLUMNS]
    guide = [c.value for row in workbook["Hướng dẫn"].iter_rows() for c in row]
    assert "UBND xã Cự Khê" in guide and "xa-a" in guide
    assert excel.parse_ledger(io.BytesIO(content)).rows == []


def test_parse_ledger_reports_bad_rows(unit_a, unit_b):
    rows = [
        *LEDGER_ROWS,
        (1930, "Lê Văn Cường", "", "xa-a", "ldtt", "", ""),  # row 5
        (2023, "Lê Văn Cường", "", "xa-z", "ttldtt", "", "32/13/2024"),  # row 6
        ("", "", "", "", "", "", ""),  # row 7: blank
        (2023, "Trần Thị Bình", "12/03/1990", "xa-b", "ldtt", "", ""),  # row 8: same as row 4
    ]
    preview = excel.parse_ledger(io.BytesIO(_ledger_file(rows)))
    assert {row.number: row.errors for row in preview.rows} == {
        2: [],
        3: [],
        4: [],
        5: ["Dòng 5: năm “1930” không hợp lệ."],
        6: [
            "Dòng 6: ngày quyết định “32/13/2024” không hợp lệ (dd/mm/yyyy).",
            "Dòng 6: không có đơn vị “xa-z”.",
            "Dòng 6: “Tập thể lao động tiên tiến” dành cho tập thể, không dùng cho cá nhân.",
        ],
        8: ["Dòng 8: trùng với dòng 4 (cùng người, danh hiệu, hình thức và năm)."],
    }
    assert preview.rows[1].values["decision_date"] == D(2024, 1, 17)
    assert preview.rows[1].values["unit"] == unit_a


def test_ledger_import_creates_persons_and_records_once(unit_a, unit_b, office_staff):
    known = Person.objects.create(full_name="Nguyễn Văn An", date_of_birth=D(1985, 9, 5), unit=unit_a)
    preview = excel.parse_ledger(io.BytesIO(_ledger_file(LEDGER_ROWS)))
    assert preview.can_save
    rows = [row.values for row in preview.rows]

    assert ledger_import(by=office_staff, rows=rows) == 3
    assert Person.objects.count() == 2  # Nguyễn Văn An matched, Trần Thị Bình created
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert (binh.date_of_birth, binh.unit) == (D(1990, 3, 12), unit_b)
    records = AwardRecord.objects.order_by("year", "person__full_name")
    assert [(r.year, r.person, r.award.code, r.decision_number, r.decision_date, r.source) for r in records] == [
        (2022, known, "cstdcs", "25/QĐ-UBND", D(2023, 1, 12), AwardRecord.Source.IMPORT),
        (2023, known, "cstdcs", "18/QĐ-UBND", D(2024, 1, 17), AwardRecord.Source.IMPORT),
        (2023, binh, "ldtt", "", None, AwardRecord.Source.IMPORT),
    ]
    entries = AuditEntry.objects.filter(action="ledger_import")
    assert sorted(e.object_repr for e in entries) == ["Nguyễn Văn An (05/09/1985)", "Trần Thị Bình (12/03/1990)"]
    assert entries.get(object_id=str(known.pk)).changes == {
        "2022: Chiến sĩ thi đua cơ sở": [None, "25/QĐ-UBND ngày 12/01/2023"],
        "2023: Chiến sĩ thi đua cơ sở": [None, "18/QĐ-UBND ngày 17/01/2024"],
    }

    # The same file again: everything is already in the ledger.
    again = excel.parse_ledger(io.BytesIO(_ledger_file(LEDGER_ROWS)))
    assert ledger_import(by=office_staff, rows=[row.values for row in again.rows]) == 0
    assert (Person.objects.count(), AwardRecord.objects.count()) == (2, 3)


def test_ledger_import_needs_the_standing_office(unit_a, clerk_a):
    preview = excel.parse_ledger(io.BytesIO(_ledger_file(LEDGER_ROWS[:1])))
    with pytest.raises(PermissionDenied):
        ledger_import(by=clerk_a, rows=[row.values for row in preview.rows])
    assert AwardRecord.objects.count() == 0


def test_ledger_import_page_previews_confirms_and_skips_on_second_import(client, unit_a, unit_b, office_staff):
    client.force_login(office_staff)
    url = reverse("dossiers:ledger_import")
    assert client.get(url).status_code == 200
    assert client.get(reverse("dossiers:ledger_template")).status_code == 200
    content = _ledger_file(LEDGER_ROWS)

    response = client.post(url, {"file": _upload(content)})
    body = response.content.decode()
    assert "3 dòng hợp lệ" in body and "Nhập 3 khen thưởng vào sổ" in body
    assert AwardRecord.objects.count() == 0
    response = client.post(reverse("dossiers:ledger_import_confirm"), {"token": response.context["token"], "confirm": "1"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã nhập 3 khen thưởng vào sổ; bỏ qua 0 dòng đã có trong sổ."
    ]
    assert (Person.objects.count(), AwardRecord.objects.count()) == (2, 3)

    response = client.post(url, {"file": _upload(content)})
    body = response.content.decode()
    assert "3 dòng đã có trong sổ" in body
    assert "Mọi dòng trong tệp đều đã có trong sổ khen thưởng" in body
    assert response.context["token"] == ""
    assert (Person.objects.count(), AwardRecord.objects.count()) == (2, 3)


def test_ledger_import_page_is_for_the_standing_office(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("dossiers:ledger_import")).status_code == 403
    assert client.get(reverse("dossiers:ledger_template")).status_code == 403


def test_unit_head_cannot_import_nominees(client, unit_a, dossier):
    head = user_with_role(Role.UNIT_HEAD, unit_a)
    client.force_login(head)
    assert client.get(reverse("dossiers:nominee_import", args=[dossier.pk])).status_code == 403


# --- The declarative columns ---------------------------------------------------------------------


def test_parse_bounds_text_by_the_model_fields_max_length(dossier):
    name_limit = Person._meta.get_field("full_name").max_length
    position_limit = Nominee._meta.get_field("position").max_length
    rows = [(1, "A" * (name_limit + 1), "", "", "B" * (position_limit + 1), "", "", "", "", "", "", "", "ldtt", "")]
    preview = excel.parse_nominees(io.BytesIO(_nominees_file(rows)), dossier=dossier)
    assert preview.rows[0].errors == [
        f"Dòng 2: họ và tên dài quá {name_limit} ký tự.",
        f"Dòng 2: chức vụ dài quá {position_limit} ký tự.",
    ]


def test_parse_ledger_marks_the_rows_the_ledger_already_holds(unit_a, unit_b):
    known = Person.objects.create(full_name="Nguyễn Văn An", date_of_birth=D(1985, 9, 5), unit=unit_a)
    AwardRecord.objects.create(year=2022, award=AwardType.objects.get(code="cstdcs"), person=known)
    preview = excel.parse_ledger(io.BytesIO(_ledger_file(LEDGER_ROWS)))
    assert [(row.number, row.skip, row.notes) for row in preview.rows] == [
        (2, True, ["Đã có trong sổ khen thưởng: bỏ qua."]),
        (3, False, []),
        (4, False, []),
    ]
    assert (preview.can_save, preview.skip_count, preview.new_count) == (True, 1, 2)


def test_import_confirmed_after_the_catalogue_changed_shows_the_new_faults_unsaved(client, clerk_a, dossier):
    client.force_login(clerk_a)
    page = reverse("dossiers:nominee_import", args=[dossier.pk])
    confirm = reverse("dossiers:nominee_import_confirm", args=[dossier.pk])
    token = client.post(page, {"file": _upload(_nominees_file(VALID_ROWS))}).context["token"]
    AwardType.objects.filter(code="cstdcs").update(is_active=False)  # the office retires an award meanwhile
    response = client.post(confirm, {"token": token})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại." in body
    assert "Dòng 3: không có danh hiệu, hình thức “Chiến sĩ thi đua cơ sở”." in body
    assert f'action="{page}"' in body  # the upload form posts to the upload page, not to the confirmation
    assert Nominee.objects.count() == 0
    response = client.post(confirm, {"token": token})  # the checked file is gone with that answer
    assert (response.status_code, response.url) == (302, page)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "Không còn tệp đã kiểm tra (phiên làm việc có thể đã hết hạn). Vui lòng tải tệp lên lại."
    )


def test_import_confirmation_is_a_post_of_its_own(client, clerk_a, dossier):
    client.force_login(clerk_a)
    assert client.get(reverse("dossiers:nominee_import_confirm", args=[dossier.pk])).status_code == 405
