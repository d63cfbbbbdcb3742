"""One refusal policy and one action-view helper: every view that changes state ends here.

The refusal policy (written once; README "Refusals" repeats it)
---------------------------------------------------------------
1. Not signed in: every page but the public ones redirects to the sign-in page (``login_required``).
2. Outside the viewer's scope: an object the viewer may not see answers **404**, exactly like an object
   that does not exist — pages, files, PDFs, exports, the API (JSON 404) alike. An object is fetched
   through the viewer's selector (or checked with its ``view_…`` rule) *before* anything else is
   looked at, so the status code never tells whether something exists. A page about a kind of object
   the viewer's role never sees (a decision for a unit clerk, a meeting for a clerk) is outside scope
   too: 404.
3. Inside scope but not allowed: the viewer sees the object but may not take this action (a clerk may
   read the dossier but not receive it; the state forbids it): a POST answers with a Vietnamese message
   on the object's page (``messages.error`` + redirect); a form page (GET) of an action the viewer may
   not take answers **403** with the Vietnamese 403 page. Pages with no object id that a role never uses
   (a list, a create form) answer 403: they reveal nothing.
4. Refusals from the service (``ValidationError``, ``PermissionDenied`` from ``core.services.require_perm``)
   and lost races (``ConcurrentEditError``, a unique constraint hit by a second click, SQLite still busy
   after its timeout) are never a 500: with a form they become form errors and the form is shown again
   with what was typed; without one they become a message on the page the user is sent back to.
5. Safe to repeat: a second identical click finds the work done and says so ("Thao tác này đã được thực
   hiện." or the service's own words); a create form carries a one-time token (``OnceField``) consumed
   in the same transaction as the create, so two posts of one form make one record and the second is
   sent to the first record's page.

The helper
----------
``visible_or_404(request, source, perm=None, **lookup)``
    fetch through a selector / queryset; missing, outside scope, or ``perm`` refused → 404.
``@scope_required(perm)``
    a view about one object whose kind the role never sees: sign-in, then 404 (not 403).
``run_once(request, token, run, url_of)``
    a write that must happen once per token (a create form, an import's confirmation): AlreadyDone after.
``allowed_or_403(request, perm, obj=None)``
    inside scope, not allowed → 403 (form pages).
``post_action(request, call, *, redirect_to, success=None)``
    a POST with no form: run the service call, messages for success or refusal, redirect.
``form_action(request, form, call, *, redirect_to, success=None, render)``
    a form page: on a valid POST run the call (consuming the form's one-time token if it has one);
    on success redirect; on refusal put it on the form and render again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from .forms import apply_validation_error
from .services import ConcurrentEditError

ALREADY_DONE = gettext_lazy("Thao tác này đã được thực hiện.")
CLASH = gettext_lazy(
    "Thao tác này trùng với một thao tác vừa được thực hiện (có thể do bấm hai lần). Vui lòng tải lại trang để xem kết quả."
)
BUSY = gettext_lazy("Hệ thống đang bận xử lý một thao tác khác. Vui lòng thử lại sau ít giây.")
NOT_ALLOWED = gettext_lazy("Bạn không có quyền thực hiện thao tác này.")

Result = str | Callable[[Any], str] | None


# --- Fetching: 404 outside scope ----------------------------------------------------------------------


def visible_or_404(request, source, perm: str | None = None, **lookup):
    """The object, fetched through what the viewer may see; otherwise 404 as if it did not exist.

    ``source`` is a queryset, a model, or a selector called as ``source(viewer=request.user)``.
    ``perm`` is a ``view_…`` rule checked on the object (or, for role-only rules, on nothing): refused → 404.
    """
    if isinstance(source, QuerySet):
        queryset = source
    elif hasattr(source, "_default_manager"):
        queryset = source._default_manager.all()
    else:
        queryset = source(viewer=request.user)
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if perm and not request.user.has_perm(perm, obj):
        raise Http404
    return obj


def scope_or_404(request, perm: str, obj=None) -> None:
    """A role-only rule (no object yet) that decides whether the viewer's scope holds this kind of object."""
    if not request.user.has_perm(perm, obj):
        raise Http404


def scope_required(perm: str):
    """Decorator for a view about one object: sign-in first, then a role whose scope never holds this kind
    of object gets 404 (not 403: an id must not be probed by its status code). Like pretalx's
    PermissionRequired mixin, which answers 404 too."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            scope_or_404(request, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def allowed_or_403(request, perm: str, obj=None) -> None:
    """Inside scope, not allowed: the Vietnamese 403 page (form pages only; POSTs get a message)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(NOT_ALLOWED)


# --- One-time tokens for create forms -------------------------------------------------------------------


