"""Every document kind with awkward data, for a district, a commune and a province (#14): long names, unit names
that wrap to three lines, a 500-row annex, a decision the Chairman takes in his own name and one of the committee.

The header, the signature blocks, Điều 3's executors and the office come from units.models.Authority (unsaved
instances here) and documents.formatting, as the portal's own documents take them; the "Căn cứ" lines are those
the seeded documents.LegalBasis rows and the regime give on the date. Rendered by tests/documents/test_nd30.py
(reference images, margins, header blocks, fonts) and by `render_document_samples OUTDIR --nd30`.
"""

from units.models import Authority

from .formatting import default_office_name, head_of, locality, payout_by_unit, unabbreviate

LEVELS = {
    "huyen": {
        "level": "huyen",
        "name": "ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        "short_name": "UBND huyện Thanh Oai",
        "place_name": "Thanh Oai",
        "standing_office_name": "Phòng Nội vụ",
        "council_name": "Hội đồng Thi đua – Khen thưởng huyện",
        "office_code": "NV",
        "parent_addressee": "Chủ tịch Ủy ban nhân dân thành phố Hà Nội",
        "chair_name": "Bùi Văn Hải",
        "deputy_name": "Nguyễn Khánh Bình",
    },
    "xa": {
        "level": "xa",
        "name": "ỦY BAN NHÂN DÂN XÃ PHONG THỔ",
        "short_name": "UBND xã Phong Thổ",
        "place_name": "Phong Thổ",
        "standing_office_name": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Phong Thổ",
        "council_name": "Hội đồng Thi đua – Khen thưởng xã",
        "office_code": "VP",
        "parent_addressee": "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu",
        "chair_name": "Tẩn Văn Chu",
        "deputy_name": "Lò Văn Thắng",
    },
    "tinh": {
        "level": "tinh",
        "name": "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "short_name": "UBND tỉnh Lai Châu",
        "place_name": "Lai Châu",
        "standing_office_name": "Sở Nội vụ",
        "council_name": "Hội đồng Thi đua – Khen thưởng tỉnh",
        "office_code": "SNV",
        "parent_addressee": "Thủ tướng Chính phủ",
        "chair_name": "Lê Văn Lượng",
        "deputy_name": "Hà Quang Trung",
    },
}

# The lines in force on 15/01/2026 (documents.LegalBasis as seeded, the regime "Luật TĐKT 2022 và NĐ 152/2025", the
# province's regulation as the demo enters it), then the proposal line.
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Lai Châu do Ủy ban nhân dân tỉnh ban hành;",
]
DATE = "2026-01-15"
LONG_UNIT = (
    "Trường Phổ thông Dân tộc bán trú Tiểu học và Trung học cơ sở Sin Suối Hồ, điểm trường Nậm Ngá, thôn Hồng Thu Mông, "
    "xã Phong Thổ, tỉnh Lai Châu"
)
SURNAMES = ["Nguyễn", "Trần", "Lò", "Tẩn", "Vàng", "Giàng", "Đèo", "Hoàng Thị", "Phạm Nguyễn", "Lường"]
GIVEN = ["Thị Phương Thảo Nguyên", "Văn Đức", "A Páo", "Thị Hoa", "Quốc Việt", "Ngọc Ánh", "Đình Khôi", "Thị Lụa"]


def authority(level: str) -> Authority:
    return Authority(**LEVELS[level])


def _authority_dict(a: Authority) -> dict:
    return {
        **a.document_header(),
        "standing_office_name": a.standing_office_name,
        "council_name": a.council_name,
        "level": a.level,
    }


def _people(rows: int, award: str, amount: int) -> list[dict]:
    return [
        {
            "full_name": f"{SURNAMES[i % 10]} {GIVEN[i % 8]}",
            "position": "Giáo viên" if i % 3 else "Phó Hiệu trưởng phụ trách chuyên môn",
            "unit": LONG_UNIT if i % 4 == 0 else f"Trường Mầm non số {i % 7 + 1}",
            "award": award,
            "amount": amount,
        }
        for i in range(rows)
    ]


