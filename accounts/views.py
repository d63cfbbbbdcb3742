from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from rules.contrib.views import permission_required

from core.forms import apply_validation_error
from core.models import AuditEntry
from core.services import ConcurrentEditError

from . import services
from .filters import UserFilter
from .forms import LoginForm, OutboxPasswordResetForm, ProfileForm, RoleGrantForm, UserCreateForm, UserEditForm
from .models import RoleAssignment
from .selectors import role_assignments_of, users_for_management
from .tables import UserTable

# --- Signing in and out, passwords -------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


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


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(
                user=user, expected_version=data["version"], email=data["email"], phone=data["phone"], position=data["position"]
            )
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu thông tin tài khoản."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "assignments": role_assignments_of(user=user)})


# --- Staff manage people -----------------------------------------------------------------------


@permission_required("accounts.manage_users", raise_exception=True)
def user_list(request):
    user_filter = UserFilter(request.GET, queryset=users_for_management(viewer=request.user))
    table = UserTable(user_filter.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "accounts/user_list.html", {"filter": user_filter, "table": table})


@permission_required("accounts.manage_users", raise_exception=True)
def user_create(request):
    form = UserCreateForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.user_create(
                by=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                position=data["position"],
                role=data["role"],
                unit=data["unit"],
                invite_by_email=data["invite_by_email"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _announce_password(request, user, password)
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("Thêm người dùng")})


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
    return get_object_or_404(users_for_management(viewer=request.user), pk=pk)


@permission_required("accounts.manage_users", raise_exception=True)
def user_detail(request, pk):
    user = _managed_user(request, pk)
    grant_form = RoleGrantForm(request.POST or None, by=request.user)
    if request.method == "POST" and grant_form.is_valid():
        try:
            services.role_grant(
                by=request.user, user=user, role=grant_form.cleaned_data["role"], unit=grant_form.cleaned_data["unit"]
            )
        except ValidationError as exc:
            apply_validation_error(grant_form, exc)
        else:
            messages.success(request, _("Đã giao vai trò."))
            return redirect("accounts:user_detail", pk=user.pk)
    history = AuditEntry.objects.filter(
        content_type__app_label="accounts", content_type__model="user", object_id=str(user.pk)
    ).select_related("actor")[:50]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "managed": user,
            "grant_form": grant_form,
            "assignments": role_assignments_of(user=user),
            "history": history,
        },
    )


@permission_required("accounts.manage_users", raise_exception=True)
def user_edit(request, pk):
    user = _managed_user(request, pk)
    form = UserEditForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                by=request.user,
                user=user,
                expected_version=form.cleaned_data["version"],
                **{k: form.cleaned_data[k] for k in services.PROFILE_FIELDS},
            )
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin người dùng."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("Sửa thông tin người dùng"), "managed": user})


@require_POST
@permission_required("accounts.manage_users", raise_exception=True)
def role_revoke(request, pk, assignment_pk):
    user = _managed_user(request, pk)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=user)
    services.role_revoke(by=request.user, assignment=assignment)
    messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@permission_required("accounts.manage_users", raise_exception=True)
def user_reset_password(request, pk):
    user = _managed_user(request, pk)
    try:
        password = services.user_reset_password(by=request.user, user=user, by_email=request.POST.get("method") == "email")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _announce_password(request, user, password)
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@permission_required("accounts.manage_users", raise_exception=True)
def user_set_active(request, pk):
    user = _managed_user(request, pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(by=request.user, user=user, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản."))
    return redirect("accounts:user_detail", pk=user.pk)
