"""The migrations of #12 that put models in their layer, run back and forth on a database with rows:
Authority and Unit moved from clusters to units keeping their tables (audit entries and permissions
follow the content types), and an election's proposal dossier is linked from the dossier's side."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clusters.models import Election, EmulationGroup
from core.models import AuditEntry
from core.services import audit_record
from dossiers.models import AwardRound, Dossier
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


@pytest.mark.django_db(transaction=True)
def test_the_link_from_an_election_to_its_proposal_dossier_survives_the_move_to_the_dossier(unit_a, clerk_a):
    group = EmulationGroup.objects.create(year=2026, kind="cum", name="Cụm thi đua số 1", head=unit_a)
    election = Election.objects.create(group=group, winner=unit_a)
    award_round = AwardRound.objects.create(name="Tổng kết năm 2026", year=2026, commendation_kind="thuong_xuyen")
    dossier = Dossier.objects.create(
        unit=unit_a, round=award_round, commendation_kind="thuong_xuyen", title="Đề nghị tặng Cờ thi đua", created_by=clerk_a
    )
    dossier.from_election = election
    dossier.save(update_fields=["from_election"])

    _migrate([("clusters", "0008_units_moved_to_units"), ("dossiers", "0007_unit_moved_to_units")])
    with connection.cursor() as cursor:  # as before #12: the link on the election's row
        cursor.execute("SELECT proposal_id FROM clusters_election WHERE id = %s", [election.pk])
        assert cursor.fetchone()[0] == dossier.pk

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Election.objects.get(pk=election.pk).proposal == dossier
