import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import search_q
from units.models import Unit
from units.widgets import UnitAutocomplete

from .enums import Role
from .models import User


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"),
        choices=Role.choices,
        field_name="role_assignments__role",
        distinct=True,
        empty_label=_("Tất cả"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"),
        queryset=Unit.objects.order_by("name"),
        field_name="role_assignments__unit",
        distinct=True,
        empty_label=_("Tất cả"),
        widget=UnitAutocomplete(include_inactive=True),
    )
    is_active = django_filters.BooleanFilter(
        label=_("Trạng thái"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Đang hoạt động")), ("false", _("Đã khóa"))]),
    )

    class Meta:
        model = User
        fields = ["q", "role", "unit", "is_active"]

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer is not None and not viewer.has_perm("accounts.manage_all_users"):
            # Office staff filter by the units of the authority they act in (#13).
            self.filters["unit"].queryset = Unit.objects.filter(authority_id=viewer.acting_authority_id).order_by("name")

    def search(self, queryset, name, value):
        condition = search_q(value, folded=("search_name",), exact=("username", "email", "phone"))
        return queryset if condition is None else queryset.filter(condition)
