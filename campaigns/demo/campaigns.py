"""Demo campaigns and their owner departments (Thanh Oai seed, 147/UBND-NV, 2023), written for 2026 and
set in the calendar year the demo is loaded in (core.demo_calendar); seeding them seeds the plan, the
requests and the exemplary models too."""

from accounts.models import User
from core.demo_calendar import demo_calendar
from dossiers.models import AwardRound

from ..enums import CampaignKind, CampaignScope, MilestoneKind
from ..models import Campaign, CampaignRegistration, Milestone, ReminderSettings
from .common import D, at
from .exemplary import seed_exemplary
from .plan import seed_plan
from .requests import seed_requests

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


def seed_campaigns(units) -> dict:
    ReminderSettings.load()
    staff = User.objects.get(username="noivu")
    cal = demo_calendar()
    year = cal.year

    def move(day):  # the story's day in the calendar year, never after today
        return cal.not_after(cal.on(year, day.month, day.day)) if day else None

    campaigns = {}
    for name, kind, owner, start, end, launch, registration in CAMPAIGNS:
        start, end = cal.on(year, start.month, start.day), end and cal.on(year, end.month, end.day)
        launch = f"{launch[:-10]}{move(D(year, *_md(launch))):%d/%m/%Y}" if launch else ""
        registration = (registration[0], move(registration[1])) if registration else None
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
        (MilestoneKind.INTERIM, "Sơ kết 6 tháng phong trào", D(year, 6, 30), D(year, 6, 26)),
        (MilestoneKind.FINAL, f"Tổng kết phong trào năm {year}, đề xuất khen thưởng", D(year, 12, 15), None),
    ):
        done = done if done and cal.is_past(done) else None
        Milestone.objects.update_or_create(campaign=ntm, kind=kind, defaults={"title": title, "due_date": due, "done_on": done})
    clerks = {"tt-kim-bai": "vanthu.kimbai", "xa-cu-khe": "vanthu.cukhe"}
    for code, targets in NTM_REGISTRATIONS:
        who = User.objects.get(username=clerks.get(code, "noivu"))
        registration, created = CampaignRegistration.objects.get_or_create(
            campaign=ntm, unit=units[code], defaults={"targets": cal.retell(targets, year=year), "registered_by": who}
        )
        if created:  # registered when the campaign was launched, not when the demo was loaded
            CampaignRegistration.objects.filter(pk=registration.pk).update(registered_at=at(move(D(2026, 2, 25))))
    AwardRound.objects.filter(commendation_kind="chuyen_de", name__icontains="nông thôn mới", campaign__isnull=True).update(
        campaign=ntm
    )

    seed_plan(staff)
    requests = seed_requests(units, staff)
    seed_exemplary(units)
    return {"campaigns": len(campaigns), "requests": requests}


def _md(text: str) -> tuple[int, int]:
    """(month, day) of the dd/mm/yyyy date that ends a launch document's reference."""
    day, month, _year = text[-10:].split("/")
    return int(month), int(day)
