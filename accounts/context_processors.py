from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.context import unread_count
from units.selectors import authorities_named, authority_tree

# (label, url name, permission or None for every signed-in user, icon)
_MENU = [
    (_("Việc cần làm"), "dashboard", None, "bi-house"),
    (_("Hồ sơ"), "dossiers:list", None, "bi-folder2-open"),
    (_("Yêu cầu nộp"), "campaigns:request_list", "campaigns.view_requests", "bi-inbox"),
    (_("Phong trào"), "campaigns:campaign_list", "campaigns.view_campaigns", "bi-flag"),
    (_("Hội đồng"), "awards:council", "awards.view_meetings", "bi-people-fill"),
    (_("Quyết định"), "awards:decisions", "awards.view_decisions", "bi-file-earmark-text"),
    (_("Cụm, khối"), "clusters:group_list", None, "bi-grid-3x3-gap"),
    (_("Thống kê"), "reports:statistics", "reports.view_statistics", "bi-bar-chart-line"),
    (_("Đơn vị"), "units:unit_list", None, "bi-diagram-3"),
]
# Under the "Quản trị" menu, to keep the bar short on a laptop.
_ADMIN_MENU = [
    (_("Người dùng"), "accounts:user_list", "accounts.manage_users", "bi-people"),
    (_("Cấu hình cơ quan"), "units:authority_edit", "units.change_authority", "bi-building-gear"),
    (_("Các cơ quan ban hành"), "units:authority_list", "units.manage_authorities", "bi-buildings"),
    (_("Lịch nghỉ lễ, Tết"), "dossiers:holidays", "dossiers.confirm_holidays", "bi-calendar-x"),
    (_("Nhật ký thay đổi"), "audit_list", "accounts.view_audit", "bi-journal-text"),
]


def navigation(request):
    """The menu a user sees follows their roles; pages still check permissions themselves."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates rendered inside a page (tables, widgets) run the processors again: compute once.
    cached = getattr(request, "_portal_navigation", None)
    if cached is not None:
        return cached
    current = request.resolver_match.view_name if request.resolver_match is not None else ""

    def visible(menu):
        return [
            {"label": label, "url": reverse(name), "icon": icon, "active": current == name}
            for label, name, perm, icon in menu
            if perm is None or user.has_perm(perm)
        ]

    request._portal_navigation = {
        "nav_items": visible(_MENU),
        "admin_nav_items": visible(_ADMIN_MENU),
        "unread_notifications": unread_count(user),
        "switch_authorities": _switchable(user),
    }
    return request._portal_navigation


def _switchable(user) -> list:
    """The authorities the navbar offers to act in (#13): where the user holds a role, every one for the
    administrator; nothing (just the name) for a user of one authority. One query whatever their number,
    none for a user of one authority (their roles are already read)."""
    if user.has_perm("accounts.manage_all_users"):
        every = [{"pk": a.pk, "label": label} for a, label in _labelled(authority_tree()) if a.dissolved_on is None]
        return every if len(every) > 1 else []
    ids = user.authority_ids()
    if len(ids) < 2:
        return []
    return [{"pk": a.pk, "label": str(a)} for a in authorities_named(ids)]


def _labelled(rows):
    return [(authority, "\u00a0\u00a0" * depth + str(authority)) for authority, depth in rows]
