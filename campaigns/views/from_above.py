"""What the parent authority asks of this one (#13): a province's request addressed to "UBND xã …" is answered
by that commune's office from its own authority. Only its own row of the province's board: the board stays
the province's (campaigns.selectors.requests_from_above)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.actions import form_action, post_from, visible_or_404

from ..forms import UploadForm
from ..selectors.requests import requests_from_above
from ..services import submissions as services


def _page(request, *, refused=None):
    """The rows with an upload form each; a refused upload shows its row's form as the user filled it."""
    rows = list(requests_from_above(viewer=request.user))
    for row in rows:
        row.upload = refused[1] if refused and refused[0] == row.pk else UploadForm(prefix=f"r{row.pk}")
    return render(request, "campaigns/requests_from_above.html", {"rows": rows, "section": "requests"})


@login_required
def from_above(request):
    return _page(request)


@post_from("campaigns:requests_from_above")
@login_required
def from_above_upload(request, recipient_pk):
    recipient = visible_or_404(request, requests_from_above, "campaigns.submit_document", pk=recipient_pk)
    form = UploadForm(request.POST, request.FILES, prefix=f"r{recipient.pk}")
    return form_action(
        request,
        form,
        lambda data: services.submission_upload(by=request.user, recipient=recipient, upload=data["file"], note=data["note"]),
        success=lambda submission: (
            _("Đã nộp %(name)s cho %(parent)s.")
            % {"name": submission.original_name, "parent": recipient.request.authority.short_name}
        ),
        redirect_to=reverse("campaigns:requests_from_above"),
        render=lambda: _page(request, refused=(recipient.pk, form)),
    )
