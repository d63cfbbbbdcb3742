"""Every refusal of the API is JSON with a Vietnamese message, never a 500.

Django's ValidationError (raised by the services the forms also call) becomes a 400 with the field
names the services use; Django REST framework's own English messages are replaced.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.services import ConcurrentEditError

from .services import ReferenceConflict


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def _messages() -> dict:
    return {
        exceptions.NotAuthenticated: _("Thiếu khóa truy cập: gửi tiêu đề Authorization: Bearer <khóa>."),
        exceptions.ParseError: _("Nội dung gửi lên không phải JSON hợp lệ."),
        exceptions.UnsupportedMediaType: _("Chỉ nhận nội dung dạng application/json."),
        exceptions.MethodNotAllowed: _("Phương thức này không được hỗ trợ tại địa chỉ này."),
        exceptions.NotAcceptable: _("Chỉ trả về nội dung dạng application/json."),
    }


def validation_error_detail(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {("non_field_errors" if field == "__all__" else field): msgs for field, msgs in exc.message_dict.items()}
    return {"non_field_errors": exc.messages}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, ReferenceConflict):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, ConcurrentEditError):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("Bạn không có quyền thực hiện thao tác này."))
    elif isinstance(exc, exceptions.Throttled):
        wait = exc.wait
        exc.detail = exceptions.ErrorDetail(
            _("Hệ thống gọi quá nhiều yêu cầu. Hãy thử lại sau %(seconds)s giây.") % {"seconds": int(wait or 1)}
            if wait
            else _("Hệ thống gọi quá nhiều yêu cầu. Hãy thử lại sau."),
            code="throttled",
        )
    else:
        for cls, message in _messages().items():
            if type(exc) is cls:
                exc.detail = exceptions.ErrorDetail(message, code=exc.default_code)
                break
    return drf_exception_handler(exc, context)
