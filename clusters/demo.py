"""Demo clusters and blocs of Thanh Oai district for the calendar year the demo is loaded in
(core.demo_calendar): the groups, their scoring sheet and pacts."""

from core.demo_calendar import demo_calendar
from units.models import Unit

GROUPS = [
    (
        "Cụm thi đua số 1",
        "cum",
        "tt-kim-bai",
        "xa-cu-khe",
        ["tt-kim-bai", "xa-cu-khe", "xa-bich-hoa", "xa-binh-minh", "xa-cao-duong", "xa-cao-vien"],
    ),
    (
        "Cụm thi đua số 2",
        "cum",
        "xa-dan-hoa",
        "xa-do-dong",
        ["xa-dan-hoa", "xa-do-dong", "xa-hong-duong", "xa-kim-an", "xa-kim-thu", "xa-lien-chau"],
    ),
    ("Cụm thi đua số 3", "cum", "xa-my-hung", "xa-thanh-mai", ["xa-my-hung", "xa-phuong-trung", "xa-tam-hung", "xa-thanh-mai"]),
    (
        "Khối các cơ quan chuyên môn",
        "khoi",
        "vp-hdnd-ubnd",
        "phong-tckh",
        [
            "vp-hdnd-ubnd",
            "phong-noi-vu",
            "phong-kinh-te",
            "phong-tnmt",
            "phong-tckh",
            "phong-ldtbxh",
            "phong-vhtt",
            "phong-y-te",
            "phong-gddt",
            "phong-tu-phap",
        ],
    ),
    (
        "Khối Mặt trận, đoàn thể và các hội",
        "khoi",
        "mttq",
        "hoi-phu-nu",
        ["mttq", "huyen-doan", "hoi-phu-nu", "hoi-nong-dan", "hoi-chu-thap-do", "hoi-nguoi-cao-tuoi"],
    ),
    (
        "Khối lực lượng vũ trang và đơn vị đóng trên địa bàn",
        "khoi",
        "cong-an",
        "bchqs",
        ["cong-an", "bchqs", "ttyt", "chi-cuc-thue", "kho-bac"],
    ),
]

REGULATIONS = (
    "Cụm, khối hoạt động theo nguyên tắc tự nguyện, đoàn kết, hợp tác, công khai và cùng phát triển.\n"
    "Trưởng cụm, khối chủ trì ký kết giao ước thi đua, gửi về UBND huyện (qua Phòng Nội vụ) trước ngày 20/02; "
    "tổ chức sơ kết 6 tháng, tổng kết năm, chấm điểm và bình xét, suy tôn đơn vị dẫn đầu.\n"
    "Các đơn vị gửi báo cáo sơ kết về trưởng cụm, khối trước ngày 23/6; cụm, khối gửi UBND huyện trước ngày 30/6."
)

# (code, title, kind, max points, evidence, children)
SHEET = [
    (
        "I",
        "Công tác chỉ đạo, tổ chức phong trào thi đua",
        "tieu_chi",
        30,
        "",
        [
            ("1", "Ban hành kế hoạch, phát động phong trào thi đua năm", 10, "Kế hoạch, văn bản phát động"),
            ("2", "Ký kết giao ước, đăng ký thi đua đầy đủ, đúng hạn", 10, ""),
            ("3", "Sơ kết, tổng kết; phát hiện, nhân rộng điển hình tiên tiến", 10, "Báo cáo sơ kết, tổng kết"),
        ],
    ),
    (
        "II",
        "Kết quả thực hiện nhiệm vụ chính trị được giao",
        "tieu_chi",
        50,
        "",
        [
            ("4", "Hoàn thành các chỉ tiêu kinh tế – xã hội, nhiệm vụ chuyên môn", 30, "Báo cáo kết quả thực hiện chỉ tiêu"),
            ("5", "Cải cách hành chính, chuyển đổi số", 20, ""),
        ],
    ),
    (
        "III",
        "Công tác khen thưởng",
        "tieu_chi",
        20,
        "",
        [
            ("6", "Hồ sơ đề nghị khen thưởng đúng quy định, đúng thời hạn", 10, ""),
            ("7", "Khen thưởng người trực tiếp lao động, sản xuất", 10, ""),
        ],
    ),
    (
        "IV",
        "Điểm thưởng (tối đa 15 điểm)",
        "cong",
        15,
        "",
        [
            ("8", "Được tặng Cờ thi đua của UBND tỉnh trong năm", 10, "Quyết định khen thưởng"),
            ("9", "Được tặng Bằng khen của Chủ tịch UBND tỉnh", 5, "Quyết định khen thưởng"),
            ("10", "Có mô hình mới, cách làm hay được cấp trên công nhận", 5, "Văn bản công nhận"),
        ],
    ),
    (
        "V",
        "Điểm trừ",
        "tru",
        20,
        "",
        [
            ("11", "Gửi báo cáo chậm hoặc không đầy đủ (trừ tối đa 5 điểm)", 5, ""),
            ("12", "Có cán bộ, công chức bị kỷ luật từ khiển trách trở lên", 10, ""),
            ("13", "Để xảy ra đơn thư vượt cấp kéo dài", 5, ""),
        ],
    ),
]


