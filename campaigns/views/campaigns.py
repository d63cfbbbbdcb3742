"""Campaigns (phong trào thi đua): the list, a campaign's page, launching and editing, the office's
registration, units joining, milestones."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from core.actions import NOT_ALLOWED, allowed_or_403, form_action, post_from, scope_required, visible_or_404
from core.lists import list_page
from core.selectors import audit_history

from ..filters import CampaignFilter
from ..forms import CampaignForm, CampaignRegisterForm, JoinForm, MilestoneForm
from ..models import Campaign
from ..selectors.campaigns import (
    campaign_owners,
    campaigns_for_detail,
    campaigns_for_list,
    campaigns_of,
    clerk_units,
    registrations_of,
)
from ..selectors.requests import requests_of_campaign
from ..services import campaigns as services
from ..tables.campaigns import CampaignTable
from .common import refused_beside


@permission_required("campaigns.view_campaigns", raise_exception=True)
def campaign_list(request):
    return list_page(
        request,
        "campaigns/campaign_list.html",
        table_class=CampaignTable,
        filterset=CampaignFilter(request.GET, queryset=campaigns_for_list(viewer=request.user)),
        context={"can_add": request.user.has_perm("campaigns.add_campaign"), "section": "campaigns"},
    )


def _campaign(request, pk) -> Campaign:
    return visible_or_404(request, campaigns_for_detail, pk=pk)


@scope_required("campaigns.view_campaigns")
def campaign_detail(request, pk):
    return _campaign_page(request, _campaign(request, pk))


def _campaign_page(request, campaign, *, join_form=None, register_form=None):
    """The campaign's page; after a refused registration or join, with that form as the user filled it."""
    user = request.user
    registrations = list(registrations_of(campaign))
    units = clerk_units(user)
    joined = {r.unit_id: r for r in registrations}
    if join_form is None:
        join_form = JoinForm(units=units, registrations=[joined[u.pk] for u in units if u.pk in joined])
        if units.count() == 1 and units.first().pk in joined:
            join_form.initial["targets"] = joined[units.first().pk].targets
    if register_form is None:
        register_form = CampaignRegisterForm(
            initial={
                "number": campaign.registration_number,
                "date": campaign.registration_date or timezone.localdate(),
                "version": campaign.version,
            }
        )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "milestones": list(campaign.milestones.all()),
            "registrations": registrations,
            "rounds": list(campaign.award_rounds.order_by("-year", "name")),
            "requests": list(requests_of_campaign(campaign, viewer=user)),
            "can_edit": user.has_perm("campaigns.change_campaign", campaign),
            "can_register": user.has_perm("campaigns.register_campaign", campaign),
            "register_form": register_form,
            "join_form": join_form if units.exists() else None,
            "history": audit_history(campaign),
            "section": "campaigns",
        },
    )


@login_required
def campaign_edit(request, pk=None):
    campaign = visible_or_404(request, campaigns_of(request.user), pk=pk) if pk else None
    user = request.user
    if campaign:
        allowed_or_403(request, "campaigns.change_campaign", campaign)
    else:
        allowed_or_403(request, "campaigns.add_campaign")
    form = CampaignForm(request.POST or None, instance=campaign, owners=campaign_owners(user))
    return form_action(
        request,
        form,
        lambda data: services.campaign_save(
            by=user, authority=request.authority, campaign=campaign, expected_version=data.pop("version"), **data
        ),
        success=lambda saved: _("Đã lưu phong trào “%(name)s”.") % {"name": saved.name},
        redirect_to=lambda saved: reverse("campaigns:campaign_detail", args=[saved.pk]),
        render=lambda: render(
            request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "section": "campaigns"}
        ),
    )


@post_from("campaigns:campaign_detail", "pk")
@login_required
def campaign_register(request, pk):
    campaign = _campaign(request, pk)
    allowed_or_403(request, "campaigns.register_campaign", campaign)
    form = CampaignRegisterForm(request.POST)

    def refused():
        refused_beside(request, form, shown=("number", "date"))
        return _campaign_page(request, _campaign(request, pk), register_form=form)  # as it stands now, the form beside it

    return form_action(
        request,
        form,
        lambda data: services.campaign_register(
            by=request.user, campaign=campaign, number=data["number"], date=data["date"], expected_version=data["version"]
        ),
        success=lambda _registered: (
            _("Đã ghi đăng ký số %(n)s ngày %(d)s.")
            % {"n": campaign.registration_number, "d": f"{campaign.registration_date:%d/%m/%Y}"}
        ),
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]),
        render=refused,
    )


@post_from("campaigns:campaign_detail", "pk")
@login_required
def campaign_join(request, pk):
    campaign = _campaign(request, pk)
    form = JoinForm(request.POST, units=clerk_units(request.user))
    if not form.is_valid() and "unit" in form.errors and form.data.get("unit"):  # not a unit this person is the clerk of
        raise PermissionDenied(NOT_ALLOWED)

    def refused():
        refused_beside(request, form, shown=("unit", "targets"))
        return _campaign_page(request, campaign, join_form=form)

    return form_action(
        request,
        form,
        lambda data: services.campaign_join(
            by=request.user,
            campaign=campaign,
            unit=data["unit"],
            targets=data["targets"],
            expected_version=form.expected_version(),
        ),
        success=lambda _joined: _("%(unit)s đã đăng ký tham gia phong trào.") % {"unit": form.cleaned_data["unit"].name},
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]) + "#don-vi-tham-gia",
        render=refused,
    )


@login_required
def milestone_edit(request, pk, milestone_pk=None):
    campaign = visible_or_404(request, campaigns_of(request.user), pk=pk)
    allowed_or_403(request, "campaigns.change_campaign", campaign)
    milestone = visible_or_404(request, campaign.milestones.all(), pk=milestone_pk) if milestone_pk else None
    form = MilestoneForm(request.POST or None, instance=milestone)
    return form_action(
        request,
        form,
        lambda data: services.milestone_save(
            by=request.user, campaign=campaign, milestone=milestone, expected_version=data.pop("version"), **data
        ),
        success=lambda _saved: _("Đã lưu mốc “%(t)s”.") % {"t": form.cleaned_data["title"]},
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]),
        render=lambda: render(
            request,
            "campaigns/milestone_form.html",
            {"form": form, "campaign": campaign, "milestone": milestone, "section": "campaigns"},
        ),
    )
