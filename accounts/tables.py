import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import User


class UserTable(tables.Table):
    """Columns and ordering of the user list; its rows render in accounts/user_list.html."""

    full_name = tables.Column(verbose_name=_("Họ và tên"))
    username = tables.Column(verbose_name=_("Tên đăng nhập"))
    email = tables.Column(verbose_name=_("Thư điện tử"))
    roles = tables.Column(verbose_name=_("Vai trò"), empty_values=(), orderable=False)
    is_active = tables.Column(verbose_name=_("Hoạt động"))
    last_login = tables.Column(verbose_name=_("Đăng nhập gần nhất"))

    class Meta:
        model = User
        fields = ("full_name", "username", "email", "roles", "is_active", "last_login")
        order_by = ("full_name",)
        empty_text = _("Không có người dùng nào phù hợp.")
