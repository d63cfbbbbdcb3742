"""Exemplary models (gương điển hình tiên tiến, mô hình mới): units introduce them, the office chooses which
to publicise, everyone reads the chosen ones."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.actions import NOT_ALLOWED, form_action, post_from, scope_required, visible_or_404
from core.files import protected_file
from core.lists import list_table

from ..forms import ExemplaryForm, ExemplaryReviewForm
from ..selectors.campaigns import clerk_units
from ..selectors.exemplary import exemplary_of_own_units, exemplary_published, exemplary_visible_to, exemplary_waiting
from ..services import exemplary as services
from ..tables.columns import Refused
from ..tables.exemplary import ExemplaryReviewTable, OwnExemplaryTable, PublishedExemplaryTable
from .common import refused_beside

SHOWN = 50  # waiting or own models listed at most
PUBLISHED_PER_PAGE = 20


@login_required
def exemplary_list(request):
    return _exemplary_page(request)


def _exemplary_page(request, *, refused: Refused | None = None):
    """The exemplary models; after a refused review, that item's form as the reviewer filled it."""
    user = request.user
    reviewer = user.has_perm("campaigns.review_exemplary")
    context = {"reviewer": reviewer, "can_submit": clerk_units(user).exists(), "section": "exemplary"}
    if reviewer:
        waiting = list(exemplary_waiting(viewer=user)[:SHOWN])
        if refused is not None and refused.pk not in {item.pk for item in waiting}:
            # Reviewed by someone else meanwhile: keep it in the list, with its new state and the typed note.
            waiting.insert(0, visible_or_404(request, exemplary_visible_to, pk=refused.pk))
        context["waiting"] = list_table(
            request, ExemplaryReviewTable, waiting, per_page=SHOWN + 1, refused=refused, prefix="cho-"
        )
    else:
        mine = list(exemplary_of_own_units(viewer=user)[:SHOWN])
        context["mine"] = list_table(request, OwnExemplaryTable, mine, per_page=SHOWN, prefix="cua-toi-")
    context["published"] = list_table(
        request, PublishedExemplaryTable, exemplary_published(viewer=user), per_page=PUBLISHED_PER_PAGE
    )
    return render(request, "campaigns/exemplary_list.html", context)


@login_required
def exemplary_create(request):
    units = clerk_units(request.user)
    if not units.exists():
        raise PermissionDenied(NOT_ALLOWED)
    today = timezone.localdate()
    form = ExemplaryForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"year": today.year, "period": (today.month - 1) // 3 + 1},
    )
    return form_action(
        request,
        form,
        lambda data: services.exemplary_submit(by=request.user, upload=data.pop("file"), **data),
        success=lambda item: _("Đã gửi giới thiệu: %(t)s.") % {"t": item.title},
        redirect_to=reverse("campaigns:exemplary_list"),
        render=lambda: render(request, "campaigns/exemplary_form.html", {"form": form, "section": "exemplary"}),
    )


@post_from("campaigns:exemplary_list")
@scope_required("campaigns.review_exemplary")
def exemplary_review(request, pk):
    """The office chooses a model for publicity or notes it as not chosen (the form's `publish`)."""
    item = visible_or_404(request, exemplary_visible_to, pk=pk)
    form = ExemplaryReviewForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.exemplary_review(
            by=request.user, item=item, publish=data["publish"] == "1", note=data["note"], expected_version=data["version"]
        ),
        success=lambda reviewed: (
            (_("Đã chọn tuyên truyền “%(t)s”.") if reviewed.is_published else _("Đã ghi “%(t)s” là chưa chọn."))
            % {"t": item.title}
        ),
        redirect_to=reverse("campaigns:exemplary_list"),
        render=lambda: _exemplary_page(request, refused=Refused(item.pk, form, refused_beside(request, form, shown=("note",)))),
    )


@login_required
def exemplary_download(request, pk):
    item = visible_or_404(request, exemplary_visible_to, pk=pk)
    if not item.file:
        raise Http404
    return protected_file(item.file, item.original_name, item.content_type)
