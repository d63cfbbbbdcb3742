"""Authority and Unit moved from clusters to units (#12) keeping their tables: a database made before the
move keeps its rows, and its audit entries and permissions follow the content types to units."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import AuditEntry
from core.services import audit_record
from units.models import Unit

BEFORE = [("units", None), ("clusters", "0007_search_name")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_units_and_their_audit_history(office_staff, unit_a):
    entry = audit_record(actor=office_staff, action="unit_update", obj=unit_a, changes={"phone": ["", "0243"]})
    _migrate(BEFORE)
    # As a database made before #12 has them: the content types are those of clusters.
    assert ContentType.objects.get(pk=entry.content_type_id).app_label == "clusters"
    assert Permission.objects.filter(content_type__app_label="clusters", codename="change_unit").exists()

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    ContentType.objects.clear_cache()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.content_type.model_class() is Unit
    assert entry.content_type.get_object_for_this_type(pk=entry.object_id) == unit_a
    assert Permission.objects.filter(content_type__app_label="units", codename="change_unit").exists()
    assert not ContentType.objects.filter(app_label="clusters", model__in=["unit", "authority"]).exists()
    assert Unit.objects.get(pk=unit_a.pk).name == unit_a.name
