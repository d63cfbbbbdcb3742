import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .audit import action_label
from .models import AuditEntry
from .selectors import audit_actions


class AuditFilter(django_filters.FilterSet):
    """The audit list narrowed to one kind of action (a filter on what was recorded, not an action)."""

    action = django_filters.ChoiceFilter(
        label=_("Hành động"), empty_label=_("Mọi hành động"), widget=forms.Select(attrs={"class": "form-select"})
    )

    class Meta:
        model = AuditEntry
        fields = ["action"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["action"].choices = [("", _("Mọi hành động"))] + [(a, action_label(a)) for a in audit_actions()]
