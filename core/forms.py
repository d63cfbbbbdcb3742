from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_validation_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, which keeps everything the user typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def errors_to_messages(request, exc: ValidationError) -> None:
    """Show a service's refusal on the next page (for actions posted from a page with no form)."""
    for message in exc.messages:
        messages.error(request, message)
