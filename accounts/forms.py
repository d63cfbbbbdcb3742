from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.actions import OnceField
from core.forms import VersionedModelForm, form_helper
from notifications.services import email_queue
from units.models import Authority, Unit
from units.selectors import authority_choices
from units.widgets import UnitAutocomplete

from .enums import AUTHORITY_ROLES, UNIT_ROLES, Role
from .models import User


def grantable_roles(user) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if user.has_perm("accounts.grant_role", value)]


class _RoleUnitMixin:
    """A role with the unit it is held for (the unit is required for a clerk or a unit head), or with the
    authority it counts in (#13). Units are those of the authority the granter acts in; only the system
    administrator chooses the authority of an office, council or chairmanship role (a select of the
    tree), office staff grant such roles in their own authority."""

    def _scope_role_fields(self, by) -> None:
        self.fields["role"].choices = [("", "---------"), *grantable_roles(by)]
        self.fields["unit"].queryset = Unit.objects.active().filter(authority_id=by.acting_authority_id).order_by("name")
        if by.has_perm("accounts.manage_all_users"):
            field = forms.ModelChoiceField(
                label=_("Cơ quan"),
                queryset=Authority.objects.working(),
                required=False,
                initial=by.acting_authority_id,
                help_text=_(
                    "Nơi vai trò có hiệu lực, với cán bộ cơ quan thường trực, thành viên và Chủ tịch Hội đồng. "
                    "Vai trò của đơn vị có hiệu lực ở cơ quan của đơn vị."
                ),
            )
            field.choices = [("", "---------"), *authority_choices()]
            ordered = {}
            for name, existing in self.fields.items():
                ordered[name] = existing
                if name == "unit":
                    ordered["authority"] = field
            self.fields = ordered

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in UNIT_ROLES and not cleaned.get("unit"):
            self.add_error("unit", _("Vai trò này phải gắn với một đơn vị."))
        if role in AUTHORITY_ROLES and "authority" in self.fields and not cleaned.get("authority"):
            self.add_error("authority", _("Hãy chọn cơ quan nơi vai trò này có hiệu lực."))
        if role not in AUTHORITY_ROLES:
            cleaned["authority"] = None  # a unit's role counts in the unit's authority, the administrator's everywhere
        return cleaned


class UserCreateForm(_RoleUnitMixin, forms.ModelForm):
    once = OnceField()
    role = forms.ChoiceField(label=_("Vai trò"))
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.active().order_by("name"),
        required=False,
        widget=UnitAutocomplete(),
        help_text=_("Bắt buộc với cán bộ phụ trách TĐKT và thủ trưởng đơn vị."),
    )
    invite_by_email = forms.BooleanField(
        label=_("Gửi thư mời đặt mật khẩu qua thư điện tử"),
        required=False,
        initial=True,
        help_text=_("Nếu bỏ chọn (hoặc không có thư điện tử), hệ thống tạo mật khẩu tạm để bạn trao cho người dùng."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone", "position"]

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope_role_fields(by)
        self.fields["full_name"].required = True
        # Django's own Vietnamese for this help text reads "Yêu cầu. 150 ký tự hoặc ít hơn…".
        self.fields["username"].help_text = _(
            "Bắt buộc, tối đa 150 ký tự: chữ cái, chữ số và các dấu @ . + - _ (không có dấu cách), ví dụ vanthu.kimbai."
        )
        self.helper = form_helper()


class UserEditForm(VersionedModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class RoleGrantForm(_RoleUnitMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"))
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.active().order_by("name"), required=False, widget=UnitAutocomplete()
    )

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope_role_fields(by)
        self.helper = form_helper()


class ProfileForm(VersionedModelForm):
    class Meta:
        model = User
        fields = ["email", "phone", "position"]


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ cơ quan thường trực thi đua, khen thưởng."),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the portal's outbox and Celery."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        user = context["user"]
        email_queue(
            to=to_email,
            subject=str(_("Đặt lại mật khẩu trên Cổng thi đua, khen thưởng")),
            template="password_reset",
            context={
                "user": user,
                # From SITE_URL, never from the request's Host header (which a client chooses).
                "url": settings.SITE_URL
                + reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}),
            },
        )


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực 6 chữ số"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("Mã đang hiện trên ứng dụng xác thực, đổi sau mỗi 30 giây."),
    )


class TwoFactorLoginForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực 6 chữ số hoặc mã dự phòng"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}),
        help_text=_(
            "Mở ứng dụng xác thực trên điện thoại để xem mã. Mất điện thoại? Nhập một mã dự phòng (dạng xxxx-xxxx-xxxx)."
        ),
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu hiện tại"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
