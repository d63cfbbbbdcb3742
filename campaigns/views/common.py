"""What the campaigns views share: actions posted from a page's row, and refusals shown beside them."""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse


def post_from(page: str, *keep: str):
    """An action posted from a page (a row's form on a list or a detail page). A refused POST renders
    that page again with the user's input, at the action's address; a link followed from there, or a
    GET of the address, goes back to the page (with its query string) instead of a 405."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            if request.method == "POST":
                return view(request, **kwargs)
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["POST"])
            query = request.GET.urlencode()
            return redirect(reverse(page, kwargs={name: kwargs[name] for name in keep}) + (f"?{query}" if query else ""))

        return wrapper

    return decorator


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
