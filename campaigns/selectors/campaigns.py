"""Reads about campaigns (phong trào thi đua): the list, one campaign's page, the units taking part."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.enums import Role
from units.models import Unit

from ..models import Campaign, CampaignRegistration


def clerk_units(viewer) -> QuerySet[Unit]:
    """The units this person is the clerk of (who may join campaigns and introduce exemplary models for them)."""
    return Unit.objects.filter(pk__in=viewer.unit_ids(Role.UNIT_CLERK)).order_by("name")


def campaign_owners(viewer) -> QuerySet[Unit]:
    """In whose name the viewer may launch a campaign: any active unit for the office, else their own units."""
    if viewer.has_role(Role.OFFICE_STAFF):
        return Unit.objects.active().filter(authority_id=viewer.acting_authority_id).order_by("sort_order", "name")
    return clerk_units(viewer)


def campaigns_of(viewer) -> QuerySet[Campaign]:
    """The campaigns of the authority the viewer acts in (#13): another authority's do not exist for them."""
    return Campaign.objects.filter(authority_id=viewer.acting_authority_id)


def campaigns_for_list(*, viewer) -> QuerySet[Campaign]:
    """The authority's campaigns with their owner and how many units joined (a subquery: flat whatever the rows)."""
    registrations = (
        CampaignRegistration.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        campaigns_of(viewer)
        .select_related("owner")
        .annotate(unit_count=Coalesce(Subquery(registrations, output_field=IntegerField()), 0))
        .order_by("-start_date", "name")
    )


def campaigns_for_detail(*, viewer) -> QuerySet[Campaign]:
    return campaigns_of(viewer).select_related("owner", "registered_by", "created_by")


def registrations_of(campaign) -> QuerySet[CampaignRegistration]:
    return campaign.registrations.select_related("unit", "registered_by").order_by("unit__sort_order", "unit__name")
