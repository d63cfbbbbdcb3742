"""What the campaigns lists filter by (django-filter), over the rows their selectors give."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.text import search_q

from .enums import BoardState, CampaignKind
from .models import Campaign, RequestRecipient, SubmissionRequest


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Tên phong trào, đơn vị chủ trì, văn bản")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Loại phong trào"), choices=CampaignKind.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Campaign
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        """Name, launching document or owner, as typed: accents, case and NFD aside."""
        condition = search_q(value, folded=("search_text", "owner__search_name"))
        return queryset if condition is None else queryset.filter(condition)


# The request list's tabs keep their Vietnamese address: ?trang-thai=open (the default), closed or all.
STATE = "trang-thai"
STATES = ("open", "closed", "all")


TABS = [("open", _("Đang theo dõi")), ("closed", _("Đã kết thúc")), ("all", _("Tất cả"))]


class RequestFilter(django_filters.FilterSet):
    tab = django_filters.ChoiceFilter(choices=TABS, method="by_state")
    tabs = TABS

    class Meta:
        model = SubmissionRequest
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = (data if data is not None else QueryDict()).copy()
        if data.get(STATE) not in STATES:
            data[STATE] = "open"
        super().__init__(data, *args, **kwargs)

    @property
    def state(self) -> str:
        return self.data[STATE]

    def by_state(self, queryset, name, value):
        if value == "all":
            return queryset
        return queryset.filter(closed_at__isnull=value == "open")


RequestFilter.base_filters[STATE] = RequestFilter.base_filters.pop("tab")


class BoardFilter(django_filters.FilterSet):
    """The tracking board by state (?loc=…), over rows that carry `board_state` (selectors.requests)."""

    loc = django_filters.ChoiceFilter(field_name="board_state", choices=BoardState.choices)

    class Meta:
        model = RequestRecipient
        fields = []

    @property
    def state(self) -> str:
        value = self.data.get("loc", "")
        return value if value in BoardState.values else ""

    @property
    def qs(self):
        """Not narrowed, the rows as given: the page has read them already (for its counts) and shows that read."""
        return super().qs if self.state else self.queryset
