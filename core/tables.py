import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


class AuditTable(tables.Table):
    """Columns and ordering of the audit list (newest first); its rows render in core/audit_list.html."""

    created_at = tables.Column(verbose_name=_("Thời điểm"))
    actor = tables.Column(verbose_name=_("Người thực hiện"), order_by=("actor__full_name",))
    action = tables.Column(verbose_name=_("Hành động"))
    object_repr = tables.Column(verbose_name=_("Đối tượng"), orderable=False)
    changes = tables.Column(verbose_name=_("Thay đổi"), orderable=False)

    class Meta:
        model = AuditEntry
        fields = ("created_at", "actor", "action", "object_repr", "changes")
        empty_text = _("Chưa có thay đổi nào.")
