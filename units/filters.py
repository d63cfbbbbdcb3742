import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import search_q

from .enums import UnitKind
from .models import Unit


class UnitFilter(django_filters.FilterSet):
    """The unit list: a name or code, a kind (with how many active units of it the viewer sees), and
    whether units that stopped working are shown."""

    q = django_filters.CharFilter(label=_("Tên đơn vị"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices, empty_label=_("Tất cả"))
    inactive = django_filters.BooleanFilter(
        label=_("Cả đơn vị ngừng hoạt động"), method="with_inactive", widget=forms.CheckboxInput
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "inactive"]

    def __init__(self, *args, kind_counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = kind_counts or {}
        self.form.fields["kind"].choices = [("", _("Tất cả"))] + [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in UnitKind.choices
        ]

    def search(self, queryset, name, value):
        condition = search_q(value, folded=("search_name",), exact=("code",))
        return queryset if condition is None else queryset.filter(condition)

    def with_inactive(self, queryset, name, value):
        return queryset if value else queryset.filter(is_active=True)

    @property
    def narrowed(self) -> bool:
        """A search or a kind was asked: the rows are a flat list, not the tree."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return bool(data.get("q") or data.get("kind"))
