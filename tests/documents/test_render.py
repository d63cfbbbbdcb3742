"""Render every template with realistic samples and read the PDFs back with poppler."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from documents import samples
from documents.qr import qr_svg
from documents.render import StaticOnlyFetcher, render_many, render_pdf, static_root

from .conftest import flat, pdf_fonts, pdf_page_size, pdf_pages, pdf_text, top_line

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@pytest.fixture(scope="module")
def decision_pdf():
    return render_pdf("documents/decision.html", samples.decision())


@pytest.fixture(scope="module")
def big_decision_pdf():
    return render_pdf("documents/decision.html", samples.big_decision(300))


@pytest.fixture(scope="module")
def certificate_pdf():
    return render_pdf("documents/certificate.html", samples.certificate())


def test_decision_has_the_nd30_header_and_body(decision_pdf):
    text = flat(pdf_text(decision_pdf))
    assert "UBND THÀNH PHỐ HÀ NỘI" not in text  # a People's Committee names no body above it
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN THANH OAI",
        QUOC_HIEU,
        TIEU_NGU,
        "Số: 15/QĐ-UBND",
        "Thanh Oai, ngày 15 tháng 01 năm 2025",
        "QUYẾT ĐỊNH Về việc tặng danh hiệu Lao động tiên tiến và Tập thể lao động tiên tiến năm 2024",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng danh hiệu “Tập thể lao động tiên tiến” cho 02 tập thể",
        "Nơi nhận: CHỦ TỊCH",
        "- Như Điều 3;",
        "- Lưu: VT, NV.",
        "Bùi Văn Hải",
    ]:
        assert expected in text, expected


def test_decision_header_lines_sit_side_by_side(decision_pdf):
    lines = [line for line in pdf_text(decision_pdf, page=1).splitlines() if line.strip()]
    assert re.match(r"^\s*ỦY BAN NHÂN DÂN\s{2,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", lines[0])
    assert re.match(r"^\s*HUYỆN THANH OAI\s{2,}Độc lập - Tự do - Hạnh phúc$", lines[1])
    assert re.match(r"^\s*Số: 15/QĐ-UBND\s{2,}Thanh Oai, ngày 15 tháng 01 năm 2025$", lines[2])


def test_decision_annex_on_a_new_page_with_sections_and_totals(decision_pdf):
    assert pdf_pages(decision_pdf) >= 2
    assert "DANH SÁCH" not in pdf_text(decision_pdf, page=1)
    annex_page = next(p for p in range(2, pdf_pages(decision_pdf) + 1) if "DANH SÁCH" in pdf_text(decision_pdf, page=p))
    annex = flat(pdf_text(decision_pdf, page=annex_page))
    for expected in [
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN”",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 15 tháng 01 năm 2025)",
        "I. CÁ NHÂN",
        "STT Họ và tên Chức vụ, đơn vị Số tiền (đồng)",
        "1 Nguyễn Thị Hoa 700.000",
        "3 Lê Thị Thu Hương Chuyên viên, Phòng Nội vụ huyện 700.000",
        "Cộng I: 05 cá nhân 3.500.000",
        "II. TẬP THỂ",
        "STT Tên tập thể Số tiền (đồng)",
        "1 Phòng Văn hóa và Thông tin, UBND huyện Thanh Oai 1.870.000",
        "Cộng II: 02 tập thể 3.740.000",
        "Tổng cộng (I + II) 7.240.000",
        "Tổng cộng: 7.240.000 đồng (Bằng chữ: Bảy triệu hai trăm bốn mươi nghìn đồng).",
    ]:
        assert expected in annex, expected
    assert "III." not in annex  # no households: the section is left out
    assert "Hình thức" not in annex  # one award per section: no award column


def test_decision_keeps_the_last_article_with_the_signature(decision_pdf):
    page = next(p for p in range(1, pdf_pages(decision_pdf) + 1) if "Nơi nhận:" in pdf_text(decision_pdf, page=p))
    assert "Điều 3." in pdf_text(decision_pdf, page=page)


def test_page_numbers_in_the_top_margin_except_page_one(decision_pdf):
    assert top_line(pdf_text(decision_pdf, page=1)).startswith("ỦY BAN NHÂN DÂN")
    assert top_line(pdf_text(decision_pdf, page=2)) == "2"


def test_pdf_embeds_liberation_serif_only(decision_pdf):
    fonts = pdf_fonts(decision_pdf)
    assert {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in fonts} == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert all(font["embedded"] for font in fonts)


def test_pdf_metadata_and_a4_portrait(decision_pdf):
    info = subprocess.run(["pdfinfo", "-"], input=decision_pdf, capture_output=True, check=True).stdout.decode()
    assert "Title:           Quyết định số 15/QĐ-UBND" in info
    assert pdf_page_size(decision_pdf) == "595.276 x 841.89 pts (A4)"


def test_rendering_is_deterministic(decision_pdf):
    """The same snapshot gives the same bytes, so an issued document's hash can be checked again."""
    assert render_pdf("documents/decision.html", samples.decision()) == decision_pdf


