"""Matching nominees and imported rows to the people of the award ledger, in bulk.

A person is the same when the full name, birth date and unit are the same (people merged into
another are ignored). Lookups are chunked so an IN (…) list stays under the database's limit.
"""

from django.db import connection

from core.text import normalize_text

from .models import Person

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
