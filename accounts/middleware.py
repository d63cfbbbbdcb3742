from django.contrib import auth, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from units.models import Authority

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


# The session key of the authority a user chose to act in (accounts.views.act_in).
ACTING_AUTHORITY_KEY = "acting_authority"


class ActingAuthorityMiddleware:
    """Which authority the request acts in (#13): request.authority, read only when a page needs it.

    The user's roles answer for that authority only (accounts.models.User.acting_authority_id), so
    permissions and selectors never mix two authorities. Put right after AuthenticationMiddleware: it
    wraps the lazy user so the choice in the session is known before any role is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: _with_choice(auth.get_user(request), request.session))
        request.authority = SimpleLazyObject(lambda: _authority(request))
        return self.get_response(request)


def _with_choice(user, session):
    if user.is_authenticated:
        user.prefer_authority(session.get(ACTING_AUTHORITY_KEY))
    return user


def _authority(request) -> Authority:
    user = request.user
    if user.is_authenticated:
        found = Authority.objects.filter(pk=user.acting_authority_id).first()
        if found is not None:
            return found
    return Authority.root()
