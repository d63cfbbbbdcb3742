"""Demo campaigns, annual plan, submission requests and exemplary models, after the seed letters.

- Campaigns and their owner departments: Thanh Oai seed (147/UBND-NV, 2023), set in 2026.
- The annual plan: the Cao Lộc seed's plan for 2024, its 19 tasks transcribed as written (the seed
  gives quarters, not dates: each task is due on the last day of its quarter).
- Submission requests, from the seeds' deadlines in the demo year 2026: units' plans by 06/02 (Yên
  Thế), cluster regulations and pacts by 20/02 (Yên Thế; to all units until clusters exist), the
  education sector's dossiers by 12/06 and the year-end report due in 15 working days.
- The six-month report through the clusters and blocs (`seed_report_chain`, after the clusters):
  members to their head by 23/06, the heads' consolidated reports to the office by 30/06, with the
  Tây Sơn outline.
- Exemplary models: Phong Thổ seed, item 5.

Idempotent: rows are found by name or title; submissions are added only where none exist.
"""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from dossiers.models import AwardRound

from .enums import (
    CampaignKind,
    CampaignScope,
    DocumentKind,
    DueMode,
    ExemplaryKind,
    ExemplaryStatus,
    MilestoneKind,
    PeriodKind,
    Receiver,
    RecipientMode,
    SubmissionStatus,
)
from .models import (
    AnnualPlan,
    Campaign,
    CampaignRegistration,
    ExemplaryModel,
    Milestone,
    PlanTask,
    ReminderSettings,
    RequestRecipient,
    Submission,
    SubmissionRequest,
)
from .services import chain_titles, quarter_end, report_chain_create, request_create

D = datetime.date

# (name, kind, owner code, start, end, launch document, registration (number, date) or None)
CAMPAIGNS = [
    (
        "Người tốt, việc tốt",
        CampaignKind.REGULAR,
        "phong-noi-vu",
        D(2026, 1, 1),
        None,
        "Kế hoạch số 15/KH-UBND ngày 19/01/2026",
        None,
    ),
    (
        "Đẩy mạnh cải cách hành chính",
        CampaignKind.ANNUAL,
        "phong-noi-vu",
        D(2026, 1, 1),
        D(2026, 12, 31),
        "Kế hoạch số 16/KH-UBND ngày 19/01/2026",
        None,
    ),
    (
        "Toàn dân chung sức xây dựng Nông thôn mới",
        CampaignKind.THEMATIC,
        "phong-kinh-te",
        D(2026, 2, 15),
        D(2026, 12, 31),
        "Kế hoạch số 28/KH-UBND ngày 10/02/2026",
        ("03/ĐK-NV", D(2026, 2, 20)),
    ),
    (
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        CampaignKind.ANNUAL,
        "phong-kinh-te",
        D(2026, 1, 1),
        D(2026, 12, 31),
        "Kế hoạch số 29/KH-UBND ngày 10/02/2026",
        None,
    ),
    ("Sáng kiến, sáng tạo Thủ đô", CampaignKind.ANNUAL, "phong-kinh-te", D(2026, 1, 1), D(2026, 12, 31), "", None),
    (
        "Thực hiện công tác giải phóng mặt bằng dự án Đầu tư xây dựng tuyến đường Vành đai 4 – Vùng Thủ đô Hà Nội "
        "trên địa bàn huyện Thanh Oai",
        CampaignKind.THEMATIC,
        "phong-tnmt",
        D(2026, 3, 1),
        D(2026, 12, 31),
        "Kế hoạch số 41/KH-UBND ngày 25/02/2026",
        ("04/ĐK-NV", D(2026, 2, 27)),
    ),
    (
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
        CampaignKind.ANNUAL,
        "phong-tckh",
        D(2026, 1, 1),
        D(2026, 12, 31),
        "",
        None,
    ),
    ("Vì người nghèo – Không để ai bị bỏ lại phía sau", CampaignKind.REGULAR, "phong-ldtbxh", D(2026, 1, 1), None, "", None),
    (
        "Cán bộ, công chức, viên chức, người lao động thi đua thực hiện văn hóa công sở và nơi công cộng",
        CampaignKind.REGULAR,
        "phong-vhtt",
        D(2026, 1, 1),
        None,
        "",
        None,
    ),
    ("Toàn dân đoàn kết xây dựng đời sống văn hóa", CampaignKind.REGULAR, "phong-vhtt", D(2026, 1, 1), None, "", None),
    ("An toàn thực phẩm", CampaignKind.THEMATIC, "phong-y-te", D(2026, 4, 1), D(2026, 10, 31), "", None),
    ("Vì an ninh Tổ quốc", CampaignKind.REGULAR, "cong-an", D(2026, 1, 1), None, "", None),
    ("Thi đua quyết thắng", CampaignKind.REGULAR, "bchqs", D(2026, 1, 1), None, "", None),
]

