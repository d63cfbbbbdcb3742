from django.contrib import auth, messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.http import escape_leading_slashes
from django.utils.translation import gettext as _

from notifications.links import AUTHORITY_PARAM
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

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A link into an authority (`?co_quan=<pk>`, notifications.links): act there if the user may, then
        the same page without the parameter. Run as the view is about to be called, so a required password
        change comes first and a signed-out user signs in with the whole link kept in `next`."""
        if AUTHORITY_PARAM not in request.GET or request.method not in ("GET", "HEAD"):
            return None
        if not request.user.is_authenticated:
            return None
        chosen = request.GET.get(AUTHORITY_PARAM, "")
        if chosen.isascii() and chosen.isdigit() and len(chosen) <= 9:
            _act_in_from_link(request, int(chosen))
        rest = request.GET.copy()
        rest.pop(AUTHORITY_PARAM)
        query = rest.urlencode()
        path = escape_leading_slashes(escape_uri_path(request.path))  # the decoded path, quoted again
        return HttpResponseRedirect(f"{path}?{query}" if query else path)


def may_act_in(user, authority_id: int) -> bool:
    """A user acts where they hold a role; the administrator anywhere (User.acting_authority_id agrees)."""
    if Authority.objects.working().filter(pk=authority_id).exists() is False:
        return False  # a dissolved authority keeps its name for history; nobody works in it
    return authority_id in user.authority_ids() or user.has_perm("accounts.manage_all_users")


def _act_in_from_link(request, authority_id: int) -> None:
    """Switch to the link's authority when it is one of the user's own; anything else is ignored quietly
    (the page then answers as it would for the authority they act in: another authority's record is a 404)."""
    user = request.user
    if authority_id == user.acting_authority_id or not may_act_in(user, authority_id):
        return
    request.session[ACTING_AUTHORITY_KEY] = authority_id
    user.prefer_authority(authority_id)
    messages.info(request, _("Bạn đang làm việc tại %(name)s.") % {"name": Authority.objects.get(pk=authority_id)})


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
