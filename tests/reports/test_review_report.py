"""The review report (sơ kết / tổng kết): drafted from the data, the same words in the PDF and the DOCX."""

import io
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from accounts.enums import Role
from core.models import AuditEntry
from core.services import ConcurrentEditError
from reports import services
from reports.models import ReviewReport
from reports.review import review_dict
from tests.core.downloads import download_name
from tests.factories import user_with_role
from tests.reports.test_statistics import ledger, units  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

SHARES = "Tỷ lệ cá nhân là người lao động trực tiếp được khen thưởng tính đến ngày 30/06/2023: 40,0% (2/5 cá nhân)"


def _texts(data: dict) -> str:
    return "\n".join(block.get("text", "") for block in data["blocks"])


def _update(report, by, **changes):
    data = {name: getattr(report, name) for name in services.REPORT_TEXT_FIELDS} | changes
    return services.review_report_update(by=by, report=report, expected_version=report.version, **data)


def test_opening_twice_gives_one_report_with_the_seed_period(office_staff):
    report, created = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    again, created_again = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    assert (created, created_again, again.pk) == (True, False, report.pk)
    assert (report.date_from.isoformat(), report.cutoff.isoformat()) == ("2023-01-01", "2023-06-30")
    final, _ = services.review_report_open(by=office_staff, kind="tong_ket", year=2023)
    assert final.cutoff.isoformat() == "2023-12-31"
    assert AuditEntry.objects.filter(action="review_report_create").count() == 2


def test_report_is_drafted_from_the_data_in_the_seed_outline(office_staff, ledger):  # noqa: F811
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    data = review_dict(report)
    assert data["summary"] == (
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023 và phương hướng, nhiệm vụ 6 tháng cuối năm 2023"
    )
    headings = [b["text"] for b in data["blocks"] if b["type"] in ("heading", "subheading")]
    assert headings == [
        "I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2023",
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Kết quả tổ chức phong trào thi đua",
        "3. Công tác khen thưởng",
        "4. Đánh giá chung",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG CUỐI NĂM 2023",
    ]
    text = _texts(data)
    assert (
        "Tính đến ngày 30/06/2023, đã khen thưởng 7 lượt tập thể, cá nhân (1 tập thể, 5 cá nhân, "
        "1 hộ gia đình, thôn, tổ dân phố), tăng 6 so với cùng kỳ năm trước (1)."
    ) in text
    assert "nữ: 60,0% (3/5); người dân tộc thiểu số: 25,0% (1/4)." in text
    assert SHARES in text
    table = next(b for b in data["blocks"] if b["type"] == "table")
    assert table["rows"][0] == ["1", "Lao động tiên tiến", "3", "1"]
    assert table["rows"][-1] == ["", "Tổng cộng", "7", "1"]


def test_staff_words_are_printed_as_written_and_changes_are_audited(office_staff, ledger):  # noqa: F811
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    report = _update(report, office_staff, strengths="Khen thưởng kịp thời.\nĐúng đối tượng.", next_tasks="Nhân rộng điển hình.")
    text = _texts(review_dict(report))
    assert "Khen thưởng kịp thời." in text and "Đúng đối tượng." in text
    assert "1. Nhân rộng điển hình." in text
    entry = AuditEntry.objects.get(action="review_report_update")
    assert entry.changes["strengths"] == ["", "Khen thưởng kịp thời.\nĐúng đối tượng."]


def test_a_stale_edit_is_refused_and_changes_nothing(office_staff):
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    stale_version = report.version
    _update(ReviewReport.objects.get(pk=report.pk), office_staff, strengths="Bản của người thứ nhất")
    data = {name: getattr(report, name) for name in services.REPORT_TEXT_FIELDS} | {"strengths": "Bản của người thứ hai"}
    with pytest.raises(ConcurrentEditError):
        services.review_report_update(by=office_staff, report=report, expected_version=stale_version, **data)
    assert ReviewReport.objects.get(pk=report.pk).strengths == "Bản của người thứ nhất"


def test_period_backwards_is_refused(office_staff):
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    with pytest.raises(ValidationError) as caught:
        _update(report, office_staff, date_from=report.cutoff, cutoff=report.date_from)
    assert caught.value.message_dict == {"cutoff": ["Ngày tính đến phải sau ngày bắt đầu lấy số liệu."]}


def test_pdf_and_docx_say_the_same(client, office_staff, ledger):  # noqa: F811
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    client.force_login(office_staff)
    pdf = client.get(reverse("reports:review_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    pdf_text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode().split()
    )
    docx = client.get(reverse("reports:review_docx", args=[report.pk]))
    assert download_name(docx, inline=False) == "Báo cáo sơ kết năm 2023.docx"
    assert download_name(pdf, inline=True) == "Báo cáo sơ kết năm 2023.pdf"
    document = Document(io.BytesIO(docx.content))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    assert SHARES in pdf_text
    assert SHARES in docx_text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    figures = document.tables[1]
    assert [c.text for c in figures.rows[1].cells] == ["1", "Lao động tiên tiến", "3", "1"]
    assert round(document.sections[0].left_margin.mm) == 30


def test_form_keeps_what_was_typed_on_error(client, office_staff):
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    client.force_login(office_staff)
    response = client.post(
        reverse("reports:review_edit", args=[report.pk]),
        {"date_from": "30/06/2023", "cutoff": "01/01/2023", "strengths": "Ý kiến đã gõ", "version": report.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cutoff"] == ["Ngày tính đến phải sau ngày bắt đầu lấy số liệu."]
    assert "Ý kiến đã gõ" in response.content.decode()


def test_only_the_office_drafts_the_council_reads(client, office_staff, clerk_a):
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    chair = user_with_role(Role.COUNCIL_CHAIR, full_name="Bùi Văn Hải")
    client.force_login(chair)
    assert client.get(reverse("reports:review_docx", args=[report.pk])).status_code == 200
    edit = client.post(reverse("reports:review_edit", args=[report.pk]), {"strengths": "x", "version": report.version})
    assert edit.status_code == 403
    assert client.post(reverse("reports:review_list"), {"kind": "tong_ket", "year": 2023}).status_code == 403
    client.force_login(clerk_a)
    assert client.get(reverse("reports:review_pdf", args=[report.pk])).status_code == 404  # outside a clerk's scope
    assert client.get(reverse("reports:review_list")).status_code == 403


def test_a_mistyped_year_is_an_error_not_a_broken_report(client, office_staff):
    report, _ = services.review_report_open(by=office_staff, kind="so_ket", year=2023)
    client.force_login(office_staff)
    response = client.post(
        reverse("reports:review_edit", args=[report.pk]),
        {"date_from": "01/01/0201", "cutoff": "30/06/2023", "version": report.version},
    )
    assert response.context["form"].errors["date_from"] == ["Hãy nhập ngày trong khoảng năm 2000 – 2100."]
    assert client.get(reverse("reports:review_edit", args=[report.pk])).status_code == 200
