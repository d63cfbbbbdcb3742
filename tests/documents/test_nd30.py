"""Every document kind, rendered for a district, a commune and a province with awkward data (documents.samples_nd30),
checked as Nghị định 30/2020/NĐ-CP wants it: the first page against a stored reference image; with pdfplumber, the
margins (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm), the header blocks (issuer left, Quốc hiệu right, one
band) and the fonts (all embedded, Liberation Serif: Times New Roman's metrics, vendored in static/fonts/).

The reference images are tests/documents/reference/<case>.png: page 1 at 40 dpi in 16 greys. After a change of layout
that was looked at and meant, write them again with

    UPDATE_REFERENCE_IMAGES=1 python -m pytest tests/documents/test_nd30.py

and look at the new PNGs before committing them. The dates in the samples are fixed, so renders are stable.
"""

import io
import os
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops

from documents import samples_nd30
from documents.render import render_pdf

from .conftest import POPPLER, flat, pdf_fonts, pdf_text

REFERENCE = Path(__file__).parent / "reference"
MM = 72 / 25.4  # points in a millimetre; bounds allow 1 pt for glyph overhang at a justified line's end
DPI = 40
# A pixel "differs" when its grey level moves by more than 64 of 255; a render matches its reference when at most
# 0.5 % of the pixels differ (anti-aliasing of another poppler; a moved line of text is several percent).
PIXEL_STEP, TOLERANCE = 64, 0.005
CASES = samples_nd30.cases()
# Certificates are not administrative documents (no NĐ 30 margins): a frame fills the sheet.
PAGED = [name for name in CASES if not name.endswith("certificate")]


@pytest.fixture(scope="module")
def pdfs():
    return {name: render_pdf(template, context) for name, (template, context) in CASES.items()}


def first_page_png(pdf: bytes) -> Image.Image:
    if not POPPLER:
        pytest.skip("poppler-utils không có")
    out = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-gray", "-png", "-"], input=pdf, capture_output=True)
    return Image.open(io.BytesIO(out.stdout)).convert("L")


def differing_share(image: Image.Image, reference: Image.Image) -> float:
    if image.size != reference.size:
        return 1.0
    diff = ImageChops.difference(image, reference).point(lambda v: 255 if v > PIXEL_STEP else 0)
    return diff.histogram()[255] / (image.width * image.height)


@pytest.mark.parametrize("name", list(CASES))
def test_first_page_matches_its_reference_image(pdfs, name):
    image = first_page_png(pdfs[name])
    path = REFERENCE / f"{name}.png"
    if os.environ.get("UPDATE_REFERENCE_IMAGES") == "1":
        REFERENCE.mkdir(exist_ok=True)
        image.quantize(16).save(path, optimize=True, bits=4)  # 16 greys keep the files small
    assert path.exists(), f"{path.name} chưa có: chạy với UPDATE_REFERENCE_IMAGES=1 và xem ảnh trước khi lưu"
    share = differing_share(image, Image.open(path).convert("L"))
    assert share <= TOLERANCE, f"{name}: {share:.2%} điểm ảnh khác ảnh mẫu {path.name}"


def test_the_image_comparison_sees_a_changed_header(pdfs):
    """The tolerance is not so loose that a document with a parent line above its committee would pass."""
    template, context = CASES["xa-decision"]
    changed = render_pdf(template, {**context, "authority": {**context["authority"], "parent_name": "UBND TỈNH LAI CHÂU"}})
    reference = Image.open(REFERENCE / "xa-decision.png").convert("L")
    assert differing_share(first_page_png(changed), reference) > TOLERANCE


def _text_objects(page):
    """Characters and drawn boxes (table borders) of a page; the page number in the top margin is left out."""
    chars = [c for c in page.chars if c["text"].strip() and not (c["bottom"] < 20 * MM and c["text"].isdigit())]
    return chars + list(page.rects) + list(page.lines)


