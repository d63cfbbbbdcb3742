import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import User


class UserTable(tables.Table):
    full_name = tables.LinkColumn("accounts:user_detail", args=[tables.A("pk")], verbose_name=_("Họ và tên"))
    username = tables.Column(verbose_name=_("Tên đăng nhập"))
    email = tables.EmailColumn(verbose_name=_("Thư điện tử"))
    roles = tables.Column(verbose_name=_("Vai trò"), empty_values=(), orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("Hoạt động"), yesno="✔,✘")
    last_login = tables.DateTimeColumn(verbose_name=_("Đăng nhập gần nhất"), format="d/m/Y H:i")

    class Meta:
        model = User
        fields = ("full_name", "username", "email", "roles", "is_active", "last_login")
        order_by = ("full_name",)
        empty_text = _("Không có người dùng nào phù hợp.")

    def render_roles(self, record):
        # role_assignments are prefetched by the selector: no query per row.
        return format_html_join(
            "",
            '<span class="badge text-bg-light border me-1">{}</span>',
            ((str(a),) for a in record.role_assignments.all()),
        ) or format_html('<span class="text-muted">{}</span>', _("Chưa có vai trò"))
