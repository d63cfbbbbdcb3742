"""Clusters and blocs of one authority are its own (#13): two communes may each have a "Cụm thi đua số 1"
of the same year, never see each other's groups, sheets, cards or pacts, and a group's members and
leaders are units of the group's authority."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clusters import services
from clusters.enums import LeaderMethod, LeaderPosition
from clusters.models import EmulationGroup, ScoringSheet

from .conftest import card_of


def _cluster(place, name="Cụm thi đua số 1"):
    return services.group_create(by=place.office, year=2026, kind="cum", name=name, units=[place.unit])


def test_two_communes_each_keep_a_cluster_of_the_same_name_and_see_only_their_own(client, commune_x, commune_y):
    x, y = _cluster(commune_x), _cluster(commune_y)
    assert (x.authority, y.authority) == (commune_x.authority, commune_y.authority)
    client.force_login(commune_y.office)
    assert client.get(reverse("clusters:group_detail", args=[x.pk])).status_code == 404
    assert client.get(reverse("clusters:group_edit", args=[x.pk])).status_code == 404
    assert client.get(reverse("clusters:pact_pdf", args=[x.pk])).status_code == 404
    listed = client.get(reverse("clusters:group_list") + "?nam=2026").context["table"].data.data
    assert [g.pk for g in listed] == [y.pk]


def test_a_unit_of_another_authority_is_never_a_member_head_or_deputy(commune_x, commune_y, group, office_staff):
    with pytest.raises(ValidationError):
        services.group_create(by=commune_x.office, year=2026, kind="cum", name="Cụm số 2", units=[commune_x.unit, commune_y.unit])
    assert EmulationGroup.objects.filter(name="Cụm số 2").count() == 0
    with pytest.raises(ValidationError) as refused:
        services.group_set_leader(
            by=office_staff, group=group, unit=commune_x.unit, position=LeaderPosition.HEAD, method=LeaderMethod.APPOINTED
        )
    assert list(refused.value.message_dict) == ["unit"]
    members = [m.unit for m in group.memberships.select_related("unit")]
    with pytest.raises(ValidationError):
        services.group_set_members(by=office_staff, group=group, units=[*members, commune_y.unit])
    assert group.memberships.count() == 3


def test_the_group_form_offers_only_units_of_the_authority(client, commune_x, commune_y):
    client.force_login(commune_x.office)
    form = client.get(reverse("clusters:group_add") + "?nam=2026").context["form"]
    assert list(form.fields["units"].queryset) == [commune_x.unit]


def test_sheets_templates_and_cards_of_another_authority_are_404(client, commune_x, open_sheet, template, unit_a):
    card = card_of(open_sheet, unit_a)
    client.force_login(commune_x.office)
    for url in (
        reverse("clusters:sheet_detail", args=[open_sheet.pk]),
        reverse("clusters:sheet_detail", args=[template.pk]),
        reverse("clusters:card_detail", args=[card.pk]),
        reverse("clusters:ranking", args=[open_sheet.group_id]),
    ):
        assert client.get(url).status_code == 404, url
    own = _cluster(commune_x)
    response = client.post(reverse("clusters:group_copy_template", args=[own.pk]), {"template": template.pk})
    assert response.status_code == 404
    assert not ScoringSheet.objects.filter(group=own).exists()


def test_a_template_belongs_to_the_office_that_made_it_and_is_offered_to_its_groups_only(client, commune_x, template):
    own_template = services.sheet_create(by=commune_x.office, year=2026, title="Bảng tiêu chí mẫu của xã Phong Thổ")
    assert (template.authority.parent_id, own_template.authority) == (None, commune_x.authority)
    own = _cluster(commune_x)
    client.force_login(commune_x.office)
    offered = client.get(reverse("clusters:group_detail", args=[own.pk])).context["templates"]
    assert list(offered) == [own_template]
    sheet = services.sheet_copy(by=commune_x.office, template=own_template, group=own)
    assert sheet.authority == commune_x.authority


def test_another_authoritys_office_may_not_change_a_group_even_through_the_service(commune_x, office_staff):
    own = _cluster(commune_x)
    with pytest.raises(PermissionDenied):
        services.group_set_members(by=office_staff, group=own, units=[])
    assert [m.unit for m in own.memberships.all()] == [commune_x.unit]
