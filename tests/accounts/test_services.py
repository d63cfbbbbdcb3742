import pytest

from accounts import services
from accounts.enums import Role
from accounts.models import User
from core.models import AuditEntry
from core.services import ConcurrentEditError
from notifications.models import Notification, OutboxEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_with_invitation_queues_email_and_has_no_password(office_staff, unit_a):
    user, password = services.user_create(
        by=office_staff,
        username="vanthu.moi",
        full_name="Nguyễn  Thị   Mới",
        email="Moi@Example.vn",
        role=Role.UNIT_CLERK,
        unit=unit_a,
        invite_by_email=True,
    )
    assert password is None
    assert user.has_usable_password() is False
    assert user.full_name == "Nguyễn Thị Mới"
    assert user.email == "moi@example.vn"
    assert user.unit_ids(Role.UNIT_CLERK) == {unit_a.pk}
    email = OutboxEmail.objects.get()
    assert email.to == "moi@example.vn"
    assert email.subject == "Tài khoản của bạn trên Cổng thi đua, khen thưởng"
    assert "/tai-khoan/dat-lai-mat-khau/" in email.body
    assert "Tên đăng nhập: vanthu.moi" in email.body


def test_user_create_without_email_returns_temporary_password(office_staff):
    user, password = services.user_create(
        by=office_staff,
        username="hoidong.moi",
        full_name="Lò Văn Pá",
        role=Role.COUNCIL_MEMBER,
    )
    assert password.startswith("Tdkt-")
    assert user.check_password(password) is True
    assert user.must_change_password is True
    assert OutboxEmail.objects.count() == 0


def test_user_create_is_audited(office_staff, unit_a):
    user, _password = services.user_create(
        by=office_staff,
        username="vt2",
        full_name="Hà Thị Vân",
        role=Role.UNIT_CLERK,
        unit=unit_a,
    )
    actions = list(AuditEntry.objects.filter(object_id=str(user.pk)).order_by("id").values_list("action", "actor"))
    assert actions == [("user_create", office_staff.pk), ("role_grant", office_staff.pk)]


def test_role_grant_notifies_the_user_in_portal(office_staff, unit_a):
    target = UserFactory(full_name="Vi Văn Dũng")
    services.role_grant(by=office_staff, user=target, role=Role.UNIT_HEAD, unit=unit_a)
    notification = Notification.objects.get(recipient=target)
    assert notification.title == "Bạn được giao vai trò mới: Thủ trưởng đơn vị"
    assert notification.body == "Lê Thị Hương đã giao cho bạn vai trò: Thủ trưởng đơn vị – UBND xã Cự Khê."


def test_user_update_refuses_stale_version_and_keeps_newer_data(office_staff):
    target = UserFactory(full_name="Trần Văn A")
    opened_version = target.version
    services.user_update(
        by=office_staff,
        user=User.objects.get(pk=target.pk),
        expected_version=opened_version,
        full_name="Trần Văn Bình",
        email=target.email,
        phone="",
        position="",
    )
    with pytest.raises(ConcurrentEditError):
        services.user_update(
            by=office_staff,
            user=User.objects.get(pk=target.pk),
            expected_version=opened_version,
            full_name="Trần Văn Cũ",
            email=target.email,
            phone="",
            position="",
        )
    assert User.objects.get(pk=target.pk).full_name == "Trần Văn Bình"


def test_user_update_records_diff(office_staff):
    target = UserFactory(phone="")
    services.user_update(
        by=office_staff,
        user=target,
        expected_version=target.version,
        full_name=target.full_name,
        email=target.email,
        phone="0912 345 678",
        position="",
    )
    entry = AuditEntry.objects.get(action="user_update")
    assert entry.changes == {"phone": ["", "0912 345 678"]}


def test_reset_password_temporary_forces_change(office_staff):
    target = UserFactory()
    password = services.user_reset_password(by=office_staff, user=target, by_email=False)
    target.refresh_from_db()
    assert target.check_password(password) is True
    assert target.must_change_password is True


def test_reset_password_by_email_needs_an_address(office_staff):
    from django.core.exceptions import ValidationError

    target = UserFactory(email="")
    with pytest.raises(ValidationError) as excinfo:
        services.user_reset_password(by=office_staff, user=target, by_email=True)
    assert excinfo.value.messages == ["Người dùng chưa có địa chỉ thư điện tử; hãy đặt mật khẩu tạm."]


def test_staff_cannot_deactivate_themselves(office_staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.user_set_active(by=office_staff, user=office_staff, active=False)
    office_staff.refresh_from_db()
    assert office_staff.is_active is True
