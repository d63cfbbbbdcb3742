"""Two identical POSTs at the same moment still make one dossier (PostgreSQL: the unique index makes
the second wait for the first, then it answers with the first one's dossier; SQLite: the second waits
for the write lock, taken when its transaction begins)."""

import threading

import pytest
from django.apps import apps
from django.db import connection

from api.models import ApiSubmission
from dossiers.catalogue_seed import seed_catalogue
from dossiers.models import Dossier

from .conftest import api_for, payload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(db):
    """The flush after each transactional test empties the catalogue: seed it again."""
    seed_catalogue(lambda name: apps.get_model("dossiers", name))


def test_simultaneous_retries_make_one_dossier(catalogue, portal, award_round):
    data = payload(award_round)
    start = threading.Barrier(4)
    answers = []

    def post():
        try:
            start.wait()
            response = api_for(portal[1]).post("/api/v1/dossiers/", data, format="json")
            answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [status for status, _body in answers] == [201] * 4
    assert all(body == answers[0][1] for _status, body in answers)
    assert (Dossier.objects.count(), ApiSubmission.objects.count()) == (1, 1)
