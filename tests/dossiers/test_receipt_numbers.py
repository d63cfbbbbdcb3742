"""Different dossiers received at the same moment each get their own receipt number, in sequence: nobody
is told of a clash for a dossier nobody else touched (PostgreSQL: an advisory lock per authority and year around the
max + 1; SQLite: one writer at a time)."""

import threading

import pytest
from django.apps import apps
from django.db import connections
from django.utils import timezone

from dossiers import services
from dossiers.catalogue_seed import seed_catalogue
from dossiers.enums import ComponentType
from dossiers.enums import DossierStatus as S
from dossiers.models import AwardType, Dossier

from .conftest import add_person, pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(db):
    """The flush after each transactional test empties the catalogue: seed it again."""
    seed_catalogue(lambda name: apps.get_model("dossiers", name))


def _submitted(clerk, unit, award_round, n: int) -> list[Dossier]:
    ldtt = AwardType.objects.get(code="ldtt")
    dossiers = []
    for i in range(n):
        dossier = services.dossier_create(by=clerk, unit=unit, award_round=award_round, title=f"Đề nghị số {i + 1}")
        add_person(clerk, dossier, ldtt, full_name=f"Nguyễn Văn Số {i + 1}")
        services.attachment_add(by=clerk, dossier=dossier, component=ComponentType.PROPOSAL, upload=pdf())
        services.attachment_add(by=clerk, dossier=dossier, component=ComponentType.MINUTES, upload=pdf("bien-ban.pdf"))
        dossier.refresh_from_db()
        dossiers.append(services.dossier_transition(dossier, to=S.SUBMITTED, by=clerk))
    return dossiers


def test_dossiers_received_at_once_get_consecutive_numbers(catalogue, clerk_a, unit_a, award_round, office_staff):
    dossiers = _submitted(clerk_a, unit_a, award_round, 4)
    start = threading.Barrier(len(dossiers))
    errors: list[BaseException] = []

    def receive(dossier):
        try:
            start.wait()
            services.dossier_transition(Dossier.objects.get(pk=dossier.pk), to=S.RECEIVED, by=office_staff)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive, args=(dossier,)) for dossier in dossiers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    year = timezone.localdate().year
    assert errors == []
    assert sorted(Dossier.objects.values_list("receipt_number", flat=True)) == [f"{year}-0000{i}" for i in range(1, 5)]


def test_two_authorities_receiving_at_once_each_number_from_one(catalogue, clerk_a, unit_a, award_round, office_staff, commune_x):
    """Each authority keeps its own register (#13): the lock is per (authority, year), the max + 1 reads one
    authority's numbers, so the province and a commune receiving at the same moment both start at 1."""
    from dossiers.models import AwardRound

    commune_round = AwardRound.objects.create(
        authority=commune_x.authority,
        name="Tổng kết năm 2024 của xã",
        year=2024,
        commendation_kind=award_round.commendation_kind,
        submission_deadline=award_round.submission_deadline,
        ceremony_date=award_round.ceremony_date,
    )
    received_by = {}
    for dossier in _submitted(clerk_a, unit_a, award_round, 2):
        received_by[dossier.pk] = office_staff
    for dossier in _submitted(commune_x.clerk, commune_x.unit, commune_round, 2):
        received_by[dossier.pk] = commune_x.office
    start = threading.Barrier(len(received_by))
    errors: list[BaseException] = []

    def receive(pk, office):
        try:
            start.wait()
            services.dossier_transition(Dossier.objects.get(pk=pk), to=S.RECEIVED, by=office)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive, args=item) for item in received_by.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    year = timezone.localdate().year
    assert errors == []
    numbers = Dossier.objects.order_by("authority_id", "receipt_number").values_list("authority_id", "receipt_number")
    assert list(numbers) == [
        (office_staff.acting_authority_id, f"{year}-00001"),
        (office_staff.acting_authority_id, f"{year}-00002"),
        (commune_x.authority.pk, f"{year}-00001"),
        (commune_x.authority.pk, f"{year}-00002"),
    ]
