from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.context import unread_count

# (label, url name, permission or None for every signed-in user, icon)
_MENU = [
    (_("Việc cần làm"), "dashboard", None, "bi-house"),
    (_("Hồ sơ khen thưởng"), "dossiers:list", None, "bi-folder2-open"),
    (_("Đơn vị"), "clusters:unit_list", None, "bi-diagram-3"),
    (_("Người dùng"), "accounts:user_list", "accounts.manage_users", "bi-people"),
    (_("Cấu hình cơ quan"), "clusters:authority_edit", "clusters.change_authority", "bi-building-gear"),
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
    items = [
        {
            "label": label,
            "url": reverse(name),
            "icon": icon,
            "active": request.resolver_match is not None and request.resolver_match.view_name == name,
        }
        for label, name, perm, icon in _MENU
        if perm is None or user.has_perm(perm)
    ]
    request._portal_navigation = {"nav_items": items, "unread_notifications": unread_count(user)}
    return request._portal_navigation
