from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import form_action, post_action, scope_required, visible_or_404
from core.imports import Stash, confirm, upload_page, xlsx_response
from core.lists import list_page
from core.selectors import audit_history
from units.models import Authority
from units.sheets import ONBOARDING_STASH

from . import services, two_factor
from .filters import UserFilter
from .forms import (
    LoginForm,
    OutboxPasswordResetForm,
    PasswordConfirmForm,
    ProfileForm,
    RoleGrantForm,
    TwoFactorLoginForm,
    TwoFactorSetupForm,
    UserCreateForm,
    UserEditForm,
)
from .imports import parse_users, user_template, users_import
from .middleware import ACTING_AUTHORITY_KEY, may_act_in
from .models import RecoveryCode, User
from .selectors import role_assignments_of, users_for_management
from .tables import UserTable

# --- Signing in and out, passwords -------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """The password step. A user with two-step sign-in is not logged in here: the session only gets a
    signed, short-lived marker, and the code step (login_two_factor) logs them in."""

    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_two_factor(user):
            return super().form_valid(form)
        self.request.session[two_factor.PENDING_SESSION_KEY] = two_factor.pending_dump(
            user=user, backend=user.backend, redirect_to=self.get_success_url()
        )
        self.request.session[TWO_FACTOR_FAILURES_KEY] = 0
        return redirect("login_two_factor")


TWO_FACTOR_FAILURES_KEY = "two_factor_failures"


def _back_to_password_step(request, message):
    request.session.pop(two_factor.PENDING_SESSION_KEY, None)
    request.session.pop(TWO_FACTOR_FAILURES_KEY, None)
    messages.error(request, message)
    return redirect("login")


def login_two_factor(request):
    """The code step: a 6-digit code from the authenticator app, or one recovery code."""
    pending = two_factor.pending_load(request.session.get(two_factor.PENDING_SESSION_KEY))
    if pending is None:
        return _back_to_password_step(request, _("Phiên đăng nhập đã hết hạn. Vui lòng nhập lại tên đăng nhập và mật khẩu."))
    user = User.objects.filter(pk=pending["uid"], is_active=True).first()
    if user is None or not two_factor.has_two_factor(user):
        return _back_to_password_step(request, _("Vui lòng đăng nhập lại."))
    form = TwoFactorLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.two_factor_check(user=user, code=form.cleaned_data["code"])
        if result in (services.CodeCheck.TOTP, services.CodeCheck.RECOVERY):
            request.session.pop(two_factor.PENDING_SESSION_KEY, None)
            request.session.pop(TWO_FACTOR_FAILURES_KEY, None)
            auth_login(request, user, backend=pending["backend"])
            if result == services.CodeCheck.RECOVERY:
                left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
                messages.warning(
                    request,
                    _("Bạn vừa dùng một mã dự phòng; còn %(n)s mã. Mã đã dùng không dùng lại được.") % {"n": left},
                )
            redirect_to = pending["next"]
            if not url_has_allowed_host_and_scheme(redirect_to, allowed_hosts={request.get_host()}):
                redirect_to = resolve_url(settings.LOGIN_REDIRECT_URL)
            return redirect(redirect_to)
        if result == services.CodeCheck.THROTTLED:
            form.add_error("code", _("Bạn vừa nhập sai. Vui lòng chờ vài giây rồi nhập lại mã."))
        else:
            # A wrong code counts as a failed sign-in for django-axes too (locks the account like wrong passwords).
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
            failures = request.session.get(TWO_FACTOR_FAILURES_KEY, 0) + 1
            request.session[TWO_FACTOR_FAILURES_KEY] = failures
            if failures >= two_factor.MAX_CODE_FAILURES or getattr(request, "axes_locked_out", False):
                return _back_to_password_step(
                    request, _("Nhập sai mã quá %(n)s lần. Vui lòng đăng nhập lại từ đầu.") % {"n": two_factor.MAX_CODE_FAILURES}
                )
            form.add_error(
                "code",
                _("Mã không đúng hoặc đã được dùng. Còn %(n)s lần thử.") % {"n": two_factor.MAX_CODE_FAILURES - failures},
            )
    return render(request, "registration/login_two_factor.html", {"form": form, "pending_user": user})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        form.user.must_change_password = False  # saved with the new password by form.save()
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "registration/password_reset_form.html"


# --- The user's own account --------------------------------------------------------------------


def _profile_page(request, *, form=None, disable_form=None, regenerate_form=None):
    user = request.user
    device = two_factor.confirmed_device(user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form or ProfileForm(instance=user),
            "assignments": role_assignments_of(user=user),
            "two_factor_on": device is not None,
            "two_factor_required": two_factor.required_for(user),
            "recovery_left": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() if device else 0,
            "disable_form": disable_form or PasswordConfirmForm(prefix="disable"),
            "regenerate_form": regenerate_form or PasswordConfirmForm(prefix="regenerate"),
        },
    )


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    return form_action(
        request,
        form,
        lambda data: services.profile_update(
            user=user, expected_version=data["version"], email=data["email"], phone=data["phone"], position=data["position"]
        ),
        success=_("Đã lưu thông tin tài khoản."),
        redirect_to=reverse("accounts:profile"),
        render=lambda: _profile_page(request, form=form),
    )


# --- Two-step sign-in: the user's own set-up -------------------------------------------------------

RECOVERY_CODES_SESSION_KEY = "two_factor_new_recovery_codes"


@login_required
def two_factor_setup(request):
    if two_factor.has_two_factor(request.user):
        messages.info(request, _("Xác thực hai bước đã được bật cho tài khoản của bạn."))
        return redirect("accounts:profile")
    device = services.two_factor_begin(user=request.user)
    form = TwoFactorSetupForm(request.POST or None)
    return form_action(
        request,
        form,
        lambda data: _keep_codes(request, services.two_factor_enable(user=request.user, device=device, code=data["code"])),
        success=_("Đã bật xác thực hai bước."),
        redirect_to=reverse("accounts:two_factor_recovery_codes"),
        render=lambda: render(
            request,
            "accounts/two_factor_setup.html",
            {
                "form": form,
                "qr_svg": mark_safe(two_factor.qr_svg(device)),
                "secret": two_factor.secret_display(device),
                "required": two_factor.required_for(request.user),
            },
        ),
    )


def _keep_codes(request, codes):
    """New recovery codes wait in the session for the one page that shows them."""
    request.session[RECOVERY_CODES_SESSION_KEY] = codes
    return codes


@login_required
def two_factor_recovery_codes(request):
    """The new recovery codes, shown once: they leave the session as the page is drawn."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:profile")
    response = render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def two_factor_disable(request):
    form = PasswordConfirmForm(request.POST, prefix="disable")
    return form_action(
        request,
        form,
        lambda data: services.two_factor_disable(user=request.user, password=data["password"]),
        success=_("Đã tắt xác thực hai bước."),
        redirect_to=reverse("accounts:profile"),
        render=lambda: _profile_page(request, disable_form=form),
    )


