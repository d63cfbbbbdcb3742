"""Token authentication of API clients: `Authorization: Bearer <token>`.

The token is looked up by its SHA-256; request.user becomes the client's service account (so every
permission is the portal's own rule) and request.auth the ApiClient (for its scopes).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiClient
from .services import token_hash

# last_used_at is written at most this often, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)
KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = str(request.META.get("HTTP_AUTHORIZATION", "")).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None  # no credentials: the permission check answers 401
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Bearer <khóa>”."))
        token = header[1]
        if not token.isascii():
            raise exceptions.AuthenticationFailed(_("Khóa truy cập không hợp lệ."))
        client = ApiClient.objects.select_related("user").filter(token_hash=token_hash(token)).first()
        if client is None:
            raise exceptions.AuthenticationFailed(_("Khóa truy cập không hợp lệ."))
        if not client.is_active:
            raise exceptions.AuthenticationFailed(_("Khóa truy cập đã bị thu hồi."))
        if not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản dịch vụ của hệ thống này đã bị khóa."))
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
            client.last_used_at = now
        user = client.user
        user.api_client = client  # read by api.rules.is_client_reading_awards
        return user, client

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "khoaTruyCap"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "Khóa truy cập do quản trị viên cấp cho từng hệ thống (hiển thị một lần khi tạo). "
                "Gửi trong tiêu đề: Authorization: Bearer <khóa>."
            ),
        }
