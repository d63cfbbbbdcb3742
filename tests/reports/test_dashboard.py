import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from tests.factories import UnitFactory, user_with_role
from units.enums import UnitKind
from units.models import Authority, Unit

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_sized_on_a_district(demo_data):
    counts = (Unit.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    call_command("seed_demo", "--district", stdout=open("/dev/null", "w"))
    assert (Unit.objects.count(), User.objects.count(), RoleAssignment.objects.count()) == counts
    assert 30 <= counts[0] <= 40
    assert Unit.objects.filter(kind=UnitKind.COMMUNE).count() >= 15
    assert Unit.objects.filter(name="Phòng Nội vụ").exists()
    assert Unit.objects.filter(name="Công an huyện Thanh Oai").exists()
    assert Unit.objects.filter(name="Ban Chỉ huy Quân sự huyện").exists()
    assert Unit.objects.filter(kind=UnitKind.PROVINCIAL).count() >= 1
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    assert Authority.root().name == "ỦY BAN NHÂN DÂN HUYỆN THANH OAI"


def test_seed_demo_prints_every_login(capsys):
    call_command("seed_demo", "--district")
    out = capsys.readouterr().out
    assert "Mật khẩu của mọi tài khoản mẫu: TdktDemo@2026" in out
    for username in ("quantri", "noivu", "chutich", "hoidong", "vanthu.kimbai", "thutruong.kimbai"):
        assert username in out


def test_office_dashboard_lists_units_without_clerk(client, office_staff, unit_a, clerk_b):
    client.force_login(office_staff)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Đơn vị chưa có cán bộ phụ trách TĐKT" in body
    section = body.split('id="panel-office"')[1].split("</section>")[0]
    assert unit_a.name in section
    assert clerk_b.full_name not in section
    assert "UBND xã Bích Hòa</a>" not in section.split("Đơn vị thiếu thông tin liên hệ")[0]


def test_unit_dashboard_asks_for_missing_contact(client):
    unit = UnitFactory(name="UBND xã Kim An", head_name="", email="")
    clerk = user_with_role(Role.UNIT_CLERK, unit)
    client.force_login(clerk)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Cần bổ sung: họ tên thủ trưởng, thư điện tử liên hệ, điện thoại." in body
    assert "UBND xã Kim An" in body


def test_council_dashboard_lists_members(client, council_member):
    chair = user_with_role(Role.COUNCIL_CHAIR, full_name="Bùi Văn Hải")
    client.force_login(council_member)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Hội đồng Thi đua – Khen thưởng" in body
    assert chair.full_name in body


def test_user_without_role_is_told_so(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    body = client.get(reverse("dashboard")).content.decode()
    assert "Tài khoản của bạn chưa được giao vai trò nào." in body


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
