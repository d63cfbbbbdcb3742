"""Demo exemplary models (Phong Thổ seed, item 5)."""

from accounts.models import User
from core.demo_calendar import demo_calendar

from ..enums import ExemplaryKind, ExemplaryStatus, PeriodKind
from ..models import ExemplaryModel
from .common import D, at

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


def seed_exemplary(units) -> None:
    staff = User.objects.get(username="noivu")
    cal = demo_calendar()
    # The story's third quarter and October of 2026: the last ones that have ended on the day of loading.
    shown = cal.year if cal.today > D(cal.year, 11, 1) else cal.year - 1
    for code, kind, period_kind, year, period, title, subject, summary, status in EXEMPLARY:
        year, summary = shown, cal.retell(summary, year=shown)
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
            item.reviewed_by, item.reviewed_at = staff, at(D(year, 10, 5))
            item.publish_note = "Đã giới thiệu trên Trang thông tin điện tử huyện."
            item.save()
