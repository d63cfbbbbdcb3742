"""Demo history for the statistics: three past years of regular and thematic commendation, as if
they had run on the portal (closed dossiers, approved nominees, ledger rows with their decision number
and date), so the statistics, charts and review report have something true to count.

The rows are written directly (no PDF is rendered and no Quyết định row is made for them): this is
seed data for the demo only. The three years are the ones before the round year the demo is loaded in
(core.demo_calendar). A fixed random seed gives the same history on every run, and running it twice adds
nothing.
"""

import datetime
import random

from accounts.models import User
from core.demo_calendar import demo_calendar
from dossiers.enums import CommendationKind, DossierStatus, Gender, Outcome, Subject, TaskRating
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee, Person

D = datetime.date
REGULAR_AWARDS = ["ldtt", "ldtt", "ldtt", "cstdcs", "gk-huyen-ca-nhan"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE_F, MIDDLE_M = ["Thị", "Thu", "Ngọc", "Thanh"], ["Văn", "Minh", "Đức", "Quang"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Mai", "Thảo", "Hằng", "Nga", "Yến", "Dung", "Phương"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Long", "Nam", "Thắng", "Tùng", "Khánh"]
POSITIONS = {
    Nominee.WorkerCategory.DIRECT: ["Công chức Địa chính", "Giáo viên", "Y sĩ", "Nhân viên", "Cán bộ chuyên trách"],
    Nominee.WorkerCategory.LEADER: ["Trưởng phòng", "Phó Chủ tịch UBND", "Hiệu trưởng", "Phó Giám đốc"],
    Nominee.WorkerCategory.OTHER: ["Chuyên viên", "Công chức Văn phòng – Thống kê", "Kế toán"],
}


def _person(rng, unit, direct_share):
    gender = rng.choice([Gender.FEMALE, Gender.MALE])
    middle, given = (MIDDLE_F, GIVEN_F) if gender == Gender.FEMALE else (MIDDLE_M, GIVEN_M)
    name = f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
    roll = rng.random()
    category = (
        Nominee.WorkerCategory.DIRECT
        if roll < direct_share
        else Nominee.WorkerCategory.LEADER
        if roll < direct_share + 0.3
        else Nominee.WorkerCategory.OTHER
    )
    return {
        "full_name": name,
        "gender": gender,
        "date_of_birth": D(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28)),
        "worker_category": category,
        "position": rng.choice(POSITIONS[category]),
        "ethnic_minority": rng.random() < 0.06,
        "work_unit": unit.name,
    }


def seed_history(units) -> int:
    """Past years' honoured people and collectives; returns the number of ledger rows (0 when present)."""
    years = demo_calendar().history_years
    if AwardRound.objects.filter(name=f"Tổng kết năm {years[0]}", year=years[0]).exists():
        return 0
    rng = random.Random(2026)
    awards = AwardType.objects.in_bulk(["ldtt", "cstdcs", "gk-huyen-ca-nhan", "ttldtt", "gk-huyen-tap-the"], field_name="code")
    clerk = User.objects.filter(is_superuser=False).order_by("pk").first() or User.objects.order_by("pk").first()
    units = list(units.values()) if isinstance(units, dict) else list(units)
    records = 0
    for index, year in enumerate(years):
        direct_share = 0.30 + 0.05 * index  # the seeds ask to favour direct workers: the share grows
        regular = AwardRound.objects.create(
            name=f"Tổng kết năm {year}", year=year, commendation_kind=CommendationKind.REGULAR, is_open=False
        )
        thematic = AwardRound.objects.create(
            name=f"Chuyên đề “Toàn dân chung sức xây dựng nông thôn mới” năm {year}",
            year=year,
            commendation_kind=CommendationKind.THEMATIC,
            campaign_name="Toàn dân chung sức xây dựng nông thôn mới",
            is_open=False,
        )
        plan = [
            (regular, D(year + 1, 1, 18), f"{index * 3 + 5:02d}/QĐ-UBND"),
            (thematic, D(year, 6, 25), f"{index * 3 + 41:02d}/QĐ-UBND"),
        ]
        for award_round, decided_on, number in plan:
            for unit in units:
                people = rng.randint(2, 6) if award_round is regular else rng.randint(0, 2)
                collective = award_round is regular and rng.random() < 0.5
                if not people and not collective:
                    continue
                dossier = Dossier.objects.create(
                    unit=unit,
                    round=award_round,
                    commendation_kind=award_round.commendation_kind,
                    title=f"Đề nghị khen thưởng {award_round.name.lower()}",
                    status=DossierStatus.CLOSED,
                    created_by=clerk,
                )
                for order in range(people):
                    data = _person(rng, unit, direct_share)
                    code = rng.choice(REGULAR_AWARDS) if award_round is regular else "gk-huyen-ca-nhan"
                    person = Person.objects.create(
                        full_name=data["full_name"], date_of_birth=data["date_of_birth"], gender=data["gender"], unit=unit
                    )
                    nominee = Nominee.objects.create(
                        dossier=dossier,
                        subject=Subject.INDIVIDUAL,
                        award=awards[code],
                        person=person,
                        task_rating=TaskRating.EXCELLENT if code == "cstdcs" else TaskRating.GOOD,
                        initiative_ref=f"Sáng kiến cấp cơ sở năm {year}" if code == "cstdcs" else "",
                        outcome=Outcome.APPROVED,
                        sort_order=order,
                        **data,
                    )
                    AwardRecord.objects.create(
                        year=year,
                        award=awards[code],
                        person=person,
                        nominee=nominee,
                        decision_number=number,
                        decision_date=decided_on,
                    )
                    records += 1
                if collective:
                    nominee = Nominee.objects.create(
                        dossier=dossier,
                        subject=Subject.COLLECTIVE,
                        award=awards["ttldtt"],
                        full_name=unit.name,
                        outcome=Outcome.APPROVED,
                        sort_order=people,
                    )
                    AwardRecord.objects.create(
                        year=year,
                        award=awards["ttldtt"],
                        collective_unit=unit,
                        collective_name=unit.name,
                        nominee=nominee,
                        decision_number=number,
                        decision_date=decided_on,
                    )
                    records += 1
    return records