@pytest.mark.parametrize("name", PAGED)
def test_margins_are_those_of_nd30(pdfs, name):
    with pdfplumber.open(io.BytesIO(pdfs[name])) as document:
        for number, page in enumerate(document.pages, start=1):
            objects = _text_objects(page)
            left, right = min(o["x0"] for o in objects), max(o["x1"] for o in objects)
            top, bottom = min(o["top"] for o in objects), max(o["bottom"] for o in objects)
            where = f"{name}, trang {number}"
            assert left >= 30 * MM - 1, f"{where}: lề trái {left / MM:.1f} mm < 30 mm"
            assert right <= page.width - 15 * MM + 1, f"{where}: lề phải {(page.width - right) / MM:.1f} mm < 15 mm"
            assert top >= 20 * MM - 1, f"{where}: lề trên {top / MM:.1f} mm < 20 mm"
            assert bottom <= page.height - 20 * MM + 1, f"{where}: lề dưới {(page.height - bottom) / MM:.1f} mm < 20 mm"
            if number == 1:  # the text starts at the margins, which are not wider than NĐ 30's either
                assert left <= 35 * MM and top <= 25 * MM, f"{where}: lề trái {left / MM:.1f} mm, lề trên {top / MM:.1f} mm"


@pytest.mark.parametrize("name", PAGED)
def test_issuer_left_and_quoc_hieu_right_in_one_band(pdfs, name):
    with pdfplumber.open(io.BytesIO(pdfs[name])) as document:
        page = document.pages[0]
        words = [w for w in page.extract_words() if w["top"] < 45 * MM]
        middle = page.width / 2
        quoc_hieu = page.search("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert quoc_hieu, name
        issuer = [w for w in words if w["x1"] < quoc_hieu[0]["x0"]]
        assert issuer, f"{name}: không có khối cơ quan ban hành bên trái"
        assert (min(w["x0"] for w in issuer) + max(w["x1"] for w in issuer)) / 2 < middle
        assert (quoc_hieu[0]["x0"] + quoc_hieu[0]["x1"]) / 2 > middle
        assert abs(min(w["top"] for w in issuer) - quoc_hieu[0]["top"]) < 2, f"{name}: hai khối không cùng một hàng"


@pytest.mark.parametrize("name", list(CASES))
def test_fonts_are_embedded_liberation_serif(pdfs, name):
    fonts = pdf_fonts(pdfs[name])
    assert fonts and all(font["embedded"] for font in fonts), fonts
    with pdfplumber.open(io.BytesIO(pdfs[name])) as document:
        names = {c["fontname"].split("+", 1)[-1] for page in document.pages for c in page.chars}
    assert names and all(n.startswith("Liberation-Serif") for n in names), names


@pytest.mark.parametrize("level", list(samples_nd30.LEVELS))
def test_a_peoples_committee_has_no_parent_line_and_its_council_keeps_one(pdfs, level):
    decision = pdf_text(pdfs[f"{level}-decision"], page=1).splitlines()
    assert decision[0].split()[:3] == ["ỦY", "BAN", "NHÂN"], decision[0]  # the issuer is the first line
    minutes = flat(pdf_text(pdfs[f"{level}-minutes"], page=1))
    assert minutes.startswith(samples_nd30.LEVELS[level]["short_name"].upper()), minutes[:60]


def signature_block(pdf: bytes) -> list[str]:
    """The lines of the signature block: the right half of the text column, from the "Nơi nhận:" line down."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            found = page.search("Nơi nhận:")
            if found:
                half = 30 * MM + (page.width - 45 * MM) / 2
                box = page.within_bbox((half, found[0]["top"] - 2, page.width, page.height))
                return [line for line in (box.extract_text() or "").splitlines() if line.strip()]
    return []


def test_signature_blocks_follow_who_decides(pdfs):
    assert signature_block(pdfs["xa-decision"]) == ["CHỦ TỊCH", "Tẩn Văn Chu"]
    assert signature_block(pdfs["tinh-decision-committee"]) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Hà Quang Trung",
    ]
    assert signature_block(pdfs["huyen-letter"]) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Khánh Bình"]
    assert signature_block(pdfs["tinh-review_report"]) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Lượng"]
    assert "Số vào sổ: 1250" in flat(pdf_text(pdfs["tinh-certificate"]))


def test_the_district_decision_carries_its_500_row_annex(pdfs):
    text = flat(pdf_text(pdfs["huyen-decision"]))
    assert " 500 " in text and "Lường Văn Đức" in text
