"""The demo's annual plan: the Cao Lộc seed's plan for 2024, its 19 tasks transcribed as written (the seed
gives quarters, not dates: each task is due on the last day of its quarter)."""

import datetime

from ..models import AnnualPlan, PlanTask
from ..services.plan import quarter_end
from .common import D

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


def seed_plan(staff) -> AnnualPlan:
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
