"""clusters 0011: the scoring sheets made before they had an authority take their group's; the office's
templates (no group) take the root's, which every template belonged to before #13."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clusters import services
from clusters.models import ScoringSheet


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_sheets_made_before_take_their_groups_authority_and_templates_the_roots(province, commune_x, office_staff):
    group = services.group_create(by=commune_x.office, year=2026, kind="cum", name="Cụm số 1", units=[commune_x.unit])
    sheet = services.sheet_create(by=commune_x.office, year=2026, title="Bảng tiêu chí của cụm", group=group)
    template = services.sheet_create(by=commune_x.office, year=2026, title="Bảng tiêu chí mẫu")
    assert template.authority_id == commune_x.authority.pk

    _migrate([("clusters", "0010_authority_tree")])
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "clusters_scoringsheet")]
    assert "authority_id" not in columns

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert ScoringSheet.objects.get(pk=sheet.pk).authority_id == commune_x.authority.pk
    assert ScoringSheet.objects.get(pk=template.pk).authority_id == province.pk
