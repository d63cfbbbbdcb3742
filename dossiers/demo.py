"""Demo award rounds and dossiers, after the seeds: the annual round, the school year (Tây Sơn), a
thematic round and the always-open sudden round; a few dossiers at different steps."""

import datetime

from django.apps import apps
from django.utils import timezone

from accounts.models import User
from core.demo_calendar import demo_calendar

from .catalogue_seed import seed_catalogue
from .enums import CommendationKind, Discipline, DossierStatus, Subject, TaskRating
from .models import AwardRound, AwardType, Dossier, Nominee
from .services import eligibility_refresh

D = datetime.date


def rounds(cal) -> list:
    """(name, year, kind, deadline, ceremony): the year-end round is the round year's, the others the
    calendar year's (core.demo_calendar)."""
    n, y = cal.round_year, cal.year
    return [
        (f"Tổng kết năm {n}", n, CommendationKind.REGULAR, D(n, 12, 15), D(n + 1, 1, 20)),
        (f"Năm học {y - 1} – {y} ngành Giáo dục", y, CommendationKind.REGULAR, D(y, 6, 12), D(y, 8, 20)),
        ("Chuyên đề “Toàn dân chung sức xây dựng nông thôn mới”", y, CommendationKind.THEMATIC, D(y, 12, 20), None),
        (f"Khen thưởng đột xuất năm {y}", y, CommendationKind.SUDDEN, None, None),
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
    cal = demo_calendar()
    year_end = f"Tổng kết năm {cal.round_year}"
    by_name = {}
    for name, year, kind, deadline, ceremony in rounds(cal):
        by_name[name], _created = AwardRound.objects.update_or_create(
            name=name,
            year=year,
            defaults={
                "commendation_kind": kind,
                "submission_deadline": deadline,
                # Three weeks after its deadline the office has stopped taking dossiers (core.demo_calendar).
                "is_open": deadline is None or not cal.long_past(deadline),
                "ceremony_date": ceremony,
                "campaign_name": "Toàn dân chung sức xây dựng nông thôn mới" if kind == CommendationKind.THEMATIC else "",
            },
        )
    clerk = User.objects.get(username="vanthu.kimbai")
    dossier, created = Dossier.objects.get_or_create(
        unit=units["tt-kim-bai"],
        round=by_name[year_end],
        defaults={
            "commendation_kind": CommendationKind.REGULAR,
            "title": f"Đề nghị khen thưởng tổng kết năm {cal.round_year}",
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
        eligibility_refresh(dossier=dossier, submitted_on=cal.today)
    _office_dossiers(units, by_name[year_end], cal)
    return AwardRound.objects.count()


def _office_dossiers(units, award_round, cal) -> None:
    """Two dossiers of the year-end round in the office's hands (core.demo_calendar): Bình Minh's, sent
    yesterday and waiting to be received; Bích Hòa's, received and still in appraisal three days past its
    processing date, the one overdue item an office of any day has."""
    office = User.objects.get(username="noivu")
    received = cal.days(-24)
    for code, number, people, fields in (
        ("xa-binh-minh", None, BINH_MINH, {"status": DossierStatus.SUBMITTED, "submitted_at": at(cal.days(-1), 15)}),
        (
            "xa-bich-hoa",
            f"{cal.round_year}-00087",
            BICH_HOA,
            {
                "status": DossierStatus.RECEIVED,
                "submitted_at": at(received, 8),
                "received_at": at(received, 10),
                "due_date": cal.days(-3),
            },
        ),
    ):
        dossier, created = Dossier.objects.get_or_create(
            unit=units[code],
            round=award_round,
            defaults={
                "commendation_kind": CommendationKind.REGULAR,
                "title": f"Đề nghị khen thưởng tổng kết năm {cal.round_year}",
                "created_by": office,
                "receipt_number": number,
                **fields,
            },
        )
        if not created:
            continue
        for order, (name, gender, born, position) in enumerate(people, start=1):
            Nominee.objects.create(
                dossier=dossier,
                subject=Subject.INDIVIDUAL,
                award=AwardType.objects.get(code="ldtt"),
                full_name=name,
                gender=gender,
                date_of_birth=born,
                position=position,
                work_unit=units[code].name,
                task_rating=TaskRating.GOOD,
                months_worked=12,
                discipline=Discipline.NONE,
                sort_order=order,
            )
        eligibility_refresh(dossier=dossier, submitted_on=dossier.submitted_at.date())


BICH_HOA = [
    ("Ngô Thị Hằng", "nu", D(1987, 6, 9), "Công chức Tư pháp – Hộ tịch"),
    ("Dương Văn Khánh", "nam", D(1981, 2, 23), "Chỉ huy trưởng Quân sự xã"),
]
BINH_MINH = [
    ("Lý Thị Nga", "nu", D(1991, 9, 14), "Công chức Văn phòng – Thống kê"),
    ("Đặng Quang Long", "nam", D(1984, 4, 2), "Công chức Địa chính – Xây dựng"),
    ("Bùi Thu Phương", "nu", D(1993, 12, 1), "Công chức Văn hóa – Xã hội"),
]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
