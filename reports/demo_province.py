"""The demo province (seed_demo's default since #13): Lai Châu after the 2025 reform, one installation for the
province and its communes and wards. Place names are real; people, numbers and achievements are fictional.

The province (Sở Nội vụ is its standing office) has a few departments and each commune as a unit (the name it
proposes under); five communes and wards each have their office, a council, units, a year-end round with
dossiers at different steps (its year, the plan's and every date follow the day of loading:
core.demo_calendar). Phong Thổ's Tờ trình for a CSTĐ tỉnh is already on its way up (received in the
province's queue); Sìn Hồ's is issued and waiting to be sent."""

import datetime

from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from awards import decisions as award_decisions
from awards.models import Council, CouncilMember, Decision
from awards.upward import proposal_send
from campaigns.enums import Quarter
from campaigns.models import AnnualPlan, PlanTask, PlanTaskReport
from core.demo_calendar import DemoCalendar, demo_calendar
from documents.models import LegalBasis
from dossiers.enums import CommendationKind, DossierStatus, Outcome, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier, Nominee
from dossiers.services import dossier_transition, eligibility_refresh
from units.enums import AuthorityLevel, UnitKind
from units.models import Authority, Unit

D = datetime.date

PROVINCE = {
    "code": "tinh-lai-chau",
    "level": AuthorityLevel.PROVINCE,
    "name": "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "short_name": "UBND tỉnh Lai Châu",
    "parent_name": "",
    "parent_addressee": "Thủ tướng Chính phủ",
    "standing_office_name": "Sở Nội vụ",
    "office_name": "Văn phòng Ủy ban nhân dân tỉnh Lai Châu",
    "council_name": "Hội đồng Thi đua – Khen thưởng tỉnh",
    "place_name": "Lai Châu",
    "document_code": "UBND",
    "office_code": "SNV",
    "chair_name": "Lê Văn Lượng",
    "deputy_name": "Hà Quang Trung",
    "address": "Phường Tân Phong, tỉnh Lai Châu",
    "email": "ubnd@laichau.example.vn",
}

# (code, name, kind, head name, head title): the province's own units.
PROVINCE_UNITS = [
    ("so-noi-vu", "Sở Nội vụ", UnitKind.DEPARTMENT, "Lò Văn Hùng", "Giám đốc"),
    ("so-gddt", "Sở Giáo dục và Đào tạo", UnitKind.DEPARTMENT, "Vàng Thị Mai", "Giám đốc"),
    ("so-y-te", "Sở Y tế", UnitKind.DEPARTMENT, "Tao Văn Minh", "Giám đốc"),
    ("so-nnmt", "Sở Nông nghiệp và Môi trường", UnitKind.DEPARTMENT, "Giàng A Páo", "Giám đốc"),
    ("mttq-tinh", "Ủy ban MTTQ Việt Nam tỉnh", UnitKind.FRONT_UNION, "Lý Thị Sâm", "Chủ tịch"),
]

# (code, name, level word, chair, office clerk, school clerk): five of the province's communes and wards.
COMMUNES = [
    ("phong-tho", "Phong Thổ", "xã", "Tẩn Văn Chu", "Lò Thị Xuân", "Vàng Văn Dũng"),
    ("sin-ho", "Sìn Hồ", "xã", "Chang A Lử", "Pờ Thị Hoa", "Lù Văn Phúc"),
    ("tam-duong", "Tam Đường", "xã", "Hoàng Văn Tiến", "Lê Thị Ngọc", "Đèo Văn Kiên"),
    ("than-uyen", "Than Uyên", "xã", "Lường Văn Mạnh", "Nguyễn Thị Lệ", "Tòng Văn Sơn"),
    ("tan-phong", "Tân Phong", "phường", "Trần Quốc Huy", "Phạm Thị Liên", "Đỗ Văn Bắc"),
]

# A commune's own units besides its People's Committee: (code suffix, name pattern, kind).
COMMUNE_UNITS = [
    ("th", "Trường Tiểu học {name}", UnitKind.SCHOOL),
    ("thcs", "Trường THCS {name}", UnitKind.SCHOOL),
    ("tyt", "Trạm Y tế {word} {name}", UnitKind.PUBLIC_SERVICE),
    ("hpn", "Hội Liên hiệp Phụ nữ {word} {name}", UnitKind.FRONT_UNION),
]