@require_POST
@login_required
def two_factor_regenerate(request):
    form = PasswordConfirmForm(request.POST, prefix="regenerate")
    return form_action(
        request,
        form,
        lambda data: _keep_codes(request, services.two_factor_recovery_regenerate(user=request.user, password=data["password"])),
        success=_("Đã tạo bộ mã dự phòng mới; các mã cũ không còn dùng được."),
        redirect_to=reverse("accounts:two_factor_recovery_codes"),
        render=lambda: _profile_page(request, regenerate_form=form),
    )


# --- The authority a user acts in (#13) -----------------------------------------------------------------


@require_POST
@login_required
def act_in(request):
    """Switch the authority the user acts in (the navbar's menu): one they hold a role in, or any for the
    administrator. The choice lives in the session (accounts.middleware reads it on every request)."""
    user = request.user
    chosen = request.POST.get("authority", "")
    authority = Authority.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if authority is None or not may_act_in(user, authority.pk):
        messages.error(request, _("Bạn không có vai trò nào tại cơ quan này."))
        return redirect("dashboard")
    request.session[ACTING_AUTHORITY_KEY] = authority.pk
    messages.success(request, _("Bạn đang làm việc tại %(name)s.") % {"name": authority})
    return redirect("dashboard")


# --- Staff manage people -----------------------------------------------------------------------


@permission_required("accounts.manage_users", raise_exception=True)
def user_list(request):
    user_filter = UserFilter(request.GET, queryset=users_for_management(viewer=request.user), viewer=request.user)
    return list_page(request, "accounts/user_list.html", table_class=UserTable, filterset=user_filter)


@permission_required("accounts.manage_users", raise_exception=True)
def user_create(request):
    form = UserCreateForm(request.POST or None, by=request.user)

    def create(data):
        user, password = services.user_create(by=request.user, **data)
        _announce_password(request, user, password)
        return user

    return form_action(
        request,
        form,
        create,
        redirect_to=lambda user: reverse("accounts:user_detail", args=[user.pk]),
        render=lambda: render(request, "accounts/user_form.html", {"form": form, "title": _("Thêm người dùng")}),
    )


