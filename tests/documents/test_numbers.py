"""The number register (sổ đăng ký văn bản): sequential per year, kind and issuer; never twice the same."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from documents.models import DocumentNumber, NumberRegister
from documents.services import next_document_number


@pytest.mark.django_db
def test_numbers_run_per_year_and_kind_and_restart_next_year():
    taken = [next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND") for _ in range(3)]
    assert taken == [(1, "01/QĐ-UBND"), (2, "02/QĐ-UBND"), (3, "03/QĐ-UBND")]
    assert next_document_number(year=2025, doc_type="TTr", issuer_code="NV") == (1, "01/TTr-NV")
    assert next_document_number(year=2025, doc_type="BB", issuer_code="HĐTĐKT") == (1, "01/BB-HĐTĐKT")
    assert next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND") == (4, "04/QĐ-UBND")
    assert next_document_number(year=2026, doc_type="QĐ", issuer_code="UBND") == (1, "01/QĐ-UBND")
    assert next_document_number(year=2025, doc_type="CV", issuer_code="UBND-NV") == (1, "01/UBND-NV")


@pytest.mark.django_db
def test_each_number_is_written_to_the_register():
    next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND", summary="Tặng danh hiệu Lao động tiên tiến")
    entry = DocumentNumber.objects.get()
    assert (entry.register.year, entry.number, entry.label, entry.summary) == (
        2025,
        1,
        "01/QĐ-UBND",
        "Tặng danh hiệu Lao động tiên tiến",
    )


@pytest.mark.django_db
def test_a_register_taken_over_from_paper_continues_from_its_last_number():
    NumberRegister.objects.create(year=2025, doc_type="QĐ", issuer_code="UBND", last_number=14)
    assert next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND") == (15, "15/QĐ-UBND")


@pytest.mark.django_db
def test_unknown_kind_or_bad_issuer_code_is_refused():
    with pytest.raises(ValueError):
        next_document_number(year=2025, doc_type="XX", issuer_code="UBND")
    with pytest.raises(ValidationError):
        next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND/NV")
    assert not NumberRegister.objects.exists()


@pytest.mark.django_db
def test_a_number_is_unique_in_its_register():
    from django.db import IntegrityError, transaction

    next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND")
    register = NumberRegister.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(register=register, number=1, label="01/QĐ-UBND")


@pytest.mark.django_db(transaction=True)
def test_concurrent_takers_never_get_the_same_number():
    """Two threads (two connections) take numbers at once: row locks keep them apart on PostgreSQL; on
    SQLite the second waits for the write lock (IMMEDIATE transactions and a busy timeout)."""
    results: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def take(count: int) -> None:
        try:
            start.wait()
            for _ in range(count):
                results.append(next_document_number(year=2025, doc_type="QĐ", issuer_code="UBND")[0])
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(25,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(1, 51))
    assert NumberRegister.objects.get().last_number == 50
