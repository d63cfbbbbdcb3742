"""The messages this app sends, with the placeholders staff may use when they rewrite the wording
(Django template syntax, e.g. {{ recipient.full_name }}, {% for item in items %}…{% endfor %})."""

from django.utils.translation import gettext_lazy as _

# The kinds of e-mail a person may opt out of (notifications.preferences), registered in apps.py.
EMAIL_CATEGORY_REMINDERS = "nhac_viec"
EMAIL_CATEGORY_DIGEST = "tong_hop_qua_han"
EMAIL_CATEGORY_REQUESTS = "yeu_cau_nop"

ITEM = _("mỗi mục có: item.title, item.unit, item.due_date, item.state, item.url")

MESSAGE_TEMPLATES = {
    "reminder_due": (
        _("Nhắc hạn trước và sau hạn (gửi cán bộ phụ trách của đơn vị, cán bộ thường trực)"),
        ["recipient.full_name", "count", "today", f"items ({ITEM})", "url"],
    ),
    "reminder_escalation": (
        _("Báo thủ trưởng đơn vị khi quá hạn"),
        ["recipient.full_name", "unit_name", "count", "today", f"items ({ITEM})", "url"],
    ),
    "reminder_manual": (
        _("Nhắc từ bảng theo dõi (một lần bấm)"),
        ["recipient.full_name", "unit_name", "today", f"items ({ITEM})", "url"],
    ),
    "reminder_digest": (
        _("Bản tổng hợp việc quá hạn hằng ngày (cơ quan thường trực)"),
        [
            "recipient.full_name",
            "today",
            "total",
            "requests (r.title, r.due_date, r.owed, r.days_over)",
            "dossiers (d.title, d.unit.name, d.due_date, d.days_over)",
            "tasks (t.number, t.content, t.due_date, t.days_over, t.plan.authority_id)",
            "url",
            "authority_id",
        ],
    ),
    "request_new": (
        _("Thông báo yêu cầu nộp mới"),
        [
            "recipient.full_name",
            "unit.name",
            "request.title",
            "request.due_date",
            "request.description",
            "request.outline",
            "url",
        ],
    ),
    "submission_accepted": (
        _("Văn bản đơn vị nộp được chấp nhận"),
        ["recipient.full_name", "unit.name", "request.title", "url"],
    ),
    "submission_returned": (
        _("Văn bản đơn vị nộp bị trả lại"),
        ["recipient.full_name", "unit.name", "request.title", "request.due_date", "reason", "url"],
    ),
}
