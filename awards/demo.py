"""Demo council of the round year (core.demo_calendar) and a dossier waiting for it (UBND xã Cự Khê), so a meeting can be held."""

import datetime

from django.utils import timezone

from accounts.models import User
from core.demo_calendar import demo_calendar
from dossiers.enums import CommendationKind, DossierStatus, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier, Nominee

from . import services
from .models import Council, CouncilMember, Meeting

MEMBERS = [
    ("chutich", CouncilMember.Position.CHAIR, "Chủ tịch UBND huyện"),
    ("hoidong", CouncilMember.Position.STANDING, "Trưởng phòng Nội vụ"),
    ("hoidong2", CouncilMember.Position.MEMBER, "Chủ tịch Ủy ban MTTQ huyện"),
    ("noivu", CouncilMember.Position.SECRETARY, "Chuyên viên Phòng Nội vụ"),
]

NOMINEES = [
    ("Phạm Thị Lan", "ldtt", datetime.date(1990, 4, 2), "Công chức Văn phòng – Thống kê"),
    ("Nguyễn Văn Bình", "ldtt", datetime.date(1983, 9, 17), "Phó Chủ tịch UBND xã"),
    ("Trần Thị Duyên", "cstdcs", datetime.date(1986, 12, 5), "Công chức Tài chính – Kế toán"),
]


def seed_council(units) -> None:
    cal = demo_calendar()
    year = cal.round_year
    award_round = AwardRound.objects.get(name=f"Tổng kết năm {year}", year=year)
    received = timezone.make_aware(datetime.datetime.combine(cal.days(-9), datetime.time(9)))
    council, _created = Council.objects.get_or_create(  # the council of the authority the round's dossiers go to
        authority=award_round.authority,
        year=year,
        defaults={"name": "Hội đồng Thi đua – Khen thưởng huyện", "establishing_decision": "Quyết định số 25/QĐ-UBND"},
    )
    for order, (username, position, title) in enumerate(MEMBERS, start=1):
        CouncilMember.objects.update_or_create(
            council=council,
            user=User.objects.get(username=username),
            defaults={
                "position": position,
                "title": title,
                "votes": position != CouncilMember.Position.SECRETARY,
                "sort_order": order,
            },
        )
    dossier, created = Dossier.objects.get_or_create(
        unit=units["xa-cu-khe"],
        round=award_round,
        defaults={
            "commendation_kind": CommendationKind.REGULAR,
            "title": f"Đề nghị khen thưởng tổng kết năm {year}",
            "created_by": User.objects.get(username="vanthu.cukhe"),
            "status": DossierStatus.AT_COUNCIL,
            "submitted_at": received,
            "received_at": received,
            "receipt_number": f"{year}-00099",
        },
    )
    if created:
        for order, (name, code, born, position) in enumerate(NOMINEES, start=1):
            Nominee.objects.create(
                dossier=dossier,
                subject=Subject.INDIVIDUAL,
                award=AwardType.objects.get(code=code),
                full_name=name,
                date_of_birth=born,
                position=position,
                work_unit=units["xa-cu-khe"].name,
                task_rating=TaskRating.EXCELLENT,
                months_worked=12,
                initiative_ref=f"Sáng kiến số 07/QĐ-UBND ngày 12/10/{year}" if code == "cstdcs" else "",
                appraisal_verdict=Verdict.ELIGIBLE,
                sort_order=order,
            )


def demo_ballot_open(*, starts_at: datetime.datetime | None = None) -> Meeting:
    """A meeting of the district demo's council on the dossier before it (receipt number …-00099), opened for voting
    by the office: what a walk through the ballot needs (browser tests, scripts/screenshots.py)."""
    dossier = Dossier.objects.get(receipt_number__endswith="-00099")
    secretary = User.objects.get(username="noivu")
    meeting = services.meeting_create(
        by=secretary,
        council=Council.objects.get(year=dossier.round.year, authority_id=dossier.authority_id),
        title=f"Phiên họp xét khen thưởng tổng kết năm {dossier.round.year}",
        starts_at=starts_at or timezone.now() + datetime.timedelta(hours=1),
        place="Phòng họp số 1, UBND huyện",
    )
    services.agenda_fill(by=secretary, meeting=meeting)
    services.voting_open(by=secretary, meeting=meeting)
    return meeting