def test_big_annex_paginates_and_repeats_its_header_row(big_decision_pdf):
    pages = pdf_pages(big_decision_pdf)
    assert pages >= 8
    annex_start = next(p for p in range(2, pages + 1) if "DANH SÁCH" in pdf_text(big_decision_pdf, page=p))
    for page in range(annex_start, pages + 1):
        text = pdf_text(big_decision_pdf, page=page)
        assert top_line(text) == str(page)
        assert re.search(r"^\s*STT\s+Họ và tên\s+Chức vụ, đơn vị\s+Số tiền \(đồng\)$", text, re.M), page
    last = flat(pdf_text(big_decision_pdf, page=pages))
    assert "300 Ngô Quốc Việt" in last
    assert "Tổng cộng 210.000.000" in last
    assert "Cộng I:" not in flat(pdf_text(big_decision_pdf))  # one section: only the total row


def test_decision_without_individuals_renumbers_its_sections():
    context = samples.decision()
    context["individuals"] = []
    context["households"] = [
        {"full_name": "Hộ ông Nguyễn Văn Tâm", "unit": "Thôn Đại Định, xã Tam Hưng", "award": "Giấy khen", "amount": 1_050_000}
    ]
    pdf = render_pdf("documents/decision.html", context)
    text = flat(pdf_text(pdf))
    assert "I. TẬP THỂ" in text
    assert "II. HỘ GIA ĐÌNH" in text
    assert "STT Hộ gia đình (chủ hộ) Địa chỉ Số tiền (đồng)" in text
    assert "1 Hộ ông Nguyễn Văn Tâm Thôn Đại Định, xã Tam Hưng 1.050.000" in text
    assert not re.search(r"^ *[IV]+\. CÁ NHÂN", pdf_text(pdf), re.M)


def test_proposal():
    pdf = render_pdf("documents/proposal.html", samples.proposal())
    assert pdf_pages(pdf) == 2
    first = flat(pdf_text(pdf, page=1))
    for expected in [
        QUOC_HIEU,
        "Số: 21/TTr-UBND",
        "Thanh Oai, ngày 20 tháng 01 năm 2025",
        "TỜ TRÌNH Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội",
        "Kính gửi: - Chủ tịch Ủy ban nhân dân thành phố Hà Nội;",
        "- Ban Thi đua – Khen thưởng, Sở Nội vụ thành phố Hà Nội.",
        "kính trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội xem xét",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Khánh Bình",
        "- Lưu: VT, NV.",
    ]:
        assert expected in first, expected
    annex = flat(pdf_text(pdf, page=2))
    assert "(Kèm theo Tờ trình số 21/TTr-UBND ngày 20 tháng 01 năm 2025)" in annex
    assert "STT Họ và tên Chức vụ, đơn vị Hình thức" in annex
    assert "Lê Thị Thu Hương" in annex
    assert "Số tiền" not in annex


