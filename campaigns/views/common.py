"""What the campaigns views share: refusals shown beside the row's form they belong to."""

from django.contrib import messages


def refused_beside(request, form, *, shown: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A refused form embedded in a page (core.actions.form_action has put the refusal on it): every
    error is returned to be printed beside the form (the row it belongs to); those not tied to a field
    the page shows (`shown`: a version conflict, a hidden field) also go to the top of the page. The form
    keeps what the user typed."""
    beside = []
    for name, errors in form.errors.items():
        beside.extend(errors)
        if name not in shown:
            for error in errors:
                messages.error(request, error)
    return tuple(beside)
