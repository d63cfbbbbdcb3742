"""The filters of the dossier app's list pages (django-filter), over the rows their selectors give.

The dossier list's filter is also the Excel export's (reports.exports): the file holds what the page shows.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import search_q
from units.models import Unit
from units.selectors import units_visible_to
from units.widgets import UnitAutocomplete

from . import selectors
from .enums import CLOCK_RUNNING, Channel, CommendationKind, DossierStatus
from .models import AwardRecord, AwardRound, AwardType, Nominee


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked narrows the rows by the filter's method, unticked leaves them all."""

    field_class = forms.BooleanField


class DossierFilter(django_filters.FilterSet):
    """The dossier list's filter and its status tab (`status`, a hidden field the tabs set). Each tab counts
    the rows of every other filter (`tab_counts`)."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    round = django_filters.ModelChoiceFilter(label=_("Đợt xét"), queryset=AwardRound.objects.all(), empty_label=_("Tất cả"))
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.none(), empty_label=_("Tất cả"), widget=UnitAutocomplete(include_inactive=True)
    )
    award = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.all(), empty_label=_("Tất cả"), method="with_award"
    )
    # "Tờ trình cấp dưới" is the province's queue of what its communes sent up in the portal (#13).
    channel = django_filters.ChoiceFilter(label=_("Hình thức nộp"), choices=Channel.choices, empty_label=_("Tất cả"))
    overdue = CheckboxFilter(label=_("Chỉ hồ sơ quá hạn"), method="only_overdue")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DossierStatus.choices, widget=forms.HiddenInput)

    TAB = "status"

    def __init__(self, data=None, *, viewer, **kwargs):
        super().__init__(data, queryset=selectors.dossiers_for_list(viewer=viewer), **kwargs)
        # the acting authority's rounds and units only (#13): another's is an invalid choice, dropped
        self.filters["round"].queryset = selectors.rounds_visible_to(viewer=viewer)
        self.filters["unit"].queryset = (
            units_visible_to(viewer=viewer).filter(authority_id=selectors.acting_authority_id(viewer)).order_by("name")
        )

    def search(self, queryset, name, value):
        """The title, the unit or a nominee's name as typed (accents, case and NFD aside), or the receipt number."""
        condition = search_q(
            value,
            folded=("search_title", "unit__search_name"),
            exact=("receipt_number",),
            # IN (one scan of the nominees) rather than EXISTS per dossier: 2x faster at 50,000 nominees
            extra=(lambda word: Q(pk__in=Nominee.objects.filter(search_name__contains=word).values("dossier_id")),),
        )
        return queryset if condition is None else queryset.filter(condition)

    def with_award(self, queryset, name, value):
        return queryset.filter(Exists(Nominee.objects.filter(dossier=OuterRef("pk"), award=value)))

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=list(CLOCK_RUNNING), due_date__lt=timezone.localdate())

    def _cleaned(self) -> dict:
        """The valid filters (an invalid one, such as another unit, is dropped: never widened)."""
        return self.form.cleaned_data if self.is_bound and self.errors is not None else {}

    @property
    def tab(self) -> str:
        """The status tab shown ("" for all of them)."""
        return self._cleaned().get(self.TAB) or ""

    def tab_counts(self) -> dict[str, int]:
        """{status: rows} under every filter but the tab (one query)."""
        queryset = self.queryset.all()
        for name, value in self._cleaned().items():
            if name != self.TAB:
                queryset = self.filters[name].filter(queryset, value)
        return selectors.status_counts(queryset)


class RoundFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Năm thi đua"))
    commendation_kind = django_filters.ChoiceFilter(
        label=_("Loại hình"), choices=CommendationKind.choices, empty_label=_("Tất cả")
    )
    is_open = django_filters.BooleanFilter(
        label=_("Trạng thái"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Đang nhận hồ sơ")), ("false", _("Đã đóng"))]),
    )

    class Meta:
        model = AwardRound
        fields = ["year", "commendation_kind", "is_open"]


class LedgerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cá nhân / tập thể"), method="search")
    year = django_filters.NumberFilter(label=_("Năm"))
    award = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.order_by("sort_order", "name"), empty_label=_("Tất cả")
    )

    class Meta:
        model = AwardRecord
        fields = ["q", "year", "award"]

    def search(self, queryset, name, value):
        """Part of a person's or a collective's name (case aside)."""
        condition = search_q(value, exact=("person__full_name", "collective_name"))
        return queryset if condition is None else queryset.filter(condition)
