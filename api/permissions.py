"""Deny by default: a request needs a client token, and the client needs the view's scope."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiClient


class HasClientScope(permissions.BasePermission):
    """The view names `required_scope`; a view without one is refused to everybody."""

    message = _("Hệ thống của bạn không được cấp phạm vi truy cập này.")

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient) or not request.user or not request.user.is_authenticated:
            return False
        scope = getattr(view, "required_scope", None)
        return scope is not None and client.has_scope(scope)
