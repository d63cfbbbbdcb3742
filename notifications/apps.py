from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo và thư điện tử")

    def ready(self):
        from core.audit import register_action_labels

        register_action_labels({"outbox_resend": _("Gửi lại thư điện tử chưa gửi được")})