def _executors(a: Authority) -> str:
    heads = [head_of(default_office_name(a.level, locality(a.short_name))), head_of(a.standing_office_name)]
    return ", ".join(head for index, head in enumerate(heads) if head not in heads[:index])


def decision(level: str, *, committee: bool = False, rows: int = 7) -> dict:
    """A decision of the Chairman (Giấy khen in his own name, signed "CHỦ TỊCH") or of the committee (Cờ thi đua,
    "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")."""
    a = authority(level)
    place = locality(a.short_name)
    award = f"Cờ thi đua của Ủy ban nhân dân {place}" if committee else f"Giấy khen của Chủ tịch Ủy ban nhân dân {place}"
    amount = 8 * 2_340_000 if committee else 700_000
    people = [] if committee else _people(rows, award, amount)
    collectives = [{"full_name": LONG_UNIT, "unit": "", "award": award, "amount": amount}] if committee else []
    total = amount * (len(people) + len(collectives))
    office_head = head_of(a.standing_office_name)
    return {
        "authority": _authority_dict(a),
        "signer": a.signer(deputy=committee, collective=committee),
        "number": "125/QĐ-UBND",
        "date": DATE,
        "title": f"Về việc tặng {award} năm 2025",
        "issuer_title": a.name if committee else f"{a.chair_title} {a.name}",
        "legal_bases": [
            *BASES,
            f"Xét đề nghị của {office_head} tại Tờ trình số 03/TTr-{a.office_code} ngày 10 tháng 01 năm 2026.",
        ],
        "articles": [
            f"Điều 1. Tặng {award} cho {len(collectives) or len(people):02d} {'tập thể' if committee else 'cá nhân'} đã có "
            "thành tích xuất sắc trong phong trào thi đua năm 2025 (có danh sách kèm theo).",
            "Điều 2. Tiền thưởng thực hiện theo quy định hiện hành, trích từ Quỹ thi đua, khen thưởng năm 2026.",
            f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {_executors(a)}, thủ trưởng các cơ quan, đơn vị có liên quan "
            "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        "recipients": ["Như Điều 3;", f"Thường trực {a.council_name};", f"Lưu: VT, {a.office_code}."],
        "annex_title": f"DANH SÁCH {'TẬP THỂ' if committee else 'CÁ NHÂN'} ĐƯỢC TẶNG {award.upper()} NĂM 2025",
        "individuals": people,
        "collectives": collectives,
        "households": [],
        "total_amount": total,
        "total_in_words": "(bằng chữ)",
    }


def proposal(level: str) -> dict:
    a = authority(level)
    name = unabbreviate(a.short_name)
    award = "Bằng khen của Thủ tướng Chính phủ" if level == "tinh" else "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    people = _people(12, award, 0)
    return {
        "authority": _authority_dict(a),
        "signer": a.signer(deputy=level == "huyen"),
        "number": "21/TTr-UBND",
        "date": DATE,
        "title": f"Về việc đề nghị tặng {award}",
        "to": [unabbreviate(a.parent_addressee)],
        "paragraphs": [
            *BASES[1:3],
            f"Căn cứ kết quả họp {a.council_name}, {name} kính đề nghị tặng {award} cho 12 cá nhân (có danh sách kèm theo).",
            f"{name} kính trình {unabbreviate(a.parent_addressee)} xem xét, quyết định./.",
        ],
        "annex_title": f"DANH SÁCH CÁ NHÂN ĐỀ NGHỊ TẶNG {award.upper()}",
        "individuals": people,
        "collectives": [],
        "recipients": ["Như trên;", f"Lưu: VT, {a.office_code}."],
    }


def letter(level: str) -> dict:
    a = authority(level)
    name = unabbreviate(a.short_name)
    return {
        "authority": _authority_dict(a),
        "signer": a.signer(deputy=True),
        "number": f"147/UBND-{a.office_code}",
        "date": DATE,
        "excerpt": "V/v đề nghị gửi báo cáo tổng kết công tác thi đua, khen thưởng năm 2025",
        "to": ["Các cơ quan, đơn vị, địa phương", LONG_UNIT],
        "paragraphs": [
            f"Thực hiện kế hoạch công tác thi đua, khen thưởng năm 2025, {name} đề nghị thủ trưởng các cơ quan, đơn vị "
            f"tổng hợp kết quả và gửi về {a.standing_office_name} (cơ quan Thường trực {a.council_name}) qua Cổng thi đua, "
            "khen thưởng trước ngày 20/01/2026 để tổng hợp, báo cáo.",
            "Nội dung báo cáo theo đề cương sau:",
        ],
        "outline": ["I. Kết quả thực hiện phong trào thi đua", "II. Công tác khen thưởng", "III. Phương hướng năm 2026"],
        "closing": f"{name} đề nghị thủ trưởng các cơ quan, đơn vị quan tâm, chỉ đạo thực hiện đúng thời gian quy định./.",
        "recipients": ["Như trên;", f"{a.standing_office_name};", f"Lưu: VT, {a.office_code}."],
    }


def minutes(level: str) -> dict:
    a = authority(level)
    members = [{"name": f"{SURNAMES[i]} {GIVEN[i % 8]}", "title": f"Ủy viên Hội đồng, {LONG_UNIT[:60]}"} for i in range(9)]
    items = [
        {
            "award": "Chiến sĩ thi đua cơ sở",
            "full_name": person["full_name"],
            "unit": person["unit"],
            "yes": 9 - i % 3,
            "no": i % 3,
            "abstain": 0,
            "denominator": 9,
            "percent": f"{(9 - i % 3) * 100 / 9:.1f}".replace(".", ","),
            "threshold_label": "≥ 70% tổng số thành viên",
            "passed": i % 3 < 2,
        }
        for i, person in enumerate(_people(6, "", 0))
    ]
    return {
        "authority": _authority_dict(a),
        "number": "02/BB-HĐTĐKT",
        "council_name": a.council_name,
        "title": "Xét đề nghị khen thưởng tổng kết năm 2025",
        "started_at": "2026-01-10T14:00:00",
        "ended_at": "2026-01-10T16:30:00",
        "place": f"Phòng họp tầng 2, trụ sở {unabbreviate(a.short_name)}",
        "chair": {"name": a.chair_name, "title": f"Chủ tịch {unabbreviate(a.short_name)} – Chủ tịch Hội đồng"},
        "secretary": {"name": "Cao Thị Yến", "title": "Công chức"},
        "members_total": 9,
        "present": members[:8],
        "absent": [{**members[8], "written_opinion": True}],
        "non_voting": [{"name": "Cao Thị Yến", "title": "Công chức – Thư ký Hội đồng", "present": True}],
        "office_report": f"{a.standing_office_name} báo cáo kết quả thẩm định hồ sơ đề nghị khen thưởng tổng kết năm 2025.",
        "items": items,
        "results_conclusion": ["- Chiến sĩ thi đua cơ sở: 04 người đạt tỷ lệ phiếu đồng ý theo quy định, đề nghị khen thưởng."],
        "conclusion": "",
    }


def payout(level: str) -> dict:
    a = authority(level)
    rows = sorted(_people(14, "Lao động tiên tiến", 700_000), key=lambda row: row["unit"])
    return {
        "authority": _authority_dict(a),
        "decision_number": "125/QĐ-UBND",
        "decision_date": DATE,
        "date": "2026-01-20",
        "rows": rows,
        "by_unit": payout_by_unit(rows),
        "total_amount": 700_000 * len(rows),
        "total_in_words": "Chín triệu tám trăm nghìn đồng",
        "signer": a.signer(deputy=True, collective=False),
    }


def certificate(level: str) -> dict:
    a = authority(level)
    return {
        "authority": _authority_dict(a),
        "signer": a.signer(deputy=False, collective=False),
        "issuer_title": f"{a.chair_title} {a.name}",
        "form_title": "GIẤY KHEN",
        "award_line": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        "recipient": "Bà Nguyễn Hoàng Thị Phương Thảo Nguyên",
        "recipient_detail": f"Phó Hiệu trưởng phụ trách chuyên môn, {LONG_UNIT}",
        "achievement": "",
        "decision_number": "125/QĐ-UBND",
        "decision_date": DATE,
        "register_number": "1250",
        "place_name": a.place_name,
        "date": DATE,
        "verify_url": "http://127.0.0.1:8000/xac-minh/7Hq2xK9pLm4vRt8w/",
        "revoked": False,
    }


def pact(level: str) -> dict:
    a = authority(level)
    return {
        "authority": _authority_dict(a),
        "group_name": "Khối thi đua các trường học và đơn vị sự nghiệp giáo dục",
        "title": "Giao ước thi đua năm 2026",
        "date": DATE,
        "common_paragraphs": [
            "Thực hiện tốt các phong trào thi đua do cấp trên phát động.",
            "Hoàn thành 100% chỉ tiêu được giao.",
        ],
        "members": [
            {
                "unit": LONG_UNIT if i == 0 else f"Trường Mầm non số {i}",
                "head_name": f"{SURNAMES[i]} {GIVEN[i]}",
                "head_title": "Hiệu trưởng",
                "commitment": "",
                "signed_at": "2026-01-12" if i % 2 else "",
            }
            for i in range(6)
        ],
    }


def review_report(level: str) -> dict:
    a = authority(level)
    return {
        "authority": _authority_dict(a),
        "signer": a.signer(deputy=False),
        "number": "\u00a0" * 8 + "/BC-UBND",
        "date": DATE,
        "title": "BÁO CÁO",
        "summary": "Tổng kết công tác thi đua, khen thưởng năm 2025 và phương hướng, nhiệm vụ năm 2026",
        "blocks": [
            {"type": "heading", "text": "I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2025"},
            {"type": "subheading", "text": "1. Công tác lãnh đạo, chỉ đạo"},
            {"type": "paragraph", "text": f"{unabbreviate(a.short_name)} đã ban hành kế hoạch phát động thi đua năm 2025."},
            {
                "type": "table",
                "caption": "Kết quả khen thưởng theo danh hiệu, hình thức",
                "header": ["STT", "Danh hiệu, hình thức", "Năm 2025", "Năm 2024"],
                "rows": [
                    ["1", "Lao động tiên tiến", "1.780", "1.702"],
                    ["2", "Chiến sĩ thi đua cơ sở", "288", "270"],
                    ["", "Tổng cộng", "2.068", "1.972"],
                ],
            },
        ],
        "recipients": [f"{a.council_name};", "Lưu: VT."],
    }


KINDS = {
    "decision": ("documents/decision.html", decision),
    "proposal": ("documents/proposal.html", proposal),
    "letter": ("documents/letter.html", letter),
    "minutes": ("documents/minutes.html", minutes),
    "payout": ("documents/payout.html", payout),
    "certificate": ("documents/certificate.html", certificate),
    "pact": ("documents/pact.html", pact),
    "review_report": ("documents/review_report.html", review_report),
}


def cases() -> dict[str, tuple[str, dict]]:
    """{"huyen-decision": (template, context), …}: every kind for every level, the district's decision with a
    500-row annex, and the province's decision of the committee."""
    out = {}
    for level in LEVELS:
        for kind, (template, build) in KINDS.items():
            out[f"{level}-{kind}"] = (template, build(level))
    out["huyen-decision"] = ("documents/decision.html", decision("huyen", rows=500))
    out["tinh-decision-committee"] = ("documents/decision.html", decision("tinh", committee=True))
    return out
