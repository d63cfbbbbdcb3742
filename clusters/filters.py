import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmulationGroup


class GroupFilter(django_filters.FilterSet):
    """The group list shows one year at a time (the view fills in the latest year when none is asked)."""

    nam = django_filters.NumberFilter(
        field_name="year",
        label=_("Năm"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm", "data-autosubmit": True}),
    )

    class Meta:
        model = EmulationGroup
        fields = ["nam"]

    def __init__(self, data=None, *args, years=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["nam"].widget.choices = [(year, year) for year in years]
