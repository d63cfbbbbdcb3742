import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from notifications.models import OutboxEmail
from tests.factories import PASSWORD, UnitFactory, UserFactory
from units.models import Authority

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đăng nhập" in body
    assert "Quên mật khẩu?" in body
    assert 'lang="vi"' in body


def test_login_wrong_password_shows_vietnamese_error_and_keeps_username(client):
    user = UserFactory(username="vanthu.xa")
    response = client.post(reverse("login"), {"username": user.username, "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in body
    assert 'value="vanthu.xa"' in body


def test_login_is_throttled_after_five_failures(client, settings):
    user = UserFactory(username="bi.khoa")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "sai"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khóa đăng nhập" in response.content.decode()


def test_login_with_correct_password_lands_on_dashboard(client, clerk_a):
    response = client.post(reverse("login"), {"username": clerk_a.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Đơn vị của tôi" in response.content.decode()


def test_temporary_password_forces_change_before_anything_else(client, office_staff):
    user = UserFactory(must_change_password=True)
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("password_change")
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password is False
    assert client.get(reverse("dashboard")).status_code == 200


def test_password_reset_request_goes_through_outbox(client):
    UserFactory(email="quen@example.vn")
    response = client.post(reverse("password_reset"), {"email": "quen@example.vn"})
    assert response.status_code == 302
    email = OutboxEmail.objects.get()
    assert email.subject == "Đặt lại mật khẩu trên Cổng thi đua, khen thưởng"
    assert "http://localhost:8000/tai-khoan/dat-lai-mat-khau/" in email.body


def test_user_list_forbidden_to_clerk(client, clerk_a):
    client.force_login(clerk_a)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def _make_people(count):
    for _index in range(count):
        unit = UnitFactory()
        UserFactory(roles=[(Role.UNIT_CLERK, unit), (Role.UNIT_HEAD, unit)])


def test_user_list_query_count_is_flat(client, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)
    Authority.root()  # created once on first use; not part of the page's own cost
    _make_people(3)
    with django_assert_max_num_queries(11) as small:
        assert client.get(reverse("accounts:user_list")).status_code == 200
    _make_people(30)
    with django_assert_max_num_queries(11) as large:
        response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_user_list_filters_by_role(client, office_staff, clerk_a, council_member):
    client.force_login(office_staff)
    response = client.get(reverse("accounts:user_list"), {"role": Role.COUNCIL_MEMBER})
    body = response.content.decode()
    assert council_member.full_name in body
    assert clerk_a.full_name not in body


def test_user_create_invalid_keeps_input_and_explains(client, office_staff):
    client.force_login(office_staff)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "vanthu.thieu",
            "full_name": "Đinh Thị Thiếu",
            "email": "",
            "phone": "0988 111 222",
            "position": "",
            "role": Role.UNIT_CLERK,
            "unit": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vai trò này phải gắn với một đơn vị." in body
    assert 'value="Đinh Thị Thiếu"' in body
    assert 'value="0988 111 222"' in body
    assert User.objects.filter(username="vanthu.thieu").exists() is False


def test_user_create_offers_only_grantable_roles(client, office_staff):
    client.force_login(office_staff)
    body = client.get(reverse("accounts:user_create")).content.decode()
    assert 'value="unit_clerk"' in body
    assert 'value="admin"' not in body
    assert 'value="office_staff"' not in body
    # The user name's help is the portal's own Vietnamese, not Django's stilted "Yêu cầu. 150 ký tự hoặc ít hơn".
    assert "Bắt buộc, tối đa 150 ký tự" in body
    assert "Yêu cầu. 150 ký tự" not in body


def test_user_create_with_temporary_password_shows_it_once(client, office_staff, unit_a):
    client.force_login(office_staff)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "vanthu.tam",
            "full_name": "Lý Thị Tâm",
            "email": "",
            "phone": "",
            "position": "",
            "role": Role.UNIT_CLERK,
            "unit": unit_a.pk,
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Mật khẩu tạm của Lý Thị Tâm là Tdkt-" in body
    user = User.objects.get(username="vanthu.tam")
    assert user.must_change_password is True
    assert "Mật khẩu tạm" not in client.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()


def test_user_edit_conflict_keeps_typed_values(client, office_staff):
    target = UserFactory(full_name="Phan Văn Cũ")
    client.force_login(office_staff)
    stale_version = target.version
    User.objects.filter(pk=target.pk).update(version=stale_version + 1, full_name="Phan Văn Người Khác Sửa")
    response = client.post(
        reverse("accounts:user_edit", args=[target.pk]),
        {
            "full_name": "Phan Văn Của Tôi",
            "email": target.email,
            "phone": "",
            "position": "",
            "version": stale_version,
        },
    )
    body = response.content.decode()
    assert "vừa được người khác cập nhật" in body
    assert 'value="Phan Văn Của Tôi"' in body
    assert User.objects.get(pk=target.pk).full_name == "Phan Văn Người Khác Sửa"


def test_profile_edit_own_contact(client, clerk_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("accounts:profile"),
        {
            "email": "lan@example.vn",
            "phone": "0911 000 111",
            "position": "Công chức",
            "version": clerk_a.version,
        },
    )
    assert response.status_code == 302
    clerk_a.refresh_from_db()
    assert (clerk_a.email, clerk_a.phone, clerk_a.position) == ("lan@example.vn", "0911 000 111", "Công chức")