def test_minutes():
    pdf = render_pdf("documents/minutes.html", samples.minutes())
    raw = pdf_text(pdf)
    text = flat(raw)
    for expected in [
        "UBND HUYỆN THANH OAI",
        "HỘI ĐỒNG THI ĐUA –",
        "KHEN THƯỞNG HUYỆN",
        "Số: 02/BB-HĐTĐKT",
        "Thanh Oai, ngày 10 tháng 01 năm 2025",
        "BIÊN BẢN Họp Hội đồng Thi đua – Khen thưởng huyện Xét đề nghị khen thưởng tổng kết năm 2024",
        "Thời gian: Vào hồi 14 giờ 00 phút, ngày 10 tháng 01 năm 2025.",
        "Chủ trì: Bùi Văn Hải – Chủ tịch UBND huyện – Chủ tịch Hội đồng.",
        "Thư ký: Cao Thị Yến – Phó Trưởng phòng Nội vụ.",
        "có mặt 08/09 thành viên Hội đồng; vắng 01 thành viên.",
        "Trịnh Quang Huy – Trưởng phòng Tài chính – Kế hoạch – Ủy viên (có ý kiến bằng văn bản).",
        "Phòng Nội vụ (cơ quan Thường trực Hội đồng) báo cáo",
        "đã tiếp nhận 14 hồ sơ của 12 cơ quan, đơn vị",
        "2. Kết quả biểu quyết",
        "3. Kết luận",
        "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày./.",
    ]:
        assert expected in text, expected
    assert re.search(r"Không +Không\n.*Họ tên / Tập +Danh hiệu, +Đồng +Tỷ lệ", raw)  # the ballot table's header
    # the ballot rows: STT, name and the counts sit on the middle line of their row
    assert re.search(r"^ *1 +Nguyễn Thị Hoa +9 +0 +0$", raw, re.M)
    assert re.search(r"^ *2 +8 +1 +0$", raw, re.M)
    assert re.search(r"^ *3 +Trần Văn Đức +7 +1 +1$", raw, re.M)
    for expected in ["100% ≥ 70% tổng", "88,9% ≥ 90% tổng", "(8/9)", "Không đạt", "UBND thị"]:
        assert expected in text or expected in raw, expected
    assert re.search(r"^\s*THƯ KÝ\s{5,}CHỦ TỌA$", raw, re.M)  # side by side
    assert re.search(r"^\s*Cao Thị Yến\s{5,}Bùi Văn Hải$", raw, re.M)


def test_payout_list_is_landscape_with_subtotals_and_words():
    pdf = render_pdf("documents/payout.html", samples.payout())
    assert pdf_page_size(pdf) == "841.89 x 595.276 pts (A4)"
    raw = pdf_text(pdf)
    text = flat(raw)
    for expected in [
        QUOC_HIEU,
        "DANH SÁCH CHI TIỀN THƯỞNG",
        "(Theo Quyết định số 15/QĐ-UBND ngày 15 tháng 01 năm 2025)",
        "STT Họ và tên / Tập thể Đơn vị Danh hiệu, hình thức Số tiền (đồng) Ký nhận",
        "Cộng UBND xã Cự Khê (01) 700.000",
        "Cộng UBND huyện Thanh Oai (01) 1.870.000",
        "TỔNG CỘNG (07) 7.240.000",
        "Tổng số tiền: 7.240.000 đồng (Bằng chữ: Bảy triệu hai trăm bốn mươi nghìn đồng).",
        "KT. CHỦ TỊCH",
    ]:
        assert expected in text, expected
    numbers = [int(m[1]) for m in re.finditer(r"^ *(\d+) +\S", raw, re.M)]
    assert numbers == [1, 2, 3, 4, 5, 6, 7]  # STT runs on across the unit groups


def test_certificate_is_one_landscape_page_with_its_texts(certificate_pdf):
    assert pdf_pages(certificate_pdf) == 1
    assert pdf_page_size(certificate_pdf) == "841.89 x 595.276 pts (A4)"
    text = flat(pdf_text(certificate_pdf))
    for expected in [
        QUOC_HIEU,
        TIEU_NGU,
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "TẶNG",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Hoa",
        "Công chức Văn phòng – Thống kê, UBND thị trấn Kim Bài",
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
        "Quyết định số 15/QĐ-UBND, ngày 15/01/2025",
        "Số vào sổ: 125",
        "Thanh Oai, ngày 15 tháng 01 năm 2025",
        "CHỦ TỊCH",
        "Bùi Văn Hải",
        "https://tdkt.thanhoai.hanoi.gov.vn/xac-minh/7Hq2xK9pLm4vRt8w/",
    ]:
        assert expected in text, expected