# The commune decides the Giấy khen; the CSTĐ tỉnh and the Bằng khen go up to the province.
COMMUNE_NOMINEES = [
    ("nu", D(1986, 2, 14), "Giáo viên", "gk-xa-ca-nhan"),
    ("nam", D(1982, 8, 3), "Hiệu trưởng", "cstd-tinh"),
    ("nu", D(1990, 5, 21), "Giáo viên", "bk-tinh-ca-nhan"),
]
# Each commune's three nominees, in the order above.
NOMINEE_NAMES = {
    "phong-tho": ("Tẩn Thị Mẩy", "Lò Văn Thanh", "Vàng Thị Dợ"),
    "sin-ho": ("Pờ Thị Sa", "Chang Văn Lình", "Lý Thị Mai"),
    "tam-duong": ("Hoàng Thị Thúy", "Đèo Văn Hặc", "Lê Thị Hồng"),
    "than-uyen": ("Lường Thị Dung", "Tòng Văn Pọm", "Vì Thị Hương"),
    "tan-phong": ("Nguyễn Thị Hà", "Trần Văn Quang", "Phạm Thị Yến"),
}


def _user(username: str, full_name: str, position: str, email_domain: str, password: str) -> User:
    user, _created = User.objects.get_or_create(username=username)
    user.full_name, user.position, user.email = full_name, position, f"{username}@{email_domain}"
    user.is_active, user.must_change_password = True, False
    user.set_password(password)
    user.save()
    return user


def _grant(user: User, role: str, *, unit: Unit | None = None, authority: Authority | None = None) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit, authority=unit.authority if unit else authority)
    user.forget_roles()


def seed_province(password: str) -> list[tuple[str, str, str]]:
    """Build (or bring back) the demo province; returns (username, full name, what they do) rows to print."""
    province = Authority.objects.filter(parent=None).order_by("pk").first() or Authority()
    for field, value in PROVINCE.items():
        setattr(province, field, value)
    province.save()
    # The province's own emulation regulation, cited by its decisions and its communes' (documents.LegalBasis): the
    # administrator completes it with the number and date of the decision that issued it.
    LegalBasis.objects.get_or_create(
        authority=province,
        text="Căn cứ Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Lai Châu do Ủy ban nhân dân tỉnh ban hành;",
        defaults={"order": 70},
    )
    units = {}
    for order, (code, name, kind, head, title) in enumerate(PROVINCE_UNITS, start=1):
        units[code], _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "authority": province,
                "name": name,
                "kind": kind,
                "head_name": head,
                "head_title": title,
                "sort_order": order,
            },
        )
    rows = []
    domain = "laichau.example.vn"
    admin = _user("quantri", "Nguyễn Văn Quản", "Quản trị hệ thống", domain, password)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    _grant(admin, Role.ADMIN, authority=province)
    rows.append(("quantri", admin.full_name, "Quản trị hệ thống (mọi cơ quan)"))
    office = _user("noivu.tinh", "Lò Thị Hạnh", "Chuyên viên Sở Nội vụ", domain, password)
    _grant(office, Role.OFFICE_STAFF, unit=units["so-noi-vu"])
    rows.append(("noivu.tinh", office.full_name, "Sở Nội vụ — cơ quan thường trực của tỉnh"))
    chair = _user("chutich.tinh", PROVINCE["chair_name"], "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng", domain, password)
    _grant(chair, Role.COUNCIL_CHAIR, authority=province)
    member = _user("hoidong.tinh", "Lò Văn Hùng", "Giám đốc Sở Nội vụ, Phó Chủ tịch Hội đồng", domain, password)
    _grant(member, Role.COUNCIL_MEMBER, authority=province)
    rows.append(("hoidong.tinh", member.full_name, "Thành viên Hội đồng TĐKT tỉnh"))
    department_clerk = _user("vanthu.sogddt", "Vàng Thị Lan", "Chuyên viên Sở Giáo dục và Đào tạo", domain, password)
    _grant(department_clerk, Role.UNIT_CLERK, unit=units["so-gddt"])
    rows.append(("vanthu.sogddt", department_clerk.full_name, "Cán bộ TĐKT Sở Giáo dục và Đào tạo"))
    cal = demo_calendar()
    n = cal.round_year
    _council(province, n, [(chair, CouncilMember.Position.CHAIR), (member, CouncilMember.Position.STANDING)], office)
    AwardRound.objects.get_or_create(
        authority=province,
        name=f"Tổng kết năm {n} (tỉnh)",
        defaults={"year": n, "commendation_kind": CommendationKind.REGULAR, "submission_deadline": D(n + 1, 1, 15)},
    )
    places = {}
    for order, spec in enumerate(COMMUNES, start=len(PROVINCE_UNITS) + 1):
        places[spec[0]] = _commune(province, spec, order, password, rows, cal)
    # Every commune issued its Giấy khen; Phong Thổ's Tờ trình is on its way up, Sìn Hồ's waits to be sent
    # (the browser test sends it), the others' are still drafts.
    for code, place in places.items():
        _decisions(place, proposals=code in ("phong-tho", "sin-ho"), send=code == "phong-tho", cal=cal)
    _plan(province, office, places, cal)
    return rows


