import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Notification, OutboxEmail

END = {"th": {"class": "text-end"}}


class NotificationTable(tables.Table):
    """Columns and ordering of a user's notifications (newest first); rows render in notifications/list.html."""

    title = tables.Column(verbose_name=_("Thông báo"))
    created_at = tables.Column(verbose_name=_("Thời điểm"))
    open = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = Notification
        fields = ("title", "created_at", "open")
        empty_text = _("Bạn chưa có thông báo nào.")


class OutboxTable(tables.Table):
    """Columns and ordering of the undelivered e-mails (oldest failure first); rows in notifications/outbox.html."""

    to = tables.Column(verbose_name=_("Gửi đến"))
    subject = tables.Column(verbose_name=_("Tiêu đề"))
    status = tables.Column(verbose_name=_("Trạng thái"))
    attempts = tables.Column(verbose_name=_("Số lần thử"), attrs=END)
    last_error = tables.Column(verbose_name=_("Lỗi gần nhất"), orderable=False)
    next_attempt_at = tables.Column(verbose_name=_("Thử lại lúc"))
    resend = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = OutboxEmail
        fields = ("to", "subject", "status", "attempts", "last_error", "next_attempt_at", "resend")
        empty_text = _("Mọi thư điện tử đều đã gửi được.")
