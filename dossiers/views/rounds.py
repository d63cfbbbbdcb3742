"""Award rounds: the list, and the form the standing office opens or edits a round with."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.actions import allowed_or_403, form_action, scope_or_404, visible_or_404
from core.lists import list_page

from .. import selectors, services
from ..filters import RoundFilter
from ..forms import AwardRoundForm
from ..tables import RoundTable


@login_required
def round_list(request):
    return list_page(
        request,
        "dossiers/round_list.html",
        table_class=RoundTable,
        filterset=RoundFilter(request.GET, queryset=selectors.rounds_for_list(viewer=request.user)),
        context={"can_manage": request.user.has_perm("dossiers.process_dossier")},
    )


@login_required
def round_edit(request, round_pk=None):
    if round_pk:
        scope_or_404(request, "dossiers.process_dossier")
    allowed_or_403(request, "dossiers.process_dossier")
    award_round = visible_or_404(request, selectors.rounds_visible_to, pk=round_pk) if round_pk else None
    form = AwardRoundForm(request.POST or None, instance=award_round, authority_id=request.user.acting_authority_id)
    return form_action(
        request,
        form,
        lambda data: services.award_round_save(by=request.user, award_round=award_round, **data),
        success=lambda _saved: _("Đã lưu đợt xét %(name)s.") % {"name": form.cleaned_data["name"]},
        redirect_to=reverse("dossiers:rounds"),
        render=lambda: render(request, "dossiers/round_form.html", {"form": form, "award_round": award_round}),
    )
