from django.contrib import messages
from django.core.exceptions import ValidationError

from .services import ConcurrentEditError


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


def errors_to_messages(request, exc: ValidationError) -> None:
    """Show a service's refusal on the next page (for actions posted from a page with no form)."""
    for message in exc.messages:
        messages.error(request, message)
