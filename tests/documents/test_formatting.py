import datetime

import pytest
from django.template import Context, Template

from documents.formatting import clock, dmy, document_number, issuer_lines, money, nd30_date, upper_vi
from documents.qr import qr_svg
from documents.render import check_plain


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-15", "ngày 15 tháng 01 năm 2025"),
        ("2025-02-05", "ngày 05 tháng 02 năm 2025"),
        ("2025-03-05", "ngày 05 tháng 3 năm 2025"),
        ("2024-12-31", "ngày 31 tháng 12 năm 2024"),
        ("2025-10-01", "ngày 01 tháng 10 năm 2025"),
        ("2025-01-10T14:00:00", "ngày 10 tháng 01 năm 2025"),
        (datetime.date(2023, 2, 6), "ngày 06 tháng 02 năm 2023"),
        (datetime.datetime(2025, 11, 9, 8, 30), "ngày 09 tháng 11 năm 2025"),
        ("", ""),
        (None, ""),
    ],
)
def test_nd30_date_zero_pads_days_below_ten_and_months_one_and_two(value, expected):
    assert nd30_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(700000, "700.000"), (1402000, "1.402.000"), (0, "0"), (999, "999"), (1000, "1.000"), (-50000, "-50.000"), (None, "")],
)
def test_money_groups_thousands_with_dots(value, expected):
    assert money(value) == expected


def test_dmy_and_clock():
    assert dmy("2025-01-15") == "15/01/2025"
    assert clock("2025-01-10T14:05:00") == "14 giờ 05 phút"


def test_upper_vi_normalises_to_nfc():
    decomposed = "u\u0309y ban nha\u0302n da\u0302n"  # "ủy ban nhân dân" typed with combining marks
    assert upper_vi(decomposed) == "ỦY BAN NHÂN DÂN"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN THANH OAI", ["ỦY BAN NHÂN DÂN", "HUYỆN THANH OAI"]),
        ("Ủy ban nhân dân thành phố Hà Nội", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]),
        ("ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY", ["ỦY BAN NHÂN DÂN", "THỊ XÃ SƠN TÂY"]),
        ("UBND XÃ CỰ KHÊ", ["UBND XÃ CỰ KHÊ"]),
        ("PHÒNG NỘI VỤ", ["PHÒNG NỘI VỤ"]),
        ("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG HUYỆN", ["HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG HUYỆN"]),
    ],
)
def test_issuer_lines_put_the_place_on_its_own_line(name, lines):
    assert issuer_lines(name) == lines


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((15, "QĐ", "UBND"), "15/QĐ-UBND"),
        ((3, "TTr", "NV"), "03/TTr-NV"),
        ((2, "BB", "HĐTĐKT"), "02/BB-HĐTĐKT"),
        ((147, "CV", "UBND-NV"), "147/UBND-NV"),
    ],
)
def test_document_number_follows_nd30(args, expected):
    assert document_number(*args) == expected


def test_template_filters_render():
    template = Template(
        "{% load documents %}{{ d|nd30_date }}|{{ m|money }}|{{ n|upper_vi }}|{{ a|article }}"
        "|{{ x|css_number }}|{{ bad|one_of:'left,center' }}"
    )
    rendered = template.render(
        Context({"d": "2025-03-05", "m": 700000, "n": "bùi văn hải", "a": "Điều 2. Tiền <thưởng>", "x": 12.5, "bad": "x;y"})
    )
    assert rendered == "ngày 05 tháng 3 năm 2025|700.000|BÙI VĂN HẢI|<strong>Điều 2.</strong> Tiền &lt;thưởng&gt;|12.5|left"


def test_issuer_html_wraps_a_council_name_only_after_its_dash():
    rendered = Template("{% load documents %}{{ n|issuer_html }}").render(Context({"n": "Hội đồng Thi đua – Khen thưởng huyện"}))
    assert rendered == '<span class="nowrap">HỘI ĐỒNG THI ĐUA –</span> <span class="nowrap">KHEN THƯỞNG HUYỆN</span>'


def test_annex_sections_skip_empty_lists_and_renumber():
    template = Template(
        "{% load documents %}{% annex_sections individuals collectives households as sections %}"
        "{% for s in sections %}{{ s.numeral }}.{{ s.label }}={{ s.total }};{% endfor %}"
    )
    rendered = template.render(
        Context({"individuals": [], "collectives": [{"amount": 1870000}], "households": [{"amount": 1050000}, {"amount": 1}]})
    )
    assert rendered == "I.Tập thể=1870000;II.Hộ gia đình=1050001;"


def test_qr_svg_is_segno_inline_svg_with_a_path():
    svg = qr_svg("https://tdkt.example.vn/xac-minh/abc/")
    assert svg.startswith('<svg viewBox="0 0 33 33" class="qr">')
    assert '<path class="qr-path" stroke="#000" d="M2 2.5h7' in svg


def test_check_plain_refuses_objects_but_takes_json_data():
    check_plain({"a": [1, 2.5, "x", None, True, {"b": []}]})
    with pytest.raises(TypeError, match=r"context\['date'\]: date"):
        check_plain({"date": datetime.date(2025, 1, 15)})
    with pytest.raises(TypeError, match=r"context\['rows'\]\[0\]: object"):
        check_plain({"rows": [object()]})
