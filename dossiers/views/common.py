"""What the dossier pages share: fetching a dossier through the viewer's scope, its address, and a form
posted to an action's own address whose refusal becomes a message (core.actions.post_action)."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.actions import allowed_or_403, visible_or_404

from ..models import Dossier
from ..selectors import dossiers_visible_to


def dossier_or_404(request, pk) -> Dossier:
    """A dossier the user may not see is a 404, like one that does not exist."""
    return visible_or_404(request, dossiers_visible_to(viewer=request.user).select_related("unit", "round", "created_by"), pk=pk)


def editable_dossier(request, pk) -> Dossier:
    """A dossier the user may not see is a 404; one they see but may not change is a 403 (form pages)."""
    dossier = dossier_or_404(request, pk)
    allowed_or_403(request, "dossiers.change_dossier", dossier)
    return dossier


def detail_url(dossier: Dossier, anchor: str = "") -> str:
    return reverse("dossiers:detail", args=[dossier.pk]) + (f"#{anchor}" if anchor else "")


def cleaned(form, refusal: str | None = None) -> dict:
    """The data of a form posted to an action: a refusal (ValidationError) when it is not valid, with
    `refusal` as its message or else the form's own messages, which post_action shows on the next page."""
    if form.is_valid():
        return form.cleaned_data
    if refusal:
        raise ValidationError(refusal)
    raise ValidationError([error for errors in form.errors.values() for error in errors])