def _announce_password(request, user, password):
    if password:
        messages.warning(
            request,
            _("Mật khẩu tạm của %(name)s là %(password)s — chỉ hiển thị một lần. Người dùng phải đổi mật khẩu khi đăng nhập.")
            % {"name": user.full_name, "password": password},
        )
    else:
        messages.success(request, _("Đã gửi thư hướng dẫn đặt mật khẩu tới %(email)s.") % {"email": user.email})


def _managed_user(request, pk):
    return visible_or_404(request, users_for_management, pk=pk)


@scope_required("accounts.manage_users")
def user_detail(request, pk):
    user = _managed_user(request, pk)
    grant_form = RoleGrantForm(request.POST or None, by=request.user)
    return form_action(
        request,
        grant_form,
        lambda data: services.role_grant(
            by=request.user, user=user, role=data["role"], unit=data["unit"], authority=data.get("authority")
        ),
        success=_("Đã giao vai trò."),
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
        render=lambda: _user_page(request, user, grant_form),
    )


def _user_page(request, user, grant_form):
    history = audit_history(user)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "managed": user,
            "grant_form": grant_form,
            "assignments": role_assignments_of(user=user, viewer=request.user),
            "history": history,
            "managed_two_factor": two_factor.has_two_factor(user),
        },
    )


@scope_required("accounts.manage_users")
def user_edit(request, pk):
    user = _managed_user(request, pk)
    form = UserEditForm(request.POST or None, instance=user)
    return form_action(
        request,
        form,
        lambda data: services.user_update(
            by=request.user,
            user=user,
            expected_version=data["version"],
            **{k: data[k] for k in services.PROFILE_FIELDS},
        ),
        success=_("Đã lưu thông tin người dùng."),
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
        render=lambda: render(
            request, "accounts/user_form.html", {"form": form, "title": _("Sửa thông tin người dùng"), "managed": user}
        ),
    )


@require_POST
@scope_required("accounts.manage_users")
def role_revoke(request, pk, assignment_pk):
    user = _managed_user(request, pk)
    assignment = visible_or_404(request, role_assignments_of(user=user, viewer=request.user), pk=assignment_pk)
    return post_action(
        request,
        lambda: services.role_revoke(by=request.user, assignment=assignment),
        success=_("Đã thu hồi vai trò."),
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
    )


@require_POST
@scope_required("accounts.manage_users")
def user_reset_password(request, pk):
    user = _managed_user(request, pk)
    return post_action(
        request,
        lambda: _announce_password(
            request,
            user,
            services.user_reset_password(by=request.user, user=user, by_email=request.POST.get("method") == "email"),
        ),
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
    )


@require_POST
@scope_required("accounts.manage_users")
def user_two_factor_reset(request, pk):
    user = _managed_user(request, pk)
    return post_action(
        request,
        lambda: services.two_factor_reset(by=request.user, user=user),
        success=_("Đã đặt lại xác thực hai bước của %(name)s; người dùng cần thiết lập lại.") % {"name": user.full_name},
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
    )


@require_POST
@scope_required("accounts.manage_users")
def user_set_active(request, pk):
    user = _managed_user(request, pk)
    active = request.POST.get("active") == "1"
    return post_action(
        request,
        lambda: services.user_set_active(by=request.user, user=user, active=active),
        success=_("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản."),
        redirect_to=reverse("accounts:user_detail", args=[user.pk]),
    )


# --- Onboarding: accounts from Excel (#13) -------------------------------------------------------------


@permission_required("accounts.manage_users", raise_exception=True)
def user_import_template(request):
    return xlsx_response(user_template(by=request.user), "Mẫu danh sách tài khoản.xlsx")


@permission_required("accounts.manage_users", raise_exception=True)
def user_import(request):
    return upload_page(
        request,
        "accounts/user_import.html",
        Stash(request, key=ONBOARDING_STASH, kind="users"),
        parse=lambda file: parse_users(file, by=request.user),
        context={},
    )


@require_POST
@permission_required("accounts.manage_users", raise_exception=True)
def user_import_confirm(request):
    return confirm(
        request,
        Stash(request, key=ONBOARDING_STASH, kind="users"),
        parse=lambda file: parse_users(file, by=request.user),
        save=lambda preview: users_import(by=request.user, preview=preview),
        page=reverse("accounts:user_import"),
        done=reverse("accounts:user_list"),
        template="accounts/user_import.html",
        context={},
        success=lambda counts: _("Đã tạo %(created)s tài khoản (đã gửi thư mời), giao thêm %(granted)s vai trò.") % counts,
    )