# The province's plan (#13), written for 2026 and told for the calendar year: (quarter, content, responsible,
# due, given to every commune, done on: only once that day has passed)
PLAN_TASKS = [
    (
        Quarter.Q1,
        "Phát động phong trào thi đua năm 2026; mỗi xã, phường ban hành kế hoạch thi đua của mình",
        "UBND tỉnh\nUBND các xã, phường",
        D(2026, 3, 31),
        True,
        D(2026, 2, 27),
    ),
    (Quarter.Q3, "Sơ kết 6 tháng phong trào thi đua của tỉnh", "Sở Nội vụ", D(2026, 7, 15), False, D(2026, 7, 10)),
    (
        Quarter.Q4,
        "Tổng kết công tác thi đua, khen thưởng năm 2026; gửi tờ trình đề nghị khen thưởng cấp tỉnh qua Cổng",
        "UBND các xã, phường",
        D(2026, 12, 25),
        True,
        None,
    ),
]
# Who reported the first task given to the communes, and when (Sìn Hồ after the due date; the others not yet).
PLAN_REPORTS = {"phong-tho": D(2026, 3, 20), "sin-ho": D(2026, 4, 6)}


def _plan(province: Authority, office: User, places: dict, cal: DemoCalendar) -> None:
    year = cal.year
    issued = cal.not_after(D(year, 1, 20))
    plan, created = AnnualPlan.objects.get_or_create(
        authority=province,
        year=year,
        defaults={
            "title": f"Kế hoạch công tác thi đua, khen thưởng năm {year} của tỉnh Lai Châu",
            "document_number": "15/KH-UBND",
            "issued_on": issued,
            "created_by": office,
        },
    )
    if not created:
        return
    tasks = []
    for number, (quarter, content, responsible, due, lower, done_on) in enumerate(PLAN_TASKS, start=1):
        due, content = cal.on(year, due.month, due.day), cal.retell(content, year=year)
        done_on = cal.on(year, done_on.month, done_on.day) if done_on else None
        done_on = done_on if done_on and cal.is_past(done_on) else None
        tasks.append(
            PlanTask.objects.create(
                plan=plan,
                quarter=quarter,
                number=number,
                content=content,
                responsible=responsible,
                due_date=due,
                for_lower_levels=lower,
                done_on=done_on,
                done_by=office if done_on else None,
            )
        )
    for code, done_on in PLAN_REPORTS.items():  # early in the year, the two have reported by the day of loading
        place = places[code]
        PlanTaskReport.objects.create(
            task=tasks[0],
            authority=place["authority"],
            done_on=max(issued, cal.not_after(cal.on(year, done_on.month, done_on.day))),
            note=f"Đã ban hành kế hoạch thi đua năm {year} của {place['authority'].short_name}.",
            done_by=place["office"],
        )


def _council(authority: Authority, year: int, people, secretary: User) -> Council:
    council, _created = Council.objects.get_or_create(
        authority=authority,
        year=year,
        defaults={"name": authority.council_name, "establishing_decision": "Quyết định số 12/QĐ-UBND"},
    )
    for order, (user, position) in enumerate([*people, (secretary, CouncilMember.Position.SECRETARY)], start=1):
        CouncilMember.objects.update_or_create(
            council=council,
            user=user,
            defaults={"position": position, "votes": position != CouncilMember.Position.SECRETARY, "sort_order": order},
        )
    return council


