"""Example contexts: the context contract of each template, by example (see documents/README.md).

Used by the tests, the benchmark and `python -m documents.samples OUTDIR` (writes every sample PDF).
Figures follow domain.md §5: LĐTT 0,3 × 2.340.000 = 702.000 → 700.000 đ; TTLĐTT 0,8 × 2.340.000 =
1.872.000 → 1.870.000 đ (rounded to the nearest ten thousand).
"""

import copy

from .formatting import payout_by_unit

AUTHORITY = {
    "name": "ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
    "parent_name": "",  # a People's Committee names no body above it (NĐ 30)
    "short_name": "UBND huyện Thanh Oai",
    "place_name": "Thanh Oai",
    "document_code": "UBND",
    "standing_office_name": "Phòng Nội vụ",
    "council_name": "Hội đồng Thi đua – Khen thưởng huyện",
    "level": "huyen",
}

SIGNER_COLLECTIVE = {"signing_line": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Bùi Văn Hải"}
SIGNER_DEPUTY = {"signing_line": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Khánh Bình"}
SIGNER_CHAIR = {"signing_line": "", "title": "CHỦ TỊCH", "name": "Bùi Văn Hải"}

LDTT = "Lao động tiên tiến"
TTLDTT = "Tập thể lao động tiên tiến"

INDIVIDUALS = [
    {"full_name": "Nguyễn Thị Hoa", "position": "Công chức Văn phòng – Thống kê", "unit": "UBND thị trấn Kim Bài"},
    {"full_name": "Trần Văn Đức", "position": "Phó Chủ tịch UBND", "unit": "UBND xã Cự Khê"},
    {"full_name": "Lê Thị Thu Hương", "position": "Chuyên viên", "unit": "Phòng Nội vụ huyện"},
    {"full_name": "Phạm Quốc Việt", "position": "Công chức Địa chính – Xây dựng", "unit": "UBND xã Bích Hòa"},
    {"full_name": "Đỗ Thị Ngọc Ánh", "position": "Kế toán", "unit": "Phòng Tài chính – Kế hoạch huyện"},
]
COLLECTIVES = [
    {"full_name": "Phòng Văn hóa và Thông tin", "unit": "UBND huyện Thanh Oai"},
    {"full_name": "Tổ Văn phòng – Thống kê", "unit": "UBND xã Thanh Cao"},
]

LEGAL_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
    "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quyết định số 12/2024/QĐ-UBND ngày 20 tháng 02 năm 2024 của UBND thành phố Hà Nội ban hành "
    "Quy định về công tác thi đua, khen thưởng trên địa bàn thành phố Hà Nội;",
    "Xét đề nghị của Trưởng phòng Nội vụ huyện tại Tờ trình số 03/TTr-NV ngày 10 tháng 01 năm 2025.",
]


def _rows(people: list[dict], award: str, amount: int) -> list[dict]:
    return [{**person, "award": award, "amount": amount} for person in people]


def decision() -> dict:
    individuals = _rows(INDIVIDUALS, LDTT, 700_000)
    collectives = _rows(COLLECTIVES, TTLDTT, 1_870_000)
    return {
        "authority": copy.deepcopy(AUTHORITY),
        "signer": dict(SIGNER_CHAIR),
        "number": "15/QĐ-UBND",
        "date": "2025-01-15",
        "title": "Về việc tặng danh hiệu Lao động tiên tiến và Tập thể lao động tiên tiến năm 2024",
        "issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "legal_bases": list(LEGAL_BASES),
        "articles": [
            "Điều 1. Tặng danh hiệu “Tập thể lao động tiên tiến” cho 02 tập thể và danh hiệu “Lao động tiên tiến” "
            "cho 05 cá nhân đã có thành tích hoàn thành tốt nhiệm vụ năm 2024 (có danh sách kèm theo).",
            "Điều 2. Mỗi tập thể được thưởng 1.870.000 đồng, mỗi cá nhân được thưởng 700.000 đồng theo quy định "
            "tại Nghị định số 98/2023/NĐ-CP; tổng số tiền thưởng là 7.240.000 đồng, trích từ Quỹ Thi đua, "
            "khen thưởng của huyện năm 2025.",
            "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ, Trưởng phòng Tài chính – "
            "Kế hoạch, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
            "thi hành Quyết định này./.",
        ],
        "recipients": ["Như Điều 3;", "Chủ tịch, các PCT UBND huyện;", "Hội đồng TĐKT huyện;", "Lưu: VT, NV."],
        "annex_title": (
            "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN” VÀ “LAO ĐỘNG TIÊN TIẾN” NĂM 2024"
        ),
        "individuals": individuals,
        "collectives": collectives,
        "households": [],
        "total_amount": 7_240_000,
        "total_in_words": "Bảy triệu hai trăm bốn mươi nghìn đồng",
    }


def big_decision(rows: int = 300) -> dict:
    """A decision whose annex has `rows` individuals (one award, 700.000 đ each): for pagination and timing."""
    context = decision()
    context["title"] = "Về việc tặng danh hiệu Lao động tiên tiến năm 2024"
    context["annex_title"] = "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2024"
    context["articles"][0] = f"Điều 1. Tặng danh hiệu “Lao động tiên tiến” cho {rows} cá nhân (có danh sách kèm theo)."
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    given = ["Thị Hoa", "Văn Đức", "Thu Hương", "Quốc Việt", "Ngọc Ánh", "Minh Tuấn", "Thị Lụa", "Đình Khôi"]
    units = ["UBND xã Cự Khê", "UBND xã Bích Hòa", "UBND thị trấn Kim Bài", "Phòng Nội vụ huyện", "Trường THCS Thanh Cao"]
    context["individuals"] = [
        {
            "full_name": f"{surnames[i % 10]} {given[i % 8]}",
            "position": "Công chức" if i % 3 else "Viên chức",
            "unit": units[i % 5],
            "award": LDTT,
            "amount": 700_000,
        }
        for i in range(rows)
    ]
    context["collectives"] = []
    context["total_amount"] = 700_000 * rows
    words = {300: "Hai trăm mười triệu đồng", 500: "Ba trăm năm mươi triệu đồng"}
    context["total_in_words"] = words.get(rows, "(bằng chữ do nơi gọi lập)")
    return context


def proposal() -> dict:
    return {
        "authority": copy.deepcopy(AUTHORITY),
        "signer": {"on_behalf": "TM. ỦY BAN NHÂN DÂN", **SIGNER_DEPUTY},  # a Tờ trình is the committee's
        "number": "21/TTr-UBND",
        "date": "2025-01-20",
        "title": "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội",
        "to": ["Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "Ban Thi đua – Khen thưởng, Sở Nội vụ thành phố Hà Nội"],
        "paragraphs": [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 "
            "năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng huyện ngày 10 tháng 01 năm 2025 (Biên bản số "
            "02/BB-HĐTĐKT), Ủy ban nhân dân huyện Thanh Oai đã xét chọn 01 tập thể và 02 cá nhân có thành tích xuất sắc "
            "trong thực hiện nhiệm vụ năm 2024, đủ điều kiện, tiêu chuẩn đề nghị tặng Bằng khen của Chủ tịch "
            "Ủy ban nhân dân thành phố.",
            "Ủy ban nhân dân huyện Thanh Oai kính trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội xem xét, tặng Bằng khen "
            "cho 01 tập thể và 02 cá nhân (có danh sách và hồ sơ kèm theo)./.",
        ],
        "annex_title": "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ",
        "individuals": [
            {**INDIVIDUALS[0], "award": "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"},
            {**INDIVIDUALS[2], "award": "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"},
        ],
        "collectives": [{**COLLECTIVES[0], "award": "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"}],
        "recipients": ["Như trên;", "Chủ tịch UBND huyện (để b/c);", "Lưu: VT, NV."],
    }


MEMBERS = [
    {"name": "Bùi Văn Hải", "title": "Chủ tịch UBND huyện – Chủ tịch Hội đồng"},
    {"name": "Nguyễn Khánh Bình", "title": "Phó Chủ tịch UBND huyện – Phó Chủ tịch Hội đồng"},
    {"name": "Lê Thị Hương", "title": "Trưởng phòng Nội vụ – Phó Chủ tịch Thường trực Hội đồng"},
    {"name": "Hoàng Văn Sơn", "title": "Chủ tịch Ủy ban MTTQ Việt Nam huyện – Ủy viên"},
    {"name": "Đinh Thị Mai", "title": "Chủ tịch Liên đoàn Lao động huyện – Ủy viên"},
    {"name": "Trịnh Quang Huy", "title": "Trưởng phòng Tài chính – Kế hoạch – Ủy viên"},
    {"name": "Vương Thị Lan", "title": "Chánh Văn phòng HĐND và UBND huyện – Ủy viên"},
    {"name": "Phan Đức Long", "title": "Trưởng phòng Văn hóa và Thông tin – Ủy viên"},
    {"name": "Cao Thị Yến", "title": "Phó Trưởng phòng Nội vụ – Ủy viên, Thư ký"},
]


def minutes() -> dict:
    return {
        "authority": copy.deepcopy(AUTHORITY),
        "number": "02/BB-HĐTĐKT",
        "council_name": "Hội đồng Thi đua – Khen thưởng huyện",
        "title": "Xét đề nghị khen thưởng tổng kết năm 2024",
        "started_at": "2025-01-10T14:00:00",
        "ended_at": "2025-01-10T16:30:00",
        "place": "Phòng họp tầng 2, trụ sở UBND huyện Thanh Oai",
        "chair": MEMBERS[0],
        "secretary": {"name": "Cao Thị Yến", "title": "Phó Trưởng phòng Nội vụ"},
        "members_total": 9,
        "present": MEMBERS[:5] + MEMBERS[6:],
        "absent": [{**MEMBERS[5], "written_opinion": True}],
        "office_report": (
            "Phòng Nội vụ (cơ quan Thường trực Hội đồng) báo cáo kết quả thẩm định hồ sơ đề nghị khen thưởng "
            "tổng kết năm 2024: đã tiếp nhận 14 hồ sơ của 12 cơ quan, đơn vị; 13 hồ sơ đủ điều kiện, 01 hồ sơ "
            "phải bổ sung.\nĐề nghị Hội đồng xem xét, biểu quyết danh sách trình Chủ tịch UBND huyện khen thưởng "
            "và đề nghị cấp trên khen thưởng."
        ),
        "items": [
            {
                "award": "Chiến sĩ thi đua cơ sở",
                "full_name": "Nguyễn Thị Hoa",
                "unit": "UBND thị trấn Kim Bài",
                "yes": 9,
                "no": 0,
                "abstain": 0,
                "denominator": 9,
                "percent": "100",
                "threshold_label": "≥ 70% tổng số thành viên",
                "passed": True,
            },
            {
                "award": "Bằng khen của Chủ tịch UBND thành phố",
                "full_name": "Phòng Văn hóa và Thông tin",
                "unit": "UBND huyện Thanh Oai",
                "yes": 8,
                "no": 1,
                "abstain": 0,
                "denominator": 9,
                "percent": "88,9",
                "threshold_label": "≥ 90% tổng số thành viên",
                "passed": False,
            },
            {
                "award": "Chiến sĩ thi đua cơ sở",
                "full_name": "Trần Văn Đức",
                "unit": "UBND xã Cự Khê",
                "yes": 7,
                "no": 1,
                "abstain": 1,
                "denominator": 9,
                "percent": "77,8",
                "threshold_label": "≥ 70% tổng số thành viên",
                "passed": True,
            },
        ],
        "conclusion": (
            "Hội đồng thống nhất trình Chủ tịch UBND huyện tặng danh hiệu Chiến sĩ thi đua cơ sở cho 02 cá nhân "
            "đạt tỷ lệ phiếu đồng ý theo quy định.\nPhòng Văn hóa và Thông tin chưa đạt tỷ lệ phiếu đồng ý để đề "
            "nghị tặng Bằng khen của Chủ tịch UBND thành phố."
        ),
    }


def payout() -> dict:
    rows = _rows(INDIVIDUALS, LDTT, 700_000) + _rows(COLLECTIVES, TTLDTT, 1_870_000)
    rows.sort(key=lambda row: row["unit"])
    return {
        "authority": copy.deepcopy(AUTHORITY),
        "decision_number": "15/QĐ-UBND",
        "decision_date": "2025-01-15",
        "date": "2025-01-20",
        "rows": rows,
        "by_unit": payout_by_unit(rows),
        "total_amount": 7_240_000,
        "total_in_words": "Bảy triệu hai trăm bốn mươi nghìn đồng",
        "signer": dict(SIGNER_DEPUTY),
    }


def certificate(**overrides) -> dict:
    context = {
        "authority": copy.deepcopy(AUTHORITY),
        "signer": dict(SIGNER_CHAIR),
        "issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "form_title": "GIẤY KHEN",
        "award_line": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
        "recipient": "Bà Nguyễn Thị Hoa",
        "recipient_detail": "Công chức Văn phòng – Thống kê, UBND thị trấn Kim Bài",
        "achievement": "góp phần vào sự nghiệp xây dựng và phát triển huyện Thanh Oai",
        "decision_number": "15/QĐ-UBND",
        "decision_date": "2025-01-15",
        "register_number": "125",
        "place_name": "Thanh Oai",
        "date": "2025-01-15",
        "verify_url": "https://tdkt.thanhoai.hanoi.gov.vn/xac-minh/7Hq2xK9pLm4vRt8w/",
        "revoked": False,
    }
    context.update(overrides)
    return context


def title_certificate() -> dict:
    """Giấy chứng nhận of a title: the award line is the title's name."""
    return certificate(
        form_title="GIẤY CHỨNG NHẬN",
        award_line="Đạt danh hiệu “Lao động tiên tiến” năm 2024",
        recipient="Ông Trần Văn Đức",
        recipient_detail="Phó Chủ tịch UBND xã Cự Khê",
        achievement="",
        register_number="126",
        verify_url="https://tdkt.thanhoai.hanoi.gov.vn/xac-minh/Zp3Vb6Nc1Qe8Ws5y/",
    )


ALL = {
    "decision": ("documents/decision.html", decision),
    "proposal": ("documents/proposal.html", proposal),
    "minutes": ("documents/minutes.html", minutes),
    "payout": ("documents/payout.html", payout),
    "certificate": ("documents/certificate.html", certificate),
    "certificate_title": ("documents/certificate.html", title_certificate),
    "certificate_revoked": ("documents/certificate.html", lambda: certificate(revoked=True)),
}
