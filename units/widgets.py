"""A unit picker that scales to a province's thousands of units: the <select> holds only the chosen
units (a plain select of 2,000 units took 1.1 s to render), and static/js/portal.js turns it into a Tom
Select that asks units:autocomplete as the user types. The form field keeps its queryset, so a posted id
outside it is refused as before; without JavaScript the select still sends what it holds."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class UnitAutocomplete(forms.Select):
    """One unit. `kind` narrows the suggestions to one kind of unit; `include_inactive` also offers units
    that stopped working (a filter over past records)."""

    placeholder = _("Gõ tên đơn vị…")
    empty_text = _("Không tìm thấy đơn vị")

    def __init__(self, attrs=None, *, kind: str = "", include_inactive: bool = False):
        super().__init__(attrs)
        self.kind = kind
        self.include_inactive = include_inactive

    def autocomplete_url(self) -> str:
        params = {key: value for key, value in (("kind", self.kind), ("inactive", "1" if self.include_inactive else "")) if value}
        url = reverse("units:autocomplete")
        return f"{url}?{urlencode(params)}" if params else url

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-autocomplete-url": self.autocomplete_url(),
            "data-placeholder": str(self.placeholder),
            "data-empty-text": str(self.empty_text),
        }
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        """Only the chosen units (those of the field's queryset: an id outside it is not drawn), and the
        empty choice of a single select."""
        every_choice = self.choices
        chosen = [str(v) for v in value if str(v).isdigit()]
        choices = []
        field = getattr(every_choice, "field", None)
        if not self.allow_multiple_selected and field is not None and field.empty_label is not None:
            choices.append(("", field.empty_label))
        if chosen and hasattr(every_choice, "queryset"):
            choices += [every_choice.choice(unit) for unit in every_choice.queryset.filter(pk__in=chosen)]
        self.choices = choices
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every_choice


class UnitMultipleAutocomplete(UnitAutocomplete, forms.SelectMultiple):
    """Several units (a cluster's members, the units a request goes to)."""

    allow_multiple_selected = True


PLAIN_SELECT_MAX = 20  # a clerk's own few units stay a plain select: nothing to type for


def autocomplete_when_many(field, *, count: int, **options) -> None:
    """Give a unit field whose queryset depends on the viewer the autocomplete when it offers more than a
    plain select should hold (`count`: its queryset's size, which the form usually counts anyway)."""
    if count > PLAIN_SELECT_MAX:
        widget = UnitAutocomplete(attrs=field.widget.attrs, **options)
        widget.is_required = field.required
        widget.choices = field.choices
        field.widget = widget
