from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API cho hệ thống khác")

    def ready(self):
        from core.audit import register_action_labels

        from . import authentication  # noqa: F401  (registers the token scheme with drf-spectacular)

        register_action_labels(
            {
                "api_client_create": _("Tạo hệ thống gọi API"),
                "api_client_update": _("Sửa hệ thống gọi API"),
                "api_client_revoke": _("Thu hồi khóa của hệ thống gọi API"),
                "api_client_token_renew": _("Cấp khóa mới cho hệ thống gọi API"),
                "api_dossier_receive": _("Nhận hồ sơ điện tử qua API"),
            }
        )
