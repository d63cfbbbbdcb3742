"""#13's migrations on a database with rows from the single-authority portal: everything it held belongs to
the one authority row it kept, which becomes the root of a tree of one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.enums import Role
from accounts.models import RoleAssignment
from awards.models import Council
from campaigns.models import AnnualPlan
from documents.models import NumberRegister
from documents.services import next_document_number
from dossiers.models import AwardRound, Dossier
from units.models import Authority, Unit

# Each app's last migration before #13 (the later ones depend on units 0002, so they go back with it).
BEFORE_13 = [("units", "0001_initial"), ("awards", "0005_print_job_retry"), ("reports", "0003_export_job_retry")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_a_single_authority_database_becomes_a_tree_of_one(office_staff, unit_a, clerk_a):
    authority = Authority.root()
    award_round = AwardRound.objects.create(name="Tổng kết năm 2026", year=2026, commendation_kind="thuong_xuyen")
    dossier = Dossier.objects.create(
        unit=unit_a, round=award_round, commendation_kind="thuong_xuyen", title="Đề nghị khen thưởng", created_by=clerk_a
    )
    Dossier.objects.filter(pk=dossier.pk).update(receipt_number="2026-00001")
    council = Council.objects.create(year=2026, name="Hội đồng Thi đua – Khen thưởng")
    plan = AnnualPlan.objects.create(year=2026, title="Kế hoạch công tác TĐKT năm 2026", created_by=office_staff)
    next_document_number(year=2026, doc_type="QĐ", issuer_code="UBND")

    _migrate(BEFORE_13)
    with connection.cursor() as cursor:  # as before #13: no authority on the rows, one authority row
        cursor.execute("SELECT COUNT(*) FROM clusters_authority")
        assert cursor.fetchone()[0] == 1
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "dossiers_dossier")]
        assert "authority_id" not in columns

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    root = Authority.objects.get()
    assert root.pk == authority.pk and root.parent is None
    for model, pk in [
        (Unit, unit_a.pk),
        (AwardRound, award_round.pk),
        (Dossier, dossier.pk),
        (Council, council.pk),
        (AnnualPlan, plan.pk),
    ]:
        assert model.objects.get(pk=pk).authority_id == root.pk, model
    assert NumberRegister.objects.get().authority_id == root.pk
    roles = RoleAssignment.objects.filter(user__in=[office_staff, clerk_a])
    assert {(r.role, r.authority_id) for r in roles} == {(Role.OFFICE_STAFF, root.pk), (Role.UNIT_CLERK, root.pk)}
    # The receipt register goes on under the same authority.
    assert Dossier.objects.get(pk=dossier.pk).receipt_number == "2026-00001"


@pytest.mark.django_db(transaction=True)
def test_going_back_with_several_authorities_is_refused_with_the_reason(commune_x):
    try:
        with pytest.raises(RuntimeError, match="several authorities"):
            _migrate(BEFORE_13)
        assert Authority.objects.count() == 2  # nothing lost
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
