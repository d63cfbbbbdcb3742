import datetime

import pytest
from django.utils import timezone

from accounts.enums import Role
from awards import services
from awards.models import Council, CouncilMember
from dossiers.enums import DossierStatus, Outcome, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier, Nominee, Person
from tests.factories import user_with_role
from units.models import Authority


@pytest.fixture
def council(db, office_staff):
    council = Council.objects.create(year=2025, name="Hội đồng Thi đua – Khen thưởng huyện")
    people = [
        ("Bùi Văn Hải", CouncilMember.Position.CHAIR, Role.COUNCIL_CHAIR),
        ("Hoàng Văn Sơn", CouncilMember.Position.STANDING, Role.COUNCIL_MEMBER),
        ("Mai Văn Chiến", CouncilMember.Position.MEMBER, Role.COUNCIL_MEMBER),
        ("Tô Thị Liên", CouncilMember.Position.MEMBER, Role.COUNCIL_MEMBER),
    ]
    for name, position, role in people:
        services.council_member_add(
            by=office_staff, council=council, user=user_with_role(role, full_name=name), position=position
        )
    services.council_member_add(
        by=office_staff,
        council=council,
        user=user_with_role(Role.OFFICE_STAFF, full_name="Lê Thị Thư Ký"),
        position=CouncilMember.Position.SECRETARY,
    )
    return council


def member(council, name):
    return council.members.select_related("user").get(user__full_name=name)


@pytest.fixture
def at_council(unit_a, clerk_a):
    """A dossier sent to the council with an LĐTT and a CSTĐ tỉnh nominee."""
    award_round = AwardRound.objects.create(name="Tổng kết năm 2024", year=2024, commendation_kind="thuong_xuyen")
    dossier = Dossier.objects.create(
        unit=unit_a,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đề nghị khen thưởng năm 2024",
        created_by=clerk_a,
        status=DossierStatus.AT_COUNCIL,
        submitted_at=timezone.now(),
    )
    for order, (name, code) in enumerate([("Nguyễn Thị Hoa", "ldtt"), ("Lê Văn Tùng", "cstd-tinh")], start=1):
        Nominee.objects.create(
            dossier=dossier,
            subject=Subject.INDIVIDUAL,
            award=AwardType.objects.get(code=code),
            full_name=name,
            task_rating=TaskRating.EXCELLENT,
            months_worked=12,
            appraisal_verdict=Verdict.ELIGIBLE,
            sort_order=order,
            date_of_birth=datetime.date(1980, 1, order),
        )
    return dossier


@pytest.fixture
def meeting(council, at_council, office_staff):
    meeting = services.meeting_create(
        by=office_staff,
        council=council,
        title="Phiên họp xét khen thưởng tổng kết năm 2024",
        starts_at=timezone.make_aware(datetime.datetime(2025, 1, 10, 14, 0)),
        place="Phòng họp tầng 2, UBND huyện",
    )
    services.agenda_fill(by=office_staff, meeting=meeting)
    return meeting


@pytest.fixture
def secretary(council):
    """The council's secretary (from the standing office): opens the ballot, takes attendance and
    records absent members' written opinions."""
    return member(council, "Lê Thị Thư Ký").user


@pytest.fixture
def decided(at_council, office_staff):
    """The council approved both nominees; the dossier has its result (and so the ledger)."""
    from dossiers.services import dossier_transition

    person = Person.objects.create(full_name="Nguyễn Thị Hoa", date_of_birth=datetime.date(1980, 1, 1), unit=at_council.unit)
    for nominee in at_council.nominees.all():
        nominee.outcome = Outcome.APPROVED
        nominee.gender = "nu" if nominee.full_name == "Nguyễn Thị Hoa" else "nam"
        nominee.position = "Công chức Văn hóa – Xã hội"
        nominee.person = person if nominee.full_name == "Nguyễn Thị Hoa" else None
        nominee.save()
    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        short_name="UBND huyện Thanh Oai",
        parent_name="UBND THÀNH PHỐ HÀ NỘI",
        place_name="Thanh Oai",
        chair_name="Bùi Văn Hải",
        level="huyen",
        parent_addressee="Chủ tịch UBND thành phố Hà Nội",
    )
    dossier_transition(at_council, to=DossierStatus.DECIDED, by=office_staff)
    return at_council
