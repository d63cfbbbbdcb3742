import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from clusters import services
from clusters.enums import LeaderMethod, LeaderPosition
from clusters.models import ScoreCard
from tests.clock import at
from tests.factories import UnitFactory, user_with_role

JAN_8 = datetime.date(2026, 1, 8)
# Every group, sheet and report chain here is of 2026: the package's clock stands on a working morning of
# late 2026 (before the year-end reports fall due), whatever the real date.
CLOCK = at(2026, 11, 20)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def clock_in_2026(request, time_machine):
    """Pins the clock at CLOCK for every test of the package unless the test pins its own
    (pytest.mark.time_machine)."""
    if request.node.get_closest_marker("time_machine") is None:
        time_machine.move_to(CLOCK)


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def unit_c(db):
    return UnitFactory(name="UBND xã Thanh Mai", code="xa-c")


@pytest.fixture
def head_a(unit_a):
    return user_with_role(Role.UNIT_HEAD, unit_a, full_name="Đỗ Minh Tuấn")


@pytest.fixture
def head_b(unit_b):
    return user_with_role(Role.UNIT_HEAD, unit_b, full_name="Nguyễn Hữu Toàn")


@pytest.fixture
def clerk_c(unit_c):
    return user_with_role(Role.UNIT_CLERK, unit_c, full_name="Chu Thị Huệ")


@pytest.fixture
def group(office_staff, unit_a, unit_b, unit_c):
    """Cụm thi đua số 1 (2026): unit_a heads it, unit_b deputises, unit_c is a member."""
    group = services.group_create(by=office_staff, year=2026, kind="cum", name="Cụm thi đua số 1", units=[unit_a, unit_b, unit_c])
    services.group_set_leader(
        by=office_staff, group=group, unit=unit_a, position=LeaderPosition.HEAD, method=LeaderMethod.APPOINTED, on=JAN_8
    )
    services.group_set_leader(
        by=office_staff, group=group, unit=unit_b, position=LeaderPosition.DEPUTY, method=LeaderMethod.APPOINTED, on=JAN_8
    )
    group.refresh_from_db()
    return group


@pytest.fixture
def election(clerk_a, group):
    """The members' secret ballot for the leader of Cụm thi đua số 1, opened by its head (unit_a)."""
    return services.election_open(by=clerk_a, group=group)


def build_sheet(by, sheet):
    """A small sheet: I (30) = 1 + 2 + 3 (10 each); II (70) = 4 (70);
    bonus (15) = 8 (10) + 9 (10); penalty (20) = 11 (5) + 12 (10)."""
    one = services.criterion_add(by=by, sheet=sheet, code="I", title="Công tác chỉ đạo", max_points=30)
    services.criterion_add(
        by=by, sheet=sheet, parent=one, code="1", title="Ban hành kế hoạch", max_points=10, evidence="Kế hoạch"
    )
    services.criterion_add(by=by, sheet=sheet, parent=one, code="2", title="Ký giao ước", max_points=10)
    services.criterion_add(by=by, sheet=sheet, parent=one, code="3", title="Sơ kết, tổng kết", max_points=10)
    two = services.criterion_add(by=by, sheet=sheet, code="II", title="Nhiệm vụ chính trị", max_points=70)
    services.criterion_add(by=by, sheet=sheet, parent=two, code="4", title="Chỉ tiêu kinh tế – xã hội", max_points=70)
    bonus = services.criterion_add(by=by, sheet=sheet, code="IV", title="Điểm thưởng", kind="cong", max_points=15)
    services.criterion_add(by=by, sheet=sheet, parent=bonus, code="8", title="Cờ thi đua tỉnh", max_points=10)
    services.criterion_add(by=by, sheet=sheet, parent=bonus, code="9", title="Bằng khen tỉnh", max_points=10)
    penalty = services.criterion_add(by=by, sheet=sheet, code="V", title="Điểm trừ", kind="tru", max_points=20)
    services.criterion_add(by=by, sheet=sheet, parent=penalty, code="11", title="Báo cáo chậm", max_points=5)
    services.criterion_add(by=by, sheet=sheet, parent=penalty, code="12", title="Kỷ luật", max_points=10)
    return sheet


@pytest.fixture
def template(office_staff):
    return build_sheet(office_staff, services.sheet_create(by=office_staff, year=2026, title="Bảng tiêu chí mẫu năm 2026"))


@pytest.fixture
def sheet(office_staff, template, group):
    return services.sheet_copy(by=office_staff, template=template, group=group)


@pytest.fixture
def open_sheet(office_staff, sheet):
    services.scoring_open(by=office_staff, sheet=sheet)
    sheet.refresh_from_db()
    return sheet


def ids(sheet):
    """{code: criterion id} of a sheet."""
    return dict(sheet.criteria.values_list("code", "id"))


def card_of(sheet, unit):
    return ScoreCard.objects.select_related("sheet__group", "unit").get(sheet=sheet, unit=unit)


def self_score(by, sheet, unit, points: dict, evidence_for=("1",)):
    """Score every line ({code: points}), attach evidence where asked, and submit."""
    codes = ids(sheet)
    card = card_of(sheet, unit)
    services.card_self_score(
        by=by, card=card, expected_version=card.version, entries={codes[c]: (p, "") for c, p in points.items()}
    )
    for code in evidence_for:
        if points.get(code):
            services.evidence_add(by=by, line=card.lines.get(criterion_id=codes[code]), upload=pdf())
    card = card_of(sheet, unit)
    services.card_submit(by=by, card=card, expected_version=card.version)
    return card_of(sheet, unit)


def review(by, sheet, unit, points: dict | None = None):
    codes = ids(sheet)
    card = card_of(sheet, unit)
    entries = {codes[c]: (p, reason) for c, (p, reason) in (points or {}).items()}
    services.card_review(by=by, card=card, expected_version=card.version, entries=entries)
    return card_of(sheet, unit)


FULL = {"1": 10, "2": 10, "3": 10, "4": 70, "8": 0, "9": 0, "11": 0, "12": 0}