class OnceField(forms.UUIDField):
    """A hidden one-time token: a fresh one each time the form is drawn, kept when it is shown again."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)


ONCE = "once"


class OnceFormMixin(forms.Form):
    """Add to a create form: a double post of the same drawn form makes one record."""

    once = OnceField()


class AlreadyDone(Exception):
    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def once_key(text: str) -> uuid.UUID:
    """A one-time token made from another secret (a stash token, a preview's id)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"tdkt:{text}")


def already_done(request, url: str) -> HttpResponse:
    """The answer to a repeated click: "Thao tác này đã được thực hiện." on the page the first one reached."""
    messages.info(request, str(ALREADY_DONE))
    return redirect(url)


def run_once(request, token, run: Callable[[], Any], url_of: Callable[[Any], str]):
    """Run `run` and record `token` in one transaction: the unique token makes a second run impossible.
    A second run raises AlreadyDone with the first run's address (``url_of(result)``)."""
    from .models import FormToken

    if not token:
        return run()
    try:
        with transaction.atomic():
            row = FormToken.objects.create(token=token, user=request.user if request.user.is_authenticated else None)
            result = run()
            row.url = url_of(result)
            row.save(update_fields=["url"])
            return result
    except IntegrityError:
        earlier = FormToken.objects.filter(token=token).first()
        if earlier is None:  # the unique hit was the service's own constraint
            raise
        raise AlreadyDone(earlier.url) from None


# --- Running the service ---------------------------------------------------------------------------------


def _refusal_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    if isinstance(exc, PermissionDenied):
        return [str(exc) or str(NOT_ALLOWED)]
    if isinstance(exc, IntegrityError):
        return [str(CLASH)]
    if isinstance(exc, OperationalError):
        return [str(BUSY)]
    return [str(exc)]


REFUSALS = (ValidationError, PermissionDenied, ConcurrentEditError)


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "could not serialize" in text or "deadlock" in text


def _resolve(value: Result, result) -> str | None:
    return value(result) if callable(value) else value


def post_action(
    request,
    call: Callable[[], Any],
    *,
    redirect_to: Result,
    success: Result = None,
    on_refusal: Callable[[Exception], HttpResponse] | None = None,
    once=None,
) -> HttpResponse:
    """The end of a POST that has no form page of its own: run the service call and go back to a page.

    ``once``, a one-time token drawn with the form (``OnceField``), makes a repeated post (a double click
    on an upload) do nothing and go where the first one went, with "Thao tác này đã được thực hiện.".

    ``redirect_to`` and ``success`` are strings or functions of the call's result (None after a refusal).
    A refusal, a lost race or a repeated click becomes an error message on that page, never a 500.
    ``on_refusal(exc)``, when given, draws the page again instead of redirecting (inputs that are not a
    Django form, such as a ballot or a score card, keep what was typed).
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    result = refusal = None
    try:
        result = run_once(request, once, call, lambda r: _resolve(redirect_to, r) or "") if once else call()
    except AlreadyDone as done:
        return already_done(request, done.url or _resolve(redirect_to, None))
    except REFUSALS as exc:
        refusal = exc
        for text in _refusal_messages(exc):
            messages.error(request, text)
    except IntegrityError as exc:
        refusal = exc
        messages.info(request, _refusal_messages(exc)[0])
    except OperationalError as exc:
        if not _is_busy(exc):
            raise
        refusal = exc
        messages.error(request, str(BUSY))
    else:
        text = _resolve(success, result)
        if text:
            messages.success(request, text)
    if refusal is not None and on_refusal is not None:
        return on_refusal(refusal)
    return redirect(_resolve(redirect_to, result))


def form_action(
    request,
    form,
    call: Callable[[dict], Any],
    *,
    redirect_to: Result,
    render: Callable[[], HttpResponse],
    success: Result = None,
) -> HttpResponse:
    """A form page that changes state: GET or invalid POST → ``render()``; a valid POST → ``call(cleaned_data)``.

    A refusal lands on the form (what was typed stays); a create form's one-time token makes a repeated
    post go to the record the first one made, with "Thao tác này đã được thực hiện.".
    """
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != ONCE}
        token = form.cleaned_data.get(ONCE)
        try:
            result = run_once(request, token, lambda: call(data), lambda r: _resolve(redirect_to, r) or "")
        except AlreadyDone as done:
            return already_done(request, done.url or request.path)
        except REFUSALS as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, _refusal_messages(exc))
            else:
                apply_validation_error(form, exc)
        except IntegrityError:
            form.add_error(None, str(CLASH))
        except OperationalError as exc:
            if not _is_busy(exc):
                raise
            form.add_error(None, str(BUSY))
        else:
            text = _resolve(success, result)
            if text:
                messages.success(request, text)
            return redirect(_resolve(redirect_to, result))
    return render()


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
