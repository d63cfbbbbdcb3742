"""Demo award rounds and dossiers, after the seeds: the annual round, the school year (Tây Sơn), a
thematic round and the always-open sudden round; a few dossiers at different steps."""

import datetime

from django.apps import apps
from django.utils import timezone

from accounts.models import User

from .catalogue_seed import seed_catalogue
from .enums import CommendationKind, Discipline, Subject, TaskRating
from .models import AwardRound, AwardType, Dossier, Nominee
from .services import eligibility_refresh

D = datetime.date

ROUNDS = [
    ("Tổng kết năm 2026", 2026, CommendationKind.REGULAR, D(2026, 12, 15), D(2027, 1, 20)),
    ("Năm học 2025 – 2026 ngành Giáo dục", 2026, CommendationKind.REGULAR, D(2026, 6, 12), D(2026, 8, 20)),
    ("Chuyên đề “Toàn dân chung sức xây dựng nông thôn mới”", 2026, CommendationKind.THEMATIC, D(2026, 12, 20), None),
    ("Khen thưởng đột xuất năm 2026", 2026, CommendationKind.SUDDEN, None, None),
]

PEOPLE = [
    ("Nguyễn Thị Hoa", "nu", D(1985, 3, 12), "Công chức Văn phòng – Thống kê", "truc_tiep", TaskRating.EXCELLENT, 12, ""),
    ("Lê Văn Tùng", "nam", D(1979, 7, 2), "Phó Chủ tịch UBND thị trấn", "lanh_dao", TaskRating.GOOD, 12, ""),
    ("Phạm Thị Thu", "nu", D(1992, 11, 25), "Công chức Tư pháp – Hộ tịch", "truc_tiep", TaskRating.GOOD, 12, ""),
    ("Đỗ Văn Hải", "nam", D(1996, 1, 8), "Công chức Địa chính", "truc_tiep", TaskRating.GOOD, 4, ""),
    ("Trịnh Thị Mai", "nu", D(1988, 5, 30), "Công chức Văn hóa – Xã hội", "truc_tiep", TaskRating.DONE, 12, ""),
]


def seed_rounds_and_dossiers(units) -> int:
    seed_catalogue(lambda name: apps.get_model("dossiers", name))  # no-op when the catalogue exists
    rounds = {}
    for name, year, kind, deadline, ceremony in ROUNDS:
        rounds[name], _created = AwardRound.objects.update_or_create(
            name=name,
            defaults={
                "year": year,
                "commendation_kind": kind,
                "submission_deadline": deadline,
                "ceremony_date": ceremony,
                "campaign_name": "Toàn dân chung sức xây dựng nông thôn mới" if kind == CommendationKind.THEMATIC else "",
            },
        )
    clerk = User.objects.get(username="vanthu.kimbai")
    dossier, created = Dossier.objects.get_or_create(
        unit=units["tt-kim-bai"],
        round=rounds["Tổng kết năm 2026"],
        defaults={
            "commendation_kind": CommendationKind.REGULAR,
            "title": "Đề nghị khen thưởng tổng kết năm 2026",
            "created_by": clerk,
        },
    )
    if created:
        ldtt = AwardType.objects.get(code="ldtt")
        for order, (name, gender, born, position, category, rating, months, _ref) in enumerate(PEOPLE, start=1):
            Nominee.objects.create(
                dossier=dossier,
                subject=Subject.INDIVIDUAL,
                award=ldtt,
                full_name=name,
                gender=gender,
                date_of_birth=born,
                position=position,
                work_unit=units["tt-kim-bai"].name,
                worker_category=category,
                task_rating=rating,
                months_worked=months,
                discipline=Discipline.NONE,
                sort_order=order,
            )
        Nominee.objects.create(
            dossier=dossier,
            subject=Subject.COLLECTIVE,
            award=AwardType.objects.get(code="ttldtt"),
            full_name="Bộ phận Một cửa UBND thị trấn Kim Bài",
            task_rating=TaskRating.GOOD,
            member_count=6,
            members_completing=6,
            ldtt_count=5,
            cstdcs_count=0,
            disciplined_members=0,
            sort_order=len(PEOPLE) + 1,
        )
        eligibility_refresh(dossier=dossier, submitted_on=timezone.localdate())
    return AwardRound.objects.count()