def test_certificate_draws_the_qr_code_of_its_verification_url():
    context = samples.certificate()
    html = render_to_string("documents/certificate.html", context)
    assert qr_svg(context["verify_url"]) in html
    assert '<svg class="emblem"' in html  # the drawn placeholder, not an image of the emblem


def test_title_certificate_and_revoked_watermark():
    text = flat(pdf_text(render_pdf("documents/certificate.html", samples.title_certificate())))
    assert "GIẤY CHỨNG NHẬN" in text
    assert "Đạt danh hiệu “Lao động tiên tiến” năm 2024" in text
    revoked = samples.certificate(revoked=True)
    assert pdf_pages(render_pdf("documents/certificate.html", revoked)) == 1
    # poppler does not read text drawn at an angle back, so look at the markup WeasyPrint lays out
    assert '<div class="revoked">ĐÃ THU HỒI</div>' in render_to_string("documents/certificate.html", revoked)
    assert "ĐÃ THU HỒI" not in render_to_string("documents/certificate.html", samples.certificate())


def test_render_many_joins_chunks_into_one_pdf_and_reports_progress():
    contexts = [samples.certificate(register_number=str(1000 + i), recipient=f"Bà Nguyễn Thị Hoa {i}") for i in range(250)]
    calls = []
    pdf = render_many(
        "documents/certificate.html", contexts, chunk_size=100, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(100, 250), (200, 250), (250, 250)]
    assert pdf_pages(pdf) == 250
    for page in (1, 100, 101, 250):
        text = flat(pdf_text(pdf, page=page))
        assert f"Bà Nguyễn Thị Hoa {page - 1} " in text
        assert f"Số vào sổ: {1000 + page - 1}" in text
    names = [font["name"] for font in pdf_fonts(pdf)]
    assert len(names) == 12  # four faces per chunk, each chunk's subsets under a name of their own
    assert len(set(names)) == 12


def test_render_many_in_one_chunk_and_errors():
    calls = []
    pdf = render_many(
        "documents/certificate.html", [samples.certificate(), samples.title_certificate()], progress=lambda *a: calls.append(a)
    )
    assert pdf_pages(pdf) == 2
    assert calls == [(2, 2)]
    with pytest.raises(ValueError):
        render_many("documents/certificate.html", [])
    with pytest.raises(ValueError):
        render_many("documents/certificate.html", [samples.certificate()], chunk_size=0)


def test_render_refuses_live_objects():
    from documents.models import CertificateLayout

    with pytest.raises(TypeError, match="không phải dữ liệu thuần"):
        render_pdf("documents/certificate_blank.html", {**samples.certificate(), "layout": CertificateLayout(name="x")})


def test_fetcher_reads_static_files_only():
    fetcher = StaticOnlyFetcher(static_root())
    font = static_root() / "fonts" / "LiberationSerif-Regular.ttf"
    response = fetcher.fetch(font.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/logo.png")
    assert static_root() == (Path(settings.BASE_DIR) / "static").resolve()
    assert (static_root() / "fonts" / "OFL-LiberationSerif.txt").exists()


def test_output_does_not_depend_on_system_fonts(tmp_path):
    """With fontconfig pointed at an empty configuration (no system font at all), the vendored
    Liberation Serif is still found and embedded."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>"
    )
    out = tmp_path / "certificate.pdf"
    script = (
        "import django; django.setup()\n"
        "from pathlib import Path\n"
        "from documents import samples\n"
        "from documents.render import render_pdf\n"
        f"Path({str(out)!r}).write_bytes(render_pdf('documents/certificate.html', samples.certificate()))\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "DJANGO_SETTINGS_MODULE": "tdkt_portal.settings", "DEBUG": "1"}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, check=True, capture_output=True)
    pdf = out.read_bytes()
    assert {re.sub(r"^[A-Z]{6}\+", "", f["name"]) for f in pdf_fonts(pdf)} >= {"Liberation-Serif", "Liberation-Serif-Bold"}
    assert "Bà Nguyễn Thị Hoa" in flat(pdf_text(pdf))