def _commune(province: Authority, spec, order: int, password: str, rows, cal: DemoCalendar) -> dict:
    code, name, word, chair_name, office_name, clerk_name = spec
    prefix = "xa" if word == "xã" else "phuong"
    level_word = word.upper()
    representative, _ = Unit.objects.update_or_create(
        code=f"ubnd-{code}",
        defaults={
            "authority": province,
            "name": f"UBND {word} {name}",
            "kind": UnitKind.COMMUNE,
            "head_name": chair_name,
            "head_title": f"Chủ tịch UBND {word}",
            "sort_order": order,
        },
    )
    authority, _ = Authority.objects.get_or_create(code=f"{prefix}-{code}", defaults={"parent": province})
    for field, value in {
        "parent": province,
        "level": AuthorityLevel.COMMUNE,
        "name": f"ỦY BAN NHÂN DÂN {level_word} {name.upper()}",
        "short_name": f"UBND {word} {name}",
        "parent_name": "",  # a People's Committee names no body above it (NĐ 30)
        "parent_addressee": "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu",
        "standing_office_name": f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {word} {name}",
        "office_name": f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {word} {name}",
        "council_name": f"Hội đồng Thi đua – Khen thưởng {word}",
        "place_name": name,
        "document_code": "UBND",
        "office_code": "VP",
        "chair_name": chair_name,
        "proposing_unit": representative,
    }.items():
        setattr(authority, field, value)
    authority.save()
    units = {}
    for sort, (suffix, pattern, kind) in enumerate(COMMUNE_UNITS, start=1):
        units[suffix], _ = Unit.objects.update_or_create(
            code=f"{code}-{suffix}",
            defaults={"authority": authority, "name": pattern.format(name=name, word=word), "kind": kind, "sort_order": sort},
        )
    domain = f"{code}.laichau.example.vn"
    office = _user(f"vanphong.{code.replace('-', '')}", office_name, f"Công chức Văn phòng – Thống kê {word}", domain, password)
    _grant(office, Role.OFFICE_STAFF, authority=authority)
    chair = _user(f"chutich.{code.replace('-', '')}", chair_name, f"Chủ tịch UBND {word}, Chủ tịch Hội đồng", domain, password)
    _grant(chair, Role.COUNCIL_CHAIR, authority=authority)
    clerk = _user(
        f"vanthu.{code.replace('-', '')}", clerk_name, f"Giáo viên, phụ trách TĐKT {units['th'].name}", domain, password
    )
    _grant(clerk, Role.UNIT_CLERK, unit=units["th"])
    if code in ("phong-tho", "sin-ho"):
        rows.append((office.username, office.full_name, f"Văn phòng HĐND và UBND {word} {name} (cơ quan thường trực của {word})"))
        rows.append((clerk.username, clerk.full_name, f"Cán bộ TĐKT {units['th'].name}"))
        rows.append((chair.username, chair.full_name, f"Chủ tịch Hội đồng TĐKT {word} {name}"))
    n = cal.round_year
    _council(authority, n, [(chair, CouncilMember.Position.CHAIR)], office)
    award_round, _ = AwardRound.objects.get_or_create(
        authority=authority,
        name=f"Tổng kết năm {n} ({word} {name})",
        defaults={"year": n, "commendation_kind": CommendationKind.REGULAR, "submission_deadline": D(n, 12, 20)},
    )
    # A draft of the primary school's clerk, and the secondary school's dossier decided by the council.
    Dossier.objects.get_or_create(
        unit=units["th"],
        round=award_round,
        defaults={
            "commendation_kind": CommendationKind.REGULAR,
            "title": f"Đề nghị khen thưởng năm học {n - 1} – {n}",
            "created_by": clerk,
        },
    )
    received = timezone.make_aware(datetime.datetime.combine(cal.days(-12), datetime.time(9)))
    decided, created = Dossier.objects.get_or_create(
        unit=units["thcs"],
        round=award_round,
        defaults={
            "commendation_kind": CommendationKind.REGULAR,
            "title": f"Đề nghị khen thưởng tổng kết năm {n}",
            "created_by": office,
            "status": DossierStatus.AT_COUNCIL,
            "submitted_at": received,
            "received_at": received,
        },
    )
    if created:
        nominees = zip(NOMINEE_NAMES[code], COMMUNE_NOMINEES, strict=True)
        for sort, (full_name, (gender, born, position, award)) in enumerate(nominees, start=1):
            Nominee.objects.create(
                dossier=decided,
                subject=Subject.INDIVIDUAL,
                award=AwardType.objects.get(code=award),
                full_name=full_name,
                gender=gender,
                date_of_birth=born,
                position=position,
                work_unit=units["thcs"].name,
                task_rating=TaskRating.EXCELLENT,
                months_worked=12,
                initiative_ref=f"Sáng kiến số 05/QĐ-UBND ngày 10/10/{n}" if award == "cstd-tinh" else "",
                appraisal_verdict=Verdict.ELIGIBLE,
                outcome=Outcome.APPROVED,
                sort_order=sort,
            )
        eligibility_refresh(dossier=decided, submitted_on=cal.today)
        office.forget_roles()
        dossier_transition(decided, to=DossierStatus.DECIDED, by=office)  # the council's results enter the ledger
    return {"authority": authority, "office": office, "round": award_round}


def _decisions(place: dict, *, proposals: bool, send: bool, cal: DemoCalendar) -> None:
    """Draft the round's decisions and issue the commune's own; the Tờ trình too if asked, and send one up."""
    office, award_round = place["office"], place["round"]
    if Decision.objects.filter(round=award_round).exists():
        return
    office.forget_roles()
    drafts = award_decisions.decisions_draft(by=office, award_round=award_round)
    issued_on = cal.today
    for draft in drafts:
        if draft.kind == Decision.Kind.PROPOSAL and not proposals:
            continue
        issued = award_decisions.decision_issue(by=office, decision=draft, date=issued_on, signer="tm")
        if send and issued.kind == Decision.Kind.PROPOSAL and issued.award.code == "cstd-tinh":
            proposal_send(by=office, decision=issued)
