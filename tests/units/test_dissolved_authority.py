"""The 2025 reform (#13): a district is dissolved and one of its communes takes over its records. The authority
keeps its name for history; its successor is another authority still working."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from tests.factories import user_with_role
from units import services
from units.enums import AuthorityLevel
from units.forms import AuthorityForm
from units.models import Authority

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)  # the day districts ceased to exist (a fixed date of history)


def make_district(province, **fields) -> Authority:
    return Authority.objects.create(
        parent=province,
        level=AuthorityLevel.DISTRICT,
        code="huyen-phong-tho",
        name="ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ",
        short_name="UBND huyện Phong Thổ",
        **fields,
    )


def test_a_district_is_dissolved_with_a_commune_as_its_successor(province, commune_x):
    admin = user_with_role(Role.ADMIN)
    district = make_district(province)
    services.authority_update(
        by=admin, authority=district, expected_version=district.version, dissolved_on=REFORM, successor=commune_x.authority
    )
    district.refresh_from_db()
    assert (district.dissolved_on, district.successor) == (REFORM, commune_x.authority)
    assert str(district) == "UBND huyện Phong Thổ"  # the name stays for history
    assert list(commune_x.authority.predecessors.all()) == [district]
    changes = AuditEntry.objects.get(action="authority_update").changes
    assert set(changes) == {"dissolved_on", "successor"}


def test_a_successor_is_neither_the_authority_itself_nor_dissolved(province, commune_x, commune_y):
    admin = user_with_role(Role.ADMIN)
    district = make_district(province)
    with pytest.raises(ValidationError) as itself:
        services.authority_update(by=admin, authority=district, expected_version=1, dissolved_on=REFORM, successor=district)
    assert itself.value.message_dict["successor"] == ["Cơ quan kế thừa không được là chính cơ quan này."]

    gone = commune_y.authority
    Authority.objects.filter(pk=gone.pk).update(dissolved_on=REFORM)
    gone.refresh_from_db()
    with pytest.raises(ValidationError) as dissolved:
        services.authority_update(by=admin, authority=district, expected_version=1, dissolved_on=REFORM, successor=gone)
    assert dissolved.value.message_dict["successor"] == ["Cơ quan kế thừa đã giải thể: hãy chọn cơ quan đang hoạt động."]

    district = Authority.objects.get(pk=district.pk)  # the refused calls changed the object in memory only
    with pytest.raises(ValidationError) as working:  # a successor only for an authority that was dissolved
        services.authority_update(by=admin, authority=district, expected_version=1, successor=commune_x.authority)
    assert "dissolved_on" in working.value.message_dict
    district.refresh_from_db()
    assert (district.dissolved_on, district.successor_id, district.version) == (None, None, 1)


def test_an_authority_that_took_over_records_is_not_dissolved_before_handing_them_on(province, commune_x):
    admin = user_with_role(Role.ADMIN)
    make_district(province, dissolved_on=REFORM, successor=commune_x.authority)
    commune = commune_x.authority
    with pytest.raises(ValidationError) as refused:
        services.authority_update(by=admin, authority=commune, expected_version=commune.version, dissolved_on=REFORM)
    assert "dissolved_on" in refused.value.message_dict


def test_the_authority_form_offers_working_authorities_other_than_itself_as_successor(province, commune_x, commune_y):
    Authority.objects.filter(pk=commune_y.authority.pk).update(dissolved_on=REFORM)
    district = make_district(province)
    offered = {pk for pk, _label in AuthorityForm(instance=district).fields["successor"].choices if pk}
    assert offered == {province.pk, commune_x.authority.pk}
    assert "successor" not in AuthorityForm(instance=province).fields  # the top authority is never dissolved


def test_the_administrator_dissolves_a_district_on_its_page_and_a_bad_choice_keeps_what_was_typed(client, province, commune_x):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    district = make_district(province)
    data = {
        field.name: getattr(district, field.attname) for field in Authority._meta.fields if field.name not in ("id", "updated_at")
    }
    data = {k: v for k, v in data.items() if v is not None}
    url = reverse("units:authority_change", args=[district.pk])

    response = client.post(url, {**data, "dissolved_on": "01/07/2025", "successor": district.pk})
    assert response.status_code == 200
    assert 'value="01/07/2025"' in response.content.decode()
    district.refresh_from_db()
    assert district.dissolved_on is None

    response = client.post(url, {**data, "dissolved_on": "01/07/2025", "successor": commune_x.authority.pk})
    assert response.status_code == 302
    district.refresh_from_db()
    assert (district.dissolved_on, district.successor_id) == (REFORM, commune_x.authority.pk)
    assert "Ngày giải thể" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_an_existing_authority_no_dissolution_and_no_successor(province, commune_x):
    executor = MigrationExecutor(connection)
    executor.migrate([("units", "0003_authority_proposing_unit")])
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "clusters_authority")]
    assert "dissolved_on" not in columns and "successor_id" not in columns

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    kept = {a.pk: (a.dissolved_on, a.successor_id) for a in Authority.objects.all()}
    assert kept == {province.pk: (None, None), commune_x.authority.pk: (None, None)}
