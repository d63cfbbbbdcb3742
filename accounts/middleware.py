from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import two_factor


class ForcePasswordChangeMiddleware:
    """What a signed-in user must do before anything else: set their own password when holding a temporary
    one; then set up two-step sign-in when one of their roles requires it (TWO_FACTOR_REQUIRED_ROLES)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            if user.must_change_password:
                allowed = {reverse("password_change"), reverse("logout")}
                if request.path not in allowed:
                    messages.info(request, _("Bạn đang dùng mật khẩu tạm. Vui lòng đặt mật khẩu mới để tiếp tục."))
                    return redirect("password_change")
            elif two_factor.required_for(user) and not two_factor.has_two_factor(user):
                allowed = {
                    reverse("accounts:two_factor_setup"),
                    reverse("accounts:two_factor_recovery_codes"),
                    reverse("logout"),
                }
                if request.path not in allowed:
                    messages.info(request, _("Vai trò của bạn bắt buộc dùng xác thực hai bước. Vui lòng thiết lập để tiếp tục."))
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)
