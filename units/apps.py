from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Cơ quan ban hành và đơn vị")

    def ready(self):
        from core.audit import register_action_labels

        register_action_labels(
            {
                "unit_create": _("Thêm đơn vị"),
                "unit_update": _("Sửa thông tin đơn vị"),
                "authority_update": _("Sửa cấu hình cơ quan ban hành"),
                "authority_create": _("Thêm cơ quan ban hành cấp dưới"),
            }
        )
