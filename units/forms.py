from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm

from .models import Authority, Unit
from .services import CONTACT_FIELDS
from .widgets import UnitAutocomplete


class UnitForm(VersionedModelForm):
    """Everything about a unit, for office staff."""

    class Meta:
        model = Unit
        fields = ["name", "code", "kind", "parent", "is_active", "is_disadvantaged_area", *CONTACT_FIELDS, "sort_order"]
        widgets = {"parent": UnitAutocomplete(include_inactive=True)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class UnitContactForm(VersionedModelForm):
    """What a unit's own clerk or head keeps up to date."""

    class Meta:
        model = Unit
        fields = CONTACT_FIELDS


class AuthorityForm(VersionedModelForm):
    class Meta:
        model = Authority
        fields = [f.name for f in Authority._meta.get_fields() if f.concrete and f.name not in ("id", "updated_at", "version")]
        help_texts = {"level": _("Sau 01/7/2025 không còn cấp huyện: triển khai cấp xã chỉ cần đổi cấu hình này.")}