def seed_sheet(*, by, sheet) -> None:
    from .services import criterion_add

    for code, title, kind, max_points, evidence, children in SHEET:
        parent = criterion_add(by=by, sheet=sheet, code=code, title=title, kind=kind, max_points=max_points, evidence=evidence)
        for child_code, child_title, child_max, child_evidence in children:
            criterion_add(
                by=by,
                sheet=sheet,
                parent=parent,
                code=child_code,
                title=child_title,
                max_points=child_max,
                evidence=child_evidence,
            )


def seed_clusters(units: dict[str, Unit]) -> int:
    """Clusters and blocs of the calendar year, the office's scoring template, Cụm 1 with its sheet open for scoring,
    its pact (signed by Kim Bài). Safe to run again. (The six-month report through the clusters is
    campaigns.demo.requests.seed_report_chain: submission requests, which this app does not import.)"""
    import datetime

    from accounts.models import User

    from . import services
    from .enums import LeaderMethod, LeaderPosition
    from .models import EmulationGroup, PactSignature, ScoringSheet

    cal = demo_calendar()
    year = cal.year
    if EmulationGroup.objects.filter(year=year).exists():
        return EmulationGroup.objects.filter(year=year).count()
    office = User.objects.get(username="noivu")
    groups = []
    for order, (name, kind, head, deputy, members) in enumerate(GROUPS, start=1):
        group = services.group_create(
            by=office,
            year=year,
            kind=kind,
            name=name,
            units=[units[c] for c in members],
            regulations=REGULATIONS,
            sort_order=order,
        )
        on = cal.not_after(datetime.date(year, 1, 8))
        note = f"Công văn số 12/UBND-NV ngày {on:%d/%m/%Y} của UBND huyện"
        services.group_set_leader(
            by=office,
            group=group,
            unit=units[head],
            position=LeaderPosition.HEAD,
            method=LeaderMethod.APPOINTED,
            on=on,
            note=note,
        )
        services.group_set_leader(
            by=office,
            group=group,
            unit=units[deputy],
            position=LeaderPosition.DEPUTY,
            method=LeaderMethod.APPOINTED,
            on=on,
            note=note,
        )
        groups.append(group)
    template = services.sheet_create(by=office, year=year, title=f"Bảng tiêu chí chấm điểm thi đua cụm, khối năm {year}")
    seed_sheet(by=office, sheet=template)
    for group in groups:
        services.sheet_copy(by=office, template=template, group=group)
    first = groups[0]
    services.scoring_open(by=office, sheet=ScoringSheet.objects.get(group=first))
    pact = services.pact_create(
        by=office,
        group=first,
        title=f"Giao ước thi đua năm {year}",
        common_commitments=(
            "Thực hiện tốt các phong trào thi đua do UBND huyện phát động; hoàn thành xuất sắc nhiệm vụ chính trị được giao; "
            "gửi báo cáo đầy đủ, đúng hạn."
        ),
    )
    kim_bai = PactSignature.objects.get(pact=pact, unit=units["tt-kim-bai"])
    services.pact_commit(
        by=User.objects.get(username="vanthu.kimbai"),
        signature=kim_bai,
        expected_version=kim_bai.version,
        commitment="Hoàn thành 100% chỉ tiêu kinh tế – xã hội; giữ vững danh hiệu “Tập thể lao động xuất sắc”.",
    )
    services.pact_sign(by=User.objects.get(username="thutruong.kimbai"), signature=kim_bai, expected_version=kim_bai.version)
    return len(groups)