NTM = "Toàn dân chung sức xây dựng Nông thôn mới"
NTM_OBJECTIVES = (
    "Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân xây dựng nông thôn mới nâng cao, "
    "nông thôn mới kiểu mẫu; nâng cao đời sống vật chất, tinh thần của người dân."
)
NTM_CRITERIA = (
    "Số xã đạt chuẩn nông thôn mới nâng cao, kiểu mẫu; số thôn đạt chuẩn thôn kiểu mẫu; "
    "thu nhập bình quân đầu người; tỷ lệ hộ nghèo; số mô hình sản xuất hiệu quả được nhân rộng."
)
NTM_REGISTRATIONS = [
    ("tt-kim-bai", "02 tổ dân phố đạt chuẩn khu dân cư kiểu mẫu; 100% tuyến đường ngõ xóm được chiếu sáng."),
    ("xa-cu-khe", "Giữ vững chuẩn xã nông thôn mới nâng cao; 01 mô hình sản xuất rau an toàn được nhân rộng."),
    ("xa-bich-hoa", "Đạt chuẩn xã nông thôn mới kiểu mẫu trong năm 2026; giảm 30% số hộ cận nghèo."),
]

# The Cao Lộc seed: (quarter, TT, content, responsible bodies)
CAO_LOC_TASKS = [
    (
        1,
        1,
        "Phát động phong trào thi đua phấn đấu hoàn thành thắng lợi nhiệm vụ, mục tiêu phát triển kinh tế - xã hội, "
        "quốc phòng, an ninh năm 2024",
        ["UBND huyện", "Phòng Nội vụ"],
    ),
    (1, 2, "Chấm điểm thi đua năm 2023 của huyện gửi cụm thi đua các huyện biên giới", ["UBND huyện", "Phòng Nội vụ"]),
    (
        1,
        3,
        "Chỉ đạo, đôn đốc các cơ quan và các cụm thi đua tổng kết công tác TĐKT năm 2023 và ký kết giao ước thi đua",
        ["Hội đồng TĐKT huyện", "Phòng Nội vụ"],
    ),
    (
        1,
        4,
        "- Tổng hợp, thẩm định hồ sơ và khen thưởng thành tích năm 2023 cho các cơ quan, đơn vị;\n"
        "- Trình khen thưởng cấp tỉnh thành tích năm 2023 cho các cơ quan, đơn vị",
        ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (
        1,
        5,
        "Tổ chức Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 và triển khai nhiệm vụ năm 2024 "
        "trên địa bàn huyện",
        ["UBND huyện", "Hội đồng TĐKT huyện", "Phòng Nội vụ"],
    ),
    (1, 6, "Thông báo Trưởng cụm, Phó Trưởng cụm thi đua của huyện năm 2024", ["UBND huyện", "Phòng Nội vụ"]),
    (
        1,
        7,
        "Tham dự Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023, triển khai nhiệm vụ năm 2024 "
        "Cụm thi đua các huyện biên giới",
        ["UBND huyện", "Phòng Nội vụ"],
    ),
    (2, 8, "Ban hành Kế hoạch kiểm tra công tác TĐKT năm 2024", ["Hội đồng TĐKT huyện", "Phòng Nội vụ"]),
    (
        2,
        9,
        "Phát động phong trào thi đua kỷ niệm 115 ngày sinh đồng chí Hoàng Văn Thụ gắn với chào mừng kỷ niệm 70 năm "
        "Chiến thắng Điện Biên Phủ; 80 năm Ngày thành lập QĐND Việt Nam và 35 năm Ngày hội Quốc phòng toàn dân",
        ["UBND huyện", "Phòng Nội vụ", "Các cơ quan liên quan"],
    ),
    (
        2,
        10,
        "Tổ chức lớp bồi dưỡng nghiệp vụ công tác TĐKT năm 2024",
        ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (
        2,
        11,
        "Chỉ đạo, đôn đốc các cơ quan, đơn vị tổ chức Hội nghị sơ kết công tác TĐKT 6 tháng đầu năm 2024",
        ["Hội đồng TĐKT huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (2, 12, "Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm 2024", ["UBND huyện", "Phòng Nội vụ"]),
    (
        3,
        13,
        "Thực hiện Kế hoạch kiểm tra công tác TĐKT và thông báo kết quả kiểm tra năm 2024",
        ["Hội đồng TĐKT huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (
        3,
        14,
        "- Tổng hợp, thẩm định hồ sơ, khen thưởng thành tích năm học 2023 - 2024 của ngành Giáo dục và Đào tạo.\n"
        "- Trình UBND tỉnh khen thưởng thành tích năm học 2023 - 2024 của ngành Giáo dục và Đào tạo;",
        ["UBND huyện", "Hội đồng TĐKT huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (
        3,
        15,
        "Báo cáo tổng kết 10 năm thực hiện Chỉ thị số 30-CT/TU của Ban Thường vụ Tỉnh ủy về tiếp tục đổi mới công tác "
        "thi đua, khen thưởng trên địa bàn tỉnh huyện Cao Lộc.",
        ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (
        4,
        16,
        "Tổng kết phong trào thi đua kỷ niệm 115 ngày sinh đồng chí Hoàng Văn Thụ gắn với chào mừng kỷ niệm 70 năm "
        "Chiến thắng Điện Biên Phủ; 80 năm Ngày thành lập QĐND Việt Nam và 35 năm Ngày hội Quốc phòng toàn dân",
        ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (4, 17, "Hướng dẫn tổng kết công tác TĐKT năm 2024", ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"]),
    (
        4,
        18,
        "Chỉ đạo, đôn đốc các cơ quan, đơn vị tổng kết công tác TĐKT năm 2024, triển khai nhiệm vụ công tác năm 2025",
        ["Hội đồng TĐKT huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"],
    ),
    (4, 19, "Ban hành Kế hoạch công tác TĐKT năm 2025", ["UBND huyện", "Phòng Nội vụ"]),
]
PLAN_DONE_UP_TO = 17  # the demo's office has ticked tasks 1–17; 18 and 19 are still open

# The Tây Sơn seed's outline for the six-month review, for 2026.
INTERIM_OUTLINE = "\n".join(
    [
        "I. NỘI DUNG SƠ KẾT",
        (
            "1. Công tác lãnh đạo, chỉ đạo: việc xây dựng, ban hành văn bản quy định, hướng dẫn, chỉ đạo tổ chức "
            "các phong trào thi đua và công tác khen thưởng."
        ),
        "2. Kết quả tổ chức phong trào thi đua:",
        (
            "- Việc tổ chức tổng kết công tác thi đua, khen thưởng năm 2025 và phát động phong trào thi đua, đăng"
            " ký giao ước thi đua năm 2026."
        ),
        (
            "- Kết quả thi đua thực hiện nhiệm vụ chính trị của cơ quan, đơn vị, địa phương (chú ý đánh giá theo "
            "các chỉ tiêu, nhiệm vụ trong 6 tháng đầu năm)."
        ),
        (
            "- Kết quả phát động thi đua trên các lĩnh vực: cải cách hành chính, lao động giỏi, lao động sáng "
            "tạo, nghiên cứu ứng dụng tiến bộ khoa học - kỹ thuật, áp dụng công nghệ mới, cải tiến lề lối làm "
            "việc, cải tiến phương pháp quản lý, thực hiện các chính sách an sinh xã hội."
        ),
        "- Kết quả thực hiện các phong trào thi đua do Thủ tướng Chính phủ, thành phố, huyện phát động.",
        "- Công tác phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến trong các phong trào thi đua.",
        (
            "3. Công tác khen thưởng: kết quả xét, công nhận sáng kiến cấp cơ sở; khen thưởng thành tích năm 2025"
            " (danh hiệu “Lao động tiên tiến”, “Tập thể lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, Giấy "
            "khen); khen chuyên đề, đột xuất 6 tháng đầu năm 2026; tỷ lệ cá nhân là người lao động trực tiếp, là "
            "cán bộ lãnh đạo, quản lý được tặng danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, Giấy "
            "khen tính đến ngày 30 tháng 6 năm 2026."
        ),
        "4. Đánh giá chung và đề ra phương hướng, nhiệm vụ công tác thi đua, khen thưởng 6 tháng cuối năm:",
        (
            "- Đánh giá ưu điểm, khuyết điểm trong tổ chức các phong trào thi đua, thực hiện các giải pháp nâng "
            "cao chất lượng công tác thi đua, khen thưởng."
        ),
        (
            "- Nhiệm vụ và giải pháp 6 tháng cuối năm, chú ý rà soát các chỉ tiêu chưa đạt theo kế hoạch, những "
            "nhiệm vụ trọng tâm còn lại của 6 tháng cuối năm (kể cả các nhiệm vụ mới phát sinh)."
        ),
    ]
)

# (title, kind, mode, recipient codes or kinds, issued, due (date or working days), document number, description,
#  outline, pattern of outcomes by unit index: "A" accepted on time, "L" late accepted, "S" submitted waiting,
#  "R" returned, "M" missing)
REQUESTS = [
    (
        "Kế hoạch phát động phong trào thi đua năm 2026 của cơ quan, đơn vị",
        DocumentKind.PLAN,
        RecipientMode.ALL,
        None,
        D(2026, 1, 22),
        D(2026, 2, 6),
        "18/UBND-NV",
        "Trên cơ sở kế hoạch phát động các phong trào thi đua của huyện, ngành cấp trên và các nhiệm vụ trọng tâm năm 2026, "
        "thủ trưởng các cơ quan, đơn vị, địa phương xây dựng kế hoạch và phát động, triển khai đến toàn thể cán bộ, công chức, "
        "viên chức, người lao động. Kế hoạch là căn cứ bình xét, chấm điểm thi đua.",
        "",
        "AAAAALAARM",
    ),
    (
        "Quy chế hoạt động, tiêu chí chấm điểm và bản ký giao ước thi đua năm 2026 của cụm, khối thi đua",
        DocumentKind.REGULATION,
        RecipientMode.ALL,
        None,
        D(2026, 1, 22),
        D(2026, 2, 20),
        "18/UBND-NV",
        "Các cụm, khối thi đua xây dựng quy chế hoạt động, ban hành tiêu chí chấm điểm thi đua; trưởng cụm, khối tổ chức cho "
        "các thành viên ký giao ước thi đua. (Gửi theo cụm, khối sẽ có khi quản lý cụm, khối được đưa vào Cổng; nay gửi tất "
        "cả đơn vị.)",
        "",
        "AAALAMAMAS",
    ),
    (
        "Hồ sơ đề nghị khen thưởng năm học 2025 – 2026 ngành Giáo dục và Đào tạo",
        DocumentKind.DOSSIER,
        RecipientMode.NAMED,
        ["phong-gddt", "thcs-kim-bai", "th-cu-khe", "mn-thanh-mai"],
        D(2026, 5, 20),
        D(2026, 6, 12),
        "96/UBND-NV",
        "Ngành Giáo dục và Đào tạo khẩn trương bình xét đề nghị Chủ tịch UBND huyện và cấp trên khen thưởng các tập thể, cá "
        "nhân có thành tích xuất sắc trong năm học 2025 – 2026; hồ sơ gửi về Hội đồng Thi đua – Khen thưởng huyện (qua Bộ "
        "phận Tiếp nhận và Trả kết quả huyện).",
        "",
        "AALA",
    ),
    (
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026",
        DocumentKind.FINAL_REPORT,
        RecipientMode.ALL,
        None,
        D(2026, 11, 20),
        15,
        "215/UBND-NV",
        "Các cơ quan, đơn vị tổng kết công tác thi đua, khen thưởng năm 2026 và đề ra phương hướng, nhiệm vụ năm 2027.",
        "",
        "MMMMMMMMMM",
    ),
]
# Units whose clerk is a demo account, pinned so the demo tells a story: Cự Khê sent everything on
# time (its year-end report waits for the office).
PINNED = {
    "xa-cu-khe": {"*": "A", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026": "S"},
}

# The six-month report goes through the clusters and blocs (Yên Thế seed: units to their head by 23/6,
# the clusters to the district by 30/6), as the report chain of two linked requests. Outcomes:
# A accepted, L late then accepted, S waiting for review, R returned, M missing.
CHAIN_TITLE = "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026"
CHAIN_DESCRIPTION = (
    "Các cơ quan, đơn vị, địa phương sơ kết phong trào thi đua 6 tháng đầu năm 2026 theo đề cương dưới đây, gửi trưởng "
    "cụm, khối thi đua trước ngày 23/6; trưởng cụm, khối tổng hợp báo cáo của cụm, khối gửi UBND huyện (qua Phòng Nội vụ) "
    "trước ngày 30/6."
)
CHAIN_MEMBER_PATTERN = "AAALAA"
# Cụm 1 (headed by Kim Bài, a demo account) shows every state; Kim Bài has not yet sent the cluster's report.
CHAIN_PINNED = {"xa-cu-khe": "A", "xa-bich-hoa": "S", "xa-binh-minh": "L", "xa-cao-duong": "R", "xa-cao-vien": "M"}
CHAIN_HEADS = {"tt-kim-bai": "M", "xa-dan-hoa": "A", "xa-my-hung": "L", "vp-hdnd-ubnd": "A", "mttq": "S", "cong-an": "A"}

EXEMPLARY = [
    (
        "tt-kim-bai",
        ExemplaryKind.ADVANCED,
        PeriodKind.QUARTER,
        2026,
        3,
        "Gương cán bộ Bộ phận Một cửa tận tụy phục vụ Nhân dân",
        "Bà Nguyễn Thị Hoa, công chức Văn phòng – Thống kê",
        "Trong quý III/2026 tiếp nhận và trả đúng hẹn 1.240 hồ sơ thủ tục hành chính, không để hồ sơ quá hạn; hướng dẫn "
        "người cao tuổi nộp hồ sơ trực tuyến.",
        ExemplaryStatus.PUBLISHED,
    ),
    (
        "xa-cu-khe",
        ExemplaryKind.NEW_MODEL,
        PeriodKind.QUARTER,
        2026,
        3,
        "Mô hình “Tổ tự quản vệ sinh môi trường” thôn Cự Khê",
        "Chi hội Phụ nữ thôn Cự Khê",
        "Duy trì 12 buổi tổng vệ sinh mỗi quý, phân loại rác tại nguồn ở 100% hộ gia đình trong thôn.",
        ExemplaryStatus.SUBMITTED,
    ),
    (
        "xa-cu-khe",
        ExemplaryKind.GOOD_DEED,
        PeriodKind.MONTH,
        2026,
        10,
        "Người tốt, việc tốt: trả lại tài sản nhặt được",
        "Ông Lê Văn Bình, thôn Văn Quán",
        "Nhặt được túi xách có 35 triệu đồng và giấy tờ tùy thân, đã báo Công an xã để trả lại người đánh rơi.",
        ExemplaryStatus.SUBMITTED,
    ),
]


def _pdf(text: str) -> bytes:
    """A small valid PDF (content-checked like a real upload)."""
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {digest}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_campaigns(units) -> dict:
    ReminderSettings.load()
    staff = User.objects.get(username="noivu")
    campaigns = {}
    for name, kind, owner, start, end, launch, registration in CAMPAIGNS:
        campaign, _created = Campaign.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "owner": units[owner],
                "scope": CampaignScope.WHOLE_AREA,
                "start_date": start,
                "end_date": end,
                "launch_document": launch,
                "objectives": NTM_OBJECTIVES if name == NTM else "",
                "criteria": NTM_CRITERIA if name == NTM else "",
                "registration_number": registration[0] if registration else "",
                "registration_date": registration[1] if registration else None,
                "registered_by": staff if registration else None,
                "created_by": staff,
            },
        )
        campaigns[name] = campaign
    ntm = campaigns[NTM]
    for kind, title, due, done in (
        (MilestoneKind.INTERIM, "Sơ kết 6 tháng phong trào", D(2026, 6, 30), D(2026, 6, 26)),
        (MilestoneKind.FINAL, "Tổng kết phong trào năm 2026, đề xuất khen thưởng", D(2026, 12, 15), None),
    ):
        Milestone.objects.update_or_create(campaign=ntm, kind=kind, defaults={"title": title, "due_date": due, "done_on": done})
    clerks = {"tt-kim-bai": "vanthu.kimbai", "xa-cu-khe": "vanthu.cukhe"}
    for code, targets in NTM_REGISTRATIONS:
        who = User.objects.get(username=clerks.get(code, "noivu"))
        registration, created = CampaignRegistration.objects.get_or_create(
            campaign=ntm, unit=units[code], defaults={"targets": targets, "registered_by": who}
        )
        if created:  # registered when the campaign was launched, not when the demo was loaded
            CampaignRegistration.objects.filter(pk=registration.pk).update(registered_at=_at(D(2026, 2, 25)))
    AwardRound.objects.filter(commendation_kind="chuyen_de", name__icontains="nông thôn mới", campaign__isnull=True).update(
        campaign=ntm
    )

    _seed_plan(staff)
    requests = _seed_requests(units, staff)
    _seed_exemplary(units)
    return {"campaigns": len(campaigns), "requests": requests}


def _seed_plan(staff) -> AnnualPlan:
    plan, _created = AnnualPlan.objects.get_or_create(
        year=2024,
        defaults={
            "title": "Kế hoạch công tác thi đua, khen thưởng năm 2024",
            "source_note": "Nội dung theo Kế hoạch công tác thi đua, khen thưởng năm 2024 của UBND huyện Cao Lộc (văn bản mẫu).",
            "issued_on": D(2024, 1, 10),
            "created_by": staff,
        },
    )
    for quarter, number, content, bodies in CAO_LOC_TASKS:
        due = quarter_end(2024, quarter)
        PlanTask.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={
                "quarter": quarter,
                "content": content,
                "responsible": "\n".join(bodies),
                "due_date": due,
                "done_on": due - datetime.timedelta(days=5) if number <= PLAN_DONE_UP_TO else None,
                "done_by": staff if number <= PLAN_DONE_UP_TO else None,
            },
        )
    return plan


def _seed_requests(units, staff) -> int:
    by_pk = {unit.pk: code for code, unit in units.items()}
    count = 0
    for title, kind, mode, targets, issued, due, number, description, outline, pattern in REQUESTS:
        request = SubmissionRequest.objects.filter(title=title).first()
        if request is None:
            working = isinstance(due, int)
            request = request_create(
                by=staff,
                title=title,
                document_kind=kind,
                recipient_mode=mode,
                units=[units[code] for code in targets] if mode == RecipientMode.NAMED else (),
                issued_on=issued,
                due_mode=DueMode.WORKING_DAYS if working else DueMode.DATE,
                due_days=due if working else None,
                due_date=None if working else due,
                document_number=number,
                description=description,
                outline=outline,
                announce=False,
            )
        count += 1
        for index, recipient in enumerate(request.recipients.select_related("unit").order_by("unit__sort_order")):
            code = by_pk.get(recipient.unit_id, "")
            outcome = pattern[index % len(pattern)]
            pinned = PINNED.get(code, {})
            outcome = pinned.get(title, pinned.get("*", outcome))
            if outcome == "M" or recipient.submissions.exists():
                continue
            _submit(recipient, request, outcome, index, staff)
    return count


def _submit(
    recipient: RequestRecipient, request: SubmissionRequest, outcome: str, index: int, staff, reviewer: User | None = None
) -> None:
    """A submission as the unit's clerk would have made it; reviewed by the request's receiver: the
    office (`staff`), or the cluster head's clerk given as `reviewer` (none when the head has no account)."""
    clerk = User.objects.filter(role_assignments__unit=recipient.unit, role_assignments__role="unit_clerk").first() or staff
    late = outcome == "L"
    day = (
        request.due_date + datetime.timedelta(days=2 + index % 3)
        if late
        else request.due_date - datetime.timedelta(days=1 + index % 5)
    )
    when = _at(day, 8 + index % 8)
    name = f"{request.get_document_kind_display()} – {recipient.unit.name}.pdf"
    content = _pdf(name)
    submission = Submission(
        recipient=recipient,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=clerk,
        uploaded_at=when,
    )
    submission.file.save("van-ban.pdf", ContentFile(content), save=False)
    submission.save()
    status = {
        "A": SubmissionStatus.ACCEPTED,
        "L": SubmissionStatus.ACCEPTED,
        "S": SubmissionStatus.SUBMITTED,
        "R": SubmissionStatus.RETURNED,
    }[outcome]
    recipient.status, recipient.submitted_at, recipient.submitted_by = status, when, clerk
    if status != SubmissionStatus.SUBMITTED:
        head_receives = request.receiver == Receiver.CLUSTER_HEAD
        recipient.reviewed_at, recipient.reviewed_by = when + datetime.timedelta(days=1), reviewer if head_receives else staff
    if status == SubmissionStatus.RETURNED:
        recipient.return_reason = "Thiếu chữ ký của thủ trưởng và dấu của đơn vị; đề nghị gửi lại bản đã ký."
    recipient.save()


def seed_report_chain(units) -> int:
    """The six-month report through the clusters and blocs of 2026, with rows in every state. Needs
    the clusters (clusters.demo.seed_clusters runs before). Idempotent; returns the rows filled."""
    from clusters.models import EmulationGroup

    staff = User.objects.get(username="noivu")
    members_title, _heads_title = chain_titles(CHAIN_TITLE)
    members = SubmissionRequest.objects.filter(title=members_title).first()
    if members is None:
        groups = list(EmulationGroup.objects.filter(year=2026, head__isnull=False))
        if not groups:
            return 0
        members, heads = report_chain_create(
            by=staff,
            year=2026,
            kind=DocumentKind.INTERIM_REPORT,
            groups=groups,
            title=CHAIN_TITLE,
            issued_on=D(2026, 6, 5),
            member_due=D(2026, 6, 23),
            head_due=D(2026, 6, 30),
            document_number="102/UBND-NV",
            description=CHAIN_DESCRIPTION,
            outline=INTERIM_OUTLINE,
            announce=False,
        )
    else:
        heads = members.next_steps.get()
    by_pk = {unit.pk: code for code, unit in units.items()}
    filled = 0
    rows = members.recipients.select_related("unit", "group").order_by("group__sort_order", "unit__sort_order")
    for index, recipient in enumerate(rows):
        outcome = CHAIN_PINNED.get(by_pk.get(recipient.unit_id, ""), CHAIN_MEMBER_PATTERN[index % len(CHAIN_MEMBER_PATTERN)])
        if outcome == "M" or recipient.submissions.exists():
            continue
        head_clerk = User.objects.filter(
            role_assignments__unit_id=recipient.group.head_id, role_assignments__role="unit_clerk"
        ).first()
        _submit(recipient, members, outcome, index, staff, reviewer=head_clerk)
        filled += 1
    for index, recipient in enumerate(heads.recipients.select_related("unit").order_by("unit__sort_order")):
        outcome = CHAIN_HEADS.get(by_pk.get(recipient.unit_id, ""), "A")
        if outcome == "M" or recipient.submissions.exists():
            continue
        _submit(recipient, heads, outcome, index, staff)
        filled += 1
    return filled


def _seed_exemplary(units) -> None:
    staff = User.objects.get(username="noivu")
    for code, kind, period_kind, year, period, title, subject, summary, status in EXEMPLARY:
        clerk = User.objects.filter(role_assignments__unit=units[code], role_assignments__role="unit_clerk").first() or staff
        item, created = ExemplaryModel.objects.get_or_create(
            title=title,
            defaults={
                "unit": units[code],
                "kind": kind,
                "period_kind": period_kind,
                "year": year,
                "period": period,
                "subject_name": subject,
                "summary": summary,
                "status": status,
                "submitted_by": clerk,
            },
        )
        if created and status == ExemplaryStatus.PUBLISHED:
            item.reviewed_by, item.reviewed_at = staff, _at(D(year, 10, 5))
            item.publish_note = "Đã giới thiệu trên Trang thông tin điện tử huyện."
            item.save()
