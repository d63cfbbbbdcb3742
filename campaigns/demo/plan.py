"""The demo's annual plan: the Cao Lộc seed's plan for 2024, its 19 tasks transcribed as written (the seed
gives quarters, not dates: each task is due on the last day of its quarter), told for the calendar year the
demo is loaded in (core.demo_calendar: 2023 → the year before, 2024 → the year, 2025 → the next; its
anniversaries as written). The tasks of past quarters are done, and the first task of the current quarter."""

import datetime

from core.demo_calendar import demo_calendar

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
WRITTEN_FOR = 2024  # the year of the Cao Lộc plan


def seed_plan(staff) -> AnnualPlan:
    cal = demo_calendar()
    year = cal.year
    issued = cal.not_after(D(year, 1, 10))
    plan, _created = AnnualPlan.objects.get_or_create(
        year=year,
        defaults={
            "title": f"Kế hoạch công tác thi đua, khen thưởng năm {year}",
            "source_note": "Nội dung theo Kế hoạch công tác thi đua, khen thưởng năm 2024 của UBND huyện Cao Lộc (văn bản mẫu).",
            "issued_on": issued,
            "created_by": staff,
        },
    )
    current = (cal.today.month - 1) // 3 + 1
    first_of_quarter = {}
    for quarter, number, _content, _bodies in CAO_LOC_TASKS:
        first_of_quarter.setdefault(quarter, number)
    for quarter, number, content, bodies in CAO_LOC_TASKS:
        due = quarter_end(year, quarter)
        if cal.is_past(due):
            done_on = due - datetime.timedelta(days=5)
        elif quarter == current and number == first_of_quarter[quarter]:
            done_on = max(issued, cal.days(-3))
        else:
            done_on = None
        PlanTask.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={
                "quarter": quarter,
                "content": cal.retell(content, year=year, written_for=WRITTEN_FOR),
                "responsible": "\n".join(bodies),
                "due_date": due,
                "done_on": done_on,
                "done_by": staff if done_on else None,
            },
        )
    return plan
