"""Matching nominees and imported rows to the people of the award ledger, in bulk.

A person is the same when the full name, birth date and unit are the same (people merged into
another are ignored). Lookups are chunked so an IN (…) list stays under the database's limit.
"""

from django.db import connection

from core.text import normalize_text

from .models import AwardRecord, Person

_CHUNK = 500

PersonKey = tuple[str, object, int | None]  # (full name, birth date, unit id)


def person_key(full_name: str, date_of_birth, unit_id: int | None) -> PersonKey:
    return (normalize_text(full_name), date_of_birth, unit_id)


def match_people(keys) -> dict[PersonKey, Person]:
    """{key: the oldest person with that key} for the keys the ledger already knows."""
    keys = set(keys)
    names = sorted({name for name, _born, _unit in keys})
    found: dict[PersonKey, Person] = {}
    for start in range(0, len(names), _CHUNK):
        people = Person.objects.filter(full_name__in=names[start : start + _CHUNK], merged_into__isnull=True).order_by("pk")
        for person in people:
            found.setdefault((person.full_name, person.date_of_birth, person.unit_id), person)
    return {key: found[key] for key in keys if key in found}


def ensure_people(wanted: dict[PersonKey, str]) -> tuple[dict[PersonKey, Person], set[int]]:
    """Match every key to a person, creating the missing ones (wanted maps key → gender).

    Returns the people by key and the ids of those just created."""
    people = match_people(wanted)
    missing = [
        Person(full_name=key[0], date_of_birth=key[1], unit_id=key[2], gender=gender or "")
        for key, gender in wanted.items()
        if key not in people
    ]
    if connection.features.can_return_rows_from_bulk_insert:
        Person.objects.bulk_create(missing)
    else:
        for person in missing:
            person.save()
    for person in missing:
        people[(person.full_name, person.date_of_birth, person.unit_id)] = person
    return people, {p.pk for p in missing}


def row_key(row: dict) -> PersonKey:
    """The person of a ledger row (a dict with full_name, date_of_birth and unit)."""
    unit = row.get("unit")
    return person_key(row["full_name"], row.get("date_of_birth"), unit.pk if unit else None)


def awards_held(person_ids) -> set[tuple]:
    """(person id, award id, year) of every award the ledger holds for these people."""
    person_ids = sorted(person_ids)
    held = set()
    for start in range(0, len(person_ids), _CHUNK):
        held.update(
            AwardRecord.objects.filter(person_id__in=person_ids[start : start + _CHUNK]).values_list(
                "person_id", "award_id", "year"
            )
        )
    return held


def ledger_rows_already_held(rows: list[dict]) -> set[int]:
    """Indexes of the rows the ledger already holds (same person, award and year): shown as skipped in the
    preview of an import, skipped again when it is saved."""
    persons = match_people(row_key(row) for row in rows)
    held = awards_held(p.pk for p in persons.values())
    return {
        index
        for index, row in enumerate(rows)
        if (person := persons.get(row_key(row))) and (person.pk, row["award"].pk, row["year"]) in held
    }
