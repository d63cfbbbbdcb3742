"""The people, collectives and households a dossier proposes: added one by one or from an Excel file,
changed, removed. Each change bumps the dossier's version and refreshes the automatic verdicts."""

from django.db import transaction
from django.db.models import Max

from core.services import ConcurrentEditError, audit_record, diff_fields, snapshot
from core.text import normalize_text

from ..enums import Subject
from ..fields import NOMINEE_FIELDS
from ..models import Dossier, Nominee
from ..people import ensure_people, person_key
from .dossiers import require_editable, touch
from .verdicts import eligibility_refresh


def link_people(nominees: list[Nominee], unit) -> None:
    """Attach each individual nominee to its person in the ledger (same name, birth date, unit),
    creating the people not seen before: a fixed number of queries however many nominees."""
    individuals = [n for n in nominees if n.subject == Subject.INDIVIDUAL]
    wanted = {person_key(n.full_name, n.date_of_birth, unit.pk): n.gender for n in individuals}
    people, _created = ensure_people(wanted)
    for nominee in individuals:
        nominee.person = people[person_key(nominee.full_name, nominee.date_of_birth, unit.pk)]
    for nominee in nominees:
        if nominee.subject != Subject.INDIVIDUAL:
            nominee.person = None


@transaction.atomic
def nominee_save(*, by, dossier: Dossier, nominee: Nominee | None = None, expected_version: int, **data) -> Nominee:
    """Add a nominee (nominee=None) or change one; the dossier's version guards against a stale page."""
    require_editable(by, dossier)
    if Dossier.objects.filter(pk=dossier.pk, version=expected_version).count() != 1:
        raise ConcurrentEditError()
    creating = nominee is None
    nominee = nominee or Nominee(dossier=dossier)
    old = {} if creating else snapshot(Nominee.objects.get(pk=nominee.pk), NOMINEE_FIELDS)
    for name in NOMINEE_FIELDS:
        if name in data:
            setattr(nominee, name, data[name])
    nominee.full_name = normalize_text(nominee.full_name)
    if creating:
        nominee.sort_order = (dossier.nominees.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    nominee.full_clean(exclude=["dossier", "person", "verdict", "verdict_reasons"])
    link_people([nominee], dossier.unit)
    nominee.save()
    audit_record(
        actor=by,
        action="nominee_add" if creating else "nominee_update",
        obj=dossier,
        changes={f"{nominee.full_name}.{k}": v for k, v in diff_fields(nominee, old, NOMINEE_FIELDS).items()},
    )
    touch(dossier)
    eligibility_refresh(dossier=dossier)
    return nominee


@transaction.atomic
def nominees_bulk_create(*, by, dossier: Dossier, rows: list[dict]) -> list[Nominee]:
    """Add many nominees at once (the Excel import): all or nothing."""
    require_editable(by, dossier)
    start = (dossier.nominees.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    created = []
    for offset, row in enumerate(rows):
        nominee = Nominee(dossier=dossier, sort_order=start + offset, **row)
        nominee.full_name = normalize_text(nominee.full_name)
        created.append(nominee)
    link_people(created, dossier.unit)
    Nominee.objects.bulk_create(created, batch_size=500)
    audit_record(actor=by, action="nominee_import", obj=dossier, changes={"nominees": [None, len(created)]})
    touch(dossier)
    eligibility_refresh(dossier=dossier)
    return created


@transaction.atomic
def nominee_delete(*, by, nominee: Nominee) -> None:
    dossier = nominee.dossier
    require_editable(by, dossier)
    for attachment in nominee.attachments.all():
        attachment.file.delete(save=False)
    name = nominee.full_name
    nominee.delete()
    audit_record(actor=by, action="nominee_delete", obj=dossier, changes={"nominee": [name, None]})
    touch(dossier)
    eligibility_refresh(dossier=dossier)
