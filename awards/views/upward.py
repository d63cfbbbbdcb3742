"""A Tờ trình sent up in the portal (#13): send it to the parent authority, answer its request for a
supplement. The panel on the Tờ trình's page (templates/awards/_upward.html) follows it there."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import form_action, post_action, scope_required, visible_or_404

from .. import upward
from ..forms import UpwardSupplementForm
from ..models import Decision
from ..selectors import decisions_visible_to
from .decisions import decision_page


def _own_proposal(request, pk) -> Decision:
    """A Tờ trình of the authority the viewer acts in; anything else is a 404."""
    proposals = decisions_visible_to(viewer=request.user).filter(kind=Decision.Kind.PROPOSAL)
    return visible_or_404(request, proposals.select_related("round", "award", "authority__parent"), pk=pk)


def _page(pk) -> str:
    return reverse("awards:decision", args=[pk])


@require_POST
@scope_required("awards.manage_decisions")
def proposal_send(request, pk):
    decision = _own_proposal(request, pk)
    return post_action(
        request,
        lambda: upward.proposal_send(by=request.user, decision=decision),
        success=lambda dossier: (
            _("Đã gửi tờ trình lên %(parent)s: số tiếp nhận %(number)s, hẹn trả kết quả ngày %(due)s.")
            % {"parent": dossier.authority.short_name, "number": dossier.receipt_number, "due": f"{dossier.due_date:%d/%m/%Y}"}
        ),
        redirect_to=_page(pk),
    )


@require_POST
@scope_required("awards.manage_decisions")
def proposal_supplement(request, pk):
    """The parent asked for a supplement: the note and the file go up, the dossier is back in its appraisal.
    A refused file or an empty answer shows the Tờ trình's page again with what was typed."""
    decision = _own_proposal(request, pk)
    form = UpwardSupplementForm(request.POST, request.FILES)
    return form_action(
        request,
        form,
        lambda data: upward.proposal_resubmit(
            by=request.user, decision=decision, note=data["note"], uploads=[data["file"]] if data["file"] else []
        ),
        success=_("Đã gửi lại hồ sơ đã bổ sung lên cấp trên."),
        redirect_to=_page(pk),
        render=lambda: decision_page(request, decision, supplement_form=form),
    )
