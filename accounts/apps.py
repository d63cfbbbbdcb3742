from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Người dùng và vai trò")

    def ready(self):
        from core.audit import register_action_labels

        register_action_labels(
            {
                "user_create": _("Tạo tài khoản"),
                "user_update": _("Sửa thông tin tài khoản"),
                "profile_update": _("Tự cập nhật thông tin"),
                "user_activate": _("Mở khóa tài khoản"),
                "user_deactivate": _("Khóa tài khoản"),
                "role_grant": _("Giao vai trò"),
                "role_revoke": _("Thu hồi vai trò"),
                "password_reset_email": _("Gửi thư đặt lại mật khẩu"),
                "password_reset_temporary": _("Cấp mật khẩu tạm"),
                "two_factor_enable": _("Bật xác thực hai bước"),
                "two_factor_disable": _("Tắt xác thực hai bước"),
                "two_factor_reset": _("Đặt lại xác thực hai bước"),
                "two_factor_recovery_used": _("Đăng nhập bằng mã dự phòng"),
                "two_factor_recovery_regenerate": _("Tạo lại mã dự phòng"),
            }
        )
