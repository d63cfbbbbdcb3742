from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.actions import OnceField
from core.forms import HelperMixin, VersionedModelForm

from .models import Authority, Unit
from .selectors import authority_choices
from .services import AUTHORITY_FIELDS, CONTACT_FIELDS
from .widgets import UnitAutocomplete


class UnitForm(VersionedModelForm):
    """Everything about a unit, for office staff. The unit above is one of the same authority (#13):
    `authority` is the unit's own, or for a new unit the one the staff member acts in."""

    class Meta:
        model = Unit
        fields = ["name", "code", "kind", "parent", "is_active", "is_disadvantaged_area", *CONTACT_FIELDS, "sort_order"]
        widgets = {"parent": UnitAutocomplete(include_inactive=True)}

    def __init__(self, *args, authority: Authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        parents = Unit.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        # Every unit: a parent of another authority gets its own message below, not "not a valid choice".
        self.fields["parent"].queryset = parents

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and parent.authority_id != self.authority.pk:
            raise ValidationError(_("Đơn vị cấp trên phải thuộc cùng cơ quan ban hành với đơn vị này."))
        return parent


class UnitContactForm(VersionedModelForm):
    """What a unit's own clerk or head keeps up to date."""

    class Meta:
        model = Unit
        fields = CONTACT_FIELDS


class AuthorityForm(VersionedModelForm):
    """An authority's names, level, place in the tree and signers (the settings page, the authorities
    page). The parent is a plain select of the tree; the top authority has none, the others must."""

    class Meta:
        model = Authority
        fields = AUTHORITY_FIELDS
        help_texts = {"level": _("Sau 01/7/2025 không còn cấp huyện: triển khai cấp xã chỉ cần đổi cấu hình này.")}
        widgets = {"dissolved_on": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        below = Authority.objects.descendant_ids(self.instance.pk) if self.instance.pk else set()
        parent.choices = [("", "---------")] + [(pk, label) for pk, label in authority_choices() if pk not in below]
        if self.instance.pk and self.instance.parent_id is None:
            parent.disabled = True
            parent.help_text = _("Cơ quan cao nhất của hệ thống không có cơ quan cấp trên.")
            del self.fields["proposing_unit"]  # nobody above to propose to
            del self.fields["dissolved_on"], self.fields["successor"]  # the top authority is never dissolved
        else:
            parent.required = True
            # The unit it proposes under is one of its parent's (#13): a commune among the province's units.
            self.fields["proposing_unit"].queryset = Unit.objects.filter(authority_id=self.instance.parent_id).order_by(
                "sort_order", "name"
            )
            # A dissolved authority hands its records to one still working, never to itself (#13, the 2025 reform).
            self.fields["dissolved_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
            successor = self.fields["successor"]
            successor.queryset = Authority.objects.filter(dissolved_on__isnull=True).exclude(pk=self.instance.pk)
            working = set(successor.queryset.values_list("pk", flat=True))
            successor.choices = [("", "---------")] + [(pk, label) for pk, label in authority_choices() if pk in working]
        self._thresholds()

    def _thresholds(self):
        """Its own thresholds in a section of their own, each saying what is in force now and where it comes from
        (this authority, the one above, the legal catalogue): the stored values, read before the form is bound."""
        quota, days = self.fields["cstdcs_quota_percent"], self.fields["processing_days"]
        # Typed and shown the Vietnamese way, "12,5" ("12.5" is understood too): a text box, not type="number".
        quota.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        quota.localize = quota.widget.is_localized = True
        # The model's own checks with their Vietnamese messages (the digits are checked when the model is).
        model_checks = Authority._meta.get_field("cstdcs_quota_percent").validators
        quota.validators = [check for check in model_checks if not isinstance(check, DecimalValidator)]
        days.validators = list(Authority._meta.get_field("processing_days").validators)
        days.widget.attrs.update(min=1, max=365)
        self.in_force = {}
        if self.instance.pk:
            for name, unit in (("cstdcs_quota_percent", "%"), ("processing_days", _("ngày làm việc"))):
                self.in_force[name] = self.instance.threshold(name).summary(str(unit))
                now = _("Đang áp dụng: %(now)s.") % {"now": self.in_force[name]}
                self.fields[name].help_text = format_html("{}<br><strong>{}</strong>", self.fields[name].help_text, now)
        others = [name for name in self.fields if name not in Authority.THRESHOLDS]
        self.helper.layout = Layout(*others, Fieldset(_("Ngưỡng áp dụng riêng"), *Authority.THRESHOLDS))


class AuthorityCreateForm(HelperMixin, forms.ModelForm):
    """A new authority under another (a commune under the province): what every page and document prints."""

    once = OnceField()

    class Meta:
        model = Authority
        fields = [
            "parent",
            "level",
            "code",
            "name",
            "short_name",
            "standing_office_name",
            "council_name",
            "place_name",
            "document_code",
            "office_code",
            "parent_name",
            "parent_addressee",
            "chair_title",
            "chair_name",
            "deputy_name",
            "address",
            "email",
            "phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].required = True
        self.fields["parent"].choices = [("", "---------"), *authority_choices()]
        self.fields["code"].required = True
