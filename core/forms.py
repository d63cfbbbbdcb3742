from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from .services import ConcurrentEditError


def form_helper() -> FormHelper:
    """Crispy forms render their fields inside the page's own <form>, which carries the CSRF and
    one-time tokens: no second form tag."""
    helper = FormHelper()
    helper.form_tag = False
    return helper


class HelperMixin:
    """A form that renders through crispy forms inside the page's own <form>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class VersionedModelForm(HelperMixin, forms.ModelForm):
    """Carries the version the user opened, so a save over somebody else's newer change is refused
    (core.services.save_with_version)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1


def apply_validation_error(form, exc: ValidationError | ConcurrentEditError) -> None:
    """Show a service's refusal on the form, which keeps everything the user typed: a ValidationError
    on its fields, a lost race (ConcurrentEditError) at the top."""
    if isinstance(exc, ConcurrentEditError):
        form.add_error(None, str(exc))
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
